#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "pith/analyzer.hpp"
#include "pith/error.hpp"
#include "golden_tokens.hpp"
#include "test_support.hpp"

namespace {

using pith::Analyzer;
using pith::IndexConfig;
using pith::Token;
using Terms = std::vector<std::string>;

std::vector<Token> tokens_of(std::string_view text, const IndexConfig& config = IndexConfig::defaults()) {
    Analyzer analyzer(config);
    return analyzer.analyze(text);
}

// Terms of every token in order, variants included.
Terms terms(std::string_view text) {
    Terms out;
    for (const Token& token : tokens_of(text)) out.push_back(token.term);
    return out;
}

// Terms of the words only (one per position).
Terms words(std::string_view text) {
    Terms out;
    for (const Token& token : tokens_of(text))
        if (!token.variant) out.push_back(token.term);
    return out;
}

std::string surface(std::string_view text, const Token& token) {
    return std::string(text.substr(token.begin, token.end - token.begin));
}

const Token* find_term(const std::vector<Token>& tokens, std::string_view term) {
    for (const Token& token : tokens)
        if (token.term == term) return &token;
    return nullptr;
}

std::vector<std::string> expected_lines(const std::string& golden) {
    std::vector<std::string> lines;
    std::istringstream in(golden);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty() && line[0] != '#') lines.push_back(line);
    return lines;
}

// Compares the analyzer's tokens of golden/<name>.txt with golden/<name>.tokens and describes
// every differing line, so a failure says which token changed and how.
void check_golden(const std::string& name, const std::string& language = "english") {
    const std::filesystem::path dir = PITH_GOLDEN_DIR;
    const std::string text = pith::test::read_file(dir / (name + ".txt"));
    const std::vector<std::string> expected = expected_lines(pith::test::read_file(dir / (name + ".tokens")));
    IndexConfig config = IndexConfig::defaults();
    config.language = language;
    const std::vector<Token> tokens = tokens_of(text, config);
    std::vector<std::string> actual;
    for (const Token& token : tokens) actual.push_back(pith::test::format_golden_token(text, token));

    std::ostringstream diff;
    const std::size_t lines = std::max(expected.size(), actual.size());
    for (std::size_t i = 0; i < lines; ++i) {
        const std::string* want = i < expected.size() ? &expected[i] : nullptr;
        const std::string* got = i < actual.size() ? &actual[i] : nullptr;
        if (want && got && *want == *got) continue;
        diff << "token " << i << ":\n";
        if (want) diff << "  - expected " << *want << '\n';
        if (got) diff << "  + actual   " << *got << "   (surface '" << surface(text, tokens[i]) << "')\n";
    }
    INFO(name << ".tokens differs from the analyzer's output (- golden, + actual):\n" << diff.str());
    CHECK(diff.str().empty());

    for (const Token& token : tokens) {
        INFO("token " << pith::test::format_golden_token(text, token));
        REQUIRE(token.begin < token.end);
        REQUIRE(token.end <= text.size());
    }
}

}  // namespace

TEST_CASE("tokens carry term stem position and the byte range of their surface form", "[analyzer]") {
    const std::string text = "Canola tariffs rose";
    const std::vector<Token> tokens = tokens_of(text);
    REQUIRE(tokens.size() == 3);
    CHECK(tokens[0] == Token{"canola", "canola", 0, 0, 6, false});
    CHECK(tokens[1] == Token{"tariffs", "tariff", 1, 7, 14, false});
    CHECK(tokens[2] == Token{"rose", "rose", 2, 15, 19, false});
    CHECK(surface(text, tokens[1]) == "tariffs");
}

TEST_CASE("positions count from the given first position", "[analyzer]") {
    Analyzer analyzer(IndexConfig::defaults());
    const std::vector<Token> tokens = analyzer.analyze("canola seed", 7);
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[0].position == 7);
    CHECK(tokens[1].position == 8);
}

