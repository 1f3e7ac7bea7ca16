// IndexConfig from TOML: the built-in configuration and config files (config.hpp). Apart from
// the JSON form (config.cpp) so that pith-search, which only reads the JSON stored in an index,
// links neither toml++ nor its start-up cost (bench/RESULTS.md, "Fresh-process start-up").

#include "pith/config.hpp"

#include <fstream>
#include <functional>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include <toml++/toml.h>
#include <xapian.h>

#include "pith/error.hpp"

namespace pith {
namespace detail {
const std::map<std::string, std::string_view>& builtin_config_files();
}

namespace {

using ReadRelative = std::function<std::string(const std::string& relative_path)>;

std::vector<std::string> parse_stopwords(std::string_view text) {
    std::vector<std::string> words;
    std::istringstream in{std::string(text)};
    std::string line;
    while (std::getline(in, line)) {
        auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#') continue;
        auto last = line.find_last_not_of(" \t\r");
        words.push_back(line.substr(first, last - first + 1));
    }
    return words;
}

[[noreturn]] void fail(const std::string& source, const toml::source_region& where,
                       const std::string& what) {
    throw ConfigError(source + ":" + std::to_string(where.begin.line) + ": " + what);
}

// Reads a table, refusing keys it does not know: a misspelt key silently ignored would leave
// the user wondering why the setting has no effect.
class TableReader {
  public:
    TableReader(const toml::table& root, std::string section, std::string source)
        : source_(std::move(source)), section_(std::move(section)) {
        const toml::node* node = root.get(section_);
        if (node == nullptr) return;
        table_ = node->as_table();
        if (table_ == nullptr) fail(source_, node->source(), "[" + section_ + "] must be a table");
    }

    ~TableReader() noexcept(false) {
        if (table_ == nullptr || std::uncaught_exceptions() > 0) return;
        for (const auto& [key, node] : *table_) {
            if (!known_.count(std::string(key.str())))
                fail(source_, node.source(),
                     "unknown key '" + std::string(key.str()) + "' in [" + section_ + "]");
        }
    }

    // Returns whether the key was present.
    template <typename T>
    bool read(const char* key, T& out, std::function<bool(const T&)> valid = {},
              const char* expectation = "") {
        known_.insert(key);
        if (table_ == nullptr) return false;
        const toml::node* node = table_->get(key);
        if (node == nullptr) return false;
        std::optional<T> value;
        if constexpr (std::is_same_v<T, double>) {
            value = node->value<double>();
        } else if constexpr (std::is_same_v<T, bool>) {
            value = node->value_exact<bool>();
        } else if constexpr (std::is_same_v<T, std::size_t>) {
            auto v = node->value<std::int64_t>();
            if (v && *v >= 0) value = static_cast<std::size_t>(*v);
        } else {
            value = node->value<T>();
        }
        if (!value || (valid && !valid(*value)))
            fail(source_, node->source(),
                 std::string("[") + section_ + "] " + key + " must be " + expectation);
        out = *value;
        return true;
    }

    void mark_known(const char* key) { known_.insert(key); }

