// The compact near-duplicate index answers exactly as a plain scan of every band would: the
// same candidates in the same order, so which article is named the original never changes.

#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "hashing.hpp"
#include "near_duplicates.hpp"

namespace {

// The definition the index must match: for each 16-bit band in turn, the articles sharing it in
// the order they were added; the first sighting of an id within the distance counts; nearest first.
std::vector<std::string> scan(const std::vector<std::pair<std::string, std::uint64_t>>& added, std::uint64_t simhash,
                              const std::string& self) {
    std::vector<std::pair<int, std::string>> found;
    std::set<std::string> seen;
    for (int band = 0; band < 4; ++band) {
        for (const auto& [id, hash] : added) {
            if (((hash ^ simhash) >> (16 * band) & 0xFFFF) != 0) continue;
            const int distance = std::popcount(hash ^ simhash);
            if (distance <= pith::kMaxDuplicateDistance && id != self && seen.insert(id).second)
                found.emplace_back(distance, id);
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> ids;
    for (auto& [distance, id] : found) ids.push_back(id);
    return ids;
}

}  // namespace

TEST_CASE("the near-duplicate index finds what a scan of every band finds, in the same order", "[duplicates]") {
    std::mt19937_64 random(7);
    // Clusters of hashes a few bits apart, so most queries have several candidates at several
    // distances, some sharing more than one band; ids repeat (a replaced article is added again),
    // and a few are not Pith's 16 hex digits (a library caller's own ids).
    std::vector<std::uint64_t> centres;
    for (int c = 0; c < 20; ++c) centres.push_back(random() | 1);
    auto near = [&](std::uint64_t centre) {
        std::uint64_t hash = centre;
        for (int flips = static_cast<int>(random() % 6); flips > 0; --flips) hash ^= std::uint64_t{1} << (random() % 64);
        return hash == 0 ? 1 : hash;
    };
    pith::NearDuplicateIndex index;
    std::vector<std::pair<std::string, std::uint64_t>> added;
    for (int a = 0; a < 2000; ++a) {
        std::string id = random() % 50 == 0 ? "custom-" + std::to_string(random() % 30)
                         : random() % 10 == 0 && !added.empty() ? added[random() % added.size()].first
                                                                 : pith::detail::hex64(random());
        const std::uint64_t hash = near(centres[random() % centres.size()]);
        index.add(id, hash);
        added.emplace_back(id, hash);
    }
    index.add("ignored", 0);  // no hash: never a candidate
    std::size_t with_several = 0;
    for (int q = 0; q < 500; ++q) {
        const std::uint64_t query = near(centres[random() % centres.size()]);
        const std::string self = added[random() % added.size()].first;
        const std::vector<std::string> expected = scan(added, query, self);
        CHECK(index.candidates(query, self) == expected);
        with_several += expected.size() > 1;
    }
    CHECK(with_several > 100);  // the order was put to the test
    CHECK(index.candidates(0, "").empty());
}
