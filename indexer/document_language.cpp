#include "document_language.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>
#include <xapian.h>

namespace pith {
namespace detail {
const std::map<std::string, std::string_view>& builtin_config_files();
}

namespace {

// ISO 639-1 codes of the languages Xapian stems, plus the scripts that are segmented by
// dictionary and never stemmed.
const std::map<std::string, std::string, std::less<>>& language_codes() {
    static const std::map<std::string, std::string, std::less<>> codes = {
        {"ar", "arabic"},     {"hy", "armenian"},  {"eu", "basque"},    {"ca", "catalan"},   {"da", "danish"},
        {"nl", "dutch"},      {"en", "english"},   {"fi", "finnish"},   {"fr", "french"},    {"de", "german"},
        {"hu", "hungarian"},  {"id", "indonesian"}, {"ga", "irish"},    {"it", "italian"},   {"lt", "lithuanian"},
        {"ne", "nepali"},     {"no", "norwegian"}, {"nb", "norwegian"}, {"nn", "norwegian"}, {"pt", "portuguese"},
        {"ro", "romanian"},   {"ru", "russian"},   {"es", "spanish"},   {"sv", "swedish"},   {"ta", "tamil"},
        {"tr", "turkish"},    {"zh", "none"},      {"ja", "none"},      {"th", "none"},      {"ko", "none"}};
    return codes;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r");
    return std::string(s.substr(first, last - first + 1));
}

}  // namespace

std::optional<LanguageHeader> find_language_header(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) return std::nullopt;  // a BOM: keep the rule simple, no header
    const std::size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string key = lower_ascii(trim(line.substr(0, colon)));
    if (key != "lang" && key != "language") return std::nullopt;
    LanguageHeader header;
    header.value = trim(line.substr(colon + 1));
    // One short code or name ("fr", "pt-BR", "french"); a title such as "Language: a history"
    // is a title, not a header.
    if (header.value.empty() || header.value.size() > 24 ||
        !std::all_of(header.value.begin(), header.value.end(),
                     [](unsigned char c) { return std::isalpha(c) || c == '-' || c == '_'; }))
        return std::nullopt;
    header.length = newline == std::string_view::npos ? text.size() : newline + 1;
    return header;
}

std::string stemmer_for_language(std::string_view code_or_name) {
    const std::string wanted = lower_ascii(trim(code_or_name));
    // "fr-CA", "pt_BR": the language part decides the stemmer.
    const std::string primary = wanted.substr(0, wanted.find_first_of("-_"));
    if (auto it = language_codes().find(primary); it != language_codes().end()) return it->second;
    if (wanted == "none") return wanted;
    std::istringstream names(Xapian::Stem::get_available_languages());
    std::string name;
    while (names >> name)
        if (name == wanted) return name;
    return {};
}

IndexConfig config_for_language(const IndexConfig& base, const std::string& stemmer) {
    IndexConfig config = base;
    config.language = stemmer;
    config.stopwords.clear();
    for (const auto& [code, name] : language_codes()) {
        if (name != stemmer) continue;
        auto file = detail::builtin_config_files().find("stopwords/" + code + ".txt");
        if (file == detail::builtin_config_files().end()) continue;
        std::istringstream lines{std::string(file->second)};
        std::string line;
        while (std::getline(lines, line)) {
            line = trim(line);
            if (!line.empty() && line[0] != '#') config.stopwords.push_back(line);
        }
        break;
    }
    return config;
}

std::set<std::string> parse_language_list(std::string_view json) {
    std::set<std::string> languages;
    if (json.empty()) return languages;
    auto parsed = nlohmann::json::parse(json, nullptr, false);
    if (!parsed.is_array()) return languages;
    for (const auto& item : parsed)
        if (item.is_string()) languages.insert(item.get<std::string>());
    return languages;
}

std::string format_language_list(const std::set<std::string>& languages) {
    return nlohmann::json(languages).dump();
}

}  // namespace pith
