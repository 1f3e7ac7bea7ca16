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
//
// It holds every article of the index, so it is kept compact: 40 bytes an article (the hash, the
// id as 64 bits, four chain links) plus the chain heads, at most 1 MB and never more than about
// 16 bytes an article (an index of 1024 shards must not spend 1 GB on heads), where a hash map
// of vectors of (hash, id string) per band spent ~330 bytes an article (10 MB at 29,219).
class NearDuplicateIndex {
  public:
    void add(const std::string& article_id, std::uint64_t simhash);
    // Candidates within the distance, nearest first; among equally near ones, in the order of
    // the first band they share, then in the order they were added; `self` is left out.
    std::vector<std::string> candidates(std::uint64_t simhash, const std::string& self) const;

  private:
    static constexpr std::uint32_t kNone = UINT32_MAX;
    struct Entry {
        std::uint64_t simhash;
        std::uint64_t id;           // the 16 hex digits of a Pith article id, as a number
        std::uint32_t next[4];      // the entry added before this one with the same band value
        std::uint32_t unusual_id;   // kNone, or the index in unusual_ids_ of an id that is not 16 hex digits
    };
    std::string id_of(const Entry& entry) const;
    std::size_t bucket(int band, std::uint64_t simhash) const;
    void link(std::uint32_t index);

    std::vector<Entry> entries_;
    // heads_[band * buckets + (band value % buckets)]: the last entry added to that bucket, or
    // kNone. The buckets per band grow with the entries, up to one per band value (65,536).
    std::size_t buckets_ = 0;
    std::vector<std::uint32_t> heads_;
    std::vector<std::string> unusual_ids_;  // ids a library caller chose freely
};

}  // namespace pith
