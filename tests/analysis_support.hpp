#pragma once
// Helpers shared by the analyzer and highlighter tests: what the default analyzer makes of a
// text, and which parts of a passage a query marks.

#include <string>
#include <string_view>
#include <vector>

#include "pith/analyzer.hpp"

namespace pith::test {

// The tokens of one form (bigram, address…) the default analyzer makes of `text`.
std::vector<Token> tokens_of_form(std::string_view text, TokenForm form);

// Their terms.
std::vector<std::string> terms_of_form(std::string_view text, TokenForm form);

// The text of each range of `passage` that `query` highlights, in order.
std::vector<std::string> marked_text(std::string_view query, std::string_view passage);

}  // namespace pith::test
