#include <catch2/catch.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "pith/config.hpp"
#include "pith/error.hpp"
#include "test_support.hpp"

namespace {

using pith::ConfigError;
using pith::IndexConfig;
using pith::test::TempDir;
using pith::test::write_file;

bool has(const std::vector<std::string>& list, const std::string& word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

// The message of the ConfigError that loading `toml` throws ("" when nothing is thrown).
std::string load_error(const TempDir& dir, const std::string& toml, const std::string& name = "pith.toml") {
    write_file(dir / name, toml);
    try {
        IndexConfig::load(dir / name);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("the built-in configuration analyzes english with stopwords and 120-word passages", "[config]") {
    const IndexConfig config = IndexConfig::defaults();
    CHECK(config.language == "english");
    CHECK(has(config.stopwords, "the"));
    CHECK(has(config.stopwords, "of"));
    CHECK_FALSE(has(config.stopwords, "canola"));
    CHECK(config.passage_max_words == 120);
}

TEST_CASE("the built-in stopword list skips comment lines", "[config]") {
    for (const std::string& word : IndexConfig::defaults().stopwords) {
        INFO(word);
        CHECK_FALSE(word.empty());
        CHECK(word[0] != '#');
    }
}

TEST_CASE("load reads every key and resolves the stopwords file next to the config", "[config]") {
    TempDir dir;
    write_file(dir / "lists" / "stop.txt", "# my stopwords\nalpha\n\n  beta  \n");
    write_file(dir / "pith.toml",
               "[analysis]\n"
               "language = \"french\"\n"
               "stopwords = \"lists/stop.txt\"\n"
               "[passages]\n"
               "max_words = 80\n"
               "min_words = 7\n"
               "[ranking]\n"
               "k1 = 0.9\n"
               "b = 0.4\n"
               "reference_length = 80\n"
               "title_weight = 2.5\n"
               "[indexing]\n"
               "batch_articles = 17\n");
    const IndexConfig config = IndexConfig::load(dir / "pith.toml");
    CHECK(config.language == "french");
    CHECK(config.stopwords == std::vector<std::string>{"alpha", "beta"});
    CHECK(config.passage_max_words == 80);
    CHECK(config.passage_min_words == 7);
    CHECK(config.bm25_k1 == Approx(0.9));
    CHECK(config.bm25_b == Approx(0.4));
    CHECK(config.bm25_reference_length == Approx(80));
    CHECK(config.title_weight == Approx(2.5));
    CHECK(config.batch_articles == 17);
}

TEST_CASE("keys missing from a loaded file keep their default values", "[config]") {
    TempDir dir;
    write_file(dir / "pith.toml", "[passages]\nmax_words = 60\n");
    const IndexConfig config = IndexConfig::load(dir / "pith.toml");
    const IndexConfig defaults;
    CHECK(config.passage_max_words == 60);
    CHECK(config.language == defaults.language);
    CHECK(config.bm25_k1 == Approx(defaults.bm25_k1));
    CHECK(config.batch_articles == defaults.batch_articles);
}

TEST_CASE("a loaded file that names no stopwords file keeps the built-in stopwords", "[config]") {
    TempDir dir;
    write_file(dir / "pith.toml", "[passages]\nmax_words = 60\n");
    CHECK(IndexConfig::load(dir / "pith.toml").stopwords == IndexConfig::defaults().stopwords);
}

TEST_CASE("an empty stopwords setting turns stopwords off", "[config]") {
    TempDir dir;
    write_file(dir / "pith.toml", "[analysis]\nstopwords = \"\"\n");
    CHECK(IndexConfig::load(dir / "pith.toml").stopwords.empty());
}

TEST_CASE("an unknown section throws naming the file and the line", "[config]") {
    TempDir dir;
    const std::string message = load_error(dir, "[analysis]\nlanguage = \"english\"\n\n[colours]\nmatch = \"red\"\n");
    CHECK_THAT(message, Catch::Contains((dir / "pith.toml").string() + ":4"));
    CHECK_THAT(message, Catch::Contains("colours"));
}

TEST_CASE("an unknown key throws naming the file the line and the key", "[config]") {
    TempDir dir;
    const std::string message = load_error(dir, "[passages]\nmax_words = 100\nmax_wrods = 50\n");
    CHECK_THAT(message, Catch::Contains((dir / "pith.toml").string() + ":3"));
    CHECK_THAT(message, Catch::Contains("max_wrods"));
}

TEST_CASE("a value of the wrong type throws naming the key", "[config]") {
    TempDir dir;
    const std::string message = load_error(dir, "[passages]\nmax_words = \"lots\"\n");
    CHECK_THAT(message, Catch::Contains("max_words"));
    CHECK_THAT(message, Catch::Contains(":2"));
}

TEST_CASE("an out-of-range value throws naming the key", "[config]") {
    TempDir dir;
    CHECK_THAT(load_error(dir, "[passages]\nmax_words = 2\n"), Catch::Contains("max_words"));
    CHECK_THAT(load_error(dir, "[ranking]\nb = 1.5\n"), Catch::Contains("b must be"));
    CHECK_THAT(load_error(dir, "[ranking]\nreference_length = 0\n"), Catch::Contains("reference_length must be"));
    CHECK_THAT(load_error(dir, "[indexing]\nbatch_articles = 0\n"), Catch::Contains("batch_articles"));
    CHECK_THAT(load_error(dir, "[passages]\nmax_words = -10\n"), Catch::Contains("max_words"));
}

TEST_CASE("min_words above max_words is refused", "[config]") {
    TempDir dir;
    const std::string message = load_error(dir, "[passages]\nmax_words = 20\nmin_words = 30\n");
    CHECK_THAT(message, Catch::Contains("min_words"));
    CHECK_THAT(message, Catch::Contains("max_words"));
}

TEST_CASE("malformed TOML throws naming the file and the line", "[config]") {
    TempDir dir;
    const std::string message = load_error(dir, "[analysis]\nlanguage = \"english\nstopwords = 3\n");
    CHECK_THAT(message, Catch::Contains((dir / "pith.toml").string() + ":2"));
}

TEST_CASE("a missing stopwords file throws naming it", "[config]") {
    TempDir dir;
    const std::string message = load_error(dir, "[analysis]\nstopwords = \"nowhere/stop.txt\"\n");
    CHECK_THAT(message, Catch::Contains("nowhere/stop.txt"));
}

TEST_CASE("a missing config file throws naming it", "[config]") {
    TempDir dir;
    CHECK_THROWS_AS(IndexConfig::load(dir / "absent.toml"), ConfigError);
    CHECK_THROWS_WITH(IndexConfig::load(dir / "absent.toml"), Catch::Contains("absent.toml"));
}

TEST_CASE("the JSON form round-trips every field", "[config]") {
    IndexConfig config;
    config.language = "german";
    config.stopwords = {"der", "die", "das"};
    config.passage_max_words = 77;
    config.passage_min_words = 5;
    config.bm25_k1 = 1.7;
    config.bm25_b = 0.3;
    config.bm25_reference_length = 77.5;
    config.title_weight = 0.0;
    config.proximity_weight = 0.4;
    config.proximity_window = 9;
    config.phrase_weight = 1.5;
    config.batch_articles = 3;
    const IndexConfig back = IndexConfig::from_json(config.to_json());
    CHECK(back.language == config.language);
    CHECK(back.stopwords == config.stopwords);
    CHECK(back.passage_max_words == config.passage_max_words);
    CHECK(back.passage_min_words == config.passage_min_words);
    CHECK(back.bm25_k1 == config.bm25_k1);
    CHECK(back.bm25_b == config.bm25_b);
    CHECK(back.bm25_reference_length == config.bm25_reference_length);
    CHECK(back.title_weight == config.title_weight);
    CHECK(back.proximity_weight == config.proximity_weight);
    CHECK(back.proximity_window == config.proximity_window);
    CHECK(back.phrase_weight == config.phrase_weight);
    CHECK(back.batch_articles == config.batch_articles);
}

TEST_CASE("a stored configuration from before the phrase and proximity boosts reads as no boosts", "[config]") {
    nlohmann::json old = nlohmann::json::parse(IndexConfig::defaults().to_json());
    old.erase("proximity_weight");
    old.erase("proximity_window");
    old.erase("phrase_weight");
    const IndexConfig back = IndexConfig::from_json(old.dump());
    CHECK(back.proximity_weight == 0.0);
    CHECK(back.phrase_weight == 0.0);
    CHECK(back.proximity_window == 8);
}

namespace {

// The stored configuration read back, once as written and once with a key no version writes
// (which the plain-ASCII scanner leaves to the general JSON reader): both must agree.
void check_both_readers_agree(const nlohmann::json& stored) {
    nlohmann::json with_unknown_key = stored;
    with_unknown_key["a_key_from_the_future"] = {{"nested", true}};
    const IndexConfig scanned = IndexConfig::from_json(stored.dump());
    const IndexConfig parsed = IndexConfig::from_json(with_unknown_key.dump());
    CHECK(scanned.to_json() == parsed.to_json());
    CHECK(scanned.to_json() == IndexConfig::from_json(scanned.to_json()).to_json());
}

}  // namespace

TEST_CASE("both readers of a stored configuration agree", "[config]") {
    IndexConfig config = IndexConfig::defaults();
    SECTION("the built-in configuration") { check_both_readers_agree(nlohmann::json::parse(config.to_json())); }
    SECTION("changed values, escapes and empty lists") {
        config.fold_diacritics = false;
        config.bm25_k1 = 0.1 + 0.2;
        config.title_weight = 3;
        config.proximity_window = 12;
        config.stopwords.clear();
        config.synonyms = {"tab\there \"quoted\" back\\slash", "ev \"electric vehicle\""};
        config.cleaning.enabled = false;
        config.cleaning.drop_lines = {"\\d{1,2}:\\d{2}", "a/b"};
        check_both_readers_agree(nlohmann::json::parse(config.to_json()));
    }
    SECTION("non-ASCII words") {
        config.stopwords = {"à", "über", "日本"};
        check_both_readers_agree(nlohmann::json::parse(config.to_json()));
    }
    SECTION("keys older indexes lack, numbers in exponent form") {
        nlohmann::json stored = nlohmann::json::parse(config.to_json());
        stored.erase("fold_diacritics");
        stored.erase("synonyms");
        stored.erase("phrase_weight");
        stored["bm25_b"] = 1e-7;
        check_both_readers_agree(stored);
        CHECK_FALSE(IndexConfig::from_json(stored.dump()).fold_diacritics);
    }
}

TEST_CASE("a stored configuration with a value of the wrong type is refused", "[config]") {
    nlohmann::json stored = nlohmann::json::parse(IndexConfig::defaults().to_json());
    stored["passage_max_words"] = "many";
    CHECK_THROWS_AS(IndexConfig::from_json(stored.dump()), pith::IndexError);
    stored = nlohmann::json::parse(IndexConfig::defaults().to_json());
    stored["cleaning"]["enabled"] = 1;
    CHECK_THROWS_AS(IndexConfig::from_json(stored.dump()), pith::IndexError);
}

TEST_CASE("a stored configuration without cleaning rules is refused with a rebuild hint", "[config]") {
    // Every index the tools accept stores them; reading them needs no TOML (pith-search links none).
    nlohmann::json old = nlohmann::json::parse(IndexConfig::defaults().to_json());
    old.erase("cleaning");
    CHECK_THROWS_AS(IndexConfig::from_json(old.dump()), pith::IndexError);
    CHECK_THROWS_WITH(IndexConfig::from_json(old.dump()), Catch::Contains("pith.config") && Catch::Contains("--rebuild"));
}

TEST_CASE("the built-in configuration boosts phrases and proximity a little", "[config]") {
    const IndexConfig config = IndexConfig::defaults();
    CHECK(config.proximity_weight == 0.1);
    CHECK(config.proximity_window == 4);
    CHECK(config.phrase_weight == 0.25);
}

TEST_CASE("a proximity window below 2 is refused naming the key", "[config]") {
    TempDir dir;
    write_file(dir / "c.toml", "[ranking]\nproximity_window = 1\n");
    CHECK_THROWS_WITH(IndexConfig::load(dir / "c.toml"), Catch::Contains("proximity_window"));
}

TEST_CASE("unreadable stored JSON throws an IndexError", "[config]") {
    CHECK_THROWS_AS(IndexConfig::from_json("{not json"), pith::IndexError);
    CHECK_THROWS_AS(IndexConfig::from_json("{\"language\": \"english\"}"), pith::IndexError);
}

TEST_CASE("same_analysis ignores query-time ranking and batching keys", "[config]") {
    const IndexConfig base = IndexConfig::defaults();
    IndexConfig other = base;
    other.bm25_k1 = 2.0;
    other.title_weight = 3.0;
    other.batch_articles = 1;
    CHECK(base.same_analysis(other));
    CHECK(other.same_analysis(base));
}

TEST_CASE("same_analysis is false when language stopwords passage sizes or length normalisation differ", "[config]") {
    const IndexConfig base = IndexConfig::defaults();
    IndexConfig language = base;
    language.language = "none";
    IndexConfig stopwords = base;
    stopwords.stopwords.push_back("canola");
    IndexConfig max_words = base;
    max_words.passage_max_words = 50;
    IndexConfig min_words = base;
    min_words.passage_min_words = 0;
    CHECK_FALSE(base.same_analysis(language));
    CHECK_FALSE(base.same_analysis(stopwords));
    CHECK_FALSE(base.same_analysis(max_words));
    CHECK_FALSE(base.same_analysis(min_words));
    // b and the reference length are applied to the stored wdfs (length_normalisation.hpp).
    IndexConfig b = base;
    b.bm25_b = 0.1;
    IndexConfig reference = base;
    reference.bm25_reference_length = 60;
    CHECK_FALSE(base.same_analysis(b));
    CHECK_FALSE(base.same_analysis(reference));
}

TEST_CASE("fold_diacritics is on by default and can be turned off", "[config]") {
    TempDir dir;
    CHECK(IndexConfig::defaults().fold_diacritics);
    write_file(dir / "pith.toml", "[analysis]\nfold_diacritics = false\n");
    CHECK_FALSE(IndexConfig::load(dir / "pith.toml").fold_diacritics);
}

TEST_CASE("a fold_diacritics value that is not a boolean throws naming the key", "[config]") {
    TempDir dir;
    const std::string message = load_error(dir, "[analysis]\nfold_diacritics = \"yes\"\n");
    CHECK_THAT(message, Catch::Contains("fold_diacritics must be true or false"));
    CHECK_THAT(message, Catch::Contains(":2"));
}

TEST_CASE("a language without a stemmer is refused when the config is loaded", "[config]") {
    TempDir dir;
    const std::string message = load_error(dir, "[analysis]\nlanguage = \"klingon\"\n");
    CHECK_THAT(message, Catch::Contains(":2"));
    CHECK_THAT(message, Catch::Contains("klingon"));
    CHECK_THAT(message, Catch::Contains("french"));  // the list of languages to choose from
}

TEST_CASE("every snowball language xapian ships is accepted", "[config]") {
    TempDir dir;
    // Xapian 1.4's list (Xapian::Stem::get_available_languages()).
    for (const char* language : {"arabic", "armenian", "basque", "catalan", "danish", "dutch", "english", "finnish",
                                 "french", "german", "hungarian", "indonesian", "irish", "italian", "lithuanian",
                                 "nepali", "norwegian", "portuguese", "romanian", "russian", "spanish", "swedish",
                                 "tamil", "turkish", "none"}) {
        INFO(language);
        CHECK(load_error(dir, std::string("[analysis]\nlanguage = \"") + language + "\"\n").empty());
    }
}

TEST_CASE("fold_diacritics round-trips through JSON and is part of the analysis", "[config]") {
    IndexConfig config = IndexConfig::defaults();
    config.fold_diacritics = false;
    CHECK_FALSE(IndexConfig::from_json(config.to_json()).fold_diacritics);
    CHECK_FALSE(config.same_analysis(IndexConfig::defaults()));
}

TEST_CASE("a config may name a built-in stopword list without shipping the file", "[config]") {
    TempDir dir;
    for (const char* language : {"fr", "de", "es"}) {
        INFO(language);
        write_file(dir / "pith.toml", std::string("[analysis]\nstopwords = \"stopwords/") + language + ".txt\"\n");
        CHECK(IndexConfig::load(dir / "pith.toml").stopwords.size() > 50);
    }
    write_file(dir / "pith.toml", "[analysis]\nlanguage = \"french\"\nstopwords = \"stopwords/fr.txt\"\n");
    CHECK(has(IndexConfig::load(dir / "pith.toml").stopwords, "où"));
}
