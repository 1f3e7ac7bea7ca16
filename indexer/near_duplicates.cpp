#include "near_duplicates.hpp"

#include <algorithm>
#include <bit>
#include <set>
#include <stdexcept>

#include "hashing.hpp"

namespace pith {
namespace {

constexpr std::size_t kShingleWords = 4;
// Below this many shingles a few changed words flip many bits: too short to judge.
constexpr std::size_t kMinShingles = 8;

// Pith's article ids are 16 lower-case hex digits (hex64); their number is stored instead.
bool parse_hex64(const std::string& text, std::uint64_t& value) {
    if (text.size() != 16) return false;
    value = 0;
    for (char c : text) {
        int digit;
        if (c >= '0' && c <= '9') digit = c - '0';
        else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
        else return false;
        value = value << 4 | static_cast<std::uint64_t>(digit);
    }
    return true;
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

std::size_t NearDuplicateIndex::bucket(int band, std::uint64_t simhash) const {
    const std::size_t value = (simhash >> (16 * band)) & 0xFFFF;
    return static_cast<std::size_t>(band) * buckets_ + (value & (buckets_ - 1));
}

// Puts entry `index` at the head of its bucket's chain in each band.
void NearDuplicateIndex::link(std::uint32_t index) {
    Entry& entry = entries_[index];
    for (int band = 0; band < 4; ++band) {
        std::uint32_t& head = heads_[bucket(band, entry.simhash)];
        entry.next[band] = head;
        head = index;
    }
}

void NearDuplicateIndex::add(const std::string& article_id, std::uint64_t simhash) {
    if (simhash == 0) return;
    if (entries_.size() >= kNone) throw std::length_error("too many articles for the near-duplicate index");
    Entry entry{simhash, 0, {}, kNone};
    if (!parse_hex64(article_id, entry.id)) {
        entry.unusual_id = static_cast<std::uint32_t>(unusual_ids_.size());
        unusual_ids_.push_back(article_id);
    }
    entries_.push_back(entry);
    if (entries_.size() > 2 * buckets_ && buckets_ < (std::size_t{1} << 16)) {
        // Rechained in the order added, so each chain still runs from the newest entry back.
        buckets_ = std::max<std::size_t>(64, buckets_ * 2);
        heads_.assign(4 * buckets_, kNone);
        for (std::size_t i = 0; i < entries_.size(); ++i) link(static_cast<std::uint32_t>(i));
    } else {
        link(static_cast<std::uint32_t>(entries_.size() - 1));
    }
}

std::string NearDuplicateIndex::id_of(const Entry& entry) const {
    return entry.unusual_id == kNone ? detail::hex64(entry.id) : unusual_ids_[entry.unusual_id];
}

std::vector<std::string> NearDuplicateIndex::candidates(std::uint64_t simhash, const std::string& self) const {
    if (simhash == 0) return {};
    // Gathered per band newest first (the chains run backwards), then put in the order a scan
    // of each band's articles in the order they were added would meet them.
    struct Match {
        int band;
        std::uint32_t entry;
        int distance;
    };
    std::vector<Match> matches;
    for (int band = 0; band < 4; ++band) {
        const std::size_t first = matches.size();
        if (buckets_ == 0) break;
        for (std::uint32_t i = heads_[bucket(band, simhash)]; i != kNone; i = entries_[i].next[band]) {
            // A bucket holds several band values until it has grown to one per value.
            if (((entries_[i].simhash ^ simhash) >> (16 * band) & 0xFFFF) != 0) continue;
            const int distance = std::popcount(entries_[i].simhash ^ simhash);
            if (distance <= kMaxDuplicateDistance) matches.push_back({band, i, distance});
        }
        std::reverse(matches.begin() + static_cast<std::ptrdiff_t>(first), matches.end());
    }
    std::vector<std::pair<int, std::string>> found;
    std::set<std::string> seen;
    for (const Match& match : matches) {
        std::string id = id_of(entries_[match.entry]);
        if (id != self && seen.insert(id).second) found.emplace_back(match.distance, std::move(id));
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> ids;
    for (auto& [distance, id] : found) ids.push_back(std::move(id));
    return ids;
}

}  // namespace pith
