// pith-index --shards N and searching the shards as one database: locally through the stub
// pith-index writes, and remotely through xapian-tcpsrv and a stub of `remote HOST:PORT` lines.
// The reference is always a single local index of the same articles: same hits, same order,
// same scores.

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "pith/article.hpp"
#include "pith/sharded_index_writer.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using pith::test::RunResult;
using pith::test::describe;
using pith::test::TempDir;
using pith::test::run;

const fs::path kSamples = (fs::path(PITH_SOURCE_DIR) / "docs" / "samples").lexically_normal();
const std::vector<std::string> kQueries = {"canola", "\"Meng Wanzhou\"", "canola OR rapeseed -tariffs",
                                           "Huawei 5G", "ice storm", "union", "tarif*", "huaw*"};

fs::path index_samples(const fs::path& index, const std::vector<std::string>& options = {}) {
    std::vector<std::string> args{PITH_INDEX_BIN, "--quiet", "--index", index.string()};
    args.insert(args.end(), options.begin(), options.end());
    args.push_back(kSamples.string());
    const RunResult result = run(args);
    INFO(describe(result));
    REQUIRE(result.exit_code == 0);
    return index;
}

std::vector<json> search_json(const fs::path& index, const std::string& query) {
    const RunResult result = run({PITH_SEARCH_BIN, "--index", index.string(), "--json", "-n", "20", "--", query});
    INFO(describe(result));
    REQUIRE(result.exit_code == 0);
    std::vector<json> hits;
    std::istringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) hits.push_back(json::parse(line));
    return hits;
}

// The same passages in the same order with the same scores (to rounding: Xapian sums the
// shards' statistics, a single index reads them whole).
void check_same_results(const fs::path& sharded, const fs::path& single) {
    for (const std::string& query : kQueries) {
        INFO("query: " << query);
        const std::vector<json> expected = search_json(single, query);
        const std::vector<json> got = search_json(sharded, query);
        REQUIRE(got.size() == expected.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            INFO("rank " << i + 1);
            CHECK(got[i]["path"] == expected[i]["path"]);
            CHECK(got[i]["passage_index"] == expected[i]["passage_index"]);
            CHECK(got[i]["highlights"] == expected[i]["highlights"]);
            CHECK(std::abs(got[i]["score"].get<double>() - expected[i]["score"].get<double>()) < 1e-9);
        }
    }
}

std::vector<std::string> stub_lines(const fs::path& stub) {
    std::vector<std::string> lines;
    std::istringstream in(pith::test::read_file(stub));
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#') lines.push_back(line);
    return lines;
}

// A port nobody listens on right now (the kernel's pick; a race with other programs is
// possible, so the server start is retried).
int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    close(fd);
    return ntohs(address.sin_port);
}

bool accepts_connections(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    close(fd);
    return ok;
}

// xapian-tcpsrv serving one database on 127.0.0.1; killed (and reaped) when the object dies,
// whatever the test's outcome.
class TcpServer {
  public:
    explicit TcpServer(const fs::path& database) {
        for (int attempt = 0; attempt < 5 && pid_ < 0; ++attempt) start(database, free_port());
        REQUIRE(pid_ > 0);
    }
    ~TcpServer() {
        if (pid_ > 0) {
            kill(-pid_, SIGTERM);  // the server and its per-connection children
            waitpid(pid_, nullptr, 0);
        }
    }
    TcpServer(const TcpServer&) = delete;
    TcpServer& operator=(const TcpServer&) = delete;
    int port() const { return port_; }

