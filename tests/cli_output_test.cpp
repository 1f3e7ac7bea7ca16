// pith-search ends with _Exit once its output is flushed (no teardown), and prints plain text
// without computing highlights. These tests pin that nothing is lost: every byte reaches a
// pipe or a file in every output mode, a reader that stops early ends the process quietly,
// errors still reach stderr with their exit codes, and plain text equals the coloured text
// stripped of its escapes on long, many-paragraph passages with context.

#include <catch2/catch.hpp>

#include <random>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>

#include "corpus_generator.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using pith::test::describe;
using pith::test::pith_index;
using pith::test::pith_search;
using pith::test::read_file;
using pith::test::run;
using pith::test::RunResult;
using pith::test::TempDir;
using pith::test::write_file;

// Enough generated articles that a full page of output is far beyond stdio's buffer (so the
// last buffer's flush before _Exit is what the checks see), with passages of many paragraphs.
struct OutputCorpus {
    TempDir dir;
    fs::path index;
    OutputCorpus() {
        std::mt19937 random(3);
        for (int n = 0; n < 40; ++n)
            write_file(dir / "articles" / ("article-" + std::to_string(n) + ".txt"),
                       pith::test::generated_article(random, 3 + n % 5));
        // Matches at paragraph starts and ends, after indented and blank lines.
        write_file(dir / "articles" / "edges.txt",
                   "Canola edges\n\ncanola\n\n   canola at an indented start.\n\nends with canola\n\n\n\ncanola\n");
        index = dir / "index";
        const RunResult built = pith_index({"--index", index.string(), "-q", (dir / "articles").string()});
        if (built.exit_code != 0) throw std::runtime_error("pith-index failed: " + describe(built));
    }
};

const OutputCorpus& corpus() {
    static OutputCorpus c;
    return c;
}

std::string quoted(const std::string& text) { return "'" + text + "'"; }

// Runs pith-search through sh with stdout redirected to `out` (a file): "CODE" on stdout.
RunResult search_to_file(const std::string& arguments, const fs::path& out) {
    return run({"/bin/sh", "-c",
                quoted(PITH_SEARCH_BIN) + " --index " + quoted(corpus().index.string()) + " " + arguments + " > " +
                    quoted(out.string()) + "; echo $?"});
}

}  // namespace

TEST_CASE("pith-search writes every byte to a file as to a pipe, in every output mode", "[cli][output]") {
    TempDir dir;
    for (const char* arguments : {"-n 200 --per-article 0 canola", "--json -n 200 --per-article 0 canola",
                                  "--color always -n 200 --per-article 0 canola", "--files canola",
                                  "--count canola", "--explain --context 1 -n 50 tariff", "walrusx"}) {
        INFO("pith-search " << arguments);
        std::vector<std::string> args = {PITH_SEARCH_BIN, "--index", corpus().index.string()};
        std::istringstream words(arguments);
        for (std::string word; words >> word;) args.push_back(word);
        const RunResult piped = run(args);
        REQUIRE(piped.exit_code <= 1);
        const fs::path file = dir / "out.txt";
        const RunResult filed = search_to_file(arguments, file);
        CHECK(filed.out == std::to_string(piped.exit_code) + "\n");
        CHECK(read_file(file) == piped.out);
        if (piped.exit_code == 0) CHECK(piped.out.size() > 0);
    }
}

TEST_CASE("a large page is complete on a pipe: the last line of JSON is whole", "[cli][output]") {
    const RunResult result = pith_search(corpus().index, {"--json", "-n", "300", "--per-article", "0", "canola"});
    REQUIRE(result.exit_code == 0);
    REQUIRE(result.out.size() > 16384);  // Several stdio buffers.
    CHECK(result.out.back() == '\n');
    const std::size_t last = result.out.rfind('\n', result.out.size() - 2);
    CHECK(result.out.substr(last + 1).find("\"passage\"") != std::string::npos);
}

TEST_CASE("a reader that closes the pipe early ends pith-search quietly", "[cli][output]") {
    // Like grep and rg, the broken pipe ends the process (SIGPIPE) without an error message; the
    // first line the reader took is the first line of the full output.
    const RunResult full = pith_search(corpus().index, {"-n", "300", "--per-article", "0", "canola"});
    REQUIRE(full.exit_code == 0);
    const std::string first_line = full.out.substr(0, full.out.find('\n') + 1);
    for (const char* mode : {"", "--json"}) {
        INFO("mode " << mode);
        const RunResult head =
            run({"/bin/sh", "-c",
                 quoted(PITH_SEARCH_BIN) + " --index " + quoted(corpus().index.string()) + " " + mode +
                     " -n 300 --per-article 0 canola 2>" + quoted((corpus().dir / "err.txt").string()) +
                     " | head -1"});
        INFO(describe(head));
        CHECK(head.exit_code == 0);
        if (std::string(mode).empty()) CHECK(head.out == first_line);
        CHECK(head.out.size() > 1);
        const std::string err = read_file(corpus().dir / "err.txt");
        CHECK(err.find("error") == std::string::npos);
        CHECK(err.find("terminate") == std::string::npos);
    }
}

TEST_CASE("errors reach stderr with their exit codes, stdout left empty", "[cli][output]") {
    TempDir dir;
    const fs::path file = dir / "out.txt";
    const RunResult unclosed = search_to_file("'\"canola' 2>" + quoted((dir / "err.txt").string()), file);
    CHECK(unclosed.out == "2\n");
    CHECK(read_file(file).empty());
    CHECK_THAT(read_file(dir / "err.txt"), Catch::Contains("error"));
    const RunResult missing = run({PITH_SEARCH_BIN, "--index", (dir / "no-index").string(), "canola"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.out.empty());
    CHECK_FALSE(missing.err.empty());
}

TEST_CASE("plain text equals the coloured text without escapes on long passages with context and explanations",
          "[cli][output]") {
    for (const char* query : {"canola", "tariff harvest", "\"grain export\"", "edges canola", "canola OR walrus"})
        for (const char* extra : {"--per-article=0", "--context=1", "--explain"}) {
            INFO(query << " " << extra);
            const RunResult colored = pith_search(corpus().index, {"--color=always", "-n", "30", extra, query});
            const RunResult plain = pith_search(corpus().index, {"--color=never", "-n", "30", extra, query});
            REQUIRE(colored.exit_code == plain.exit_code);
            CHECK(colored.out.find("\x1b[1;31m") != std::string::npos);
            CHECK(std::regex_replace(colored.out, std::regex("\x1b\\[[0-9;]*m"), "") == plain.out);
        }
}

TEST_CASE("output that cannot be written is an error, not a silent success", "[cli][output]") {
    // /dev/full refuses every write with ENOSPC, like a full disk.
    for (const char* mode : {"", "--json", "--count", "--files"}) {
        INFO("mode " << mode);
        const RunResult full = run({"/bin/sh", "-c",
                                    quoted(PITH_SEARCH_BIN) + " --index " + quoted(corpus().index.string()) + " " +
                                        mode + " -n 50 canola > /dev/full; echo $?"});
        CHECK(full.out == "2\n");
        CHECK_THAT(full.err, Catch::Contains("error writing the results") && Catch::Contains("No space left"));
    }
}
