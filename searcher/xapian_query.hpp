#pragma once
// Turns a parsed query into the Xapian::Query run against the index (schema.hpp's terms).

#include <string>
#include <vector>

#include <xapian.h>

#include "pith/config.hpp"
#include "pith/query.hpp"

namespace pith {

// Weight of a word's typed form next to its stem: the form the user typed ranks a little above
// its other inflections (Cranfield dev nDCG@10 0.372 → 0.374); matching is still by stem.
inline constexpr double kExactFormWeight = 0.3;

// One weighted leaf of the query, for --explain: what it is and the query that scores it.
struct ScoredPart {
    std::string label;
    Xapian::Query query;
};

// How the query is shaped; every shape matches the same passages with the same weights.
struct QueryShape {
    // With false the phrase and proximity boosts (order_boosts.hpp) are left out of the query,
    // for the caller to add to the best passages itself (rescore.hpp); `parts` still lists them,
    // so --explain shows what they add.
    bool with_order_boosts = true;
    // A required plain word matches by its stem alone and its typed form's weight is added to
    // the passages that already match (AND_MAYBE) instead of being ORed with the stem: the AND
    // then walks the stem lists only and reads the typed forms' lists just for its matches.
    // Same passages and weights as the OR only when every passage holding the typed form also
    // holds its stem, which holds for one analyzer language; the searcher sets it then.
    bool exact_forms_after_match = false;
    // When given (with exact_forms_after_match), those typed forms are not in the query at all
    // but listed here, for the caller to add their weight (kExactFormWeight each) to the
    // passages it shows: the rescore window (rescore.hpp) does, so Xapian's match walks the
    // stem lists alone.
    std::vector<std::string>* exact_forms_out = nullptr;
    // When given, the title boost is stored here (empty when there is none) instead of being
    // part of the returned query, for the caller to run the title-matching passages first.
    Xapian::Query* title_boost = nullptr;
};

// `db` resolves path: (against the indexed paths) and checks prefix expansions against
// kMaxPrefixExpansion; without it (unit tests) prefixes become unchecked wildcards and path:
// matches nothing. `parts`, when given, receives the weighted leaves.
// @throws pith::QueryError when a prefix matches too many words.
Xapian::Query build_xapian_query(const ParsedQuery& query, const IndexConfig& config,
                                 const Xapian::Database* db = nullptr, std::vector<ScoredPart>* parts = nullptr,
                                 const QueryShape& shape = {});

// The exact term of `word` (a word of `clause`) OR its unaccented and elided forms at its
// position: what a phrase or proximity clause matches, since only exact terms carry positions.
Xapian::Query exact_word_query(const QueryClause& clause, const Token& word);

// The terms exact_word_query() ORs together.
std::vector<std::string> exact_word_terms(const QueryClause& clause, const Token& word);

}  // namespace pith
