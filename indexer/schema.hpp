#pragma once
// The index layout, in one place. docs/index-format.md documents the same names for programs
// that read a Pith index without Pith; change both together and bump kSchemaVersion.

#include <cstdint>
#include <string_view>

#include <xapian.h>

namespace pith::schema {

// 2: bigrams number positions of their own (cjk_bigrams.hpp); whole e-mail addresses and URLs.
// 3: article fields only on an article's first passage (document_data.hpp).
// 4: term wdfs normalised by passage length at index time (BM25 b, reference_length;
//    length_normalisation.hpp); searches weigh with b = 0.
inline constexpr std::string_view kSchemaVersion = "4";

// Metadata keys.
inline constexpr std::string_view kMetaSchema = "pith.schema";
inline constexpr std::string_view kMetaConfig = "pith.config";
inline constexpr std::string_view kMetaArticlePrefix = "pith.article.";
// JSON array of the stemmer languages of documents that declared their own (lang: header).
inline constexpr std::string_view kMetaLanguages = "pith.languages";
// JSON array of the marker terms of streamed articles being written or being deleted: searchers
// leave out every passage carrying one of them (pending_articles.hpp).
inline constexpr std::string_view kMetaPending = "pith.pending";

// Term prefixes (Xapian conventions where one exists). Content terms have no prefix.
inline constexpr std::string_view kStemPrefix = "Z";
inline constexpr std::string_view kTitlePrefix = "S";
inline constexpr std::string_view kPassageIdPrefix = "Q";
inline constexpr std::string_view kArticleIdPrefix = "A";
inline constexpr std::string_view kPathPrefix = "P";
inline constexpr std::string_view kDatePrefix = "D";    // D<yyyymmdd>
inline constexpr std::string_view kSourcePrefix = "K";  // K<source words, folded, space-separated>
// Bigrams of Chinese/Japanese characters, Hangul syllables and Thai/Lao/Khmer/Myanmar
// character clusters: the fallback that lets sub-words match (TokenForm::bigram).
inline constexpr std::string_view kBigramPrefix = "G";
// Bigrams take consecutive positions from here, apart from word positions (which a passage
// never reaches), so a sub-word query is an exact phrase of its bigrams (cjk_bigrams.hpp).
inline constexpr std::uint32_t kBigramPositionBase = 1u << 30;
// On every passage of an article that nearly duplicates one indexed before it: searches leave
// such passages out unless asked to show duplicates.
inline constexpr std::string_view kDuplicateTerm = "XDUP";
// XSTREAM<article id><content hash>: on every passage of an article that was streamed (written
// over several commits), so the article's passages can be hidden and deleted as a group.
inline constexpr std::string_view kStreamMarkerPrefix = "XSTREAM";

// Value slots.
inline constexpr Xapian::valueno kSlotArticleId = 0;  // collapse key
inline constexpr Xapian::valueno kSlotDate = 1;       // yyyymmdd as 8 ASCII digits (sorts as a string)
inline constexpr Xapian::valueno kSlotPassageOrdinal = 2;

// Xapian refuses terms longer than 245 bytes; longer tokens are skipped rather than cut into
// something that was never in the text.
inline constexpr std::size_t kMaxTermBytes = 240;

}  // namespace pith::schema
