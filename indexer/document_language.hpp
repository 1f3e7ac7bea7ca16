#pragma once
// A document's own language: the `lang:` header line of a .txt file, mapped to a Snowball
// stemmer and a stopword list; and the set of languages an index holds (metadata pith.languages),
// so queries are analyzed in each of them.

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "pith/config.hpp"

namespace pith {

/// The language declared by a first line `lang: xx` (or `language: xx`; key case-insensitive),
/// with the byte length of that line including its line break; nullopt when there is none.
struct LanguageHeader {
    std::string value;
    std::size_t length = 0;
};
std::optional<LanguageHeader> find_language_header(std::string_view text);

/// Xapian's stemmer name for an ISO 639-1 code ("fr") or a stemmer name ("french"), or "none";
/// empty when neither. ("zh", "ja", "th", "ko" map to "none": those scripts are not stemmed.)
std::string stemmer_for_language(std::string_view code_or_name);

/// `base` with its language set to `stemmer` and the built-in stopword list of that language
/// (none when Pith ships no list for it).
IndexConfig config_for_language(const IndexConfig& base, const std::string& stemmer);

/// The languages recorded in an index (metadata pith.languages, a JSON array), and back.
std::set<std::string> parse_language_list(std::string_view json);
std::string format_language_list(const std::set<std::string>& languages);

}  // namespace pith
