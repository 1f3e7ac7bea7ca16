// IndexConfig as JSON, the form stored in an index (metadata key pith.config). Reading it needs
// no TOML: see config_toml.cpp.

#include "pith/config.hpp"

#include <optional>

#include <nlohmann/json.hpp>

#include "flat_json.hpp"
#include "pith/error.hpp"

namespace pith {
namespace {

// The stored configuration as to_json() writes it, when it is plain ASCII: read without a JSON
// tree. nlohmann's parse of the 2.2 KB and the tree's teardown were 0.34 M instructions, 6 % of
// a fresh pith-search at 10 MB (bench/RESULTS.md, "Fresh-process start-up"). Anything else (a
// key it does not know, a missing key, non-ASCII text, \u escapes, a value of another type)
// returns nullopt and the general reader below reads or refuses it, so both agree by
// construction on what they accept.
class StoredConfigScanner {
  public:
    explicit StoredConfigScanner(std::string_view json) : in_(json) {}

    std::optional<IndexConfig> read() {
        IndexConfig c;
        // What the general reader assumes for keys that older indexes lack.
        c.fold_diacritics = false;
        c.synonyms.clear();
        c.proximity_weight = 0.0;
        c.proximity_window = 8;
        c.phrase_weight = 0.0;
        unsigned required = 0;
        const bool ok = object([&](std::string_view key) {
            if (key == "language") return mark(required, 0) && in_.string(c.language);
            if (key == "stopwords") return mark(required, 1) && strings(c.stopwords);
            if (key == "passage_max_words") return mark(required, 2) && in_.unsigned_number(c.passage_max_words);
            if (key == "passage_min_words") return mark(required, 3) && in_.unsigned_number(c.passage_min_words);
            if (key == "bm25_k1") return mark(required, 4) && in_.number(c.bm25_k1);
            if (key == "bm25_b") return mark(required, 5) && in_.number(c.bm25_b);
            if (key == "bm25_reference_length") return mark(required, 6) && in_.number(c.bm25_reference_length);
            if (key == "title_weight") return mark(required, 7) && in_.number(c.title_weight);
            if (key == "batch_articles") return mark(required, 8) && in_.unsigned_number(c.batch_articles);
            if (key == "cleaning") return mark(required, 9) && cleaning(c.cleaning);
            if (key == "fold_diacritics") return in_.boolean(c.fold_diacritics);
            if (key == "synonyms") return strings(c.synonyms);
            if (key == "proximity_weight") return in_.number(c.proximity_weight);
            if (key == "proximity_window") return in_.unsigned_number(c.proximity_window);
            if (key == "phrase_weight") return in_.number(c.phrase_weight);
            if (key == "stream_above_mb") return in_.number(c.stream_above_mb);
            return false;
        });
        if (!ok || !in_.at_end() || required != (1u << 10) - 1) return std::nullopt;
        return c;
    }

  private:
    static bool mark(unsigned& seen, int bit) {
        seen |= 1u << bit;
        return true;
    }

    bool cleaning(CleaningRules& rules) {
        unsigned required = 0;
        return object([&](std::string_view key) {
                   if (key == "enabled") return mark(required, 0) && in_.boolean(rules.enabled);
                   if (key == "drop_lines") return mark(required, 1) && strings(rules.drop_lines);
                   if (key == "end_markers") return mark(required, 2) && strings(rules.end_markers);
                   if (key == "headline_run") return mark(required, 3) && in_.unsigned_number(rules.headline_run);
                   if (key == "headline_max_words") return mark(required, 4) && in_.unsigned_number(rules.headline_max_words);
                   return false;
               }) &&
               required == (1u << 5) - 1;
    }

    // An object whose every value `value(key)` reads.
    template <typename ReadValue>
    bool object(ReadValue value) {
        in_.skip_space();
        if (!in_.take('{')) return false;
        in_.skip_space();
        if (in_.take('}')) return true;
        std::string key;
        for (;;) {
            if (!in_.member_name(key)) return false;
            if (!value(std::string_view(key))) return false;
            in_.skip_space();
            if (in_.take(',')) continue;
            return in_.take('}');
        }
    }

