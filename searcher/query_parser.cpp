// Recursive-descent parser for the grammar in include/pith/query.hpp. It walks the query one
// code point at a time so that every error can name the character column at fault.

#include <algorithm>
#include <optional>

#include <unicode/utf8.h>

#include "pith/error.hpp"
#include "pith/query.hpp"

namespace pith {
namespace {

// Straight and typographic double quotes: a phrase pasted from a news page keeps working.
bool is_quote(std::string_view s) { return s == "\"" || s == "\u201C" || s == "\u201D" || s == "\u201E"; }

bool is_space(std::string_view s) { return s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u00A0" || s == "\u3000"; }

bool is_paren(std::string_view s) { return s == "(" || s == ")"; }

std::string at_column(std::size_t column) { return " at column " + std::to_string(column); }

// Walks the query one code point at a time, counting columns in characters.
class Cursor {
  public:
    explicit Cursor(std::string_view text) : text_(text) {}

    bool done() const { return offset_ >= text_.size(); }
    std::size_t column() const { return column_; }
    std::size_t offset() const { return offset_; }
    std::string_view text() const { return text_; }

    std::string_view peek() const {
        if (done()) return {};
        int32_t end = static_cast<int32_t>(offset_);
        UChar32 c;
        U8_NEXT(reinterpret_cast<const uint8_t*>(text_.data()), end, static_cast<int32_t>(text_.size()), c);
        (void)c;
        return text_.substr(offset_, static_cast<std::size_t>(end) - offset_);
    }

    void advance() {
        offset_ += peek().size();
        ++column_;
    }

  private:
    std::string_view text_;
    std::size_t offset_ = 0;
    std::size_t column_ = 1;
};

// "2025", "2025-03" or "2025-03-31" as yyyymmdd; a missing month or day is filled in as the
// start of the period for a lower bound and its end for an upper bound.
std::string date_bound(const std::string& text, bool upper, std::size_t column) {
    auto fail = [&]() -> std::string {
        throw QueryError("bad date '" + text + "'" + at_column(column) +
                             "; expected YYYY, YYYY-MM or YYYY-MM-DD (date:2025-01-01..2025-06-30, either end may be left out)",
                         column);
    };
    auto digits = [&](std::size_t from, std::size_t count) {
        if (from + count > text.size()) return false;
        return std::all_of(text.begin() + static_cast<long>(from), text.begin() + static_cast<long>(from + count),
                           [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(0, 4)) return fail();
    std::string year = text.substr(0, 4);
    std::string month = upper ? "12" : "01";
    std::string day = upper ? "31" : "01";
    if (text.size() > 4) {
        if (text[4] != '-' || !digits(5, 2)) return fail();
        month = text.substr(5, 2);
        if (month < "01" || month > "12") return fail();
        if (text.size() > 7) {
            if (text.size() != 10 || text[7] != '-' || !digits(8, 2)) return fail();
            day = text.substr(8, 2);
            if (day < "01" || day > "31") return fail();
        }
    }
    return year + month + day;
}

class Parser {
  public:
    Parser(std::string_view query, const Analyzer& analyzer, const QueryOptions& options)
        : cursor_(query), analyzer_(analyzer), options_(options) {}

    ParsedQuery parse() {
        ParsedQuery parsed = parse_sequence(0, 0);
        if (parsed.groups.empty()) {
            if (!parsed.excluded.empty())
                throw QueryError("the query only excludes words; add a word to search for", parsed.excluded[0].column);
            throw QueryError("the query has no word to search for", 0);
        }
        mark_optional_groups(parsed, options_.any_word);
        return parsed;
    }

  private:
    void skip_spaces() {
        while (!cursor_.done() && is_space(cursor_.peek())) cursor_.advance();
    }

    // The bare word at the cursor (up to a space, quote or parenthesis), not consumed.
    std::string_view peek_word() const {
        Cursor probe = cursor_;
        std::size_t start = probe.offset();
        while (!probe.done() && !is_space(probe.peek()) && !is_quote(probe.peek()) && !is_paren(probe.peek()))
            probe.advance();
        return cursor_.text().substr(start, probe.offset() - start);
    }

    std::string read_word() {
        std::size_t start = cursor_.offset();
        while (!cursor_.done() && !is_space(cursor_.peek()) && !is_quote(cursor_.peek()) && !is_paren(cursor_.peek()))
            cursor_.advance();
        return std::string(cursor_.text().substr(start, cursor_.offset() - start));
    }

    // Reads a quoted phrase; the cursor is on the opening quote.
    std::string read_quoted() {
        std::size_t quote_column = cursor_.column();
        cursor_.advance();
        std::size_t start = cursor_.offset();
        while (!cursor_.done() && !is_quote(cursor_.peek())) cursor_.advance();
        if (cursor_.done())
            throw QueryError("unclosed '\"'" + at_column(quote_column) + "; end the phrase with another '\"'", quote_column);
        std::string text(cursor_.text().substr(start, cursor_.offset() - start));
        cursor_.advance();
        return text;
    }

    bool at_operator(std::string_view name) const { return !cursor_.done() && peek_word() == name; }

    void count_items(std::size_t n, std::size_t column) {
        items_ += std::max<std::size_t>(n, 1);
        if (items_ > kMaxQueryItems)
            throw QueryError("the query has more than " + std::to_string(kMaxQueryItems) + " words (limit reached" +
                                 at_column(column) + "); shorten it",
                             column);
    }

    // query := group ( [AND] group )*, up to the end or the ')' closing `open_column`.
    ParsedQuery parse_sequence(std::size_t depth, std::size_t open_column) {
        ParsedQuery parsed;
        bool after_and = false;
        std::size_t and_column = 0;
        for (;;) {
            skip_spaces();
            if (cursor_.done()) {
                if (open_column != 0)
                    throw QueryError("unclosed '('" + at_column(open_column) + "; expected ')' before the end of the query",
                                     open_column);
                break;
            }
            const std::size_t column = cursor_.column();
            if (cursor_.peek() == ")") {
                if (open_column == 0)
                    throw QueryError("unexpected ')'" + at_column(column) + "; remove it or add a '(' before it", column);
                if (after_and)
                    throw QueryError("AND" + at_column(and_column) + " has nothing after it; add a word before ')'",
                                     and_column);
                cursor_.advance();
                return parsed;
            }
            if (at_operator("AND")) {
                if (after_and)
                    throw QueryError("AND" + at_column(column) + " follows another AND; put a word between them", column);
                if (parsed.groups.empty() && parsed.excluded.empty())
                    throw QueryError("AND" + at_column(column) + " has nothing before it; write it between two words (a AND b)",
                                     column);
                read_word();
                after_and = true;
                and_column = column;
                continue;
            }
            if (at_operator("OR")) {
                if (after_and)
                    throw QueryError("OR" + at_column(column) + " follows AND; put a word between them", column);
                throw QueryError("OR" + at_column(column) + " has nothing before it; write it between two words (a OR b)",
                                 column);
            }
            parse_group(parsed, depth);
            after_and = false;
        }
        if (after_and)
            throw QueryError("AND" + at_column(and_column) + " has nothing after it; add a word after AND", and_column);
        return parsed;
    }

    // group := item ( OR item )*
    void parse_group(ParsedQuery& parsed, std::size_t depth) {
        std::optional<QueryClause> first = parse_item(depth);
        QueryGroup group;
        if (first) {
            if (first->excluded) {
                skip_spaces();
                if (at_operator("OR"))
                    throw QueryError("excluded item" + at_column(first->column) +
                                         " cannot be part of OR; move it out of the OR",
                                     first->column);
                parsed.excluded.push_back(std::move(*first));
                return;
            }
            group.clauses.push_back(std::move(*first));
        }
        for (;;) {
            skip_spaces();
            if (!at_operator("OR")) break;
            const std::size_t or_column = cursor_.column();
            if (group.clauses.empty())
                throw QueryError("OR" + at_column(or_column) + " has nothing before it; write it between two words (a OR b)",
                                 or_column);
            read_word();
            skip_spaces();
            if (cursor_.done() || cursor_.peek() == ")")
                throw QueryError("OR" + at_column(or_column) + " has nothing after it; add a word after OR", or_column);
            if (at_operator("OR") || at_operator("AND"))
                throw QueryError(std::string(peek_word()) + at_column(cursor_.column()) +
                                     " follows OR; put a word between them",
                                 cursor_.column());
            std::optional<QueryClause> next = parse_item(depth);
            if (!next) continue;  // punctuation alone searches for nothing
            if (next->excluded)
                throw QueryError("excluded item" + at_column(next->column) + " cannot be part of OR; move it out of the OR",
                                 next->column);
            group.clauses.push_back(std::move(*next));
        }
        if (!group.clauses.empty()) parsed.groups.push_back(std::move(group));
    }

    // An item, or nothing when it holds no word (punctuation alone, a lone '-').
    std::optional<QueryClause> parse_item(std::size_t depth) {
        const std::size_t column = cursor_.column();
        const std::string_view c = cursor_.peek();
        if (c == "-" || c == "+") {
            cursor_.advance();
            if (cursor_.done() || is_space(cursor_.peek())) return std::nullopt;  // a lone sign excludes nothing
            std::optional<QueryClause> item = parse_item(depth);
            if (!item) return item;
            item->column = column;
            if (c == "-") {
                item->excluded = true;
                item->required = false;
            } else if (!item->excluded) {
                item->required = true;
            }
            return item;
        }
        if (at_operator("NOT")) {
            read_word();
            skip_spaces();
            if (cursor_.done() || cursor_.peek() == ")" || at_operator("OR") || at_operator("AND"))
                throw QueryError("NOT" + at_column(column) + " has nothing after it; write NOT word", column);
            std::optional<QueryClause> item = parse_item(depth);
            if (!item) return item;
            item->column = column;
            item->excluded = true;
            item->required = false;
            return item;
        }

        QueryClause clause;
        clause.column = column;
        if (c == "(") {
            if (depth + 1 > kMaxQueryDepth)
                throw QueryError("parentheses nested deeper than " + std::to_string(kMaxQueryDepth) + at_column(column) +
                                     "; simplify the query",
                                 column);
            cursor_.advance();
            ParsedQuery sub = parse_sequence(depth + 1, column);
            if (sub.groups.empty()) {
                if (!sub.excluded.empty())
                    throw QueryError("the parentheses" + at_column(column) +
                                         " only exclude words; put a word to search for inside them",
                                     column);
                return std::nullopt;  // "()" or "( — )": nothing to search for
            }
            mark_optional_groups(sub, false);
            clause.text = "(…)";
            clause.subquery.push_back(std::move(sub));
            return clause;
        }
        if (is_quote(c)) {
            clause.text = read_quoted();
            clause.quoted = true;
            read_slop(clause);
            return analyzed(std::move(clause));
        }

        std::string word = read_word();
        const std::size_t colon = word.find(':');
        if (colon != std::string::npos) {
            const std::string name = word.substr(0, colon);
            const std::string rest = word.substr(colon + 1);
            std::optional<QueryField> field;
            if (name == "title") field = QueryField::title;
            if (name == "path") field = QueryField::path;
            if (name == "source") field = QueryField::source;
            if (name == "date") field = QueryField::date;
            if (field) return field_item(std::move(clause), *field, name, rest);
        }
        if (word.size() > 1 && word.back() == '*') {
            clause.prefix = true;
            word.pop_back();
        }
        clause.text = std::move(word);
        return analyzed(std::move(clause));
    }

    // `"phrase"~N`
    void read_slop(QueryClause& clause) {
        if (cursor_.peek() != "~") return;
        const std::size_t column = cursor_.column();
        cursor_.advance();
        std::string digits;
        while (!cursor_.done() && cursor_.peek().size() == 1 && cursor_.peek()[0] >= '0' && cursor_.peek()[0] <= '9') {
            digits += cursor_.peek();
            cursor_.advance();
        }
        if (digits.empty() || digits.size() > 4)
            throw QueryError("expected a number of positions after '~'" + at_column(column) + " (\"a b\"~5)", column);
        clause.near = true;
        clause.slop = std::stoul(digits);
    }

    std::optional<QueryClause> field_item(QueryClause clause, QueryField field, const std::string& name, std::string rest) {
        clause.field = field;
        const std::size_t value_column = clause.column + name.size() + 1;
        if (rest.empty() && !cursor_.done() && is_quote(cursor_.peek())) {
            rest = read_quoted();
            clause.quoted = true;
        }
        if (rest.empty())
            throw QueryError("expected a value after '" + name + ":'" + at_column(value_column) + " (" + name +
                                 (field == QueryField::date ? ":2025-01-01..2025-06-30)" : ":word)"),
                             value_column);
        clause.text = rest;
        switch (field) {
            case QueryField::title: {
                clause = analyzed_words(std::move(clause));
                if (clause.words.empty())
                    throw QueryError("'" + name + ":'" + at_column(clause.column) + " has no word to search for", clause.column);
                count_items(clause.words.size(), clause.column);
                return clause;
            }
            case QueryField::path:
            case QueryField::source:
                clause.value = rest;
                if (field == QueryField::source) {
                    clause = analyzed_words(std::move(clause));
                    if (clause.words.empty())
                        throw QueryError("'source:'" + at_column(clause.column) + " has no word to search for", clause.column);
                }
                count_items(1, clause.column);
                return clause;
            case QueryField::date: {
                const std::size_t dots = rest.find("..");
                const std::string from = dots == std::string::npos ? rest : rest.substr(0, dots);
                const std::string to = dots == std::string::npos ? rest : rest.substr(dots + 2);
                if (from.empty() && to.empty())
                    throw QueryError("'date:..'" + at_column(clause.column) + " has no date; give at least one end (date:2025-01-01..)",
                                     clause.column);
                if (!from.empty()) clause.date_from = date_bound(from, false, value_column);
                if (!to.empty()) clause.date_to = date_bound(to, true, value_column);
                if (!clause.date_from.empty() && !clause.date_to.empty() && clause.date_from > clause.date_to)
                    throw QueryError("the date range" + at_column(value_column) + " ends before it starts; swap its ends",
                                     value_column);
                count_items(1, clause.column);
                return clause;
            }
            case QueryField::text:
                break;
        }
        return analyzed(std::move(clause));
    }

    QueryClause analyzed_words(QueryClause clause) {
        for (Token& token : analyzer_.analyze(clause.text))
            (token.variant ? clause.variants : clause.words).push_back(std::move(token));
        return clause;
    }

    std::optional<QueryClause> analyzed(QueryClause clause) {
        clause = analyzed_words(std::move(clause));
        // Punctuation alone ("—", "$") searches for nothing; it is left out of the query.
        if (clause.words.empty()) return std::nullopt;
        if (clause.prefix && clause.words.size() != 1)
            throw QueryError("'" + clause.text + "*'" + at_column(clause.column) +
                                 " is not one word; a prefix search takes a single word before '*'",
                             clause.column);
        count_items(clause.words.size(), clause.column);
        return clause;
    }

    bool stopword_clause(const QueryClause& c) const {
        return c.field == QueryField::text && !c.quoted && !c.prefix && !c.required && !c.is_subquery() &&
               c.words.size() == 1 && analyzer_.is_stopword(c.words[0].term);
    }

    void mark_optional_groups(ParsedQuery& parsed, bool any_word) const {
        for (QueryGroup& group : parsed.groups) {
            group.stopwords =
                std::all_of(group.clauses.begin(), group.clauses.end(), [&](const QueryClause& c) { return stopword_clause(c); });
            const bool required = std::any_of(group.clauses.begin(), group.clauses.end(),
                                              [](const QueryClause& c) { return c.required; });
            group.optional = group.stopwords || (any_word && !required);
        }
        // A query of stopwords alone ("to be or not to be" without quotes) still has to match.
        if (!any_word && std::all_of(parsed.groups.begin(), parsed.groups.end(), [](const QueryGroup& g) { return g.stopwords; }))
            for (QueryGroup& group : parsed.groups) group.optional = group.stopwords = false;
    }

    Cursor cursor_;
    const Analyzer& analyzer_;
    QueryOptions options_;
    std::size_t items_ = 0;
};

}  // namespace

ParsedQuery parse_query(std::string_view query, const Analyzer& analyzer, const QueryOptions& options) {
    return Parser(query, analyzer, options).parse();
}

}  // namespace pith
