#include "golden_tokens.hpp"

#include <sstream>

namespace pith::test {
namespace {

const char* form_name(TokenForm form) {
    switch (form) {
        case TokenForm::word: return "word";
        case TokenForm::joined: return "joined";
        case TokenForm::unaccented: return "unaccented";
        case TokenForm::elided: return "elided";
        case TokenForm::bigram: return "bigram";
        case TokenForm::address: return "address";
    }
    return "?";
}

}  // namespace

std::string format_golden_token(std::string_view text, const Token& token) {
    std::ostringstream line;
    line << token.position << '\t' << token.begin << '\t' << token.end << '\t' << token.term << '\t' << token.stem
         << '\t' << form_name(token.form) << '\t' << text.substr(token.begin, token.end - token.begin);
    return line.str();
}

}  // namespace pith::test
