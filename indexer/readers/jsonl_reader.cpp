// JSON Lines: one article per line, {"title", "body" or "text", "date", "url", "source", "lang",
// "id", "author"}. An article's identity is the file plus its `id` (or, without one, its line
// number), so a re-run recognises unchanged lines, re-indexes changed ones and --prune removes
// vanished ones. A broken line is reported with its number and skipped; the others are indexed.

#include <map>
#include <nlohmann/json.hpp>

#include "document_language.hpp"
#include "hashing.hpp"
#include "readers.hpp"

namespace pith::detail {
namespace {

std::string string_field(const nlohmann::json& record, const char* key) {
    auto it = record.find(key);
    if (it == record.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number()) return it->dump();
    return {};
}

}  // namespace

void read_jsonl(const Article& file, std::vector<Article>& articles, std::vector<std::string>& warnings,
                std::vector<std::string>& notices) {
    const std::string& text = file.text;
    const std::string where = display_path(file.path);
    std::map<std::string, std::size_t> line_of_id;
    std::size_t number = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string::npos) eol = text.size();
        std::string_view line(text.data() + pos, eol - pos);
        pos = eol + 1;
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        const std::string at = where + ":" + std::to_string(number) + ": ";

        nlohmann::json record;
        try {
            record = nlohmann::json::parse(line);
        } catch (const nlohmann::json::parse_error& e) {
            std::string reason = e.what();
            // nlohmann's messages start with "[json.exception.parse_error.101] parse error at ...".
            if (auto bracket = reason.find("] "); bracket != std::string::npos) reason = reason.substr(bracket + 2);
            warnings.push_back(at + "not valid JSON (" + reason + "), line skipped");
            continue;
        }
        if (!record.is_object()) {
            warnings.push_back(at + "not a JSON object, line skipped; each line must be {\"title\": …, \"body\": …}");
            continue;
        }
        Article article;
        article.path = file.path;
        article.line = number;
        article.file_size = file.file_size;
        article.mtime_ns = file.mtime_ns;
        article.invalid_utf8 = 0;
        article.text = string_field(record, "body");
        if (article.text.empty()) article.text = string_field(record, "text");
        article.title = string_field(record, "title");
        if (article.text.empty() && article.title.empty()) {
            warnings.push_back(at + "no \"body\", \"text\" or \"title\", line skipped");
            continue;
        }
        const std::string id = string_field(record, "id");
        if (!id.empty()) {
            auto [it, inserted] = line_of_id.emplace(id, number);
            if (!inserted) {
                warnings.push_back(at + "id \"" + id + "\" already used on line " + std::to_string(it->second) +
                                   ", line skipped");
                continue;
            }
        }
        // The line's own bytes decide "changed", so editing one line re-indexes that article only.
        article.id = hex64(fnv1a64(file.path.string() + (id.empty() ? "\nline:" + std::to_string(number) : "\nid:" + id)));
        article.content_hash = hex64(fnv1a64(line));
        const std::string date = string_field(record, "date");
        if (!date.empty()) {
            article.date = normalize_date(date);
            if (article.date.empty())
                notices.push_back(at + "date \"" + date + "\" is not a date (use ISO 8601, YYYY-MM-DD); indexed without a date");
        }
        article.source = string_field(record, "source");
        article.url = string_field(record, "url");
        article.author = string_field(record, "author");
        const std::string lang = string_field(record, "lang");
        if (!lang.empty()) {
            article.language = stemmer_for_language(lang);
            if (article.language.empty()) {
                warnings.push_back(at + "unknown language \"" + lang +
                                   "\"; use an ISO 639-1 code (fr, de, zh…) or a stemmer name, line skipped");
                continue;
            }
        }
        // A title alone is indexed as the text, so that the article can still be found.
        if (article.text.empty()) article.text = article.title;
        else if (!article.title.empty()) article.text = article.title + "\n\n" + article.text;
        articles.push_back(std::move(article));
    }
}

}  // namespace pith::detail
