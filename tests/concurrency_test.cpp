// Thread-safety as searcher.hpp promises it: one Searcher per thread, any number of threads on
// one index while a writer adds articles and commits.

#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "pith/article.hpp"
#include "pith/error.hpp"
#include "pith/index_writer.hpp"
#include "pith/searcher.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using pith::test::TempDir;
using pith::test::write_file;

constexpr int kSearchThreads = 8;
constexpr int kArticlesWritten = 60;

// Every article mentions the lighthouse; each also carries a word of its own.
pith::Article lighthouse_article(const TempDir& dir, int n) {
    const fs::path file = dir / "articles" / ("keeper-" + std::to_string(n) + ".txt");
    write_file(file, "Keeper's log " + std::to_string(n) + "\n\nThe lighthouse lamp burned all night, entry" +
                         std::to_string(n) + " says, while the fog horn sounded over the rocks.\n");
    return pith::read_article(file);
}

}  // namespace

TEST_CASE("searchers on many threads read one index consistently while a writer commits", "[concurrency]") {
    TempDir dir;
    const fs::path index = dir / "index";
    pith::IndexConfig config = pith::IndexConfig::defaults();
    config.batch_articles = 1;  // a commit after every article: as many revisions as possible
    {
        pith::IndexWriter seed_writer(index, config, pith::OpenMode::rebuild);
        seed_writer.add(lighthouse_article(dir, 0));
        seed_writer.commit();
    }

    std::atomic<bool> writer_done = false;
    std::atomic<int> searches = 0;
    std::vector<std::string> failures(kSearchThreads);
    std::vector<std::thread> readers;
    for (int t = 0; t < kSearchThreads; ++t) {
        readers.emplace_back([&, t] {
            try {
                pith::Searcher searcher(index);  // one per thread
                std::size_t seen_before = 0;
                // Keep searching until the writer is done, and at least a few times.
                for (int round = 0; !writer_done || round < 20; ++round) {
                    pith::SearchResults results = searcher.search("lighthouse", {.limit = 1000});
                    // A searcher stays on one revision unless Xapian makes it reopen on a newer
                    // one: the number of articles it sees never falls.
                    if (results.hits.empty() || results.hits.size() < seen_before) {
                        failures[t] = "saw " + std::to_string(results.hits.size()) + " hits after " +
                                      std::to_string(seen_before);
                        return;
                    }
                    seen_before = results.hits.size();
                    for (const pith::Hit& hit : results.hits)
                        if (hit.highlights.empty() || hit.passage.find("lighthouse") == std::string::npos) {
                            failures[t] = "hit without its match: " + hit.passage;
                            return;
                        }
                    ++searches;
                }
            } catch (const std::exception& e) {
                failures[t] = e.what();
            }
        });
    }

    {
        pith::IndexWriter writer(index, std::nullopt, pith::OpenMode::update);
        for (int n = 1; n <= kArticlesWritten; ++n) writer.add(lighthouse_article(dir, n));  // commits each
        writer.commit();
    }
    writer_done = true;
    for (std::thread& reader : readers) reader.join();

    for (int t = 0; t < kSearchThreads; ++t) {
        INFO("search thread " << t << ": " << failures[t]);
        CHECK(failures[t].empty());
    }
    CHECK(searches >= kSearchThreads * 20);
    // A searcher opened after the last commit sees every article.
    CHECK(pith::Searcher(index).search("lighthouse", {.limit = 1000}).hits.size() == kArticlesWritten + 1);
}

TEST_CASE("a searcher opened on a revision keeps answering after many later commits", "[concurrency]") {
    TempDir dir;
    const fs::path index = dir / "index";
    pith::IndexConfig config = pith::IndexConfig::defaults();
    config.batch_articles = 1;
    pith::IndexWriter writer(index, config, pith::OpenMode::rebuild);
    writer.add(lighthouse_article(dir, 0));
    writer.commit();

    pith::Searcher searcher(index);
    for (int n = 1; n <= 10; ++n) writer.add(lighthouse_article(dir, n));
    // The searcher answers from the revision it opened, or, when Xapian's glass backend has
    // recycled that revision's blocks (DatabaseModifiedError), from the newest after a reopen;
    // never a failure, never a mixture.
    pith::SearchResults results = searcher.search("lighthouse", {.limit = 100});
    CHECK((results.hits.size() == 1 || results.hits.size() == 11));
    CHECK(pith::Searcher(index).search("lighthouse", {.limit = 100}).hits.size() == 11);
}
