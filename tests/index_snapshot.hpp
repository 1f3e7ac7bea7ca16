#pragma once
// Everything a search can observe of an index, to compare an incrementally updated index with a
// fresh build: passages (data, terms with wdf and positions, values), term statistics, lengths,
// article records.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace pith::test {

struct IndexSnapshot {
    std::size_t documents = 0;
    unsigned long long total_length = 0;
    /// Q<passage id> → the passage document, serialized.
    std::map<std::string, std::string> passages;
    /// Every term → "termfreq/collection freq".
    std::map<std::string, std::string> term_statistics;
    /// pith.article.<id> → the record without its mtime (a fresh build reads files at another time).
    std::map<std::string, std::string> articles;
    /// Passage ids in document-id order (equal only when documents were written in the same order).
    std::vector<std::string> passage_order;
};

IndexSnapshot take_snapshot(const std::filesystem::path& index);

/// "" when equal (ignoring passage_order unless `same_order`), else the first difference.
std::string first_difference(const IndexSnapshot& a, const IndexSnapshot& b, bool same_order = false);

}  // namespace pith::test
