#pragma once
// Turns a parsed query into the Xapian::Query run against the index (schema.hpp's terms).

#include <string>
#include <vector>

#include <xapian.h>

#include "pith/config.hpp"
#include "pith/query.hpp"

namespace pith {

// One weighted leaf of the query, for --explain: what it is and the query that scores it.
struct ScoredPart {
    std::string label;
    Xapian::Query query;
};

// `db` resolves path: (against the indexed paths) and checks prefix expansions against
// kMaxPrefixExpansion; without it (unit tests) prefixes become unchecked wildcards and path:
// matches nothing. `parts`, when given, receives the weighted leaves.
// @throws pith::QueryError when a prefix matches too many words.
// With `with_order_boosts` false the phrase and proximity boosts (order_boosts.hpp) are left
// out of the query, for the caller to add to the best passages itself (rescore.hpp); `parts`
// still lists them, so --explain shows what they add.
Xapian::Query build_xapian_query(const ParsedQuery& query, const IndexConfig& config,
                                 const Xapian::Database* db = nullptr, std::vector<ScoredPart>* parts = nullptr,
                                 bool with_order_boosts = true);

// The exact term of `word` (a word of `clause`) OR its unaccented and elided forms at its
// position: what a phrase or proximity clause matches, since only exact terms carry positions.
Xapian::Query exact_word_query(const QueryClause& clause, const Token& word);

// The terms exact_word_query() ORs together.
std::vector<std::string> exact_word_terms(const QueryClause& clause, const Token& word);

}  // namespace pith
