#include "synonyms.hpp"

#include "pith/error.hpp"
#include "schema.hpp"

namespace pith {

std::vector<std::string> synonym_entries(std::string_view line) {
    std::vector<std::string> entries;
    std::size_t at = 0;
    while (at < line.size()) {
        if (line[at] == ' ' || line[at] == '\t') {
            ++at;
            continue;
        }
        if (line[at] == '"') {
            const std::size_t close = line.find('"', at + 1);
            if (close == std::string_view::npos)
                throw ConfigError("synonym group '" + std::string(line) + "' has an unclosed '\"'; end the entry with '\"'");
            entries.emplace_back(line.substr(at + 1, close - at - 1));
            at = close + 1;
            continue;
        }
        std::size_t end = line.find_first_of(" \t\"", at);
        if (end == std::string_view::npos) end = line.size();
        entries.emplace_back(line.substr(at, end - at));
        at = end;
    }
    return entries;
}

std::string synonym_key(const std::vector<Token>& words) {
    std::string key;
    for (const Token& word : words) {
        if (word.variant) continue;
        if (!key.empty()) key += ' ';
        key += word.term;
    }
    return key;
}

void store_synonyms(Xapian::WritableDatabase& db, const Analyzer& analyzer, const std::vector<std::string>& groups) {
    for (const std::string& group : groups) {
        std::vector<std::string> entries = synonym_entries(group);
        std::vector<std::string> keys;
        for (const std::string& entry : entries) keys.push_back(synonym_key(analyzer.analyze(entry)));
        for (std::size_t i = 0; i < entries.size(); ++i)
            for (std::size_t j = 0; j < entries.size(); ++j)
                if (i != j && !keys[i].empty() && !keys[j].empty() && keys[i] != keys[j] &&
                    keys[i].size() <= schema::kMaxTermBytes)
                    db.add_synonym(keys[i], entries[j]);
    }
}

}  // namespace pith
