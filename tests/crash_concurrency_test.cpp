// End-to-end: the real pith-index killed at random moments, stopped by signals, locked out by
// another writer, and searched while it writes. Bounded, seeded loops: together well under a
// minute on two cores.

#include <catch2/catch.hpp>

#include <signal.h>

#include <atomic>
#include <chrono>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "child_process.hpp"
#include "corpus_generator.hpp"
#include "document_data.hpp"
#include "index_snapshot.hpp"
#include "pith/error.hpp"
#include "pith/searcher.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using pith::test::ChildProcess;
using pith::test::RunResult;
using pith::test::describe;
using pith::test::pith_index;
using pith::test::TempDir;
using pith::test::write_file;

// A configuration that commits every `batch` articles, so a run has many commits to be killed
// between (and during).
fs::path small_batch_config(const TempDir& dir, int batch) {
    const fs::path config = dir / "small-batch.toml";
    write_file(config, "[indexing]\nbatch_articles = " + std::to_string(batch) + "\n");
    return config;
}

void write_corpus(const fs::path& dir, int count, std::mt19937& random) {
    for (int i = 0; i < count; ++i)
        write_file(dir / (std::to_string(i) + ".txt"), pith::test::generated_article(random, 1 + i % 5));
}

// Every article the index records is complete (all its passages, nothing more), and every
// passage belongs to a recorded article. Returns the number of recorded articles.
std::size_t check_consistent(const fs::path& index) {
    Xapian::Database db(index.string());  // throws (fails the test) when the index does not open
    std::map<std::string, std::size_t> recorded;
    const std::string prefix = "pith.article.";
    for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
        const auto record = nlohmann::json::parse(db.get_metadata(*it));
        recorded[(*it).substr(prefix.size())] = record.at("passages").get<std::size_t>();
    }
    for (const auto& [id, passages] : recorded) {
        INFO("article " << id);
        CHECK(db.get_termfreq("A" + id) == passages);
        for (std::size_t ordinal = 0; ordinal < passages; ++ordinal)
            CHECK(db.term_exists("Q" + id + ":" + std::to_string(ordinal)));
    }
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        pith::DocumentHeader header;
        std::string passage;
        pith::decode_document_data(db.get_document(*it).get_data(), header, passage);
        CHECK(recorded.count(header.article_id) == 1);
    }
    return recorded.size();
}

}  // namespace

TEST_CASE("pith-index killed with SIGKILL at random moments leaves a consistent index and a rerun finishes",
          "[crash]") {
    std::mt19937 random(424242);
    TempDir dir;
    const fs::path articles = dir / "articles";
    const fs::path index = dir / "index";
    constexpr int kArticles = 300;
    write_corpus(articles, kArticles, random);
    const fs::path config = small_batch_config(dir, 7);
    const std::vector<std::string> command{PITH_INDEX_BIN, "--index", index.string(), "--config", config.string(),
                                           "--jobs", "2", "--quiet", articles.string()};

    // Kill delays are drawn from the time a whole run takes here, so they land inside runs on a
    // fast idle machine and on a loaded one alike.
    const auto timed_start = Clock::now();
    {
        ChildProcess first(command, dir.path());
        REQUIRE(first.wait() == 0);
    }
    const auto full_run_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - timed_start).count();

    constexpr int kKills = 15;
    int killed_mid_run = 0;
    for (int round = 0; round < kKills; ++round) {
        // New content for every article (some rounds: a subset), so each run has work to be killed in.
        const int rewrites = round % 3 == 2 ? kArticles / 4 : kArticles;
        for (int i = 0; i < rewrites; ++i) {
            const int n = rewrites == kArticles ? i : std::uniform_int_distribution<int>(0, kArticles - 1)(random);
            write_file(articles / (std::to_string(n) + ".txt"), pith::test::generated_article(random, 1 + n % 5));
        }
        const auto delay = std::chrono::milliseconds(
            std::uniform_int_distribution<long long>(0, std::max<long long>(1, full_run_ms * 8 / 10))(random));
        ChildProcess child(command, dir.path());
        std::this_thread::sleep_for(delay);
        child.signal(SIGKILL);
        const int status = child.wait();
        INFO("round " << round << ", killed after " << delay.count() << " ms, status " << status << "\n" << child.err());
        if (status == 128 + SIGKILL) ++killed_mid_run;
        else CHECK(status == 0);
        if (fs::exists(index / "iamglass")) check_consistent(index);
    }
    INFO("a full run took " << full_run_ms << " ms");
    CHECK(killed_mid_run >= kKills / 3);  // the test must really interrupt runs

    const RunResult finished = pith_index({"--index", index.string(), "--config", config.string(), articles.string()});
    INFO(describe(finished));
    REQUIRE(finished.exit_code == 0);
    CHECK(check_consistent(index) == kArticles);
    const RunResult fresh = pith_index({"--index", (dir / "fresh").string(), "--config", config.string(), articles.string()});
    REQUIRE(fresh.exit_code == 0);
    CHECK(pith::test::first_difference(pith::test::take_snapshot(index), pith::test::take_snapshot(dir / "fresh")) == "");
}

