// The library's indexing run (pith::run_indexer), which pith-index only wraps.

#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <vector>

#include <xapian.h>

#include "pith/error.hpp"
#include "pith/index_writer.hpp"
#include "pith/indexer.hpp"
#include "pith/searcher.hpp"
#include "index_snapshot.hpp"
#include "pith/analyzed_article.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using pith::test::TempDir;
using pith::test::write_file;

void write_articles(const TempDir& dir, int count) {
    for (int i = 0; i < count; ++i)
        write_file(dir / "in" / (std::to_string(i) + ".txt"),
                   "Report " + std::to_string(i) + "\n\nThe walrus colony number " + std::to_string(i) + " grew.\n");
}

}  // namespace

TEST_CASE("run_indexer reports progress up to every file and sums the outcome", "[indexer]") {
    TempDir dir;
    write_articles(dir, 12);
    write_file(dir / "in" / "empty.txt", "");
    pith::IndexerOptions options;
    options.inputs = {dir / "in"};
    options.index_dir = dir / "index";
    options.jobs = 2;
    std::vector<pith::IndexProgress> reports;
    std::vector<std::string> warnings;
    pith::IndexerCallbacks callbacks;
    callbacks.warn = [&](const std::string& message) { warnings.push_back(message); };
    callbacks.progress = [&](const pith::IndexProgress& progress) { reports.push_back(progress); };
    const pith::IndexSummary summary = pith::run_indexer(options, callbacks);
    CHECK(summary.added == 12);
    CHECK(summary.skipped == 1);
    CHECK(summary.passages == 12);
    CHECK(summary.files_found == 13);
    CHECK_FALSE(summary.interrupted);
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Catch::Contains("empty.txt"));
    REQUIRE_FALSE(reports.empty());
    CHECK(reports.back().files_done == 13);
    CHECK(reports.back().files_total == 13);
    CHECK(reports.back().bytes_done == reports.back().bytes_total);
    CHECK(pith::Searcher(dir / "index").search("walrus", {100, 0}).hits.size() == 12);
}

TEST_CASE("run_indexer with its stop flag set writes nothing and says it was interrupted", "[indexer]") {
    TempDir dir;
    write_articles(dir, 5);
    std::atomic<bool> stop{true};
    pith::IndexerOptions options;
    options.inputs = {dir / "in"};
    options.index_dir = dir / "index";
    options.stop = &stop;
    const pith::IndexSummary summary = pith::run_indexer(options);
    CHECK(summary.interrupted);
    CHECK(summary.added == 0);
    CHECK(pith::Searcher(dir / "index").search("walrus").hits.empty());
}

TEST_CASE("run_indexer throws IndexLocked while another writer holds the index", "[indexer]") {
    TempDir dir;
    write_articles(dir, 1);
    pith::IndexerOptions options;
    options.inputs = {dir / "in"};
    options.index_dir = dir / "index";
    pith::run_indexer(options);
    pith::IndexWriter holder(dir / "index", std::nullopt, pith::OpenMode::update);
    CHECK_THROWS_AS(pith::run_indexer(options), pith::IndexLocked);
}

TEST_CASE("an article handed over unanalyzed (as huge ones are) is indexed exactly like an analyzed one",
          "[indexer]") {
    TempDir dir;
    std::string text = "Huge report\n\n";
    for (int i = 0; i < 200; ++i)
        text += "Paragraph " + std::to_string(i) + " tells of the walrus colony and Beijing’s canola tariffs.\n\n";
    write_file(dir / "in" / "huge.txt", text);
    const pith::Article article = pith::read_article(dir / "in" / "huge.txt");
    // eager: documents built by analyze_article (on a worker); writer-built: tokens only, the
    // writer builds the documents; lazy: nothing but passages, as for an article over 4 MB.
    for (const std::string name : {"eager", "writer-built", "lazy"}) {
        pith::IndexWriter writer(dir / name, std::nullopt, pith::OpenMode::update);
        pith::Analyzer analyzer(writer.config());
        pith::PassageSplitter splitter(analyzer, writer.config().passage_max_words, writer.config().passage_min_words);
        pith::AnalyzedArticle analyzed = pith::analyze_article(article, analyzer, splitter);
        REQUIRE(analyzed.passage_tokens.size() == analyzed.passages.size());
        REQUIRE(analyzed.documents != nullptr);
        REQUIRE(analyzed.simhash.has_value());
        if (name != "eager") analyzed.documents.reset();
        if (name == "lazy") {
            analyzed.passage_tokens.clear();
            analyzed.simhash.reset();
        }
        writer.add(analyzed);
        writer.commit();
    }
    const pith::test::IndexSnapshot eager = pith::test::take_snapshot(dir / "eager");
    CHECK(pith::test::first_difference(eager, pith::test::take_snapshot(dir / "writer-built"), true) == "");
    CHECK(pith::test::first_difference(eager, pith::test::take_snapshot(dir / "lazy"), true) == "");
    CHECK(eager.documents > 10);
    // The spelling table ("Did you mean") is fed alike, with the same counts.
    auto spellings = [&](const std::string& name) {
        Xapian::Database db((dir / name).string());
        std::vector<std::pair<std::string, Xapian::doccount>> words;
        for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) words.emplace_back(*it, it.get_termfreq());
        return words;
    };
    CHECK(spellings("eager").size() > 10);
    CHECK(spellings("eager") == spellings("writer-built"));
    CHECK(spellings("eager") == spellings("lazy"));
}
