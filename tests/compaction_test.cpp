// Compaction (index_compaction.hpp): what it keeps, what it saves, and that a SIGKILL at any
// moment of it leaves a valid index with every committed article.

#include <catch2/catch.hpp>

#include <signal.h>

#include <atomic>
#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "child_process.hpp"
#include "corpus_generator.hpp"
#include "index_snapshot.hpp"
#include "pith/error.hpp"
#include "pith/index_compaction.hpp"
#include "pith/searcher.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using pith::test::ChildProcess;
using pith::test::describe;
using pith::test::first_difference;
using pith::test::pith_index;
using pith::test::RunResult;
using pith::test::take_snapshot;
using pith::test::TempDir;
using pith::test::write_file;

std::uintmax_t bytes_on_disk(const fs::path& dir) {
    std::uintmax_t total = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file()) total += entry.file_size();
    return total;
}

void write_corpus(const fs::path& dir, int first, int count, std::mt19937& random) {
    for (int i = first; i < first + count; ++i)
        write_file(dir / (std::to_string(i) + ".txt"), pith::test::generated_article(random, 1 + i % 5));
}

// An index written as incremental runs do (small batches, several runs), left uncompacted.
fs::path incremental_index(const TempDir& dir, int articles) {
    std::mt19937 random(77);
    const fs::path config = dir / "small-batch.toml";
    write_file(config, "[indexing]\nbatch_articles = 10\n");
    const fs::path index = dir / "index";
    for (int run = 0; run < 3; ++run) {
        write_corpus(dir / "articles", run * articles / 3, articles / 3, random);
        const RunResult result = pith_index({"--index", index.string(), "--config", config.string(), "--no-compact",
                                             "--quiet", (dir / "articles").string()});
        INFO(describe(result));
        REQUIRE(result.exit_code == 0);
    }
    return index;
}

}  // namespace

TEST_CASE("pith-index --compact shrinks an index and keeps every passage, term, statistic and record", "[compaction]") {
    TempDir dir;
    const fs::path index = incremental_index(dir, 120);
    const pith::test::IndexSnapshot before = take_snapshot(index);
    const std::uintmax_t size_before = bytes_on_disk(index);

    const RunResult compacted = pith_index({"--index", index.string(), "--compact"});
    INFO(describe(compacted));
    REQUIRE(compacted.exit_code == 0);
    CHECK(compacted.out.find("compacted") != std::string::npos);
    CHECK(first_difference(before, take_snapshot(index), true) == "");
    CHECK(bytes_on_disk(index) < size_before * 3 / 4);
    // Nothing is left beside the index.
    CHECK_FALSE(fs::exists(dir / "index.compacting"));
    // The compacted index takes further updates.
    write_file(dir / "articles" / "extra.txt", "Compaction note\n\nA freshly added article about zeppelins.\n");
    REQUIRE(pith_index({"--index", index.string(), "--quiet", (dir / "articles").string()}).exit_code == 0);
    CHECK(pith::test::pith_search(index, {"zeppelins"}).exit_code == 0);
}

TEST_CASE("a build into an empty index is compacted unless --no-compact; an update is not", "[compaction]") {
    TempDir dir;
    std::mt19937 random(5);
    write_corpus(dir / "articles", 0, 60, random);
    const RunResult fresh = pith_index({"--index", (dir / "fresh").string(), (dir / "articles").string()});
    INFO(describe(fresh));
    REQUIRE(fresh.exit_code == 0);
    CHECK(fresh.out.find("compacted") != std::string::npos);
    REQUIRE(pith_index({"--index", (dir / "plain").string(), "--no-compact", (dir / "articles").string()}).exit_code == 0);
    CHECK(bytes_on_disk(dir / "fresh") < bytes_on_disk(dir / "plain"));
    CHECK(first_difference(take_snapshot(dir / "fresh"), take_snapshot(dir / "plain"), true) == "");

    write_corpus(dir / "articles", 60, 5, random);
    const RunResult update = pith_index({"--index", (dir / "fresh").string(), (dir / "articles").string()});
    REQUIRE(update.exit_code == 0);
    CHECK(update.out.find("compacted") == std::string::npos);
}