TEST_CASE("curly double quotes are stripped from the words they surround", "[analyzer]") {
    const std::string text = "a \u201Cpractical and constructive\u201D way";
    CHECK(terms(text) == Terms{"a", "practical", "and", "constructive", "way"});
    const std::vector<Token> tokens = tokens_of(text);
    CHECK(surface(text, tokens[1]) == "practical");
    CHECK(surface(text, tokens[3]) == "constructive");
}

TEST_CASE("a possessive curly apostrophe folds into the bare word", "[analyzer]") {
    const std::string text = "Beijing\u2019s olive branch";
    CHECK(terms(text) == Terms{"beijing", "olive", "branch"});
    CHECK(surface(text, tokens_of(text)[0]) == "Beijing\u2019s");
}

TEST_CASE("a possessive straight apostrophe folds into the bare word", "[analyzer]") {
    CHECK(terms("Beijing's olive branch") == Terms{"beijing", "olive", "branch"});
}

TEST_CASE("a contraction keeps its apostrophe", "[analyzer]") {
    CHECK(terms("it doesn't matter") == Terms{"it", "doesn't", "matter"});
    CHECK(terms("it doesn\u2019t matter") == Terms{"it", "doesn't", "matter"});
}

TEST_CASE("a curly apostrophe inside a name becomes a straight one", "[analyzer]") {
    const std::string text = "O\u2019Toole spoke";
    CHECK(terms(text) == Terms{"o'toole", "spoke"});
    CHECK(surface(text, tokens_of(text)[0]) == "O\u2019Toole");
}

TEST_CASE("a trailing apostrophe of a plural possessive is dropped", "[analyzer]") {
    CHECK(terms("the farmers' union") == Terms{"the", "farmers", "union"});
}

TEST_CASE("dotted abbreviations U.S. and U.K. are one token each", "[analyzer]") {
    const std::string text = "U.S. and U.K. officials";
    const std::vector<Token> tokens = tokens_of(text);
    REQUIRE(tokens.size() == 4);
    CHECK(tokens[0].term == "us");
    CHECK(tokens[0].position == 0);
    CHECK(surface(text, tokens[0]).starts_with("U.S"));
    CHECK(tokens[2].term == "uk");
    CHECK(tokens[2].position == 2);
    CHECK(surface(text, tokens[2]).starts_with("U.K"));
}

TEST_CASE("a dollar amount keeps its decimal point and loses the currency sign", "[analyzer]") {
    const std::string text = "$2.6 billion";
    const std::vector<Token> tokens = tokens_of(text);
    CHECK(terms(text) == Terms{"2.6", "billion"});
    CHECK(surface(text, tokens[0]) == "2.6");
}

TEST_CASE("a percentage becomes its number", "[analyzer]") {
    CHECK(terms("up 10.4% this year") == Terms{"up", "10.4", "this", "year"});
}

TEST_CASE("a number with a thousands separator stays one token", "[analyzer]") {
    CHECK(terms("49,000 jobs") == Terms{"49,000", "jobs"});
}

TEST_CASE("an en dash between names splits them into consecutive positions", "[analyzer]") {
    const std::vector<Token> tokens = tokens_of("Canada\u2013China ties");
    REQUIRE(tokens.size() == 3);
    CHECK(tokens[0].term == "canada");
    CHECK(tokens[1].term == "china");
    CHECK(tokens[1].position == tokens[0].position + 1);
    CHECK_FALSE(tokens[0].variant);
    CHECK_FALSE(tokens[1].variant);
}

TEST_CASE("an em dash between words splits them without a joined variant", "[analyzer]") {
    const std::string text = "constructive\u2014moves";
    CHECK(terms(text) == Terms{"constructive", "moves"});
    const std::vector<Token> tokens = tokens_of(text);
    CHECK(surface(text, tokens[1]) == "moves");
}

