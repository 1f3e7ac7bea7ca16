#include "xapian_query.hpp"

#include "document_data.hpp"
#include "schema.hpp"

namespace pith {
namespace {

Xapian::Query or_of(const std::vector<Xapian::Query>& parts);

// One word of a clause, or its unaccented form (Québec also finds Quebec) or its form without
// an elided article (l'été also finds été). A document holding
// the exact accented word holds both forms, so it outranks one with the bare form only.
Xapian::Query word_query(const QueryClause& clause, const Token& word, bool by_stem) {
    auto term_of = [by_stem](const Token& token) {
        return by_stem && !token.stem.empty() ? std::string(schema::kStemPrefix) + token.stem : token.term;
    };
    std::vector<Xapian::Query> forms{Xapian::Query(term_of(word))};
    for (const Token& variant : clause.variants)
        if ((variant.form == TokenForm::unaccented || variant.form == TokenForm::elided) &&
            variant.position == word.position)
            forms.emplace_back(term_of(variant));
    return or_of(forms);
}

Xapian::Query clause_query(const QueryClause& clause) {
    Xapian::Query query;
    if (clause.is_phrase()) {
        std::vector<Xapian::Query> words;
        for (const Token& word : clause.words) words.push_back(word_query(clause, word, false));
        query = Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(),
                              static_cast<Xapian::termcount>(words.size()));
    } else {
        query = word_query(clause, clause.words[0], clause.matches_by_stem());
    }
    // Chinese/Japanese/Thai/Korean: the clause's bigrams as an exact phrase also match (they
    // take consecutive positions, cjk_bigrams.hpp), so 工具 finds 工具箱 even where the
    // dictionary made one word of it, but not 工 and 具 apart. Exact words match both and rank first.
    std::vector<Xapian::Query> bigrams;
    for (const Token& variant : clause.variants)
        if (variant.form == TokenForm::bigram) bigrams.emplace_back(variant.term);
    if (!bigrams.empty())
        query = Xapian::Query(Xapian::Query::OP_OR, query,
                              Xapian::Query(Xapian::Query::OP_PHRASE, bigrams.begin(), bigrams.end(),
                                            static_cast<Xapian::termcount>(bigrams.size())));
    // A whole e-mail address or URL is also one term, weighted as all its parts together: one
    // rare term alone scores below a phrase of several, yet holding the address itself is the
    // stronger evidence, and a passage repeating the parts must not outrank it.
    for (const Token& variant : clause.variants)
        if (variant.form == TokenForm::address)
            query = Xapian::Query(Xapian::Query::OP_OR, query,
                                  Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(variant.term),
                                                static_cast<double>(clause.words.size())));
    return query;
}

Xapian::Query or_of(const std::vector<Xapian::Query>& parts) {
    if (parts.size() == 1) return parts[0];
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

}  // namespace

Xapian::Query build_xapian_query(const ParsedQuery& query, const IndexConfig& config) {
    std::vector<Xapian::Query> required;
    std::vector<Xapian::Query> optional;
    std::vector<Xapian::Query> title_terms;
    for (const QueryGroup& group : query.groups) {
        std::vector<Xapian::Query> alternatives;
        for (const QueryClause& clause : group.clauses) {
            alternatives.push_back(clause_query(clause));
            if (!group.optional)
                for (const Token& word : clause.words) title_terms.emplace_back(title_term(word));
        }
        (group.optional ? optional : required).push_back(or_of(alternatives));
    }

    Xapian::Query result(Xapian::Query::OP_AND, required.begin(), required.end());
    if (!optional.empty()) result = Xapian::Query(Xapian::Query::OP_AND_MAYBE, result, or_of(optional));
    if (!query.excluded.empty()) {
        std::vector<Xapian::Query> excluded;
        for (const QueryClause& clause : query.excluded) excluded.push_back(clause_query(clause));
        result = Xapian::Query(Xapian::Query::OP_AND_NOT, result, or_of(excluded));
    }
    // Title matches only add weight: which passages match is decided by their own text.
    if (config.title_weight > 0 && !title_terms.empty())
        result = Xapian::Query(Xapian::Query::OP_AND_MAYBE, result,
                               Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, or_of(title_terms), config.title_weight));
    return result;
}

}  // namespace pith
