#pragma once
// Phrase and proximity boosts: extra weight for passages whose query words stand together.

#include <vector>

#include <xapian.h>

#include "pith/config.hpp"
#include "pith/query.hpp"
#include "xapian_query.hpp"

namespace pith {

// The boosts for a top-level query, each already scaled by its config weight, to be joined to
// the match with OP_AND_MAYBE (so they reorder matches and never change which passages match):
// - proximity: each pair of neighbouring non-stopword query words within
//   config.proximity_window positions (OP_NEAR), scaled by config.proximity_weight;
// - phrase: each quoted phrase of a query with other clauses, and each run of two or more words
//   typed without quotes in the order typed (OP_PHRASE), scaled by config.phrase_weight.
// Positions live on exact terms only (stems carry none), so boosts use each word's exact term
// and its unaccented/elided forms. `parts`, when given, receives one labelled part per boost.
std::vector<Xapian::Query> order_boosts(const ParsedQuery& query, const IndexConfig& config,
                                        std::vector<ScoredPart>* parts);

}  // namespace pith