TEST_CASE("a hyphenated word yields its parts and a joined variant at the first part's position", "[analyzer]") {
    const std::string text = "new anti-dumping duties";
    const std::vector<Token> tokens = tokens_of(text);
    CHECK(words(text) == Terms{"new", "anti", "dumping", "duties"});
    const Token* anti = find_term(tokens, "anti");
    const Token* dumping = find_term(tokens, "dumping");
    const Token* joined = find_term(tokens, "antidumping");
    REQUIRE(anti);
    REQUIRE(dumping);
    REQUIRE(joined);
    CHECK(joined->variant);
    CHECK_FALSE(anti->variant);
    CHECK(joined->position == anti->position);
    CHECK(dumping->position == anti->position + 1);
    CHECK(surface(text, *joined) == "anti-dumping");
    CHECK(find_term(tokens, "duties")->position == anti->position + 2);
}

TEST_CASE("fullwidth letters are normalized to ASCII by NFKC", "[analyzer]") {
    const std::string text = "\uFF43\uFF41\uFF4E\uFF4F\uFF4C\uFF41 prices";
    const std::vector<Token> tokens = tokens_of(text);
    CHECK(terms(text) == Terms{"canola", "prices"});
    CHECK(tokens[0].end == 18);
}

TEST_CASE("STRASSE and strasse with sharp s fold to the same term", "[analyzer]") {
    CHECK(terms("STRASSE") == Terms{"strasse"});
    CHECK(terms("stra\u00DFe") == Terms{"strasse"});
    CHECK(terms("Stra\u00DFe") == Terms{"strasse"});
}

TEST_CASE("a ligature unfolds into its letters", "[analyzer]") {
    const std::string text = "\uFB01nance";
    CHECK(terms(text) == Terms{"finance"});
    CHECK(surface(text, tokens_of(text)[0]) == text);
}

TEST_CASE("english words get their snowball stem", "[analyzer]") {
    const std::vector<Token> tokens = tokens_of("tariffs tariff exporting");
    REQUIRE(tokens.size() == 3);
    CHECK(tokens[0].stem == "tariff");
    CHECK(tokens[1].stem == "tariff");
    CHECK(tokens[2].stem == "export");
}

TEST_CASE("numbers have an empty stem", "[analyzer]") {
    for (const Token& token : tokens_of("2025 49,000 10.4")) {
        INFO(token.term);
        CHECK(token.stem.empty());
    }
}

TEST_CASE("language none gives every token an empty stem", "[analyzer]") {
    IndexConfig config = IndexConfig::defaults();
    config.language = "none";
    const std::vector<Token> tokens = tokens_of("tariffs exporting canola", config);
    REQUIRE(tokens.size() == 3);
    CHECK(tokens[0].term == "tariffs");
    for (const Token& token : tokens) CHECK(token.stem.empty());
}

TEST_CASE("an unknown language throws a ConfigError naming it", "[analyzer]") {
    IndexConfig config = IndexConfig::defaults();
    config.language = "klingon";
    CHECK_THROWS_AS(Analyzer(config), pith::ConfigError);
    CHECK_THROWS_WITH(Analyzer(config), Catch::Contains("klingon"));
}

TEST_CASE("invalid UTF-8 does not crash and offsets stay inside the text", "[analyzer]") {
    const std::string text = "ab\xFF\xFE" "cd \xE2\x80 ef \xC3";
    const std::vector<Token> tokens = tokens_of(text);
    CHECK(words(text) == Terms{"ab", "cd", "ef"});
    for (const Token& token : tokens) {
        CHECK(token.begin < token.end);
        CHECK(token.end <= text.size());
    }
    CHECK(surface(text, tokens[1]) == "cd");
}

TEST_CASE("a term longer than 240 bytes is skipped but consumes a position", "[analyzer]") {
    const std::string text = "short " + std::string(241, 'x') + " after";
    const std::vector<Token> tokens = tokens_of(text);
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[0].term == "short");
    CHECK(tokens[0].position == 0);
    CHECK(tokens[1].term == "after");
    CHECK(tokens[1].position == 2);
    CHECK(surface(text, tokens[1]) == "after");
}

TEST_CASE("a term of exactly 240 bytes is kept", "[analyzer]") {
    const std::string text = std::string(240, 'y') + " after";
    const std::vector<Token> tokens = tokens_of(text);
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[0].term.size() == 240);
    CHECK(tokens[1].position == 1);
}

