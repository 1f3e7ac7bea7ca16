#include "passage_document.hpp"

#include <string_view>

#include "hashing.hpp"
#include "length_normalisation.hpp"
#include "schema.hpp"

namespace pith {
namespace {

std::string bounded_term(std::string_view prefix, const std::string& value) {
    std::string term = std::string(prefix) + value;
    if (term.size() <= schema::kMaxTermBytes) return term;
    // Long paths are kept findable by a hash instead of a truncated (ambiguous) prefix.
    return std::string(prefix) + "#" + detail::hex64(detail::fnv1a64(value));
}

}  // namespace

ArticleTerms article_terms(const Article& article, const std::vector<Token>& title_tokens, const Analyzer& analyzer) {
    ArticleTerms shared;
    shared.article_term = std::string(schema::kArticleIdPrefix) + article.id;
    shared.path_term = bounded_term(schema::kPathPrefix, article.path.string());
    shared.date = compact_date(article.date);
    if (!article.source.empty()) {
        std::string source = source_term(analyzer.analyze(article.source));
        if (source.size() > schema::kSourcePrefix.size()) shared.source = std::move(source);
    }
    for (const Token& token : title_tokens) shared.title_terms.push_back(title_term(token));
    DocumentHeader& header = shared.header;
    header.article_id = article.id;
    header.title = article.title;
    header.path = article.path.string();
    // A JSON Lines record shows as file.jsonl:LINE; its P term stays the file's path.
    if (article.line > 0) header.path.append(1, ':').append(std::to_string(article.line));
    header.date = shared.date.empty() ? "" : article.date;
    header.source = article.source;
    header.url = article.url;
    header.author = article.author;
    shared.bm25_b = analyzer.config().bm25_b;
    shared.reference_length = analyzer.config().bm25_reference_length;
    return shared;
}

Xapian::Document passage_document(const ArticleTerms& shared, const Passage& passage,
                                  const std::vector<Token>& tokens, SpellingCounts& spelling) {
    Xapian::Document doc;
    DocumentHeader header = shared.header;
    header.ordinal = passage.ordinal;
    header.begin = passage.begin;
    header.end = passage.end;
    doc.set_data(encode_document_data(header, passage.text));
    // Counted first: a term's wdf depends on the passage's length, known only at the end.
    std::unordered_map<std::string, Xapian::termcount> counts;
    Xapian::termcount length = 0;
    auto count = [&](std::string term) {
        ++counts[std::move(term)];
        ++length;
    };
    for (const Token& token : tokens) {
        doc.add_posting(token.term, token.position + 1, 0);
        count(token.term);
        // The spelling table feeds "Did you mean" from the index's own words.
        if (!token.variant && !token.stem.empty()) ++spelling[token.term];
        if (!token.stem.empty()) count(std::string(schema::kStemPrefix) + token.stem);
    }
    for (const std::string& term : shared.title_terms) count(term);
    for (const auto& [term, occurrences] : counts)
        doc.add_term(term, normalised_wdf(occurrences, length, shared.bm25_b, shared.reference_length));
    doc.add_boolean_term(shared.article_term);
    doc.add_boolean_term(shared.path_term);
    doc.add_boolean_term(std::string(schema::kPassageIdPrefix) + shared.header.article_id + ":" +
                         std::to_string(passage.ordinal));
    doc.add_value(schema::kSlotArticleId, shared.header.article_id);
    if (!shared.date.empty()) {
        doc.add_boolean_term(std::string(schema::kDatePrefix) + shared.date);
        doc.add_value(schema::kSlotDate, shared.date);
    }
    if (!shared.source.empty()) doc.add_boolean_term(shared.source);
    doc.add_value(schema::kSlotPassageOrdinal, Xapian::sortable_serialise(static_cast<double>(passage.ordinal)));
    return doc;
}

void mark_duplicate_passage(Xapian::WritableDatabase& db, Xapian::docid docid, const std::string& original) {
    Xapian::Document doc = db.get_document(docid);
    DocumentHeader header;
    std::string text;
    decode_document_data(doc.get_data(), header, text);
    header.duplicate_of = original;
    doc.set_data(encode_document_data(header, text));
    doc.add_boolean_term(std::string(schema::kDuplicateTerm));
    db.replace_document(docid, doc);
}

}  // namespace pith