  private:
    std::string source_;
    std::string section_;
    const toml::table* table_ = nullptr;
    std::set<std::string> known_;
};

// A list of regular expressions: each must compile, so a typo is reported with its line here
// rather than silently matching nothing.
void read_patterns(const toml::table& root, const std::string& source, const char* key,
                   std::vector<std::string>& out) {
    const toml::node* node = root["cleaning"][key].node();
    if (node == nullptr) return;
    const toml::array* array = node->as_array();
    if (array == nullptr) fail(source, node->source(), std::string("[cleaning] ") + key + " must be an array of strings");
    out.clear();
    for (const toml::node& item : *array) {
        auto pattern = item.value<std::string>();
        if (!pattern) fail(source, item.source(), std::string("[cleaning] ") + key + " must hold strings only");
        try {
            std::regex check(*pattern, std::regex::ECMAScript | std::regex::icase);
        } catch (const std::regex_error& e) {
            fail(source, item.source(),
                 std::string("[cleaning] ") + key + ": '" + *pattern + "' is not a valid regular expression (" + e.what() + ")");
        }
        out.push_back(*pattern);
    }
}

IndexConfig parse_toml(std::string_view text, const std::string& source,
                       const ReadRelative& read_relative) {
    toml::table root;
    try {
        root = toml::parse(text, source);
    } catch (const toml::parse_error& e) {
        throw ConfigError(source + ":" + std::to_string(e.source().begin.line) + ": " +
                          std::string(e.description()));
    }
    static const std::set<std::string> sections = {"analysis", "passages", "ranking", "indexing", "cleaning"};
    for (const auto& [key, node] : root) {
        if (!sections.count(std::string(key.str())))
            fail(source, node.source(),
                 "unknown section [" + std::string(key.str()) +
                     "] (known: analysis, passages, ranking, indexing, cleaning)");
    }

    IndexConfig config;
    // A config that does not name a stopwords file keeps the built-in list, like every other
    // missing key keeps its default; `stopwords = ""` turns stopwords off.
    std::optional<std::string> stopwords_file;
    std::optional<std::string> synonyms_file;
    {
        TableReader analysis(root, "analysis", source);
        analysis.read<std::string>("language", config.language,
                                   [](const std::string& s) { return !s.empty(); },
                                   "a stemmer name such as \"english\", or \"none\"");
        if (config.language != "none") {
            try {
                Xapian::Stem check(config.language);
            } catch (const Xapian::InvalidArgumentError&) {
                fail(source, root["analysis"]["language"].node()->source(),
                     "[analysis] language '" + config.language + "' has no stemmer; use \"none\" or one of: " +
                         Xapian::Stem::get_available_languages());
            }
        }
        analysis.read<bool>("fold_diacritics", config.fold_diacritics, {}, "true or false");
        std::string named_file;
        if (analysis.read<std::string>("stopwords", named_file, {}, "a file path (string)")) stopwords_file = named_file;
        std::string named_synonyms;
        if (analysis.read<std::string>("synonyms", named_synonyms, {}, "a file path (string)"))
            synonyms_file = named_synonyms;
    }
    {
        TableReader passages(root, "passages", source);
        passages.read<std::size_t>("max_words", config.passage_max_words,
                                   [](const std::size_t& n) { return n >= 5 && n <= 100000; },
                                   "a whole number from 5 to 100000");
        passages.read<std::size_t>("min_words", config.passage_min_words,
                                   [](const std::size_t& n) { return n <= 1000; },
                                   "a whole number from 0 to 1000");
    }
    {
        TableReader ranking(root, "ranking", source);
        ranking.read<double>("k1", config.bm25_k1, [](const double& v) { return v >= 0; },
                             "a number >= 0");
        ranking.read<double>("b", config.bm25_b,
                             [](const double& v) { return v >= 0 && v <= 1; },
                             "a number from 0 to 1");
        ranking.read<double>("reference_length", config.bm25_reference_length,
                             [](const double& v) { return v >= 1 && v <= 1e6; }, "a number from 1 to 1000000");
        ranking.read<double>("title_weight", config.title_weight,
                             [](const double& v) { return v >= 0; }, "a number >= 0");
        ranking.read<double>("proximity_weight", config.proximity_weight,
                             [](const double& v) { return v >= 0; }, "a number >= 0");
        ranking.read<std::size_t>("proximity_window", config.proximity_window,
                                  [](const std::size_t& n) { return n >= 2 && n <= 1000; },
                                  "a whole number from 2 to 1000");
        ranking.read<double>("phrase_weight", config.phrase_weight,
                             [](const double& v) { return v >= 0; }, "a number >= 0");
    }
    {
        TableReader indexing(root, "indexing", source);
        indexing.read<std::size_t>("batch_articles", config.batch_articles,
                                   [](const std::size_t& n) { return n >= 1; },
                                   "a whole number >= 1");
        indexing.read<double>("stream_above_mb", config.stream_above_mb,
                              [](const double& mb) { return mb >= 0.001 && mb <= 1'000'000; },
                              "a number of megabytes from 0.001 to 1000000");
    }
    {
        TableReader cleaning(root, "cleaning", source);
        cleaning.read<bool>("enabled", config.cleaning.enabled, {}, "true or false");
        read_patterns(root, source, "drop_lines", config.cleaning.drop_lines);
        read_patterns(root, source, "end_markers", config.cleaning.end_markers);
        cleaning.read<std::size_t>("headline_run", config.cleaning.headline_run,
                                   [](const std::size_t& n) { return n == 0 || (n >= 2 && n <= 1000); },
                                   "0 (off) or a whole number from 2 to 1000");
        cleaning.read<std::size_t>("headline_max_words", config.cleaning.headline_max_words,
                                   [](const std::size_t& n) { return n >= 1 && n <= 1000; },
                                   "a whole number from 1 to 1000");
        cleaning.mark_known("drop_lines");
        cleaning.mark_known("end_markers");
    }
    if (config.passage_min_words > config.passage_max_words)
        throw ConfigError(source + ": [passages] min_words (" + std::to_string(config.passage_min_words) +
                          ") must not exceed max_words (" + std::to_string(config.passage_max_words) + ")");
    if (!stopwords_file) {
        config.stopwords = parse_stopwords(detail::builtin_config_files().at("stopwords/en.txt"));
    } else if (!stopwords_file->empty()) {
        config.stopwords = parse_stopwords(read_relative(*stopwords_file));
    }
    // Same rule as stopwords: no key keeps the built-in groups, `synonyms = ""` turns them off.
    // A synonyms file has the stopword file's shape (one entry a line, # comments).
    if (!synonyms_file) {
        config.synonyms = parse_stopwords(detail::builtin_config_files().at("synonyms/en.txt"));
    } else if (!synonyms_file->empty()) {
        config.synonyms = parse_stopwords(read_relative(*synonyms_file));
    }
    return config;
}

}  // namespace

IndexConfig IndexConfig::defaults() {
    const auto& files = detail::builtin_config_files();
    return parse_toml(files.at("default.toml"), "built-in index-config/default.toml",
                      [&files](const std::string& relative) {
                          auto it = files.find(relative);
                          if (it == files.end())
                              throw ConfigError("built-in index-config has no file '" + relative +
                                                "'");
                          return std::string(it->second);
                      });
}

IndexConfig IndexConfig::load(const std::filesystem::path& file) {
    auto read = [](const std::filesystem::path& path, const std::string& what) {
        std::ifstream in(path, std::ios::binary);
        if (!in)
            throw ConfigError("cannot read " + what + " '" + path.string() +
                              "': " + std::strerror(errno));
        std::ostringstream buffer;
        buffer << in.rdbuf();
        return buffer.str();
    };
    if (std::filesystem::is_directory(file))
        throw ConfigError("config '" + file.string() + "' is a directory; give a .toml file");
    std::string text = read(file, "config file");
    auto base = file.parent_path();
    return parse_toml(text, file.string(), [&](const std::string& relative) {
        std::filesystem::path target = relative;
        if (target.is_relative()) target = base / target;
        // A file beside the config wins; otherwise the built-in lists (stopwords/fr.txt…)
        // serve any config, so a one-line config can switch language.
        const auto& builtin = detail::builtin_config_files();
        if (auto it = builtin.find(relative); it != builtin.end() && !std::filesystem::exists(target))
            return std::string(it->second);
        return read(target, "file named in " + file.string() + ",");
    });
}

}  // namespace pith
