#include "stored_passages.hpp"

#include "pending_articles.hpp"
#include "schema.hpp"

namespace pith {

bool StoredPassages::fetch(const std::string& article_id, std::size_t ordinal, DocumentHeader& header,
                           std::string& text) {
    // Pith adds an article's passages one after the other, so in a single index passage k has
    // the document id of passage 0 plus k: one read of the document data instead of a look-up
    // of the Q term. The data says whether the guess was right; sharded indexes interleave
    // ids, and there the term decides.
    auto first = first_docid_.find(article_id);
    if (first != first_docid_.end()) {
        try {
            const std::string data = db_.get_document(first->second + static_cast<Xapian::docid>(ordinal),
                                                      Xapian::DOC_ASSUME_VALID).get_data();
            if (!data.empty()) {
                decode_document_data(data, header, text);
                if (header.article_id == article_id && header.ordinal == ordinal) return true;
            }
        } catch (const Xapian::DocNotFoundError&) {
        }
    }
    const std::string term = std::string(schema::kPassageIdPrefix) + article_id + ":" + std::to_string(ordinal);
    // An article being streamed, or an old version waiting to be deleted, shares the term.
    const Xapian::docid docid = detail::first_visible_document(db_, term);
    if (docid == 0) return false;
    decode_document_data(db_.get_document(docid, Xapian::DOC_ASSUME_VALID).get_data(), header, text);
    return true;
}

const DocumentHeader& StoredPassages::article_fields(const std::string& article_id) {
    auto found = articles_.find(article_id);
    if (found != articles_.end()) return found->second;
    DocumentHeader first;
    std::string text;
    // Every visible article has a passage 0 (a streamed one stays hidden until it is complete).
    fetch(article_id, 0, first, text);
    return articles_.emplace(article_id, std::move(first)).first->second;
}

void StoredPassages::read(const Xapian::Document& doc, DocumentHeader& header, std::string& text) {
    decode_document_data(doc.get_data(), header, text);
    if (header.ordinal < doc.get_docid())
        first_docid_.try_emplace(header.article_id, doc.get_docid() - static_cast<Xapian::docid>(header.ordinal));
    if (header.ordinal == 0) {
        articles_.try_emplace(header.article_id, header);
        return;
    }
    const DocumentHeader& article = article_fields(header.article_id);
    header.title = article.title;
    header.path = article.path;
    header.date = article.date;
    header.source = article.source;
    header.url = article.url;
    header.author = article.author;
    header.duplicate_of = article.duplicate_of;
}

std::optional<std::string> StoredPassages::text(const std::string& article_id, std::size_t ordinal) {
    DocumentHeader header;
    std::string text;
    if (!fetch(article_id, ordinal, header, text)) return std::nullopt;
    return text;
}

}  // namespace pith
