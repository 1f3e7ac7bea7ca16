#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pith/analyzer.hpp"
#include "pith/passage_splitter.hpp"
#include "test_support.hpp"

namespace {

using pith::Analyzer;
using pith::IndexConfig;
using pith::Passage;
using pith::PassageSplitter;
using Texts = std::vector<std::string>;

std::vector<Passage> split(std::string_view text, std::size_t max_words = 120, std::size_t min_words = 0) {
    Analyzer analyzer(IndexConfig::defaults());
    PassageSplitter splitter(analyzer, max_words, min_words);
    return splitter.split(text);
}

Texts texts(const std::vector<Passage>& passages) {
    Texts out;
    for (const Passage& passage : passages) out.push_back(passage.text);
    return out;
}

// A sentence of `n` words: "<tag>1 <tag>2 … <tag>n."
std::string sentence(const std::string& tag, int n) {
    std::string out;
    for (int i = 1; i <= n; ++i) out += (i > 1 ? " " : "") + tag + std::to_string(i);
    return out + ".";
}

std::size_t word_count(std::string_view text) {
    Analyzer analyzer(IndexConfig::defaults());
    return analyzer.count_words(text);
}

}  // namespace

TEST_CASE("each line is a paragraph of its own", "[passages]") {
    CHECK(texts(split("First paragraph here.\nSecond paragraph here.\nThird one.")) ==
          Texts{"First paragraph here.", "Second paragraph here.", "Third one."});
}

TEST_CASE("blank lines separate paragraphs without making empty passages", "[passages]") {
    CHECK(texts(split("\n\nAlpha block.\n\n\n  \nBeta block.\r\n\r\nGamma block.\n\n")) ==
          Texts{"Alpha block.", "Beta block.", "Gamma block."});
}

TEST_CASE("a paragraph repeated later in the article is dropped", "[passages]") {
    CHECK(texts(split("Canola prices fell.\nFarmers worried.\nCanola prices fell.\nExports recovered.")) ==
          Texts{"Canola prices fell.", "Farmers worried.", "Exports recovered."});
}

TEST_CASE("a repeat that differs only in whitespace is dropped", "[passages]") {
    CHECK(texts(split("Canola prices fell sharply.\nFarmers worried.\n  Canola   prices\tfell sharply. \r\n")) ==
          Texts{"Canola prices fell sharply.", "Farmers worried."});
}

TEST_CASE("a repeat that differs in wording is kept", "[passages]") {
    CHECK(split("Canola prices fell.\nCanola prices rose.").size() == 2);
}

TEST_CASE("passage offsets index the original text exactly", "[passages]") {
    const std::string text = "  Title \u2014 with dash\n\n\tIndented paragraph, here.  \r\nLast one \u201Cquoted\u201D.\n";
    const std::vector<Passage> passages = split(text);
    REQUIRE(passages.size() == 3);
    for (const Passage& passage : passages) {
        REQUIRE(passage.begin < passage.end);
        REQUIRE(passage.end <= text.size());
        CHECK(text.substr(passage.begin, passage.end - passage.begin) == passage.text);
    }
    CHECK(passages[0].text == "Title \u2014 with dash");
    CHECK(passages[1].text == "Indented paragraph, here.");
    CHECK(passages[2].text == "Last one \u201Cquoted\u201D.");
}

TEST_CASE("ordinals run from 0 to n-1 in order", "[passages]") {
    const std::vector<Passage> passages = split("One.\nTwo.\nOne.\n\u2014\nThree.\nFour.");
    REQUIRE(passages.size() == 4);
    for (std::size_t i = 0; i < passages.size(); ++i) CHECK(passages[i].ordinal == i);
    for (std::size_t i = 1; i < passages.size(); ++i) CHECK(passages[i].begin > passages[i - 1].begin);
}

TEST_CASE("paragraphs without words are skipped", "[passages]") {
    CHECK(texts(split("Before.\n\u2014\n* * *\n...\n---\nAfter.")) == Texts{"Before.", "After."});
}

TEST_CASE("a paragraph over max_words is split on sentence boundaries", "[passages]") {
    const Texts sentences = {sentence("A", 4), sentence("B", 4), sentence("C", 4), sentence("D", 4), sentence("E", 4)};
    std::string paragraph;
    for (const std::string& s : sentences) paragraph += (paragraph.empty() ? "" : " ") + s;
    const std::vector<Passage> passages = split(paragraph, 10);
    CHECK(texts(passages) == Texts{sentences[0] + " " + sentences[1], sentences[2] + " " + sentences[3], sentences[4]});
    for (const Passage& passage : passages) {
        INFO(passage.text);
        CHECK(word_count(passage.text) <= 10);
        CHECK(paragraph.substr(passage.begin, passage.end - passage.begin) == passage.text);
    }
}

TEST_CASE("a paragraph of exactly max_words stays whole", "[passages]") {
    const std::string paragraph = sentence("A", 5) + " " + sentence("B", 5);
    CHECK(texts(split(paragraph, 10)) == Texts{paragraph});
}

