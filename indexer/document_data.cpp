#include "document_data.hpp"

#include <nlohmann/json.hpp>

#include "pith/error.hpp"
#include "schema.hpp"

namespace pith {

std::string encode_document_data(const DocumentHeader& header, std::string_view passage) {
    nlohmann::json j = {{"article", header.article_id}, {"passage", header.ordinal},
                        {"begin", header.begin}, {"end", header.end}};
    // The article's own fields live once, on its first passage: repeated on every passage they
    // were 44% of the document data (192 of 438 bytes a passage at 10 MB of prose).
    if (header.ordinal == 0) {
        j["title"] = header.title;
        j["path"] = header.path;
        for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"date", &header.date},
                                         {"source", &header.source},
                                         {"url", &header.url},
                                         {"author", &header.author},
                                         {"duplicate_of", &header.duplicate_of}})
            if (!value->empty()) j[key] = *value;
    }
    // dump() escapes control characters, so the header never contains a raw newline.
    std::string data = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    data.push_back('\n');
    data.append(passage);
    return data;
}

void decode_document_data(std::string_view data, DocumentHeader& header, std::string& passage) {
    auto newline = data.find('\n');
    auto j = nlohmann::json::parse(data.substr(0, newline), nullptr, false);
    if (newline == std::string_view::npos || j.is_discarded() || !j.is_object())
        throw IndexError("a document in the index is not in Pith's format; rebuild it with pith-index --rebuild");
    header.article_id = j.value("article", "");
    header.ordinal = j.value("passage", std::size_t{0});
    header.begin = j.value("begin", std::size_t{0});
    header.end = j.value("end", std::size_t{0});
    header.title = j.value("title", "");
    header.path = j.value("path", "");
    header.date = j.value("date", "");
    header.source = j.value("source", "");
    header.url = j.value("url", "");
    header.author = j.value("author", "");
    header.duplicate_of = j.value("duplicate_of", "");
    passage.assign(data.substr(newline + 1));
}

std::string title_term(const Token& token) {
    return std::string(schema::kTitlePrefix) + (token.stem.empty() ? token.term : token.stem);
}

std::string source_term(const std::vector<Token>& words) {
    std::string term(schema::kSourcePrefix);
    for (const Token& word : words) {
        if (word.variant) continue;
        if (term.size() > schema::kSourcePrefix.size()) term += ' ';
        term += word.term;
    }
    return term.substr(0, schema::kMaxTermBytes);
}

std::string compact_date(std::string_view date) {
    if (date.size() != 10 || date[4] != '-' || date[7] != '-') return {};
    std::string out;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (date[i] < '0' || date[i] > '9') return {};
        out += date[i];
    }
    return out;
}

}  // namespace pith
