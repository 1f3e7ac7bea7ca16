#pragma once
/// Writes an index as N shards: N ordinary Pith indexes in one directory plus a Xapian stub
/// database file (`XAPIANDB`) that lists them, so Searcher, pith-search and any Xapian program
/// open the directory (or the stub file) as one database. Shards can be served from other
/// machines by xapian-tcpsrv and listed with `remote HOST:PORT` lines (docs/scaling.md).

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pith/export.hpp"
#include "pith/analyzed_article.hpp"
#include "pith/article.hpp"
#include "pith/config.hpp"
#include "pith/index_writer.hpp"

namespace pith {

class ShardedIndexWriter;

namespace detail {
// detail::add_streamed() (index_writer.hpp) through a single-shard writer; throws
// pith::IndexError for a sharded index, whose other shards' searchers could not see the
// pending list. Internal: not exported from libpith.so.
AddOutcome add_streamed(ShardedIndexWriter& writer, ArticleStream& stream,
                        const std::function<bool(std::uint64_t bytes_read)>& keep_going, std::size_t* passages);
}  // namespace detail

/// Thread-safety: as IndexWriter (one per index, methods called from one thread).
class PITH_EXPORT ShardedIndexWriter {
  public:
    /// Opens or creates the index in `index_dir`.
    /// `shards`: 0 keeps the existing layout (a new index is a single, unsharded one); 1 asks for
    /// a single index; N ≥ 2 for N shards in `index_dir`/shard-0 … shard-(N-1) and a stub
    /// `index_dir`/XAPIANDB. Changing the number of shards of an existing index needs
    /// OpenMode::rebuild (articles move between shards); a single index is never turned into a
    /// sharded one in place, or back. `config` and `mode` apply to every shard as in IndexWriter.
    /// @throws pith::IndexError for a layout conflict or a stub that lists other databases than
    ///         this writer's local shards (hand-edited, remote), and everything IndexWriter throws.
    ShardedIndexWriter(const std::filesystem::path& index_dir, std::size_t shards,
                       const std::optional<IndexConfig>& config, OpenMode mode);
    ~ShardedIndexWriter();
    ShardedIndexWriter(const ShardedIndexWriter&) = delete;
    ShardedIndexWriter& operator=(const ShardedIndexWriter&) = delete;

    /// Adds the article to its shard (shard_of(article.id)); see IndexWriter::add.
    AddOutcome add(const Article& article, std::size_t* passages = nullptr);
    AddOutcome add(const AnalyzedArticle& analyzed, std::size_t* passages = nullptr);

    /// As IndexWriter::refresh_stat / remove, on the article's shard.
    void refresh_stat(const Article& article);
    bool remove(const std::string& article_id);

    /// Every article of every shard.
    std::vector<ArticleRecord> articles() const;
    /// Each article of every shard, one at a time (shard by shard, by id within a shard).
    void for_each_article(const std::function<void(ArticleRecord&& record)>& visit) const;

    /// As IndexWriter::set_untrusted_mtime_after, for every shard.
    void set_untrusted_mtime_after(std::int64_t mtime_ns);

    /// Commits every shard. Each shard commits atomically; a crash between two shards' commits
    /// leaves the earlier ones committed, and a rerun finishes the rest (unchanged articles are
    /// skipped).
    /// @throws pith::IndexError when Xapian cannot write.
    void commit();

    /// Number of shards (1 for a single index).
    std::size_t shard_count() const;

    /// The configuration the index uses.
    const IndexConfig& config() const;

    /// The shard an article is placed in: FNV-1a 64 of its id, modulo `shards`. Stable across
    /// runs and machines, so a re-indexed article replaces its old passages in the same shard.
    static std::size_t shard_of(std::string_view article_id, std::size_t shards);

    /// The stub file name inside a sharded index directory.
    static constexpr std::string_view kStubFileName = "XAPIANDB";

  private:
    friend AddOutcome detail::add_streamed(ShardedIndexWriter&, detail::ArticleStream&,
                                           const std::function<bool(std::uint64_t)>&, std::size_t*);
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace pith
