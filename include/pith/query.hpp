#pragma once
/// Pith's query language, parsed with the index's Analyzer (never Xapian's QueryParser, whose
/// tokenizer differs from ICU's).
///
/// Grammar (README.md "Query syntax" and `pith-search --help` describe the same):
///   query   := group ( [ "AND" ] group )*    groups are all required (implicit AND); with
///                                            QueryOptions::any_word they are optional
///   group   := item ( "OR" item )*           OR (upper case) between items: either may match;
///                                            OR binds tighter than AND: a AND b OR c = a AND (b OR c)
///   item    := ( "-" | "+" | "NOT" ) item    "-"/NOT excludes, "+" requires (also with any_word)
///            | "(" query ")"                 a sub-query
///            | field ":" value               title:word, title:"phrase", path:text (part of the
///                                            path), source:name, date:FROM..TO (YYYY[-MM[-DD]],
///                                            either end may be left open)
///            | '"' words '"' [ "~" N ]       exact words adjacent in order; with ~N within N
///                                            positions of each other, in any order
///            | word "*"                      every indexed word starting with `word`
///            | word                          matched by its stem
/// Lower-case and/or/not are ordinary words. A word that the analyzer splits into several terms
/// ("Canada–China", "U.S.-made") is matched as a phrase of those terms. Stopwords outside
/// phrases are optional unless the whole query consists of stopwords.
/// Hostile queries are refused with a QueryError: more than kMaxQueryItems items, nesting
/// deeper than kMaxQueryDepth; a prefix matching more than kMaxPrefixExpansion words is refused
/// by the Searcher.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pith/export.hpp"
#include "pith/analyzer.hpp"

namespace pith {

/// Bounds that keep a hostile query from exhausting memory or time.
inline constexpr std::size_t kMaxQueryItems = 1000;
inline constexpr std::size_t kMaxQueryDepth = 32;
inline constexpr std::size_t kMaxPrefixExpansion = 1000;

struct ParsedQuery;

/// Field an item is restricted to.
enum class QueryField { text, title, path, source, date };

struct QueryClause {
    /// The clause as typed (without the leading "-"/"+" and field name).
    std::string text;
    /// 1-based character column where the clause starts in the query.
    std::size_t column = 0;
    /// Quoted phrase: exact terms, in order.
    bool quoted = false;
    /// Excluded with "-" or NOT.
    bool excluded = false;
    /// Required with "+" (stays required with QueryOptions::any_word, and when a stopword).
    bool required = false;
    /// `word*`: matches every indexed word that starts with words[0].term.
    bool prefix = false;
    /// `"phrase"~N`: words within `slop` positions of each other, any order (0: plain phrase).
    std::size_t slop = 0;
    bool near = false;
    QueryField field = QueryField::text;
    /// path: and source: values as typed; date: bounds as yyyymmdd ("" = open end).
    std::string value;
    std::string date_from;
    std::string date_to;
    /// The analyzed words of the clause, variants dropped (one per position).
    std::vector<Token> words;
    /// The other forms the analyzer made at those positions (unaccented words, CJK bigrams,
    /// joined hyphen forms): an unaccented form is an alternative to its word, the bigrams
    /// together are a fallback for the whole clause.
    std::vector<Token> variants;
    /// Added by the searcher from the synonym table as an alternative of the clause before it.
    bool synonym = false;
    /// A parenthesized sub-query (exactly one element when present).
    std::vector<ParsedQuery> subquery;

    bool is_subquery() const { return !subquery.empty(); }
    /// Matches by stem: an unquoted single word that has a stem.
    bool matches_by_stem() const {
        return !quoted && !prefix && words.size() == 1 && !words[0].stem.empty();
    }
    /// Positional: several words that must appear in order (or near each other).
    bool is_phrase() const { return words.size() > 1; }
};

/// Clauses joined by OR.
struct QueryGroup {
    std::vector<QueryClause> clauses;
    /// True when the group only adds weight: every clause is a single unquoted stopword, or
    /// QueryOptions::any_word is set and no clause is marked "+".
    bool optional = false;
    /// True when every clause is a single unquoted stopword: the group only adds weight, even
    /// among optional groups (it never makes a passage match on its own, unless the query has
    /// nothing else).
    bool stopwords = false;
};

struct ParsedQuery {
    /// Required groups (each may be optional, see QueryGroup::optional).
    std::vector<QueryGroup> groups;
    /// Excluded clauses.
    std::vector<QueryClause> excluded;
};

struct QueryOptions {
    /// All words optional (ranked by how many and how well they match), like a search box:
    /// `+word` keeps a word required.
    bool any_word = false;
};

/// Parses `query` with `analyzer`.
/// @throws pith::QueryError with the column of the fault: unclosed quote or parenthesis,
///         unexpected ')', an operator without an item on one side, a bad field value, nothing
///         to search for, only excluded clauses, a query too large or too deeply nested.
/// Thread-safety: as the Analyzer's (one analyzer per thread).
PITH_EXPORT ParsedQuery parse_query(std::string_view query, const Analyzer& analyzer, const QueryOptions& options = {});

}  // namespace pith
