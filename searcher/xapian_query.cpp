#include "xapian_query.hpp"

#include "document_data.hpp"
#include "schema.hpp"

namespace pith {
namespace {

Xapian::Query clause_query(const QueryClause& clause) {
    if (clause.is_phrase()) {
        std::vector<Xapian::Query> terms;
        for (const Token& word : clause.words) terms.emplace_back(word.term);
        return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                             static_cast<Xapian::termcount>(terms.size()));
    }
    if (clause.matches_by_stem()) return Xapian::Query(std::string(schema::kStemPrefix) + clause.words[0].stem);
    return Xapian::Query(clause.words[0].term);
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
