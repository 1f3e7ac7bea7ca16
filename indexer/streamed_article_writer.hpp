#pragma once
// Writes an article read in windows (ArticleStream) over several Xapian commits, without ever
// holding the whole article, and without a searcher ever seeing part of it:
//   1. its marker goes on the pending list (pending_articles.hpp), committed;
//   2. each window's passages are written (the very documents passage_document() makes for a
//      whole article, plus the marker term) and committed;
//   3. one last transaction writes the article's record, takes the marker off the list and
//      hides the previous version (its marker goes on the list; an unstreamed previous
//      version is small and is deleted right there);
//   4. a hidden previous version is deleted in batches, then its marker leaves the list.
// A crash at any point leaves either the old version or the new one visible, never a mix;
// the next writer deletes whatever the list still names (finish_pending()).

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <xapian.h>

#include "article_stream.hpp"
#include "pith/analyzer.hpp"
#include "pith/index_writer.hpp"
#include "pith/passage_splitter.hpp"

namespace pith::detail {

// What the write needs from the IndexWriter it goes through.
struct StreamTarget {
    Xapian::WritableDatabase& db;
    const Analyzer& index_analyzer;
    const PassageSplitter& splitter;
    // The analyzer of the article's own language (may record the language in the index).
    std::function<Analyzer&(const Article&)> analyzer_for;
    // The article `id` with SimHash `simhash` nearly duplicates, or empty.
    std::function<std::string(const std::string& id, std::uint64_t simhash)> original_of;
    // The record (metadata value) of a complete article.
    std::function<std::string(const Article&, std::size_t passages, std::uint64_t simhash,
                              const std::string& duplicate_of, const std::string& marker)>
        record_json;
    // The version being replaced, if any.
    std::optional<ArticleRecord> previous;
};

struct StreamedWrite {
    AddOutcome outcome = AddOutcome::added;
    std::size_t passages = 0;
    std::uint64_t simhash = 0;
};

// Writes `stream`'s article. `keep_going` is called after each window with the bytes read so
// far; when it returns false the article's written passages are deleted and the outcome is
// AddOutcome::interrupted. Must be called outside a transaction.
// @throws Xapian::Error from the database; pith::InputError when the file cannot be read to
//         its end (what was written of it is deleted first).
StreamedWrite write_streamed_article(StreamTarget& target, ArticleStream& stream,
                                     const std::function<bool(std::uint64_t bytes_read)>& keep_going);

}  // namespace pith::detail
