// IndexConfig as JSON, the form stored in an index (metadata key pith.config). Reading it needs
// no TOML: see config_toml.cpp.

#include "pith/config.hpp"

#include <charconv>
#include <optional>

#include <nlohmann/json.hpp>

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
    explicit StoredConfigScanner(std::string_view json) : json_(json) {}

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
            if (key == "language") return mark(required, 0) && string(c.language);
            if (key == "stopwords") return mark(required, 1) && strings(c.stopwords);
            if (key == "passage_max_words") return mark(required, 2) && unsigned_number(c.passage_max_words);
            if (key == "passage_min_words") return mark(required, 3) && unsigned_number(c.passage_min_words);
            if (key == "bm25_k1") return mark(required, 4) && number(c.bm25_k1);
            if (key == "bm25_b") return mark(required, 5) && number(c.bm25_b);
            if (key == "bm25_reference_length") return mark(required, 6) && number(c.bm25_reference_length);
            if (key == "title_weight") return mark(required, 7) && number(c.title_weight);
            if (key == "batch_articles") return mark(required, 8) && unsigned_number(c.batch_articles);
            if (key == "cleaning") return mark(required, 9) && cleaning(c.cleaning);
            if (key == "fold_diacritics") return boolean(c.fold_diacritics);
            if (key == "synonyms") return strings(c.synonyms);
            if (key == "proximity_weight") return number(c.proximity_weight);
            if (key == "proximity_window") return unsigned_number(c.proximity_window);
            if (key == "phrase_weight") return number(c.phrase_weight);
            if (key == "stream_above_mb") return number(c.stream_above_mb);
            return false;
        });
        skip_space();
        if (!ok || at_ != json_.size() || required != (1u << 10) - 1) return std::nullopt;
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
                   if (key == "enabled") return mark(required, 0) && boolean(rules.enabled);
                   if (key == "drop_lines") return mark(required, 1) && strings(rules.drop_lines);
                   if (key == "end_markers") return mark(required, 2) && strings(rules.end_markers);
                   if (key == "headline_run") return mark(required, 3) && unsigned_number(rules.headline_run);
                   if (key == "headline_max_words") return mark(required, 4) && unsigned_number(rules.headline_max_words);
                   return false;
               }) &&
               required == (1u << 5) - 1;
    }

    // An object whose every value `value(key)` reads.
    template <typename ReadValue>
    bool object(ReadValue value) {
        skip_space();
        if (!take('{')) return false;
        skip_space();
        if (take('}')) return true;
        std::string key;
        for (;;) {
            skip_space();
            if (!string(key)) return false;
            skip_space();
            if (!take(':')) return false;
            skip_space();
            if (!value(std::string_view(key))) return false;
            skip_space();
            if (take(',')) continue;
            return take('}');
        }
    }

    bool strings(std::vector<std::string>& out) {
        out.clear();
        skip_space();
        if (!take('[')) return false;
        skip_space();
        if (take(']')) return true;
        for (;;) {
            skip_space();
            if (!string(out.emplace_back())) return false;
            skip_space();
            if (take(',')) continue;
            return take(']');
        }
    }

    bool boolean(bool& out) {
        if (json_.substr(at_, 4) == "true") {
            at_ += 4;
            out = true;
            return true;
        }
        if (json_.substr(at_, 5) == "false") {
            at_ += 5;
            out = false;
            return true;
        }
        return false;
    }

    // JSON's integer form: no sign, no leading zero, no fraction or exponent, at most 18 digits.
    bool unsigned_number(std::size_t& out) {
        const std::size_t first = at_;
        while (at_ < json_.size() && json_[at_] >= '0' && json_[at_] <= '9') ++at_;
        const std::size_t digits = at_ - first;
        if (digits == 0 || digits > 18 || (digits > 1 && json_[first] == '0')) return false;
        if (at_ < json_.size() && (json_[at_] == '.' || json_[at_] == 'e' || json_[at_] == 'E')) return false;
        out = 0;
        for (std::size_t i = first; i < at_; ++i) out = out * 10 + static_cast<std::size_t>(json_[i] - '0');
        return true;
    }

    // A non-negative JSON number in plain decimal form (digits, optionally a fraction), read
    // with from_chars, which rounds as the general reader's strtod does.
    bool number(double& out) {
        const std::size_t first = at_;
        while (at_ < json_.size() && json_[at_] >= '0' && json_[at_] <= '9') ++at_;
        const std::size_t whole = at_ - first;
        if (whole == 0 || (whole > 1 && json_[first] == '0')) return false;
        if (at_ < json_.size() && json_[at_] == '.') {
            const std::size_t fraction = ++at_;
            while (at_ < json_.size() && json_[at_] >= '0' && json_[at_] <= '9') ++at_;
            if (at_ == fraction) return false;
        }
        if (at_ < json_.size() && (json_[at_] == 'e' || json_[at_] == 'E')) return false;
        const auto [end, error] = std::from_chars(json_.data() + first, json_.data() + at_, out);
        return error == std::errc() && end == json_.data() + at_;
    }

    // An ASCII string; \uXXXX escapes are left to the general reader.
    bool string(std::string& out) {
        if (!take('"')) return false;
        out.clear();
        while (at_ < json_.size()) {
            const auto c = static_cast<unsigned char>(json_[at_++]);
            if (c == '"') return true;
            if (c < 0x20 || c >= 0x80) return false;
            if (c != '\\') {
                out.push_back(static_cast<char>(c));
                continue;
            }
            if (at_ >= json_.size()) return false;
            switch (json_[at_++]) {
                case '"': out.push_back('"'); break;
                case '\\': out.push_back('\\'); break;
                case '/': out.push_back('/'); break;
                case 'b': out.push_back('\b'); break;
                case 'f': out.push_back('\f'); break;
                case 'n': out.push_back('\n'); break;
                case 'r': out.push_back('\r'); break;
                case 't': out.push_back('\t'); break;
                default: return false;
            }
        }
        return false;
    }

    bool take(char c) {
        if (at_ >= json_.size() || json_[at_] != c) return false;
        ++at_;
        return true;
    }
    void skip_space() {
        while (at_ < json_.size() && (json_[at_] == ' ' || json_[at_] == '\t' || json_[at_] == '\n' || json_[at_] == '\r'))
            ++at_;
    }

    std::string_view json_;
    std::size_t at_ = 0;
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