TEST_CASE("a single sentence longer than max_words is cut between words", "[passages]") {
    const std::string text = sentence("W", 25);
    const std::vector<Passage> passages = split(text, 10);
    REQUIRE(passages.size() == 3);
    CHECK(word_count(passages[0].text) == 10);
    CHECK(word_count(passages[1].text) == 10);
    CHECK(word_count(passages[2].text) == 5);
    CHECK(passages[0].text.starts_with("W1 "));
    CHECK(passages[1].text.starts_with("W11 "));
    CHECK(passages[2].text == "W21 W22 W23 W24 W25.");
    std::string rejoined;
    for (const Passage& passage : passages) rejoined += (rejoined.empty() ? "" : " ") + passage.text;
    CHECK(rejoined == text);
}

TEST_CASE("sentences after an over-long sentence start a new chunk", "[passages]") {
    const std::string text = sentence("A", 3) + " " + sentence("W", 12) + " " + sentence("Z", 3);
    const std::vector<Passage> passages = split(text, 10);
    for (const Passage& passage : passages) {
        INFO(passage.text);
        CHECK(word_count(passage.text) <= 10);
        CHECK(text.substr(passage.begin, passage.end - passage.begin) == passage.text);
    }
    REQUIRE_FALSE(passages.empty());
    CHECK(passages.front().text.starts_with("A1 "));
    CHECK(passages.back().text.ends_with("Z3."));
    std::size_t total = 0;
    for (const Passage& passage : passages) total += word_count(passage.text);
    CHECK(total == 18);
}

TEST_CASE("short paragraphs are joined up to min_words keeping the line break", "[passages]") {
    const std::string text = "Headline here\n\nA body paragraph of several words.\nAnother paragraph with enough words in it.";
    const std::vector<Passage> passages = split(text, 120, 6);
    REQUIRE(passages.size() == 2);
    CHECK(passages[0].text == "Headline here\n\nA body paragraph of several words.");
    CHECK(passages[1].text == "Another paragraph with enough words in it.");
    for (const Passage& passage : passages) CHECK(text.substr(passage.begin, passage.end - passage.begin) == passage.text);
}

TEST_CASE("joining short paragraphs never goes beyond max_words", "[passages]") {
    const std::string text = sentence("A", 4) + "\n" + sentence("B", 4) + "\n" + sentence("C", 4);
    const std::vector<Passage> passages = split(text, 10, 9);
    for (const Passage& passage : passages) {
        INFO(passage.text);
        CHECK(word_count(passage.text) <= 10);
    }
    CHECK(texts(passages) == Texts{sentence("A", 4) + "\n" + sentence("B", 4), sentence("C", 4)});
}

TEST_CASE("the title line leads into the first paragraph however long it is", "[passages]") {
    const std::string title = "A long headline that has more than enough words to stand alone";
    const std::string text = title + "\n\nFirst paragraph with words.\nSecond paragraph with words.";
    const std::vector<Passage> passages = split(text, 120, 3);
    CHECK(texts(passages) == Texts{title + "\n\nFirst paragraph with words.", "Second paragraph with words."});
}

TEST_CASE("the title line stays apart when min_words is zero", "[passages]") {
    const std::string text = "A headline\n\nFirst paragraph with words.";
    CHECK(texts(split(text, 120, 0)) == Texts{"A headline", "First paragraph with words."});
}

TEST_CASE("min_words zero keeps every paragraph apart", "[passages]") {
    CHECK(split("Hi.\nOk.\nYes.", 120, 0).size() == 3);
}

TEST_CASE("the seed article's repeated paragraphs appear once among its passages", "[passages][seeds]") {
    const std::string text =
        pith::test::read_file(std::filesystem::path(PITH_SEEDS_DIR) / "001_755a10419ae69481.txt");
    const IndexConfig config = IndexConfig::defaults();
    Analyzer analyzer(config);
    PassageSplitter splitter(analyzer, config.passage_max_words, config.passage_min_words);
    const std::vector<Passage> passages = splitter.split(text);

    // Paragraphs (lines) the article holds more than once, found independently of the splitter.
    std::vector<std::string> repeated;
    for (const std::string& paragraph : pith::test::distinct_paragraphs(text))
        if (pith::test::count_occurrences(text, paragraph) > 1 && analyzer.count_words(paragraph) >= 8)
            repeated.push_back(paragraph);
    REQUIRE(repeated.size() >= 2);

    bool saw_meeting = false;
    for (const std::string& paragraph : repeated) {
        const std::string opening = paragraph.substr(0, 60);
        saw_meeting = saw_meeting || opening.starts_with("During a meeting with Canadian Prime Minister Mark Carney");
        std::size_t count = 0;
        for (const Passage& passage : passages) count += pith::test::count_occurrences(passage.text, opening);
        INFO(opening);
        CHECK(count == 1);
    }
    CHECK(saw_meeting);
    for (const Passage& passage : passages)
        CHECK(text.substr(passage.begin, passage.end - passage.begin) == passage.text);
}
