#pragma once
// What the index holds at the start of a run, as pith-index needs it: the stat pass (path,
// size, mtime), the workers' "unchanged?" test (content hash, path), the rename check (the ids
// of a content hash) and --prune (every path, and whether the run met it).
//
// An incremental run over a large index holds one of these per article for the whole run, so
// it is compact: the strings of all records in one buffer and 45 bytes of fixed fields, hash
// order and flags, about 140 bytes an article where a std::map of ArticleRecord plus a map from
// content hash to ids spent about 900 (250 MB for the 269,248 articles of the 1 GB corpus).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pith/index_writer.hpp"

namespace pith::detail {

class KnownArticles {
  public:
    struct Record {
        std::string_view id;
        std::string_view path;
        std::string_view content_hash;
        std::uint64_t file_size;
        std::int64_t mtime_ns;
    };

    // Call add() for each record, then seal() once before any lookup.
    void add(const ArticleRecord& record);
    void seal();

    bool empty() const { return entries_.empty(); }
    std::optional<Record> find(std::string_view id) const;
    // The ids of the records with this content hash, in the order they were added.
    std::vector<std::string> ids_with_hash(std::string_view content_hash) const;

    // Whether the run met (or removed) the article; only the main thread calls these, and the
    // flags live apart from the entries the workers read.
    void mark_seen(std::string_view id);
    bool seen(std::string_view id) const;
    void mark_removed(std::string_view id);
    bool removed(std::string_view id) const;

    // The records by id, i < size(), for --prune; whether the run met or removed each.
    std::size_t size() const { return entries_.size(); }
    Record record(std::size_t i) const;
    bool seen_or_removed(std::size_t i) const { return flags_[i] != 0; }

  private:
    struct Entry {
        std::uint64_t offset;  // in text_: id, path, content hash, one after the other
        std::uint32_t id_size;
        std::uint32_t path_size;
        std::uint32_t hash_size;
        std::uint32_t added;  // the order add() was called in
        std::uint64_t file_size;
        std::int64_t mtime_ns;
    };
    std::optional<std::size_t> position(std::string_view id) const;

    std::string text_;
    std::vector<Entry> entries_;           // sorted by id once sealed
    std::vector<std::uint32_t> by_hash_;   // entry positions sorted by content hash, then order added
    static constexpr std::uint8_t kSeen = 1;
    static constexpr std::uint8_t kRemoved = 2;
    std::vector<std::uint8_t> flags_;      // kSeen | kRemoved, per entry
};

}  // namespace pith::detail
