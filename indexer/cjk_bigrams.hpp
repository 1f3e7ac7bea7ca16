#pragma once
// The sub-word fallback for Chinese and Japanese, one step of the Analyzer chain.

#include <string_view>
#include <vector>

#include "pith/analyzer.hpp"

namespace pith {

/// Appends a TokenForm::bigram token for every two adjacent Han/kana characters of each run of
/// touching Chinese/Japanese words in `tokens` (words of `text`, in text order). A bigram sits
/// at the position of the word holding its first character and spans exactly its two
/// characters, so it can be highlighted; bigrams cross word boundaries inside a run, because
/// ICU's dictionary may have cut the text differently from how the reader sees it.
void append_cjk_bigrams(std::string_view text, std::vector<Token>& tokens);

}  // namespace pith
