#pragma once
// Near-duplicate articles — the same story saved twice with different wrappers — found by a
// 64-bit SimHash over word 4-shingles of the cleaned text (Charikar 2002; Manku et al. 2007 use
// the same scheme for web pages). Two articles whose hashes differ in at most kMaxDistance bits
// are near-duplicates; the later one is marked and hidden from searches (schema::kDuplicateTerm).

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "pith/analyzer.hpp"

namespace pith {

// 3 of 64 bits, Manku et al.'s threshold for near-duplicate web pages.
inline constexpr int kMaxDuplicateDistance = 3;

// The SimHash of an article's words (variants and bigrams left out), fed passage by passage so
// that huge articles, analyzed one passage at a time, need not hold all their tokens.
class SimHasher {
  public:
    void add(const std::vector<Token>& tokens);
    // 0 when the article has too few words for the hash to mean anything.
    std::uint64_t value() const;

  private:
    std::vector<std::string> window_;  // the last words, up to a shingle's length
    int counts_[64] = {};
    std::size_t shingles_ = 0;
};

// Finds, among the articles added so far, one whose SimHash is within kMaxDuplicateDistance bits.
// With distance <= 3, two hashes agree on at least one of four 16-bit bands (pigeonhole), so
// only the articles sharing a band are compared.
class NearDuplicateIndex {
  public:
    void add(const std::string& article_id, std::uint64_t simhash);
    // Candidates within the distance, nearest first; `self` is left out.
    std::vector<std::string> candidates(std::uint64_t simhash, const std::string& self) const;

  private:
    struct Entry {
        std::uint64_t simhash;
        std::string id;
    };
    std::unordered_map<std::uint32_t, std::vector<Entry>> bands_;  // key: band number << 16 | value
};

}  // namespace pith