TEST_CASE("a searcher that opened the index before compaction keeps searching it", "[compaction]") {
    TempDir dir;
    const fs::path index = incremental_index(dir, 60);
    pith::Searcher searcher(index);
    pith::SearchOptions options;
    options.context = 1;
    // Words, a phrase (the position table) and a misspelling (the spelling table): Xapian may
    // open some tables only when first used, so each is used after the swap for the first time.
    const std::vector<std::string> queries{"canola tariff", "\"canola tariff\"", "canolla"};
    std::vector<pith::SearchResults> expected;
    for (const std::string& query : queries) expected.push_back(pith::Searcher(index).search(query, options));
    REQUIRE_FALSE(expected[0].hits.empty());
    REQUIRE_FALSE(expected[1].hits.empty());
    REQUIRE_FALSE(expected[2].did_you_mean.empty());

    const pith::CompactionReport report = pith::compact_index(index);
    CHECK(report.bytes_after < report.bytes_before);
    for (std::size_t q = 0; q < queries.size(); ++q) {
        INFO(queries[q]);
        const pith::SearchResults* before = &expected[q];
        const pith::SearchResults after = searcher.search(queries[q], options);
        CHECK(after.did_you_mean == before->did_you_mean);
        REQUIRE(after.hits.size() == before->hits.size());
        for (std::size_t i = 0; i < after.hits.size(); ++i) {
            CHECK(after.hits[i].passage == before->hits[i].passage);
            CHECK(after.hits[i].context_after == before->hits[i].context_after);
            CHECK(after.hits[i].score == Approx(before->hits[i].score));
        }
    }
}

TEST_CASE("searchers opened while the index is compacted again and again never fail", "[compaction][concurrency]") {
    TempDir dir;
    const fs::path index = incremental_index(dir, 120);
    const std::size_t expected_hits = pith::Searcher(index).search("canola tariff", {}).hits.size();
    REQUIRE(expected_hits > 0);
    std::atomic<bool> compacting{true};
    std::string compaction_failure;
    std::thread compactor([&] {
        try {
            for (int round = 0; round < 8; ++round) pith::compact_index(index);
        } catch (const std::exception& e) {
            compaction_failure = e.what();
        }
        compacting = false;
    });
    std::size_t searches = 0, failures = 0;
    std::string first_failure;
    while (compacting) {
        try {
            if (pith::Searcher(index).search("canola tariff", {}).hits.size() != expected_hits && failures++ == 0)
                first_failure = "a different number of hits";
            ++searches;
        } catch (const std::exception& e) {
            if (failures++ == 0) first_failure = e.what();
        }
    }
    compactor.join();
    INFO("first failure: " << first_failure << "; " << searches << " searches");
    CHECK(compaction_failure.empty());
    CHECK(failures == 0);
    CHECK(searches >= 8);
}

TEST_CASE("compacting a sharded index compacts every shard and keeps the stub", "[compaction]") {
    TempDir dir;
    std::mt19937 random(9);
    write_corpus(dir / "articles", 0, 40, random);
    const fs::path index = dir / "sharded";
    REQUIRE(pith_index({"--index", index.string(), "--shards", "2", "--no-compact", (dir / "articles").string()})
                .exit_code == 0);
    const pith::test::IndexSnapshot before = take_snapshot(index / "XAPIANDB");
    const pith::CompactionReport report = pith::compact_index(index);
    CHECK(report.bytes_after < report.bytes_before);
    CHECK(first_difference(before, take_snapshot(index / "XAPIANDB")) == "");
    CHECK(pith::test::pith_search(index, {"the"}).exit_code == 0);
}