  private:
    void start(const fs::path& database, int port) {
        const std::string port_text = std::to_string(port);
        const std::string db = database.string();
        pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            // Its own process group: on SIGTERM xapian-tcpsrv signals its whole group (to stop
            // the children it forks per connection), which must not include the test runner.
            setpgid(0, 0);
            int null = open("/dev/null", O_RDWR);
            dup2(null, STDIN_FILENO);
            dup2(null, STDOUT_FILENO);
            dup2(null, STDERR_FILENO);
            execlp("xapian-tcpsrv", "xapian-tcpsrv", "--interface", "127.0.0.1", "--port", port_text.c_str(),
                   "--quiet", db.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        setpgid(pid, pid);  // also here, so the group exists before any kill(-pid), whoever runs first
        // Ready when it accepts a connection; gone when the port was taken or the binary is missing.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            if (waitpid(pid, nullptr, WNOHANG) == pid) return;
            if (accepts_connections(port)) {
                pid_ = pid;
                port_ = port;
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        kill(-pid, SIGKILL);
        waitpid(pid, nullptr, 0);
    }

    pid_t pid_ = -1;
    int port_ = 0;
};

}  // namespace

TEST_CASE("pith-index --shards 3 writes three shards and a stub listing them", "[shards]") {
    TempDir dir;
    const fs::path index = index_samples(dir / "index", {"--shards", "3"});
    CHECK(stub_lines(index / "XAPIANDB") == std::vector<std::string>{"auto shard-0", "auto shard-1", "auto shard-2"});
    Xapian::doccount total = 0;
    for (int shard = 0; shard < 3; ++shard) {
        Xapian::Database db((index / ("shard-" + std::to_string(shard))).string());
        CHECK(db.get_metadata("pith.schema") == "4");
        total += db.get_doccount();
    }
    Xapian::Database single(index_samples(dir / "single").string());
    CHECK(total == single.get_doccount());
    CHECK(Xapian::Database(index.string()).get_doccount() == single.get_doccount());
}

TEST_CASE("every article lies whole in the shard its id hashes to", "[shards]") {
    TempDir dir;
    const fs::path index = index_samples(dir / "index", {"--shards", "3"});
    std::set<std::size_t> used;
    for (const auto& entry : fs::directory_iterator(kSamples)) {
        if (entry.path().extension() != ".txt") continue;
        const pith::Article article = pith::read_article(entry.path());
        const std::size_t home = pith::ShardedIndexWriter::shard_of(article.id, 3);
        used.insert(home);
        for (std::size_t shard = 0; shard < 3; ++shard) {
            Xapian::Database db((index / ("shard-" + std::to_string(shard))).string());
            INFO(entry.path() << " in shard " << shard);
            CHECK((db.get_termfreq("A" + article.id) > 0) == (shard == home));
        }
    }
    CHECK(used.size() > 1);  // the samples really are spread
}

TEST_CASE("searching a sharded index gives the same hits in the same order with the same scores as a single index", "[shards]") {
    TempDir dir;
    const fs::path single = index_samples(dir / "single");
    const fs::path sharded = index_samples(dir / "sharded", {"--shards", "4"});
    SECTION("through the index directory") { check_same_results(sharded, single); }
    SECTION("through the stub file itself") { check_same_results(sharded / "XAPIANDB", single); }
}

TEST_CASE("re-indexing a sharded index skips unchanged articles and keeps its shard count", "[shards]") {
    TempDir dir;
    const fs::path index = index_samples(dir / "index", {"--shards", "2"});
    const RunResult again = run({PITH_INDEX_BIN, "--index", index.string(), kSamples.string()});
    INFO(describe(again));
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.out, Catch::Contains("0 added, 0 updated, 11 unchanged"));
    CHECK(stub_lines(index / "XAPIANDB").size() == 2);
}

TEST_CASE("changing the shard count needs --rebuild and a rebuild drops the surplus shards", "[shards]") {
    TempDir dir;
    const fs::path index = index_samples(dir / "index", {"--shards", "3"});
    const RunResult refused = run({PITH_INDEX_BIN, "--shards", "2", "--index", index.string(), kSamples.string()});
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, Catch::Contains("has 3 shards, not 2") && Catch::Contains("--rebuild --shards 2"));

    index_samples(index, {"--shards", "2", "--rebuild"});
    CHECK(stub_lines(index / "XAPIANDB") == std::vector<std::string>{"auto shard-0", "auto shard-1"});
    CHECK_FALSE(fs::exists(index / "shard-2"));
    check_same_results(index, index_samples(dir / "single"));
}

TEST_CASE("a single index is not split into shards in place and a sharded one is not merged", "[shards]") {
    TempDir dir;
    const fs::path single = index_samples(dir / "single");
    const RunResult split = run({PITH_INDEX_BIN, "--shards", "2", "--index", single.string(), kSamples.string()});
    CHECK(split.exit_code == 2);
    CHECK_THAT(split.err, Catch::Contains("is a single index") && Catch::Contains("new directory"));

    const fs::path sharded = index_samples(dir / "sharded", {"--shards", "2"});
    const RunResult merge = run({PITH_INDEX_BIN, "--shards", "1", "--index", sharded.string(), kSamples.string()});
    CHECK(merge.exit_code == 2);
    CHECK_THAT(merge.err, Catch::Contains("has 2 shards"));
}