TEST_CASE("SIGTERM and SIGINT stop pith-index after committing the current batch, with a message", "[crash]") {
    for (int signal_number : {SIGTERM, SIGINT}) {
        std::mt19937 random(99);
        TempDir dir;
        const fs::path articles = dir / "articles";
        const fs::path index = dir / "index";
        constexpr int kArticles = 1200;
        write_corpus(articles, kArticles, random);
        const fs::path config = small_batch_config(dir, 5);
        ChildProcess child({PITH_INDEX_BIN, "--index", index.string(), "--config", config.string(), "--jobs", "1",
                            articles.string()},
                           dir.path());
        // Wait until a batch is committed, then stop it.
        const auto deadline = Clock::now() + std::chrono::seconds(30);
        auto committed_documents = [&]() -> Xapian::doccount {
            try {
                return Xapian::Database(index.string()).get_doccount();
            } catch (const Xapian::Error&) {
                return 0;  // not created yet
            }
        };
        while (committed_documents() == 0 && Clock::now() < deadline && !child.finished())
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        child.signal(signal_number);
        const int status = child.wait();
        INFO("signal " << signal_number << "\n" << child.err());
        CHECK(status == 2);
        CHECK_THAT(child.err(), Catch::Contains(signal_number == SIGTERM ? "interrupted by SIGTERM" : "interrupted by SIGINT"));
        CHECK_THAT(child.err(), Catch::Contains("run the same command again"));
        const std::size_t committed = check_consistent(index);
        CHECK(committed > 0);
        CHECK(committed < static_cast<std::size_t>(kArticles));

        const RunResult rerun = pith_index({"--index", index.string(), articles.string()});
        INFO(describe(rerun));
        CHECK(rerun.exit_code == 0);
        CHECK_THAT(rerun.out, Catch::Contains(std::to_string(committed) + " unchanged"));
        CHECK(check_consistent(index) == kArticles);
    }
}

TEST_CASE("a second writer is refused at once with exit 2 and the index is untouched", "[concurrency]") {
    TempDir dir;
    write_file(dir / "in" / "story.txt", "Walrus news\n\nThe walrus colony grew this spring along the coast near town.\n");
    const fs::path index = dir / "index";
    REQUIRE(pith_index({"--index", index.string(), (dir / "in").string()}).exit_code == 0);
    const auto before = pith::test::take_snapshot(index);
    Xapian::WritableDatabase holder(index.string(), Xapian::DB_OPEN);

    write_file(dir / "in" / "other.txt", "Narwhal news\n\nA narwhal pod was seen near the harbour today.\n");
    const auto started = Clock::now();
    const RunResult refused = pith_index({"--index", index.string(), (dir / "in").string()});
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    INFO(describe(refused));
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, Catch::Contains("is being written by another pith-index, try again later"));
    CHECK(seconds < 2.0);
    holder.close();
    CHECK(pith::test::first_difference(before, pith::test::take_snapshot(index)) == "");
}

