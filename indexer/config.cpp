// IndexConfig as JSON, the form stored in an index (metadata key pith.config). Reading it needs
// no TOML: see config_toml.cpp.

#include "pith/config.hpp"

#include <nlohmann/json.hpp>

#include "pith/error.hpp"

namespace pith {

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