TEST_CASE("a hand-edited stub that lists remote shards is refused by pith-index with the line at fault",
          "[shards]") {
    TempDir dir;
    const fs::path index = index_samples(dir / "index", {"--shards", "2"});
    pith::test::write_file(index / "XAPIANDB", "auto shard-0\nremote 127.0.0.1:7001\n");
    const RunResult result = run({PITH_INDEX_BIN, "--index", index.string(), kSamples.string()});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("line 2") && Catch::Contains("remote 127.0.0.1:7001"));
}

TEST_CASE("shards served by two xapian-tcpsrv give the same hits in the same order with the same scores as a single local index",
          "[shards][remote]") {
    TempDir dir;
    const fs::path single = index_samples(dir / "single");
    const fs::path sharded = index_samples(dir / "sharded", {"--shards", "2"});
    TcpServer first(sharded / "shard-0");
    TcpServer second(sharded / "shard-1");
    const fs::path stub = dir / "remote.stub";
    pith::test::write_file(stub, "remote 127.0.0.1:" + std::to_string(first.port()) + "\nremote 127.0.0.1:" +
                                     std::to_string(second.port()) + "\n");
    check_same_results(stub, single);
}

TEST_CASE("a stub mixing a local and a remote shard searches both", "[shards][remote]") {
    TempDir dir;
    const fs::path single = index_samples(dir / "single");
    const fs::path sharded = index_samples(dir / "sharded", {"--shards", "2"});
    TcpServer remote(sharded / "shard-1");
    const fs::path stub = dir / "mixed.stub";
    pith::test::write_file(stub, "auto sharded/shard-0\nremote 127.0.0.1:" + std::to_string(remote.port()) + "\n");
    check_same_results(stub, single);
}

TEST_CASE("an unreachable remote shard is an error naming the index, not a crash", "[shards][remote]") {
    TempDir dir;
    const fs::path stub = dir / "down.stub";
    pith::test::write_file(stub, "remote 127.0.0.1:" + std::to_string(free_port()) + "\n");
    const RunResult result = run({PITH_SEARCH_BIN, "--index", stub.string(), "canola"});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains(stub.string()));
}

TEST_CASE("a --shards 4 index built in one-article batches and updated in place equals a single index built in one go",
          "[shards][incremental]") {
    // The shards' writers share one batch (each flushes at its share of it): however the
    // batches fall, the shards together must hold what one index of the final files holds.
    TempDir dir;
    const fs::path articles = dir / "articles";
    fs::copy(kSamples, articles, fs::copy_options::recursive);
    pith::test::write_file(dir / "small-batches.toml", "[indexing]\nbatch_articles = 1\n");
    const auto index = [&](const fs::path& index_dir, const std::vector<std::string>& options) {
        std::vector<std::string> args{PITH_INDEX_BIN, "--quiet", "--index", index_dir.string(), "--config",
                                      (dir / "small-batches.toml").string()};
        args.insert(args.end(), options.begin(), options.end());
        args.push_back(articles.string());
        const RunResult result = run(args);
        INFO(describe(result));
        REQUIRE(result.exit_code == 0);
    };
    index(dir / "sharded", {"--shards", "4"});
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(articles))
        if (entry.is_regular_file() && entry.path().extension() == ".txt") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 2);
    pith::test::write_file(files[0], pith::test::read_file(files[0]) +
                                         "\nCanola growers met the union about the ice storm, the second ice storm "
                                         "this winter.\n");
    fs::remove(files[1]);
    // Holds "ice storm" once where the edit above holds it twice: passages are ranked without
    // length normalisation, so equal word counts would tie, and ties follow document ids, which
    // differ between the layouts.
    pith::test::write_file(articles / "added.txt",
                           "Union vote\n\nThe union voted on canola prices, the ice storm relief fund and the rail "
                           "budget of the port.\n");
    index(dir / "sharded", {"--prune"});
    index(dir / "single", {});
    check_same_results(dir / "sharded", dir / "single");
}

