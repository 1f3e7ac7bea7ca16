#include "near_duplicates.hpp"

#include <algorithm>
#include <bit>
#include <set>

#include "hashing.hpp"

namespace pith {
namespace {

constexpr std::size_t kShingleWords = 4;
// Below this many shingles a few changed words flip many bits: too short to judge.
constexpr std::size_t kMinShingles = 8;

std::uint32_t band_key(int band, std::uint64_t simhash) {
    return static_cast<std::uint32_t>(band) << 16 | static_cast<std::uint32_t>((simhash >> (16 * band)) & 0xFFFF);
}

}  // namespace

void SimHasher::add(const std::vector<Token>& tokens) {
    std::string shingle;
    for (const Token& token : tokens) {
        if (token.variant) continue;
        if (window_.size() == kShingleWords) window_.erase(window_.begin());
        window_.push_back(token.term);
        if (window_.size() < kShingleWords) continue;
        shingle.clear();
        for (const std::string& word : window_) shingle.append(word).push_back(' ');
        const std::uint64_t hash = detail::fnv1a64(shingle);
        for (int bit = 0; bit < 64; ++bit) counts_[bit] += (hash >> bit) & 1 ? 1 : -1;
        ++shingles_;
    }
}

std::uint64_t SimHasher::value() const {
    if (shingles_ < kMinShingles) return 0;
    std::uint64_t simhash = 0;
    for (int bit = 0; bit < 64; ++bit)
        if (counts_[bit] > 0) simhash |= std::uint64_t{1} << bit;
    return simhash == 0 ? 1 : simhash;  // 0 means "no hash"
}

void NearDuplicateIndex::add(const std::string& article_id, std::uint64_t simhash) {
    if (simhash == 0) return;
    for (int band = 0; band < 4; ++band) bands_[band_key(band, simhash)].push_back({simhash, article_id});
}

std::vector<std::string> NearDuplicateIndex::candidates(std::uint64_t simhash, const std::string& self) const {
    std::vector<std::pair<int, std::string>> found;
    if (simhash == 0) return {};
    std::set<std::string> seen;
    for (int band = 0; band < 4; ++band) {
        auto it = bands_.find(band_key(band, simhash));
        if (it == bands_.end()) continue;
        for (const Entry& entry : it->second) {
            const int distance = std::popcount(entry.simhash ^ simhash);
            if (distance <= kMaxDuplicateDistance && entry.id != self && seen.insert(entry.id).second)
                found.emplace_back(distance, entry.id);
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> ids;
    for (auto& [distance, id] : found) ids.push_back(std::move(id));
    return ids;
}

}  // namespace pith
