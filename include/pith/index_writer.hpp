#pragma once
/// Writes articles into a Pith index: one Xapian document per passage, in batched commits.
/// The layout is documented in docs/index-format.md.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pith/export.hpp"
#include "pith/analyzed_article.hpp"
#include "pith/article.hpp"
#include "pith/config.hpp"

namespace pith {

enum class OpenMode {
    /// Open the index, creating it when missing; unchanged articles are skipped.
    update,
    /// Discard any existing index content and start afresh.
    rebuild,
};

/// What add() did with an article.
enum class AddOutcome {
    added,
    replaced,
    unchanged,
    /// A streamed article whose writing was stopped: nothing of it was kept.
    interrupted,
};

class IndexWriter;

namespace detail {
class ArticleStream;
// IndexWriter's streamed add, for run_indexer() (indexer/streamed_article_writer.hpp): indexes
// an article read in windows over several commits, invisible to searchers until complete.
// Internal: not exported from libpith.so.
AddOutcome add_streamed(IndexWriter& writer, ArticleStream& stream,
                        const std::function<bool(std::uint64_t bytes_read)>& keep_going, std::size_t* passages);
// For a parallel build (indexer/parallel_build.hpp): a writer of a later run of files leaves
// near-duplicates undecided, since the articles before its run are in other shards; once the
// shards are merged, settle_near_duplicates() decides them for the articles in `unsettled`, in
// document order, as a single writer would have. Internal: not exported from libpith.so.
void defer_near_duplicates(IndexWriter& writer);
// For a parallel build: `writers` writers share one batch's worth of memory, each committing
// after 1/writers of batch_articles and of the batch's bytes, so a parallel build holds no more
// uncommitted work than one writer. Internal: not exported from libpith.so.
void share_batch(IndexWriter& writer, std::size_t writers);
void settle_near_duplicates(IndexWriter& writer, const std::set<std::string>& unsettled);
}  // namespace detail

/// What the index remembers of an article (metadata key pith.article.<id>).
struct ArticleRecord {
    std::string id;
    std::string path;
    std::string content_hash;
    /// File size and modification time when indexed; mtime_ns 0 means "do not trust the stat,
    /// hash the content" (the file changed too close to the time it was indexed).
    std::uint64_t file_size = 0;
    std::int64_t mtime_ns = 0;
    std::size_t passages = 0;
    /// SimHash of the article's words (0: too short to have one), and the id of the article it
    /// nearly duplicates (empty: none); see docs/index-format.md.
    std::uint64_t simhash = 0;
    std::string duplicate_of;
    /// The marker term on every passage of a streamed article (empty: not streamed).
    std::string stream_marker;
};

/// Thread-safety: one IndexWriter per index at a time (Xapian's lock enforces it across
/// processes); its methods must be called from one thread.
class PITH_EXPORT IndexWriter {
  public:
    /// Opens or creates the index in `index_dir`.
    /// `config`: the configuration for a new index. For an existing index, nullopt keeps the
    /// stored configuration; a configuration whose analysis differs from the stored one is
    /// refused unless `mode` is rebuild.
    /// @throws pith::IndexError when the index is locked by another writer, corrupt, of another
    ///         schema version, or the configuration conflicts; pith::ConfigError for a bad
    ///         configuration.
    IndexWriter(const std::filesystem::path& index_dir, const std::optional<IndexConfig>& config,
                OpenMode mode);
    /// Commits what is pending. Errors at this point are swallowed; call commit() to see them.
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    /// Indexes an article's passages, replacing the passages it had before. An article whose
    /// content hash matches the indexed one is left alone. Commits every
    /// `batch_articles` changed articles.
    /// @returns what was done; `passages` (if given) receives the number of passages written.
    AddOutcome add(const Article& article, std::size_t* passages = nullptr);

    /// Like add(), for an article already cut and analyzed (analyze_article(), possibly on
    /// another thread with its own Analyzer built from config()).
    AddOutcome add(const AnalyzedArticle& analyzed, std::size_t* passages = nullptr);

    /// Records a new size and modification time for an indexed article whose content is
    /// unchanged, so the next run can skip it on a stat. No-op for an unknown article.
    void refresh_stat(const Article& article);

    /// Removes an article's passages and record. @returns false when it was not indexed.
    /// Counts towards the batch like add().
    bool remove(const std::string& article_id);

    /// Every article the index holds, by id.
    std::vector<ArticleRecord> articles() const;

    /// Calls `visit` with each article the index holds, by id, one at a time: for indexes too
    /// large to hold every record at once.
    void for_each_article(const std::function<void(ArticleRecord&& record)>& visit) const;

    /// Stored sizes and times at or after this moment (ns since the epoch) are recorded as
    /// untrusted (mtime 0): a file rewritten within the same clock tick after being read would
    /// otherwise look unchanged forever. Set it to the time the run started.
    void set_untrusted_mtime_after(std::int64_t mtime_ns);

    /// Makes everything added so far durable and visible to searchers.
    /// @throws pith::IndexError when Xapian cannot write.
    void commit();

    /// The configuration the index uses.
    const IndexConfig& config() const;

  private:
    friend AddOutcome detail::add_streamed(IndexWriter&, detail::ArticleStream&,
                                           const std::function<bool(std::uint64_t)>&, std::size_t*);
    friend void detail::defer_near_duplicates(IndexWriter&);
    friend void detail::share_batch(IndexWriter&, std::size_t);
    friend void detail::settle_near_duplicates(IndexWriter&, const std::set<std::string>&);
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace pith
