#pragma once
// Phrase and proximity boosts: extra weight for passages whose query words stand together.

#include <string>
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

// One boost as data, for scoring it outside Xapian's match (rescore.hpp): the same boosts
// order_boosts() turns into queries, with what Xapian needs to weight them.
struct PositionalBoost {
    enum class Kind {
        near,    // every word within `window` positions, any order, each at its own position
        phrase,  // the words at consecutive positions in order (window = the number of words)
    };
    std::string label;
    Kind kind = Kind::near;
    // Per word, the exact terms that stand for it (the typed form, its unaccented and elided
    // forms): a word is at a position when any of them is; each one present adds its weight.
    std::vector<std::vector<std::string>> words;
    Xapian::termcount window = 0;
    // The OP_SCALE_WEIGHT factor: config.proximity_weight or config.phrase_weight.
    double scale = 0;
    // Boosts tested only where this one matched (a run's phrase nested in its first pair).
    std::vector<PositionalBoost> nested;
};

// The boosts of order_boosts() as data, in the same order and nesting.
std::vector<PositionalBoost> positional_boosts(const ParsedQuery& query, const IndexConfig& config);

// The Xapian form of one boost (OP_SCALE_WEIGHT of OP_NEAR or OP_PHRASE, nested boosts joined
// with OP_AND_MAYBE); `parts`, when given, receives it and each nested boost, labelled.
Xapian::Query boost_query(const PositionalBoost& boost, std::vector<ScoredPart>* parts);

}  // namespace pith
