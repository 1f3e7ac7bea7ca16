#pragma once
// Builds the Xapian document of one passage (docs/index-format.md: terms, values, data). The one
// place that decides what a passage document holds, whichever way the article reaches the
// writer (whole, analyzed on a worker, or streamed in pieces).

#include <map>
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
};

// `analyzer` is the index's (source names are analyzed with it, as at query time).
ArticleTerms article_terms(const Article& article, const std::vector<Token>& title_tokens, const Analyzer& analyzer);

// Distinct words of passages and their counts, for Xapian's spelling table.
using SpellingCounts = std::map<std::string, Xapian::termcount>;

// The document of `passage`, whose tokens are `tokens`; its words are counted into `spelling`.
Xapian::Document passage_document(const ArticleTerms& shared, const Passage& passage,
                                  const std::vector<Token>& tokens, SpellingCounts& spelling);

}  // namespace pith
