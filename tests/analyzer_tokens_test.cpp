// Tokens people type: e-mail addresses, URLs, handles, hashtags, emoji, numbers with units and
// dates, hyphenated words; each found the way a reader would search for it.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pith/analyzer.hpp"
#include "pith/article.hpp"
#include "pith/index_writer.hpp"
#include "pith/searcher.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using pith::Token;
using pith::TokenForm;
using Terms = std::vector<std::string>;

Terms words(std::string_view text) {
    Terms out;
    for (const Token& token : pith::Analyzer(pith::IndexConfig::defaults()).analyze(text))
        if (token.form == TokenForm::word) out.push_back(token.term);
    return out;
}

Terms joined(std::string_view text) {
    Terms out;
    for (const Token& token : pith::Analyzer(pith::IndexConfig::defaults()).analyze(text))
        if (token.form == TokenForm::joined) out.push_back(token.term);
    return out;
}

// An index holding one article with `text` as its only paragraph; true when `query` finds it.
class OneArticle {
  public:
    explicit OneArticle(const std::string& text) {
        pith::IndexConfig config = pith::IndexConfig::defaults();
        config.passage_min_words = 0;
        pith::test::write_file(dir_ / "a.txt", "Title\n" + text + "\n");
        pith::IndexWriter writer(dir_ / "index", config, pith::OpenMode::update);
        writer.add(pith::read_article(dir_ / "a.txt"));
        writer.commit();
    }
    bool finds(std::string_view query) const {
        return !pith::Searcher(dir_ / "index").search(query).hits.empty();
    }

  private:
    pith::test::TempDir dir_;
};

}  // namespace

TEST_CASE("an e-mail address is split into its parts", "[analyzer][tokens]") {
    CHECK(words("press.office@example.gc.ca") == Terms{"press", "office", "example", "gc", "ca"});
}

TEST_CASE("an e-mail address is found whole and by a part", "[search][tokens]") {
    OneArticle article("Write to press.office@example.gc.ca for accreditation.");
    CHECK(article.finds("press.office@example.gc.ca"));
    CHECK(article.finds("example"));
    CHECK_FALSE(article.finds("other.office@example.gc.ca"));
}

TEST_CASE("a URL is split into its parts and found whole and by a part", "[analyzer][search][tokens]") {
    CHECK(words("https://www.canada.ca/en/news.html") == Terms{"https", "www", "canada", "ca", "en", "news", "html"});
    OneArticle article("The notice is at https://www.canada.ca/en/news.html since Monday.");
    CHECK(article.finds("https://www.canada.ca/en/news.html"));
    CHECK(article.finds("www.canada.ca"));
    CHECK(article.finds("news"));
}

TEST_CASE("a handle and a hashtag are found with or without their sign", "[analyzer][search][tokens]") {
    CHECK(words("@CanadaPost #canola") == Terms{"canadapost", "canola"});
    OneArticle article("Farmers replied to @CanadaPost under #canola all week.");
    CHECK(article.finds("@CanadaPost"));
    CHECK(article.finds("canadapost"));
    CHECK(article.finds("#canola"));
}

TEST_CASE("emoji are ignored and do not glue or break the words around them", "[analyzer][tokens]") {
    CHECK(words("canola👍prices 🇨🇦 rose 👩‍👩‍👧 sharply") == Terms{"canola", "prices", "rose", "sharply"});
}

TEST_CASE("a number glued to its unit is the number and the unit, and the word as typed", "[analyzer][search][tokens]") {
    CHECK(words("a 5km walk") == Terms{"a", "5", "km", "walk"});
    CHECK(joined("a 5km walk") == Terms{"5km"});
    OneArticle article("The convoy stretched for 5km along the highway.");
    CHECK(article.finds("5km"));
    CHECK(article.finds("\"5 km\""));
}

TEST_CASE("a date is found as typed and by its year", "[search][tokens]") {
    OneArticle article("The ruling came on 2025-06-05 after months of talks.");
    CHECK(article.finds("2025-06-05"));
    CHECK(article.finds("2025"));
    CHECK_FALSE(article.finds("2025-06-06"));
}

TEST_CASE("numbers with separators and units are found as typed", "[search][tokens]") {
    OneArticle article("Exports fell 10.4% to $47 billion, or 49,000 tonnes, and 2.6 ships a day.");
    CHECK(article.finds("10.4%"));
    CHECK(article.finds("$47"));
    CHECK(article.finds("\"$47 billion\""));
    CHECK(article.finds("49,000"));
    CHECK(article.finds("2.6"));
    CHECK_FALSE(article.finds("10.5%"));
}

TEST_CASE("a hyphenated word is found by itself, joined and by a part", "[search][tokens]") {
    OneArticle article("Ottawa opened an anti-dumping probe into steel.");
    CHECK(article.finds("anti-dumping"));
    CHECK(article.finds("antidumping"));
    CHECK(article.finds("dumping"));
}

TEST_CASE("contractions, possessives and names with apostrophes are found as typed", "[search][tokens]") {
    OneArticle article("Beijing’s envoy said it doesn't matter, O’Toole replied.");
    CHECK(article.finds("Beijing"));
    CHECK(article.finds("Beijing's"));
    CHECK(article.finds("doesn’t"));
    CHECK(article.finds("O'Toole"));
}

TEST_CASE("dotted abbreviations and dashes between words are found as typed", "[search][tokens]") {
    OneArticle article("U.S. and U.K. officials discussed Canada–China trade.");
    CHECK(article.finds("U.S."));
    CHECK(article.finds("us"));
    CHECK(article.finds("UK"));
    CHECK(article.finds("Canada–China"));
    CHECK(article.finds("china"));
}

TEST_CASE("a french word is found without its elided article", "[search][tokens]") {
    OneArticle article("Les producteurs parlent de l’été et d’Ottawa.");
    CHECK(article.finds("été"));
    CHECK(article.finds("ete"));
    CHECK(article.finds("Ottawa"));
    CHECK(article.finds("l'été"));
}

TEST_CASE("a query word with an elided article finds the bare word", "[search][tokens]") {
    OneArticle article("Cet été, les récoltes ont été bonnes.");
    CHECK(article.finds("l'été"));
    CHECK(article.finds("\"l'été les\""));
}
