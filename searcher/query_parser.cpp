#include <algorithm>

#include <unicode/utf8.h>

#include "pith/error.hpp"
#include "pith/query.hpp"

namespace pith {
namespace {

// Straight and typographic double quotes: a phrase pasted from a news page keeps working.
bool is_quote(std::string_view s) { return s == "\"" || s == "\u201C" || s == "\u201D" || s == "\u201E"; }

bool is_space(std::string_view s) { return s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u00A0" || s == "\u3000"; }

// Walks the query one code point at a time, counting columns in characters.
class Cursor {
  public:
    explicit Cursor(std::string_view text) : text_(text) {}

    bool done() const { return offset_ >= text_.size(); }
    std::size_t column() const { return column_; }
    std::size_t offset() const { return offset_; }

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

struct Lexeme {
    enum class Kind { clause, or_operator } kind;
    QueryClause clause;
    std::size_t column;
};

std::vector<Lexeme> lex(std::string_view query) {
    std::vector<Lexeme> out;
    Cursor cursor(query);
    while (!cursor.done()) {
        if (is_space(cursor.peek())) {
            cursor.advance();
            continue;
        }
        std::size_t column = cursor.column();
        bool excluded = false;
        if (cursor.peek() == "-") {
            cursor.advance();
            if (cursor.done() || is_space(cursor.peek())) continue;  // a lone dash excludes nothing
            excluded = true;
        }
        QueryClause clause;
        clause.column = column;
        clause.excluded = excluded;
        if (is_quote(cursor.peek())) {
            std::size_t quote_column = cursor.column();
            cursor.advance();
            std::size_t start = cursor.offset();
            while (!cursor.done() && !is_quote(cursor.peek())) cursor.advance();
            if (cursor.done())
                throw QueryError("unclosed '\"' at column " + std::to_string(quote_column) +
                                     "; end the phrase with another '\"'",
                                 quote_column);
            clause.text = std::string(query.substr(start, cursor.offset() - start));
            clause.quoted = true;
            cursor.advance();
        } else {
            std::size_t start = cursor.offset();
            while (!cursor.done() && !is_space(cursor.peek()) && !is_quote(cursor.peek())) cursor.advance();
            clause.text = std::string(query.substr(start, cursor.offset() - start));
            if (!excluded && clause.text == "OR") {
                out.push_back({Lexeme::Kind::or_operator, {}, column});
                continue;
            }
        }
        out.push_back({Lexeme::Kind::clause, std::move(clause), column});
    }
    return out;
}

}  // namespace

ParsedQuery parse_query(std::string_view query, const Analyzer& analyzer) {
    std::vector<Lexeme> lexemes = lex(query);
    ParsedQuery parsed;
    bool joining = false;  // the previous lexeme was OR
    std::size_t or_column = 0;
    bool saw_clause = false;
    std::size_t first_excluded_column = 0;

    for (Lexeme& lexeme : lexemes) {
        if (lexeme.kind == Lexeme::Kind::or_operator) {
            if (joining)
                throw QueryError("OR at column " + std::to_string(lexeme.column) + " follows another OR; put a word between them",
                                 lexeme.column);
            if (parsed.groups.empty() || !saw_clause)
                throw QueryError("OR at column " + std::to_string(lexeme.column) +
                                     " has nothing before it; write it between two words (a OR b)",
                                 lexeme.column);
            joining = true;
            or_column = lexeme.column;
            continue;
        }
        QueryClause& clause = lexeme.clause;
        saw_clause = !clause.excluded;
        if (clause.excluded && joining)
            throw QueryError("excluded clause at column " + std::to_string(clause.column) +
                                 " cannot be part of OR; move it out of the OR",
                             clause.column);
        for (Token& token : analyzer.analyze(clause.text))
            (token.variant ? clause.variants : clause.words).push_back(std::move(token));
        if (clause.words.empty()) {
            // Punctuation alone ("—", "$") searches for nothing; it is left out of the query.
            if (joining && !clause.excluded) joining = false;
            continue;
        }
        if (clause.excluded) {
            if (first_excluded_column == 0) first_excluded_column = clause.column;
            parsed.excluded.push_back(std::move(clause));
            continue;
        }
        if (joining) {
            parsed.groups.back().clauses.push_back(std::move(clause));
            joining = false;
        } else {
            parsed.groups.push_back(QueryGroup{{std::move(clause)}, false});
        }
    }
    if (joining)
        throw QueryError("OR at column " + std::to_string(or_column) + " has nothing after it; add a word after OR",
                         or_column);
    if (parsed.groups.empty()) {
        if (!parsed.excluded.empty())
            throw QueryError("the query only excludes words; add a word to search for", first_excluded_column);
        throw QueryError("the query has no word to search for", 0);
    }

    auto stopword_clause = [&](const QueryClause& c) {
        return !c.quoted && c.words.size() == 1 && analyzer.is_stopword(c.words[0].term);
    };
    for (QueryGroup& group : parsed.groups)
        group.optional = std::all_of(group.clauses.begin(), group.clauses.end(), stopword_clause);
    // A query of stopwords alone ("to be or not to be" without quotes) still has to match.
    if (std::all_of(parsed.groups.begin(), parsed.groups.end(), [](const QueryGroup& g) { return g.optional; }))
        for (QueryGroup& group : parsed.groups) group.optional = false;
    return parsed;
}

}  // namespace pith
