#pragma once
/// Writes articles into a Pith index: one Xapian document per passage, in batched commits.
/// The layout is documented in docs/index-format.md.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>

#include "pith/export.hpp"
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
enum class AddOutcome { added, replaced, unchanged };

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

    /// Makes everything added so far durable and visible to searchers.
    /// @throws pith::IndexError when Xapian cannot write.
    void commit();

    /// The configuration the index uses.
    const IndexConfig& config() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace pith
