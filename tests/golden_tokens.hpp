#pragma once
// The golden-file line format for analyzer tokens, shared by the golden tests and by
// pith-golden-tokens (which prints a draft .tokens file that a person then checks by hand).

#include <string>
#include <string_view>

#include "pith/analyzer.hpp"

namespace pith::test {

/// "position<TAB>begin<TAB>end<TAB>term<TAB>stem<TAB>form<TAB>surface"; form is word, joined,
/// unaccented, elided or bigram; surface is the source bytes the token covers.
std::string format_golden_token(std::string_view text, const Token& token);

}  // namespace pith::test
