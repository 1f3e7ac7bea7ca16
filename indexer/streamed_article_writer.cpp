#include "streamed_article_writer.hpp"

#include <vector>

#include "near_duplicates.hpp"
#include "passage_document.hpp"
#include "pending_articles.hpp"
#include "pith/error.hpp"
#include "schema.hpp"

namespace pith::detail {
namespace {

// Documents rewritten per commit when a finished article turns out to be a near-duplicate.
constexpr std::size_t kRewriteBatch = 2000;

std::vector<Xapian::docid> postings(const Xapian::Database& db, const std::string& term) {
    std::vector<Xapian::docid> docids;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) docids.push_back(*it);
    return docids;
}

// Marks the article's passages as a near-duplicate of `original`, as IndexWriter::add() does
// for a whole article, a batch per commit (they are still hidden).
void mark_duplicate(Xapian::WritableDatabase& db, const std::string& marker, const std::string& original) {
    const std::vector<Xapian::docid> docids = postings(db, marker);
    for (std::size_t start = 0; start < docids.size(); start += kRewriteBatch) {
        db.begin_transaction();
        for (std::size_t i = start; i < std::min(docids.size(), start + kRewriteBatch); ++i)
            mark_duplicate_passage(db, docids[i], original);
        db.commit_transaction();
    }
}

// Takes back a streamed article that will not be completed.
void abandon(Xapian::WritableDatabase& db, const std::string& marker) {
    delete_marked_passages(db, marker);
    db.begin_transaction();
    drop_pending(db, marker);
    db.commit_transaction();
}

}  // namespace

StreamedWrite write_streamed_article(StreamTarget& target, ArticleStream& stream,
                                     const std::function<bool(std::uint64_t)>& keep_going) {
    Xapian::WritableDatabase& db = target.db;
    Article article = stream.article();
    const std::string marker = stream_marker(article.id, article.content_hash);

    // Passages of this very version left by an interrupted run that nobody cleaned up.
    if (db.term_exists(marker)) {
        db.begin_transaction();
        add_pending(db, marker);
        db.commit_transaction();
        delete_marked_passages(db, marker);
    }
    db.begin_transaction();
    add_pending(db, marker);
    Analyzer& analyzer = target.analyzer_for(article);
    const ArticleTerms shared = article_terms(article, analyzer.analyze(article.title), target.index_analyzer);
    db.commit_transaction();

    // The previous version's passages all have smaller document ids than the new ones.
    const Xapian::docid last_old = db.get_lastdocid();
    PassageStream passages(target.splitter);
    SimHasher hasher;
    SpellingCounts spelling;
    StreamedWrite result;
    auto write = [&](const std::vector<Passage>& batch) {
        db.begin_transaction();
        for (const Passage& passage : batch) {
            const std::vector<Token> tokens = analyzer.analyze(passage.text);
            hasher.add(tokens);
            Xapian::Document doc = passage_document(shared, passage, tokens, spelling);
            doc.add_boolean_term(marker);
            db.add_document(doc);
            for (const auto& [word, count] : spelling) db.add_spelling(word, count);
            spelling.clear();
        }
        db.commit_transaction();
        result.passages += batch.size();
    };
    try {
        for (;;) {
            std::optional<std::string> piece = stream.next();
            write(piece ? passages.feed(*piece) : passages.finish());
            if (!piece) break;
            if (!keep_going(stream.bytes_read())) {
                abandon(db, marker);
                result.outcome = AddOutcome::interrupted;
                return result;
            }
        }
    } catch (const InputError&) {
        if (db.term_exists(marker)) abandon(db, marker);
        else {
            db.begin_transaction();
            drop_pending(db, marker);
            db.commit_transaction();
        }
        throw;
    }

    article = stream.article();  // with the counts gathered while reading
    // A file rewritten while it was read is indexed as read; its stat is not trusted next time.
    if (!stream.unchanged_while_read()) article.mtime_ns = 0;
    result.simhash = hasher.value();
    const std::string original = target.original_of(article.id, result.simhash);
    if (!original.empty()) mark_duplicate(db, marker, original);

    const std::string article_term = std::string(schema::kArticleIdPrefix) + article.id;
    db.begin_transaction();
    std::string old_marker;
    if (target.previous) {
        if (!target.previous->stream_marker.empty() && target.previous->stream_marker != marker) {
            old_marker = target.previous->stream_marker;
            add_pending(db, old_marker);
        } else {
            // An unstreamed version is small enough to delete in this one transaction.
            for (Xapian::docid docid : postings(db, article_term))
                if (docid <= last_old) db.delete_document(docid);
        }
    }
    drop_pending(db, marker);
    db.set_metadata(std::string(schema::kMetaArticlePrefix) + article.id,
                    target.record_json(article, result.passages, result.simhash, original, marker));
    db.commit_transaction();
    if (!old_marker.empty()) abandon(db, old_marker);
    result.outcome = target.previous ? AddOutcome::replaced : AddOutcome::added;
    return result;
}

}  // namespace pith::detail
