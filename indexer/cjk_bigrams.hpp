#pragma once
// The sub-word fallback for scripts written without spaces between words (Chinese, Japanese,
// Thai, Lao, Khmer, Myanmar) and for Korean compounds, one step of the Analyzer chain.

#include <string_view>
#include <vector>

#include "pith/analyzer.hpp"

namespace pith {

/// Appends a TokenForm::bigram token for every two adjacent units of each run of touching
/// words of one script family in `tokens` (words of `text`, in text order). A unit is one
/// Han/kana character, one Hangul syllable, or one Thai/Lao/Khmer/Myanmar character with the
/// combining marks that follow it. Bigrams cross word boundaries inside a run, because ICU's
/// dictionary may have cut the text differently from how the reader sees it.
///
/// A bigram spans exactly its two units (so it can be highlighted) and takes the next position
/// of a range of its own starting at schema::kBigramPositionBase: the bigrams of one run sit at
/// consecutive positions and runs are one position apart, so a sub-word is an exact phrase of
/// its bigrams (Xapian requires distinct positions in a phrase, which word positions, shared by
/// every bigram inside one dictionary word, could not give).
void append_cjk_bigrams(std::string_view text, std::vector<Token>& tokens);

}  // namespace pith
