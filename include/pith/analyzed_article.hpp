#pragma once
/// An article cut into passages and analyzed into terms, ready for IndexWriter to store. The
/// expensive part of indexing (ICU word breaking, folding, stemming) happens here, so it can run
/// on worker threads while one thread writes.

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "pith/analyzer.hpp"
#include "pith/export.hpp"
#include "pith/article.hpp"
#include "pith/passage_splitter.hpp"

namespace pith {

struct PreparedDocuments;  // internal (indexer/passage_document.hpp)

struct AnalyzedArticle {
    Article article;
    std::vector<Passage> passages;
    /// Tokens of each passage (same order as `passages`), positions counted from 0. Empty for
    /// an article of more than 4 MB: IndexWriter then analyzes one passage at a time, so memory
    /// does not hold the tokens of the whole article at once.
    std::vector<std::vector<Token>> passage_tokens;
    /// Tokens of the title, added as title terms to every passage.
    std::vector<Token> title_tokens;
    /// The near-duplicate SimHash of the passages' tokens (0: too few words to judge), when
    /// `passage_tokens` holds them all; computed here so the one writing thread need not.
    std::optional<std::uint64_t> simhash;
    /// The passages' index documents, built here for the same reason; null for a large article
    /// (IndexWriter then builds them one at a time). Opaque: only IndexWriter reads it.
    std::shared_ptr<const PreparedDocuments> documents;
};

/// Cuts and analyzes `article`. `splitter` must have been built on `analyzer`; both come from
/// the index's configuration. Thread-safety: as Analyzer, so one analyzer/splitter per thread.
PITH_EXPORT AnalyzedArticle analyze_article(Article article, const Analyzer& analyzer, const PassageSplitter& splitter);

}  // namespace pith
