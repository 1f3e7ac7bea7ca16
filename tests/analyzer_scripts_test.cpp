// Chinese, Japanese and Thai by dictionary words, the bigram fallback, and diacritic folding:
// what the analyzer makes of them, token by token.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pith/analyzer.hpp"

namespace {

using pith::Analyzer;
using pith::IndexConfig;
using pith::Token;
using pith::TokenForm;
using Terms = std::vector<std::string>;

std::vector<Token> analyze(std::string_view text, const IndexConfig& config = IndexConfig::defaults()) {
    return Analyzer(config).analyze(text);
}

Terms terms_of_form(std::string_view text, TokenForm form, const IndexConfig& config = IndexConfig::defaults()) {
    Terms out;
    for (const Token& token : analyze(text, config))
        if (token.form == form) out.push_back(token.term);
    return out;
}

std::string surface(std::string_view text, const Token& token) {
    return std::string(text.substr(token.begin, token.end - token.begin));
}

const Token* find(const std::vector<Token>& tokens, std::string_view term) {
    for (const Token& token : tokens)
        if (token.term == term) return &token;
    return nullptr;
}

}  // namespace

TEST_CASE("chinese text is cut into dictionary words, not characters or n-grams", "[analyzer][cjk]") {
    CHECK(terms_of_form("加拿大总理卡尼访问北京", TokenForm::word) == Terms{"加拿大", "总理", "卡", "尼", "访问", "北京"});
}

TEST_CASE("a chinese word's offsets cover exactly its characters", "[analyzer][cjk]") {
    const std::string text = "加拿大总理卡尼访问北京";
    const std::vector<Token> tokens = analyze(text);
    REQUIRE(find(tokens, "北京") != nullptr);
    CHECK(surface(text, *find(tokens, "北京")) == "北京");
    CHECK(surface(text, *find(tokens, "加拿大")) == "加拿大");
}

TEST_CASE("japanese text mixing kanji kana and katakana is cut into words", "[analyzer][cjk]") {
    CHECK(terms_of_form("東京都で新しいカメラを買いました", TokenForm::word) ==
          Terms{"東京", "都", "で", "新しい", "カメラ", "を", "買い", "ま", "した"});
}

TEST_CASE("thai text without spaces is cut into dictionary words", "[analyzer][thai]") {
    CHECK(terms_of_form("นายกรัฐมนตรีแคนาดาเดินทางไปปักกิ่ง", TokenForm::word) ==
          Terms{"นายก", "รัฐมนตรี", "แคนาดา", "เดิน", "ทาง", "ไป", "ปักกิ่ง"});
}

TEST_CASE("chinese japanese and thai words are never stemmed", "[analyzer][cjk][thai]") {
    for (const Token& token : analyze("加拿大总理访问北京 カメラを買いました แคนาดาเดินทาง"))
        CHECK(token.stem.empty());
}

TEST_CASE("every two adjacent ideographs of a run give a bigram spanning exactly them, after every word",
          "[analyzer][cjk]") {
    const std::string text = "工具箱和小化妆包";
    const std::vector<Token> tokens = analyze(text);
    CHECK(terms_of_form(text, TokenForm::bigram) == Terms{"G工具", "G具箱", "G箱和", "G和小", "G小化", "G化妆", "G妆包"});
    const Token* word = find(tokens, "工具箱");
    const Token* bigram = find(tokens, "G具箱");
    REQUIRE(word != nullptr);
    REQUIRE(bigram != nullptr);
    // Bigrams number positions of their own, above every word's (analyzer_subwords_test.cpp).
    CHECK(bigram->position > word->position);
    CHECK(bigram->variant);
    CHECK(surface(text, *bigram) == "具箱");
}

TEST_CASE("bigrams do not cross punctuation, spaces or latin words", "[analyzer][cjk]") {
    CHECK(terms_of_form("北京。上海 广州abc深圳", TokenForm::bigram) == Terms{"G北京", "G上海", "G广州", "G深圳"});
}

TEST_CASE("bigrams add no word positions", "[analyzer][cjk]") {
    const std::vector<Token> tokens = analyze("工具箱 canola");
    REQUIRE(find(tokens, "canola") != nullptr);
    CHECK(find(tokens, "canola")->position == 1);
}

TEST_CASE("an accented word also yields its unaccented form at the same position", "[analyzer][folding]") {
    const std::string text = "Montréal, Québec";
    const std::vector<Token> tokens = analyze(text);
    const Token* bare = find(tokens, "montreal");
    REQUIRE(bare != nullptr);
    CHECK(bare->form == TokenForm::unaccented);
    CHECK(bare->position == find(tokens, "montréal")->position);
    CHECK(surface(text, *bare) == "Montréal");
    CHECK(terms_of_form(text, TokenForm::unaccented) == Terms{"montreal", "quebec"});
}

TEST_CASE("letters whose accent is part of the letter fold too", "[analyzer][folding]") {
    CHECK(terms_of_form("Łódź København", TokenForm::unaccented) == Terms{"lodz", "kobenhavn"});
}

TEST_CASE("greek accents and arabic vowel marks are folded", "[analyzer][folding]") {
    CHECK(terms_of_form("Αθήνα", TokenForm::unaccented) == Terms{"αθηνα"});
    CHECK(terms_of_form("كَتَبَ", TokenForm::unaccented) == Terms{"كتب"});
}

TEST_CASE("an unaccented word has no extra form", "[analyzer][folding]") {
    CHECK(terms_of_form("Montreal canola", TokenForm::unaccented).empty());
}

TEST_CASE("thai and devanagari marks are letters and are never folded away", "[analyzer][folding]") {
    CHECK(terms_of_form("แคนาดาเดินทาง हिन्दी", TokenForm::unaccented).empty());
}

TEST_CASE("fold_diacritics false keeps accented words only", "[analyzer][folding]") {
    IndexConfig config = IndexConfig::defaults();
    config.fold_diacritics = false;
    CHECK(terms_of_form("Montréal Québec", TokenForm::unaccented, config).empty());
    CHECK(terms_of_form("Montréal Québec", TokenForm::word, config) == Terms{"montréal", "québec"});
}

TEST_CASE("greek final sigma folds to the same term as medial sigma", "[analyzer][folding]") {
    CHECK(terms_of_form("ΟΔΥΣΣΕΥΣ Οδυσσευς", TokenForm::word) == Terms{"οδυσσευσ", "οδυσσευσ"});
}

TEST_CASE("a hyphenated accented word's joined form also gets an unaccented form", "[analyzer][folding]") {
    CHECK(terms_of_form("Saint-Étienne", TokenForm::unaccented) == Terms{"saintetienne", "etienne"});
}
