#pragma once
// Diacritic folding, one step of the Analyzer chain: Montréal → montreal, Québec → quebec.

#include <string>
#include <string_view>

namespace pith {

/// `folded` (already NFKC + case folded) without its diacritics, or an empty string when it has
/// none to remove. Only alphabets where readers treat accents as optional are folded (Latin,
/// Greek, Cyrillic, Arabic and Hebrew vowel points); a word in any other script (Thai,
/// Devanagari…, whose combining marks are letters) is left alone.
std::string strip_diacritics(std::string_view folded);

}  // namespace pith
