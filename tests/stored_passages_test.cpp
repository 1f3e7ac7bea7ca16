// Article fields are stored once, on an article's first passage (document_data.hpp); every hit
// still shows them, whichever passage matched.

#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "pith/searcher.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using pith::test::describe;
using pith::test::pith_index;
using pith::test::RunResult;
using pith::test::TempDir;
using pith::test::write_file;

// A paragraph of the minimum passage length that holds `marker` once.
std::string paragraph(const std::string& marker) {
    return "The committee met again on Tuesday to review the " + marker +
           " proposal in detail, and its members agreed to publish the minutes next week.";
}

std::string record(const std::string& id, const std::string& title, int paragraphs) {
    std::string body;
    for (int i = 0; i < paragraphs; ++i) body += paragraph("marker" + std::to_string(i)) + "\n";
    return nlohmann::json{{"id", id}, {"title", title}, {"body", body}, {"date", "2025-03-31"},
                          {"url", "https://example.org/" + id}, {"source", "Example Gazette"},
                          {"author", "Ada Writer"}}
               .dump() + "\n";
}

}  // namespace

TEST_CASE("only an article's first passage stores the article's fields, and a hit on any passage shows them",
          "[index]") {
    TempDir dir;
    write_file(dir / "news.jsonl", record("one", "Committee review", 5));
    const fs::path index = dir / "index";
    const RunResult built = pith_index({"--index", index.string(), "--quiet", (dir / "news.jsonl").string()});
    INFO(describe(built));
    REQUIRE(built.exit_code == 0);

    Xapian::Database db(index.string());
    REQUIRE(db.get_doccount() == 5);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const std::string data = db.get_document(*it).get_data();
        const auto header = nlohmann::json::parse(data.substr(0, data.find('\n')));
        INFO(data);
        CHECK(header.contains("title") == (header.at("passage") == 0));
        CHECK(header.contains("path") == (header.at("passage") == 0));
    }

    pith::Searcher searcher(index);
    for (int ordinal : {0, 3, 4}) {
        pith::SearchOptions options;
        options.context = 1;
        const pith::SearchResults results = searcher.search("marker" + std::to_string(ordinal), options);
        REQUIRE(results.hits.size() == 1);
        const pith::Hit& hit = results.hits[0];
        INFO("passage " << ordinal);
        CHECK(hit.passage_index == static_cast<std::size_t>(ordinal));
        CHECK(hit.title == "Committee review");
        CHECK(hit.path == (dir / "news.jsonl").string() + ":1");
        CHECK(hit.date == "2025-03-31");
        CHECK(hit.url == "https://example.org/one");
        CHECK(hit.source == "Example Gazette");
        CHECK(hit.passage.find("marker" + std::to_string(ordinal)) != std::string::npos);
        CHECK(hit.context_before.size() == (ordinal > 0 ? 1u : 0u));
    }
}

TEST_CASE("a near-duplicate's later passages show the article it duplicates", "[index]") {
    TempDir dir;
    write_file(dir / "news.jsonl", record("one", "Committee review", 4) + record("two", "Committee review again", 4));
    const fs::path index = dir / "index";
    REQUIRE(pith_index({"--index", index.string(), "--quiet", (dir / "news.jsonl").string()}).exit_code == 0);
    pith::Searcher searcher(index);
    pith::SearchOptions options;
    options.show_duplicates = true;
    options.per_article = 1;
    const pith::SearchResults results = searcher.search("marker3", options);
    REQUIRE(results.hits.size() == 2);
    const pith::Hit& duplicate = results.hits[0].duplicate_of.empty() ? results.hits[1] : results.hits[0];
    const pith::Hit& original = &duplicate == &results.hits[0] ? results.hits[1] : results.hits[0];
    CHECK(duplicate.passage_index == 3);
    CHECK(duplicate.duplicate_of == original.article_id);
    CHECK(duplicate.title == "Committee review again");
    CHECK(original.duplicate_of.empty());
}

TEST_CASE("in a sharded index, whose document ids interleave, every hit shows its own article's fields",
          "[index]") {
    TempDir dir;
    std::string records;
    for (int i = 0; i < 6; ++i) records += record("id" + std::to_string(i), "Report number " + std::to_string(i), 5);
    write_file(dir / "news.jsonl", records);
    const fs::path index = dir / "sharded";
    REQUIRE(pith_index({"--index", index.string(), "--shards", "3", "--quiet", (dir / "news.jsonl").string()})
                .exit_code == 0);
    pith::Searcher searcher(index);
    pith::SearchOptions options;
    options.limit = 100;
    options.per_article = 5;
    options.show_duplicates = true;  // the records are near-duplicates of each other
    const pith::SearchResults results = searcher.search("marker1 OR marker2 OR marker4", options);
    REQUIRE(results.hits.size() == 18);
    for (const pith::Hit& hit : results.hits) {
        INFO(hit.path << " passage " << hit.passage_index);
        const int line = std::stoi(hit.path.substr(hit.path.rfind(':') + 1));
        CHECK(hit.title == "Report number " + std::to_string(line - 1));
        CHECK(hit.url == "https://example.org/id" + std::to_string(line - 1));
        CHECK(hit.passage.find("marker" + std::to_string(hit.passage_index)) != std::string::npos);
    }
}