TEST_CASE("compaction refuses what is not an index, and an index another writer holds", "[compaction]") {
    TempDir dir;
    const RunResult missing = pith_index({"--index", (dir / "none").string(), "--compact"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("no index at") != std::string::npos);
    write_file(dir / "notes" / "a.txt", "not an index");
    CHECK_THROWS_AS(pith::compact_index(dir / "notes"), pith::IndexNotFound);

    const fs::path index = incremental_index(dir, 30);
    Xapian::WritableDatabase writer(index.string(), Xapian::DB_OPEN);
    CHECK_THROWS_AS(pith::compact_index(index), pith::IndexLocked);
    const RunResult locked = pith_index({"--index", index.string(), "--compact"});
    CHECK(locked.exit_code == 2);
    CHECK(locked.err.find("another pith-index") != std::string::npos);
}

TEST_CASE("pith-index --compact --wait compacts once the writer holding the index is done", "[compaction]") {
    TempDir dir;
    const fs::path index = incremental_index(dir, 30);
    auto holder = std::make_unique<Xapian::WritableDatabase>(index.string(), Xapian::DB_OPEN);
    std::thread releaser([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        holder->close();
    });
    const RunResult waited = pith_index({"--index", index.string(), "--compact", "--wait", "30"});
    releaser.join();
    INFO(describe(waited));
    CHECK(waited.exit_code == 0);
    CHECK(waited.err.find("waiting") != std::string::npos);
    CHECK(waited.out.find("compacted") != std::string::npos);
}

TEST_CASE("pith-index --compact killed with SIGKILL at random moments leaves a valid, complete index", "[crash][compaction]") {
    TempDir dir;
    const fs::path original = incremental_index(dir, 300);
    const pith::test::IndexSnapshot expected = take_snapshot(original);
    const fs::path index = dir / "victim";
    auto fresh_copy = [&] {
        fs::remove_all(index);
        fs::copy(original, index, fs::copy_options::recursive);
    };
    const std::vector<std::string> command{PITH_INDEX_BIN, "--index", index.string(), "--compact", "--quiet"};

    fresh_copy();
    const auto timed_start = Clock::now();
    {
        ChildProcess whole(command, dir.path());
        REQUIRE(whole.wait() == 0);
    }
    const auto full_run_us =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - timed_start).count();

    std::mt19937 random(31337);
    constexpr int kKills = 12;
    int killed = 0;
    int killed_while_compacting = 0;
    for (int round = 0; round < kKills; ++round) {
        // Every other round starts from a compacted index, whose second compaction swaps again.
        if (round % 2 == 0) fresh_copy();
        fs::remove_all(dir / "victim.compacting");  // so a copy found after the kill is this round's
        const auto delay = std::chrono::microseconds(
            std::uniform_int_distribution<long long>(0, std::max<long long>(1, full_run_us))(random));
        ChildProcess child(command, dir.path());
        std::this_thread::sleep_for(delay);
        child.signal(SIGKILL);
        const int status = child.wait();
        INFO("round " << round << ", killed after " << delay.count() << " us, status " << status << "\n" << child.err());
        if (status == 128 + SIGKILL) ++killed;
        else CHECK(status == 0);
        // A copy left beside the index: the kill landed inside the compaction itself.
        if (fs::exists(dir / "victim.compacting")) ++killed_while_compacting;
        CHECK(first_difference(expected, take_snapshot(index), true) == "");
    }
    INFO("a whole compaction run took " << full_run_us << " us");
    INFO(killed << " runs killed, " << killed_while_compacting << " of them while compacting");
    CHECK(killed >= kKills / 3);
    CHECK(killed_while_compacting >= 1);
    // The next compaction clears what a killed one left beside the index.
    REQUIRE(pith_index({"--index", index.string(), "--compact", "--quiet"}).exit_code == 0);
    CHECK_FALSE(fs::exists(dir / "victim.compacting"));
    CHECK(first_difference(expected, take_snapshot(index), true) == "");
}