namespace {

// Articles in English and, one in three, in French (`lang: fr`), spread over every shard. The
// languages share words (canola, growers), so a query runs in both analyses and some of the
// alternatives are the same query: the shape that crashed Xapian. Random paragraph lengths and
// words, so articles differ (no near-duplicates) and few passages tie.
fs::path write_two_language_articles(const fs::path& dir) {
    const std::vector<std::string> english = {"canola", "growers", "tariffs", "farmers", "export",  "prairie",
                                              "market", "price",   "wheat",   "harvest", "china",   "trade",
                                              "rail",   "storm",   "budget",  "minister", "province", "yield"};
    const std::vector<std::string> french = {"les",     "producteurs", "mangeaient", "du",     "canola",  "tarifs",
                                             "marché",  "prix",        "blé",        "récolte", "chine",  "growers",
                                             "tempête", "budget",      "ministre",   "province", "rendement", "gare"};
    std::mt19937 random(7);
    const fs::path articles = dir / "articles";
    for (std::size_t n = 0; n < 40; ++n) {
        const bool in_french = n % 3 == 0;
        const std::vector<std::string>& words = in_french ? french : english;
        std::uniform_int_distribution<std::size_t> word(0, words.size() - 1);
        std::uniform_int_distribution<std::size_t> length(12, 70);
        std::string text = in_french ? "lang: fr\n" : "";
        text += "Article " + std::to_string(n) + " " + words[word(random)] + "\n\n";
        for (std::size_t paragraph = 0; paragraph < 4; ++paragraph) {
            for (std::size_t w = length(random); w > 0; --w) text += words[word(random)] + " ";
            text += ".\n\n";
        }
        pith::test::write_file(articles / ("article-" + std::to_string(n) + ".txt"), text);
    }
    return articles;
}

RunResult search_with(const fs::path& index, std::vector<std::string> options, const std::string& query) {
    std::vector<std::string> args{PITH_SEARCH_BIN, "--index", index.string()};
    args.insert(args.end(), options.begin(), options.end());
    args.push_back("--");
    args.push_back(query);
    return run(args);
}

std::vector<json> json_lines(const std::string& out) {
    std::vector<json> lines;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
    return lines;
}

// The same scores rank by rank, and the same passages (with the same highlights) within each
// run of equal scores: Xapian orders ties by document id, which shards number differently.
// A run touching the page's first or last rank may continue off the page, where each layout
// cut it elsewhere: only its scores are compared.
void check_same_page(const std::vector<json>& have, const std::vector<json>& want) {
    REQUIRE(have.size() == want.size());
    const auto score = [](const json& hit) { return hit["score"].get<double>(); };
    std::size_t run_begin = 0;
    for (std::size_t i = 0; i <= have.size(); ++i) {
        if (i < have.size()) {
            INFO("rank " << i + 1);
            CHECK(std::abs(score(have[i]) - score(want[i])) < 1e-9);
            if (i == run_begin || std::abs(score(want[i]) - score(want[run_begin])) < 1e-9) continue;
        }
        if (run_begin > 0 && i < have.size()) {
            std::set<std::string> have_run, want_run;
            for (std::size_t k = run_begin; k < i; ++k) {
                have_run.insert(have[k]["path"].get<std::string>() + ":" + have[k]["passage_index"].dump() + ":" +
                                have[k]["highlights"].dump());
                want_run.insert(want[k]["path"].get<std::string>() + ":" + want[k]["passage_index"].dump() + ":" +
                                want[k]["highlights"].dump());
            }
            CHECK(have_run == want_run);
        }
        run_begin = i;
    }
}

std::vector<std::string> sorted_lines(const std::string& out) {
    std::vector<std::string> lines;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::sort(lines.begin(), lines.end());
    return lines;
}

}  // namespace