    bool strings(std::vector<std::string>& out) {
        out.clear();
        in_.skip_space();
        if (!in_.take('[')) return false;
        in_.skip_space();
        if (in_.take(']')) return true;
        for (;;) {
            in_.skip_space();
            if (!in_.string(out.emplace_back())) return false;
            in_.skip_space();
            if (in_.take(',')) continue;
            return in_.take(']');
        }
    }

    detail::FlatJsonCursor in_;
};

}  // namespace

std::string IndexConfig::to_json() const {
    nlohmann::json j = {
        {"language", language},
        {"fold_diacritics", fold_diacritics},
        {"stopwords", stopwords},
        {"synonyms", synonyms},
        {"passage_max_words", passage_max_words},
        {"passage_min_words", passage_min_words},
        {"bm25_k1", bm25_k1},
        {"bm25_b", bm25_b},
        {"bm25_reference_length", bm25_reference_length},
        {"title_weight", title_weight},
        {"proximity_weight", proximity_weight},
        {"proximity_window", proximity_window},
        {"phrase_weight", phrase_weight},
        {"batch_articles", batch_articles},
        {"stream_above_mb", stream_above_mb},
        {"cleaning",
         {{"enabled", cleaning.enabled},
          {"drop_lines", cleaning.drop_lines},
          {"end_markers", cleaning.end_markers},
          {"headline_run", cleaning.headline_run},
          {"headline_max_words", cleaning.headline_max_words}}},
    };
    return j.dump();
}

IndexConfig IndexConfig::from_json(std::string_view json) {
    if (std::optional<IndexConfig> plain = StoredConfigScanner(json).read()) return std::move(*plain);
    try {
        auto j = nlohmann::json::parse(json);
        IndexConfig c;
        c.language = j.at("language").get<std::string>();
        // Indexes written before the key existed folded nothing.
        c.fold_diacritics = j.value("fold_diacritics", false);
        c.stopwords = j.at("stopwords").get<std::vector<std::string>>();
        c.synonyms = j.value("synonyms", std::vector<std::string>{});
        c.passage_max_words = j.at("passage_max_words").get<std::size_t>();
        c.passage_min_words = j.at("passage_min_words").get<std::size_t>();
        c.bm25_k1 = j.at("bm25_k1").get<double>();
        c.bm25_b = j.at("bm25_b").get<double>();
        c.bm25_reference_length = j.at("bm25_reference_length").get<double>();
        c.title_weight = j.at("title_weight").get<double>();
        // Indexes written before the phrase and proximity boosts ranked without them.
        c.proximity_weight = j.value("proximity_weight", 0.0);
        c.proximity_window = j.value("proximity_window", std::size_t{8});
        c.phrase_weight = j.value("phrase_weight", 0.0);
        c.batch_articles = j.at("batch_articles").get<std::size_t>();
        c.stream_above_mb = j.value("stream_above_mb", IndexConfig{}.stream_above_mb);
        // Required: every index the tools accept (schema 3 and later) stores its cleaning rules.
        // The built-in rules as a fallback would need the TOML reader (config_toml.cpp) here.
        const auto& k = j.at("cleaning");
        c.cleaning.enabled = k.at("enabled").get<bool>();
        c.cleaning.drop_lines = k.at("drop_lines").get<std::vector<std::string>>();
        c.cleaning.end_markers = k.at("end_markers").get<std::vector<std::string>>();
        c.cleaning.headline_run = k.at("headline_run").get<std::size_t>();
        c.cleaning.headline_max_words = k.at("headline_max_words").get<std::size_t>();
        return c;
    } catch (const nlohmann::json::exception& e) {
        throw IndexError(std::string("the index's stored configuration (pith.config) is "
                                     "unreadable: ") +
                         e.what() + "; rebuild the index with pith-index --rebuild");
    }
}

bool IndexConfig::same_analysis(const IndexConfig& other) const {
    return language == other.language && fold_diacritics == other.fold_diacritics && stopwords == other.stopwords &&
           passage_max_words == other.passage_max_words && passage_min_words == other.passage_min_words &&
           bm25_b == other.bm25_b && bm25_reference_length == other.bm25_reference_length;
}

}  // namespace pith