TEST_CASE("a writer given --wait gives up after that many seconds", "[concurrency]") {
    TempDir dir;
    write_file(dir / "in" / "story.txt", "Walrus news\n\nThe walrus colony grew this spring along the coast near town.\n");
    const fs::path index = dir / "index";
    REQUIRE(pith_index({"--index", index.string(), (dir / "in").string()}).exit_code == 0);
    Xapian::WritableDatabase holder(index.string(), Xapian::DB_OPEN);
    const auto started = Clock::now();
    const RunResult refused = pith_index({"--index", index.string(), "--wait", "1", (dir / "in").string()});
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    INFO(describe(refused));
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, Catch::Contains("try again later"));
    CHECK(seconds >= 1.0);
    CHECK(seconds < 5.0);
}

TEST_CASE("a writer given --wait proceeds once the other writer is done", "[concurrency]") {
    TempDir dir;
    write_file(dir / "in" / "story.txt", "Walrus news\n\nThe walrus colony grew this spring along the coast near town.\n");
    const fs::path index = dir / "index";
    REQUIRE(pith_index({"--index", index.string(), (dir / "in").string()}).exit_code == 0);
    auto holder = std::make_unique<Xapian::WritableDatabase>(index.string(), Xapian::DB_OPEN);
    std::thread releaser([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        holder->close();
    });
    write_file(dir / "in" / "other.txt", "Narwhal news\n\nA narwhal pod was seen near the harbour today.\n");
    const RunResult waited = pith_index({"--index", index.string(), "--wait", "30", (dir / "in").string()});
    releaser.join();
    INFO(describe(waited));
    CHECK(waited.exit_code == 0);
    CHECK_THAT(waited.out, Catch::Contains("1 added"));
    CHECK_THAT(waited.err, Catch::Contains("waiting for it (at most 30 s)"));
}

