#pragma once
/// Pith's query language, parsed with the index's Analyzer (never Xapian's QueryParser, whose
/// tokenizer differs from ICU's).
///
/// Grammar:
///   query   := group+                      groups are all required (implicit AND)
///   group   := clause ( "OR" clause )*     OR (upper case) between clauses: either may match
///   clause  := [ "-" ] ( word | phrase )   "-" excludes passages matching the clause
///   phrase  := '"' words '"'               the words in this order, adjacent, unstemmed
///   word    := any run of non-space characters; matched by its stem
/// A word that the analyzer splits into several terms ("Canada–China", "U.S.-made") is
/// matched as a phrase of those terms. Stopwords outside phrases are optional unless the whole
/// query consists of stopwords.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pith/export.hpp"
#include "pith/analyzer.hpp"

namespace pith {

struct QueryClause {
    /// The clause as typed (without the leading "-").
    std::string text;
    /// 1-based character column where the clause starts in the query.
    std::size_t column = 0;
    /// Quoted phrase: exact terms, in order.
    bool quoted = false;
    /// Excluded with "-".
    bool excluded = false;
    /// The analyzed words of the clause, variants dropped (one per position).
    std::vector<Token> words;
    /// The other forms the analyzer made at those positions (unaccented words, CJK bigrams,
    /// joined hyphen forms): an unaccented form is an alternative to its word, the bigrams
    /// together are a fallback for the whole clause.
    std::vector<Token> variants;

    /// Matches by stem: an unquoted single word that has a stem.
    bool matches_by_stem() const { return !quoted && words.size() == 1 && !words[0].stem.empty(); }
    /// Positional: several words that must appear in order.
    bool is_phrase() const { return words.size() > 1; }
};

/// Clauses joined by OR.
struct QueryGroup {
    std::vector<QueryClause> clauses;
    /// True when every clause is a single unquoted stopword: the group is optional.
    bool optional = false;
};

struct ParsedQuery {
    /// Required groups (each may be optional, see QueryGroup::optional).
    std::vector<QueryGroup> groups;
    /// Excluded clauses.
    std::vector<QueryClause> excluded;
};

/// Parses `query` with `analyzer`.
/// @throws pith::QueryError with the column of the fault: unclosed quote, OR without a clause
///         on one side, nothing to search for, only excluded clauses.
/// Thread-safety: as the Analyzer's (one analyzer per thread).
PITH_EXPORT ParsedQuery parse_query(std::string_view query, const Analyzer& analyzer);

}  // namespace pith
