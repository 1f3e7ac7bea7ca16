#pragma once
// The rescore window: the phrase and proximity boosts (order_boosts.hpp) added by Pith to the
// best passages of a match ranked without them, instead of by Xapian to every passage that
// holds the words (what Elasticsearch calls rescoring with a window_size).
//
// Why: under OP_AND_MAYBE Xapian reads the position lists of every passage holding the query's
// words, also of passages the boosts can never lift onto the page; the boosts tripled the cost
// of a several-word query at 100 MB. Ranked without them, the match only scores terms; the
// window's few hundred passages then get the boosts from their position lists here.

#include <string>
#include <vector>

#include <xapian.h>

#include "order_boosts.hpp"

namespace pith {

// The BM25+ parameters the search weights with (Searcher's weighting()), so the boosts added
// here weigh what Xapian would have added. b is 0: the stored wdfs are already normalised by
// passage length (length_normalisation.hpp), so no document length is read here either.
struct Bm25Parameters {
    double k1 = 0;  // in stored wdf units (query_k1())
};

struct RescoreCandidate {
    Xapian::docid docid = 0;
    double score = 0;          // the match's weight, then with the boosts added
    std::string collapse_key;  // the article id slot, to keep per_article passages of each article
};

// Adds to each candidate's score the weight Xapian gives the boosts it matches: a matched
// OP_NEAR/OP_PHRASE weighs the sum of its words' term weights (BM25+ of each exact term the
// passage holds, Xapian::BM25PlusWeight with the boost's OP_SCALE_WEIGHT factor). The positions
// come from the same exact terms the Xapian boosts test (order_boosts.hpp).
// `typed_forms` (QueryShape::exact_forms_out) each add their BM25+ weight × kExactFormWeight
// to the candidates holding them, as the AND_MAYBE Xapian would have run does.
void add_positional_boosts(const Xapian::Database& db, const std::vector<PositionalBoost>& boosts,
                           const std::vector<std::string>& typed_forms, const Bm25Parameters& bm25,
                           std::vector<RescoreCandidate>& candidates);

}  // namespace pith
