#pragma once
// Builds the Xapian document of one passage (docs/index-format.md: terms, values, data). The one
// place that decides what a passage document holds, whichever way the article reaches the
// writer (whole, analyzed on a worker, or streamed in pieces).

#include <unordered_map>
#include <string>
#include <vector>

#include <xapian.h>

#include "document_data.hpp"
#include "pith/analyzer.hpp"
#include "pith/article.hpp"
#include "pith/passage_splitter.hpp"

namespace pith {

// What every passage of one article shares: computed once per article.
struct ArticleTerms {
    std::string article_term;  // A<id>
    std::string path_term;     // P<path>, or P#<hash> when too long
    std::string date;          // compact YYYYMMDD, empty when unknown
    std::string source;        // K<source words>, empty when unknown
    std::vector<std::string> title_terms;
    DocumentHeader header;     // ordinal/begin/end filled per passage
    // The index's BM25 length normalisation, applied to every weighed term's wdf
    // (length_normalisation.hpp): [ranking] b and reference_length.
    double bm25_b = 0;
    double reference_length = 1;
};

// `analyzer` is the index's (source names are analyzed with it, as at query time).
ArticleTerms article_terms(const Article& article, const std::vector<Token>& title_tokens, const Analyzer& analyzer);

// Distinct words of passages and their counts, for Xapian's spelling table.
// Hashed, not ordered: a batch counts tens of thousands of distinct words, and a tree lookup per
// token showed as 5% of the writing thread at 100 MB.
using SpellingCounts = std::unordered_map<std::string, Xapian::termcount>;

// The document of `passage`, whose tokens are `tokens`; its words are counted into `spelling`.
// Each weighed term's wdf is its count normalised by the passage's length (normalised_wdf()).
Xapian::Document passage_document(const ArticleTerms& shared, const Passage& passage,
                                  const std::vector<Token>& tokens, SpellingCounts& spelling);

// Every passage document of an article, built on the worker that analyzed it (analyze_article),
// so the one writing thread only stores them.
struct PreparedDocuments {
    ArticleTerms shared;
    std::vector<Xapian::Document> passages;  // same order as AnalyzedArticle::passages
    SpellingCounts spelling;                 // of all the passages
};

// Marks the stored passage `docid` as a near-duplicate of article `original` (its data and the
// duplicate term), after the article's SimHash is known: whole and streamed articles alike.
void mark_duplicate_passage(Xapian::WritableDatabase& db, Xapian::docid docid, const std::string& original);

}  // namespace pith
