// Whole e-mail addresses and URLs: one normalised term at the position of the first part, found
// as typed, ranked above text that only holds the parts, and highlighted whole.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "address_terms.hpp"
#include "pith/analyzer.hpp"
#include "pith/article.hpp"
#include "pith/highlighter.hpp"
#include "pith/index_writer.hpp"
#include "pith/query.hpp"
#include "pith/searcher.hpp"
#include "analysis_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using pith::Analyzer;
using pith::IndexConfig;
using pith::Token;
using pith::TokenForm;
using pith::test::TempDir;
using Terms = std::vector<std::string>;

std::vector<Token> addresses_of(std::string_view text) { return pith::test::tokens_of_form(text, TokenForm::address); }

Terms address_terms(std::string_view text) { return pith::test::terms_of_form(text, TokenForm::address); }

Terms marked(std::string_view query, std::string_view passage) { return pith::test::marked_text(query, passage); }

}  // namespace

TEST_CASE("an e-mail address is also one lower-cased term at its first part's position and span",
          "[analyzer][address]") {
    const std::string text = "Mail Press.Office@Example.GC.ca today.";
    const std::vector<Token> tokens = Analyzer(IndexConfig::defaults()).analyze(text);
    const std::vector<Token> addresses = addresses_of(text);
    REQUIRE(addresses.size() == 1);
    CHECK(addresses[0].term == "press.office@example.gc.ca");
    CHECK(text.substr(addresses[0].begin, addresses[0].end - addresses[0].begin) == "Press.Office@Example.GC.ca");
    CHECK(addresses[0].variant);
    CHECK(addresses[0].stem.empty());
    const auto press = std::find_if(tokens.begin(), tokens.end(), [](const Token& t) { return t.term == "press"; });
    REQUIRE(press != tokens.end());
    CHECK(addresses[0].position == press->position);
}

TEST_CASE("the parts of an address are still words of their own", "[analyzer][address]") {
    Terms words;
    for (const Token& token : Analyzer(IndexConfig::defaults()).analyze("press.office@example.ca"))
        if (!token.variant) words.push_back(token.term);
    CHECK(words == Terms{"press", "office", "example", "ca"});
}

TEST_CASE("a URL loses its scheme and www, keeps its path, and its host is lower-cased", "[analyzer][address]") {
    CHECK(address_terms("read https://www.Canada.CA/en/News.html today") == Terms{"canada.ca/en/News.html"});
    CHECK(address_terms("read http://canada.ca/en/News.html today") == Terms{"canada.ca/en/News.html"});
    CHECK(address_terms("see www.canada.ca.") == Terms{"canada.ca"});
    CHECK(address_terms("see https://canada.ca/") == Terms{"canada.ca"});
}

TEST_CASE("punctuation around a URL is not part of it", "[analyzer][address]") {
    CHECK(address_terms("(see https://example.org/a?b=1).") == Terms{"example.org/a?b=1"});
    CHECK(address_terms("at https://example.org/path, then") == Terms{"example.org/path"});
}

TEST_CASE("things that only look like addresses give no address term", "[analyzer][address]") {
    CHECK(address_terms("@CanadaPost tagged #canola").empty());
    CHECK(address_terms("a@b and x@localhost and U.S. e.g.").empty());
    CHECK(address_terms("https:// nothing").empty());
}

TEST_CASE("an address longer than a term can be is skipped, its parts kept", "[analyzer][address]") {
    const std::string url = "https://example.org/" + std::string(300, 'a');
    CHECK(address_terms(url).empty());
}

TEST_CASE("normalise_address treats scheme and www alike", "[analyzer][address]") {
    CHECK(pith::normalise_address("HTTPS://WWW.Example.COM/Page") == "example.com/Page");
    CHECK(pith::normalise_address("ftp://Example.com") == "example.com");
    CHECK(pith::normalise_address("Jane.Doe@Example.COM") == "jane.doe@example.com");
}

TEST_CASE("a whole address in the query marks the whole address", "[highlight][address]") {
    CHECK(marked("press.office@example.ca", "Mail press.office@example.ca today.") == Terms{"press.office@example.ca"});
    CHECK(marked("https://canada.ca/en", "read www.canada.ca/en now") == Terms{"www.canada.ca/en"});
}

TEST_CASE("a query for a whole address finds it as typed and ranks it above its scattered parts", "[search][address]") {
    TempDir dir;
    IndexConfig config = IndexConfig::defaults();
    config.passage_min_words = 0;
    fs::path index = dir / "index";
    {
        pith::IndexWriter writer(index, config, pith::OpenMode::update);
        // The parts, twice, as a phrase: by word statistics alone this passage scores higher.
        pith::test::write_file(dir / "parts.txt",
                               "Notes\nThe press office, example.ca, and the press office: example.ca again.\n");
        pith::test::write_file(dir / "address.txt", "Notes\nWrite to press.office@example.ca about the offices and more words here.\n");
        pith::test::write_file(dir / "url.txt", "Links\nThe release is at https://www.canada.ca/en/news.html for readers.\n");
        writer.add(pith::read_article(dir / "parts.txt"));
        writer.add(pith::read_article(dir / "address.txt"));
        writer.add(pith::read_article(dir / "url.txt"));
        writer.commit();
    }
    auto files = [&](std::string_view query) {
        Terms names;
        for (const pith::Hit& hit : pith::Searcher(index).search(query).hits)
            names.push_back(fs::path(hit.path).stem().string());
        return names;
    };
    const Terms found = files("PRESS.OFFICE@EXAMPLE.CA");
    REQUIRE_FALSE(found.empty());
    CHECK(found.front() == "address");
    CHECK(files("http://canada.ca/en/news.html") == Terms{"url"});
}

TEST_CASE("pith-search finds a URL typed with another scheme and highlights the whole of it", "[cli][address]") {
    TempDir dir;
    pith::test::write_file(dir / "src" / "links.txt", "Links\nThe release is at https://www.canada.ca/en/news.html for readers.\n");
    pith::test::write_file(dir / "src" / "other.txt", "Other\nCanada news in English, at canada.ca.\n");
    const std::string index = (dir / "idx").string();
    REQUIRE(pith::test::run({PITH_INDEX_BIN, "--quiet", "--index", index, (dir / "src").string()}).exit_code == 0);
    const pith::test::RunResult result =
        pith::test::run({PITH_SEARCH_BIN, "--index", index, "--json", "http://Canada.ca/en/news.html"});
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("links.txt") && Catch::Contains("\"highlights\":[[24,58]]"));
    CHECK_THAT(result.out, !Catch::Contains("other.txt"));
}
