#include "analysis_support.hpp"

#include "pith/config.hpp"
#include "pith/highlighter.hpp"
#include "pith/query.hpp"

namespace pith::test {

std::vector<Token> tokens_of_form(std::string_view text, TokenForm form) {
    std::vector<Token> out;
    for (Token& token : Analyzer(IndexConfig::defaults()).analyze(text))
        if (token.form == form) out.push_back(std::move(token));
    return out;
}

std::vector<std::string> terms_of_form(std::string_view text, TokenForm form) {
    std::vector<std::string> out;
    for (const Token& token : tokens_of_form(text, form)) out.push_back(token.term);
    return out;
}

std::vector<std::string> marked_text(std::string_view query, std::string_view passage) {
    Analyzer analyzer(IndexConfig::defaults());
    std::vector<std::string> out;
    for (const ByteRange& range : highlight_ranges(analyzer, parse_query(query, analyzer), passage))
        out.emplace_back(passage.substr(range.begin, range.end - range.begin));
    return out;
}

}  // namespace pith::test
