#pragma once
// The index layout, in one place. docs/index-format.md documents the same names for programs
// that read a Pith index without Pith; change both together and bump kSchemaVersion.

#include <string_view>

#include <xapian.h>

namespace pith::schema {

inline constexpr std::string_view kSchemaVersion = "1";

// Metadata keys.
inline constexpr std::string_view kMetaSchema = "pith.schema";
inline constexpr std::string_view kMetaConfig = "pith.config";
inline constexpr std::string_view kMetaArticlePrefix = "pith.article.";
// JSON array of the stemmer languages of documents that declared their own (lang: header).
inline constexpr std::string_view kMetaLanguages = "pith.languages";

// Term prefixes (Xapian conventions where one exists). Content terms have no prefix.
inline constexpr std::string_view kStemPrefix = "Z";
inline constexpr std::string_view kTitlePrefix = "S";
inline constexpr std::string_view kPassageIdPrefix = "Q";
inline constexpr std::string_view kArticleIdPrefix = "A";
inline constexpr std::string_view kPathPrefix = "P";
inline constexpr std::string_view kDatePrefix = "D";    // D<yyyymmdd>
inline constexpr std::string_view kSourcePrefix = "K";  // K<source words, folded, space-separated>
// Character bigrams of Chinese/Japanese text, at the position of the word holding the first
// character: the fallback that lets sub-words match (TokenForm::bigram).
inline constexpr std::string_view kBigramPrefix = "G";
// On every passage of an article that nearly duplicates one indexed before it: searches leave
// such passages out unless asked to show duplicates.
inline constexpr std::string_view kDuplicateTerm = "XDUP";

// Value slots.
inline constexpr Xapian::valueno kSlotArticleId = 0;  // collapse key
inline constexpr Xapian::valueno kSlotDate = 1;       // yyyymmdd as 8 ASCII digits (sorts as a string)
inline constexpr Xapian::valueno kSlotPassageOrdinal = 2;

// Xapian refuses terms longer than 245 bytes; longer tokens are skipped rather than cut into
// something that was never in the text.
inline constexpr std::size_t kMaxTermBytes = 240;

}  // namespace pith::schema