TEST_CASE("count_words counts words and not hyphen variants", "[analyzer]") {
    Analyzer analyzer(IndexConfig::defaults());
    CHECK(analyzer.count_words("new anti-dumping duties \u2014 on U.S. steel") == 7);
    CHECK(analyzer.count_words("\u2014 * * *") == 0);
}

TEST_CASE("is_stopword answers from the configured list", "[analyzer]") {
    IndexConfig config = IndexConfig::defaults();
    config.stopwords = {"canola"};
    Analyzer analyzer(config);
    CHECK(analyzer.is_stopword("canola"));
    CHECK_FALSE(analyzer.is_stopword("the"));
}

TEST_CASE("every built-in stopword is a term the analyzer produces", "[analyzer]") {
    // A stopword the analyzer never produces (say "it's", which folds to "it") could never be
    // made optional.
    const IndexConfig config = IndexConfig::defaults();
    Analyzer analyzer(config);
    for (const std::string& word : config.stopwords) {
        INFO(word);
        const std::vector<Token> tokens = analyzer.analyze(word);
        REQUIRE(tokens.size() == 1);
        CHECK(tokens[0].term == word);
        CHECK(analyzer.is_stopword(tokens[0].term));
    }
}

TEST_CASE("trade news sentences analyze exactly as the golden file says", "[analyzer][golden]") {
    check_golden("analyzer_trade_news");
}

TEST_CASE("unicode folding sentences analyze exactly as the golden file says", "[analyzer][golden]") {
    check_golden("analyzer_unicode_folding");
}

TEST_CASE("numbers and dashes analyze exactly as the golden file says", "[analyzer][golden]") {
    check_golden("analyzer_numbers_dashes");
}

// One golden file per language, each sentence written for Pith: dictionary words for Chinese,
// Japanese and Thai (with the bigram fallback), stemmers and folding for the others.
TEST_CASE("chinese analyzes exactly as the golden file says", "[analyzer][golden]") { check_golden("lang_zh", "none"); }
TEST_CASE("japanese analyzes exactly as the golden file says", "[analyzer][golden]") { check_golden("lang_ja", "none"); }
TEST_CASE("thai analyzes exactly as the golden file says", "[analyzer][golden]") { check_golden("lang_th", "none"); }
TEST_CASE("korean analyzes exactly as the golden file says", "[analyzer][golden]") { check_golden("lang_ko", "english"); }
TEST_CASE("arabic analyzes exactly as the golden file says", "[analyzer][golden]") { check_golden("lang_ar", "arabic"); }
TEST_CASE("russian analyzes exactly as the golden file says", "[analyzer][golden]") { check_golden("lang_ru", "russian"); }
TEST_CASE("german analyzes exactly as the golden file says", "[analyzer][golden]") { check_golden("lang_de", "german"); }
TEST_CASE("french analyzes exactly as the golden file says", "[analyzer][golden]") { check_golden("lang_fr", "french"); }
TEST_CASE("spanish analyzes exactly as the golden file says", "[analyzer][golden]") { check_golden("lang_es", "spanish"); }

TEST_CASE("every french german and spanish stopword is a word the analyzer produces", "[analyzer]") {
    pith::test::TempDir dir;
    for (const char* list : {"fr", "de", "es"}) {
        pith::test::write_file(dir / "pith.toml", std::string("[analysis]\nstopwords = \"stopwords/") + list + ".txt\"\n");
        const IndexConfig config = IndexConfig::load(dir / "pith.toml");
        Analyzer analyzer(config);
        for (const std::string& word : config.stopwords) {
            INFO(list << ": " << word);
            std::vector<std::string> produced;
            for (const Token& token : analyzer.analyze(word))
                if (!token.variant) produced.push_back(token.term);
            CHECK(produced == std::vector<std::string>{word});
        }
    }
}
TEST_CASE("e-mail addresses, URLs, handles, hashtags, emoji and units analyze exactly as the golden file says",
          "[analyzer][golden]") {
    check_golden("analyzer_typed_tokens");
}