TEST_CASE("a sharded index of articles in two languages answers every query as a single index does", "[shards]") {
    // Two bugs pinned: Xapian 1.4.22 crashed (SIGSEGV) on the per-language OP_MAX over several
    // shards once the page filled, and a search read the languages of shard 0 only.
    TempDir dir;
    const fs::path articles = write_two_language_articles(dir.path());
    const auto build = [&](const fs::path& index, std::vector<std::string> options) {
        std::vector<std::string> args{PITH_INDEX_BIN, "--quiet", "--index", index.string()};
        args.insert(args.end(), options.begin(), options.end());
        args.push_back(articles.string());
        const RunResult result = run(args);
        INFO(describe(result));
        REQUIRE(result.exit_code == 0);
        return index;
    };
    const fs::path single = build(dir / "single", {});
    const std::string shards = GENERATE("2", "4");
    INFO("shards: " << shards);
    const fs::path sharded = build(dir / ("sharded-" + shards), {"--shards", shards});
    for (const std::string query : {"canola growers", "canola", "mangeait", "producteurs canola", "canola OR prix",
                                    "\"les producteurs\"", "growers -wheat", "budget province", "produc*"}) {
        for (const std::vector<std::string>& options :
             std::vector<std::vector<std::string>>{{"--json", "-n", "10"},
                                                   {"--json", "-n", "5", "--offset", "3"},
                                                   {"--json", "-n", "30", "--per-article", "0"},
                                                   {"--count"},
                                                   {"--files", "-n", "1000"}}) {
            std::string described;
            for (const std::string& option : options) described += option + " ";
            INFO("query: " << query << ", options: " << described);
            const RunResult expected = search_with(single, options, query);
            const RunResult got = search_with(sharded, options, query);
            INFO(describe(got));
            REQUIRE(got.exit_code == expected.exit_code);
            if (options.front() == "--json") check_same_page(json_lines(got.out), json_lines(expected.out));
            else CHECK(sorted_lines(got.out) == sorted_lines(expected.out));
        }
    }
    // French stems are searched: a form no article holds finds the articles with other forms.
    CHECK(search_with(sharded, {"--count"}, "mangeait").out != "0\n");
    // A short page is the top of a long one: Xapian's pruning of the per-language OP_MAX lost
    // passages from short pages even in one index.
    for (const fs::path& index : {single, sharded})
        for (const std::string query : {"canola", "canola growers", "producteurs canola"}) {
            INFO("index: " << index << ", query: " << query);
            std::vector<json> all =
                json_lines(search_with(index, {"--json", "-n", "300", "--per-article", "0"}, query).out);
            REQUIRE(all.size() > 5);
            all.resize(5);
            const RunResult page = search_with(index, {"--json", "-n", "5", "--per-article", "0"}, query);
            check_same_page(json_lines(page.out), all);
        }
}

TEST_CASE("the languages of every shard a stub lists are searched: nested stubs, relative paths and remote shards",
          "[shards][remote]") {
    // A French article in shard 1 only: shard 0, whose metadata Xapian returns for the stub,
    // does not list French.
    TempDir dir;
    pith::test::write_file(dir / "articles" / "english.txt", "Growers\n\nCanola growers ate lunch.\n");
    fs::path french;
    for (int n = 0;; ++n) {
        french = dir / "articles" / ("french-" + std::to_string(n) + ".txt");
        pith::test::write_file(french, "lang: fr\nLes producteurs\n\nLes producteurs mangeaient du canola.\n");
        if (pith::ShardedIndexWriter::shard_of(pith::read_article(french).id, 2) != 0) break;
        fs::remove(french);
    }
    const fs::path sharded = dir / "sharded";
    const RunResult built = run({PITH_INDEX_BIN, "--quiet", "--shards", "2", "--index", sharded.string(),
                                 (dir / "articles").string()});
    INFO(describe(built));
    REQUIRE(built.exit_code == 0);
    REQUIRE(Xapian::Database((sharded / "shard-0").string()).get_metadata("pith.languages").empty());
    const auto count = [](const fs::path& index) {
        const RunResult result = run({PITH_SEARCH_BIN, "--index", index.string(), "--count", "mangeait"});
        INFO(describe(result));
        CHECK(result.exit_code == 0);
        return result.out;
    };
    SECTION("a stub listing the sharded index's own stub, by a relative path") {
        pith::test::write_file(dir / "outer.stub", "# comments and blank lines are skipped\n\nauto sharded\n");
        CHECK(count(dir / "outer.stub") == "1\n");
    }
    SECTION("the French shard behind xapian-tcpsrv") {
        TcpServer remote(sharded / "shard-1");
        const fs::path stub = dir / "mixed.stub";
        pith::test::write_file(stub, "auto sharded/shard-0\nremote 127.0.0.1:" + std::to_string(remote.port()) + "\n");
        CHECK(count(stub) == "1\n");
    }
}