TEST_CASE("searches in a loop during a large index run never fail", "[concurrency]") {
    std::mt19937 random(5150);
    TempDir dir;
    const fs::path articles = dir / "articles";
    const fs::path index = dir / "index";
    write_corpus(articles, 1500, random);
    const fs::path config = small_batch_config(dir, 20);
    ChildProcess child({PITH_INDEX_BIN, "--index", index.string(), "--config", config.string(), "--jobs", "1",
                        "--quiet", articles.string()},
                       dir.path());
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    while (!fs::exists(index / "iamglass") && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    REQUIRE(fs::exists(index / "iamglass"));

    std::size_t searches_during_run = 0, failures = 0, cli_runs = 0;
    std::string first_failure;
    std::optional<pith::Searcher> searcher;
    while (!child.finished() && Clock::now() < deadline) {
        try {
            if (!searcher) searcher.emplace(index);
            (void)searcher->search("canola OR walrus", {10, 1});
            (void)searcher->search("\"prairie harvest\"", {10, 0});
            ++searches_during_run;
        } catch (const pith::IndexNotFound&) {
            // Before the first commit the directory holds no index yet: not a failure to search.
        } catch (const std::exception& e) {
            if (failures++ == 0) first_failure = e.what();
        }
        if (searches_during_run > 0 && searches_during_run % 25 == 0) {
            const RunResult cli = pith::test::run({PITH_SEARCH_BIN, "--index", index.string(), "canola"});
            ++cli_runs;
            if (cli.exit_code == 2 && failures++ == 0) first_failure = cli.err;
        }
    }
    const int status = child.wait();
    INFO("first failure: " << first_failure << "\nindexer: " << child.err());
    CHECK(status == 0);
    CHECK(failures == 0);
    CHECK(searches_during_run >= 20);  // the loop really overlapped the run
    CHECK(cli_runs >= 1);
}

namespace {

// Whether `index` holds the shards of a parallel build not merged yet.
bool unmerged_parallel_build(const fs::path& index) {
    return fs::exists(index / "XAPIANDB") &&
           pith::test::read_file(index / "XAPIANDB").starts_with("# pith-index parallel build");
}

}  // namespace

TEST_CASE("a parallel build stopped by SIGINT stays searchable, and the next run merges and finishes it",
          "[crash][parallel]") {
    std::mt19937 random(7);
    TempDir dir;
    const fs::path articles = dir / "articles";
    const fs::path index = dir / "index";
    constexpr int kArticles = 600;
    write_corpus(articles, kArticles, random);
    const fs::path config = small_batch_config(dir, 5);
    ChildProcess child({PITH_INDEX_BIN, "--index", index.string(), "--config", config.string(), "--jobs", "2",
                        "--writers", "2", articles.string()},
                       dir.path());
    // Stopped once the second writer has committed something.
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    auto committed_documents = [&]() -> Xapian::doccount {
        try {
            return Xapian::Database((index / "shard-1").string()).get_doccount();
        } catch (const Xapian::Error&) {
            return 0;  // not created yet
        }
    };
    while (committed_documents() == 0 && Clock::now() < deadline && !child.finished())
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    child.signal(SIGINT);
    const int status = child.wait();
    INFO(child.err());
    CHECK(status == 2);
    CHECK_THAT(child.err(), Catch::Contains("interrupted by SIGINT"));
    REQUIRE(unmerged_parallel_build(index));
    // Searchers read both shards through the stub meanwhile.
    const RunResult searched = pith::test::pith_search(index, {"--count", "walrus OR river OR storm"});
    INFO(describe(searched));
    CHECK(searched.exit_code == 0);

    // --compact merges the shards into the one index they make.
    const RunResult compacted = pith_index({"--index", index.string(), "--compact"});
    INFO(describe(compacted));
    REQUIRE(compacted.exit_code == 0);
    CHECK_FALSE(unmerged_parallel_build(index));
    CHECK_FALSE(fs::exists(index / "shard-0"));
    const std::size_t committed = check_consistent(index);
    CHECK(committed > 0);
    CHECK(committed < static_cast<std::size_t>(kArticles));

    const RunResult rerun = pith_index({"--index", index.string(), "--config", config.string(), articles.string()});
    INFO(describe(rerun));
    CHECK(rerun.exit_code == 0);
    CHECK_THAT(rerun.out, Catch::Contains(std::to_string(committed) + " unchanged"));
    CHECK(check_consistent(index) == kArticles);
}

TEST_CASE("a parallel build killed with SIGKILL at random moments is merged and finished by the next run",
          "[crash][parallel]") {
    std::mt19937 random(5150);
    TempDir dir;
    const fs::path articles = dir / "articles";
    constexpr int kArticles = 300;
    write_corpus(articles, kArticles, random);
    const fs::path config = small_batch_config(dir, 7);
    auto command = [&](const fs::path& index) {
        return std::vector<std::string>{PITH_INDEX_BIN, "--index", index.string(), "--config", config.string(),
                                        "--jobs", "2", "--writers", "2", "--quiet", articles.string()};
    };
    const auto timed_start = Clock::now();
    {
        ChildProcess first(command(dir / "fresh"), dir.path());
        REQUIRE(first.wait() == 0);
    }
    const auto full_run_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - timed_start).count();
    const auto fresh = pith::test::take_snapshot(dir / "fresh");

    constexpr int kKills = 4;
    int left_unmerged = 0;
    for (int round = 0; round < kKills; ++round) {
        const fs::path index = dir / std::string("index-").append(std::to_string(round));
        const auto delay = std::chrono::milliseconds(
            std::uniform_int_distribution<long long>(full_run_ms / 10, std::max<long long>(1, full_run_ms * 7 / 10))(random));
        ChildProcess child(command(index), dir.path());
        std::this_thread::sleep_for(delay);
        child.signal(SIGKILL);
        const int status = child.wait();
        INFO("round " << round << ", killed after " << delay.count() << " ms, status " << status << "\n" << child.err());
        if (unmerged_parallel_build(index)) {
            ++left_unmerged;
            const RunResult searched = pith::test::pith_search(index, {"--count", "walrus"});
            INFO(describe(searched));
            CHECK(searched.exit_code != 2);
        }
        const RunResult finished = pith_index({"--index", index.string(), "--config", config.string(), articles.string()});
        INFO(describe(finished));
        REQUIRE(finished.exit_code == 0);
        CHECK_FALSE(unmerged_parallel_build(index));
        CHECK(check_consistent(index) == kArticles);
        CHECK(pith::test::first_difference(fresh, pith::test::take_snapshot(index)) == "");
    }
    INFO("a full run took " << full_run_ms << " ms");
    CHECK(left_unmerged >= 1);  // the test must really kill builds before their merge
}
