// End-to-end: pith-index pointed at folders it does not control. Each bad file costs one warning
// line naming it, and nothing else is lost.

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using pith::test::RunResult;
using pith::test::describe;
using pith::test::pith_index;
using pith::test::pith_search;
using pith::test::TempDir;
using pith::test::write_file;

std::size_t lines(const std::string& text) { return pith::test::count_occurrences(text, "\n"); }

const char* const kGood = "Walrus news\n\nThe walrus colony grew this spring along the coast near town.\n";

// Indexes `in` (which holds good.txt plus the hostile entry) and checks: exit 1, exactly one
// warning line, naming `name_in_warning`, and good.txt searchable.
void check_one_warning(const TempDir& dir, const std::string& name_in_warning) {
    write_file(dir / "in" / "good.txt", kGood);
    const auto started = std::chrono::steady_clock::now();
    const RunResult result = pith_index({"--index", (dir / "index").string(), (dir / "in").string()});
    INFO(describe(result));
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
    CHECK(result.exit_code == 1);
    CHECK(lines(result.err) == 1);
    CHECK_THAT(result.err, Catch::Contains(name_in_warning));
    CHECK_THAT(result.out, Catch::Contains("1 added"));
    CHECK_THAT(result.out, Catch::Contains("1 skipped"));
    CHECK(pith_search(dir / "index", {"walrus"}).exit_code == 0);
}

}  // namespace

TEST_CASE("a FIFO named like an article is skipped with a warning, never blocked on", "[hostile]") {
    TempDir dir;
    fs::create_directories(dir / "in");
    REQUIRE(::mkfifo((dir / "in" / "pipe.txt").c_str(), 0644) == 0);
    check_one_warning(dir, "pipe.txt: not a regular file");
}

TEST_CASE("a FIFO named on the command line is skipped, never blocked on", "[hostile]") {
    TempDir dir;
    write_file(dir / "in" / "good.txt", kGood);
    REQUIRE(::mkfifo((dir / "pipe.txt").c_str(), 0644) == 0);
    const RunResult result =
        pith_index({"--index", (dir / "index").string(), (dir / "pipe.txt").string(), (dir / "in").string()});
    INFO(describe(result));
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.err, Catch::Contains("pipe.txt"));
}

TEST_CASE("a link to a device is skipped with a warning", "[hostile]") {
    TempDir dir;
    fs::create_directories(dir / "in");
    fs::create_symlink("/dev/zero", dir / "in" / "zero.txt");
    check_one_warning(dir, "zero.txt: not a regular file");
}

TEST_CASE("a symbolic link loop is skipped with a warning", "[hostile]") {
    TempDir dir;
    fs::create_directories(dir / "in");
    fs::create_symlink("loop-b.txt", dir / "in" / "loop-a.txt");
    fs::create_symlink("loop-a.txt", dir / "in" / "loop-b.txt");
    write_file(dir / "in" / "good.txt", kGood);
    const RunResult result = pith_index({"--index", (dir / "index").string(), (dir / "in").string()});
    INFO(describe(result));
    CHECK(result.exit_code == 1);
    CHECK(lines(result.err) == 2);
    CHECK_THAT(result.err, Catch::Contains("loop-a.txt: symbolic link loop"));
    CHECK_THAT(result.err, Catch::Contains("loop-b.txt: symbolic link loop"));
    CHECK(pith_search(dir / "index", {"walrus"}).exit_code == 0);
}

TEST_CASE("a directory symlink loop does not trap the walk", "[hostile]") {
    TempDir dir;
    write_file(dir / "in" / "good.txt", kGood);
    fs::create_directory_symlink("..", dir / "in" / "up");
    const RunResult result = pith_index({"--index", (dir / "index").string(), (dir / "in").string()});
    INFO(describe(result));
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("1 added"));
}

TEST_CASE("an empty file is skipped with a warning", "[hostile]") {
    TempDir dir;
    write_file(dir / "in" / "empty.txt", "");
    check_one_warning(dir, "empty.txt: empty file");
}

TEST_CASE("a binary file is skipped with a warning", "[hostile]") {
    TempDir dir;
    write_file(dir / "in" / "image.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    check_one_warning(dir, "image.txt: looks binary");
}

TEST_CASE("a file without read permission is skipped with a warning", "[hostile]") {
    if (::geteuid() == 0) {
        WARN("running as root, which reads any file: permission test skipped");
        return;
    }
    TempDir dir;
    write_file(dir / "in" / "secret.txt", kGood);
    fs::permissions(dir / "in" / "secret.txt", fs::perms::none);
    check_one_warning(dir, "secret.txt: cannot open");
}

TEST_CASE("invalid UTF-8 is indexed with replacement characters, warned about and counted", "[hostile]") {
    TempDir dir;
    write_file(dir / "in" / "latin1.txt", "Caf\xe9 news\n\nThe caf\xe9 union voted on Tuesday near the old harbour.\n");
    write_file(dir / "in" / "good.txt", kGood);
    const RunResult result = pith_index({"--index", (dir / "index").string(), (dir / "in").string()});
    INFO(describe(result));
    CHECK(result.exit_code == 0);  // indexed, not skipped
    CHECK(lines(result.err) == 1);
    CHECK_THAT(result.err, Catch::Contains("latin1.txt: 2 invalid UTF-8 sequence(s) replaced by U+FFFD"));
    CHECK_THAT(result.out, Catch::Contains("2 added"));
    CHECK_THAT(result.out, Catch::Contains("0 skipped, 1 with invalid UTF-8;"));
    const RunResult found = pith_search(dir / "index", {"union", "--json"});
    CHECK(found.exit_code == 0);
    CHECK_THAT(found.out, Catch::Contains("caf\xef\xbf\xbd union"));
}

TEST_CASE("file names with spaces, newlines and non-UTF-8 bytes are indexed and re-recognised", "[hostile]") {
    TempDir dir;
    const std::vector<std::string> names{"with space.txt", "with\nnewline.txt", "latin1-\xe9t\xe9.txt"};
    for (const std::string& name : names) write_file(dir / "in" / name, kGood);
    const fs::path index = dir / "index";
    const RunResult first = pith_index({"--index", index.string(), (dir / "in").string()});
    INFO(describe(first));
    CHECK(first.exit_code == 0);
    CHECK_THAT(first.out, Catch::Contains("3 added"));
    const RunResult again = pith_index({"--index", index.string(), "--prune", (dir / "in").string()});
    INFO(describe(again));
    CHECK_THAT(again.out, Catch::Contains("0 added, 0 updated, 3 unchanged, 0 removed"));
    fs::remove(dir / "in" / names[2]);
    const RunResult pruned = pith_index({"--index", index.string(), "--prune", (dir / "in").string()});
    INFO(describe(pruned));
    CHECK_THAT(pruned.out, Catch::Contains("2 unchanged, 1 removed"));
}

TEST_CASE("a warning about an odd file name stays on one line", "[hostile]") {
    TempDir dir;
    write_file(dir / "in" / "bad\nname\xff.txt", "");
    check_one_warning(dir, "bad\\nname\\xff.txt: empty file");
}

TEST_CASE("an index directory that cannot be created is a fatal error naming it", "[hostile]") {
    TempDir dir;
    write_file(dir / "in" / "good.txt", kGood);
    write_file(dir / "plain-file", "x");
    const RunResult result = pith_index({"--index", (dir / "plain-file" / "index").string(), (dir / "in").string()});
    INFO(describe(result));
    CHECK(result.exit_code == 2);
    CHECK(lines(result.err) == 1);
    CHECK_THAT(result.err, Catch::Contains("cannot create index directory"));
    CHECK_THAT(result.err, Catch::Contains("plain-file"));
}

TEST_CASE("an unwritable index directory is a fatal error naming it", "[hostile]") {
    if (::geteuid() == 0) {
        WARN("running as root, which writes anywhere: permission test skipped");
        return;
    }
    TempDir dir;
    write_file(dir / "in" / "good.txt", kGood);
    fs::create_directories(dir / "index");
    fs::permissions(dir / "index", fs::perms::owner_read | fs::perms::owner_exec);
    const RunResult result = pith_index({"--index", (dir / "index").string(), (dir / "in").string()});
    INFO(describe(result));
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("not writable"));
}

TEST_CASE("a corrupted index is a fatal error suggesting --rebuild, which repairs it", "[hostile]") {
    TempDir dir;
    write_file(dir / "in" / "good.txt", kGood);
    const fs::path index = dir / "index";
    REQUIRE(pith_index({"--index", index.string(), (dir / "in").string()}).exit_code == 0);
    write_file(index / "postlist.glass", std::string(20000, '\x5a'));
    const RunResult broken = pith_index({"--index", index.string(), (dir / "in").string()});
    INFO(describe(broken));
    CHECK(broken.exit_code == 2);
    CHECK(lines(broken.err) == 1);
    CHECK_THAT(broken.err, Catch::Contains("--rebuild"));
    const RunResult rebuilt = pith_index({"--index", index.string(), "--rebuild", (dir / "in").string()});
    INFO(describe(rebuilt));
    CHECK(rebuilt.exit_code == 0);
    CHECK(pith_search(index, {"walrus"}).exit_code == 0);
}

TEST_CASE("pith-index prints no progress bar when stderr is not a terminal, and nothing but warnings with --quiet",
          "[hostile]") {
    TempDir dir;
    write_file(dir / "in" / "good.txt", kGood);
    const RunResult normal = pith_index({"--index", (dir / "index").string(), (dir / "in").string()});
    CHECK(normal.err.empty());
    CHECK(lines(normal.out) == 1);
    CHECK_THAT(normal.out, Catch::Contains("1 added, 0 updated, 0 unchanged, 0 removed, 0 skipped; 1 passages"));
    CHECK_THAT(normal.out, Catch::Contains("MB read in"));
    write_file(dir / "in" / "empty.txt", "");
    const RunResult quiet = pith_index({"--index", (dir / "index").string(), "--quiet", (dir / "in").string()});
    CHECK(quiet.out.empty());
    CHECK(lines(quiet.err) == 1);
    CHECK_THAT(quiet.err, Catch::Contains("empty.txt"));
}

TEST_CASE("a symbolic link loop named on the command line is skipped with a warning", "[hostile]") {
    TempDir dir;
    write_file(dir / "in" / "good.txt", kGood);
    fs::create_symlink("self.txt", dir / "self.txt");
    const RunResult result =
        pith_index({"--index", (dir / "index").string(), (dir / "self.txt").string(), (dir / "in").string()});
    INFO(describe(result));
    CHECK(result.exit_code == 1);
    CHECK(lines(result.err) == 1);
    CHECK_THAT(result.err, Catch::Contains("self.txt: symbolic link loop"));
}

TEST_CASE("an unreadable subdirectory is named in a warning and the rest is indexed", "[hostile]") {
    if (::geteuid() == 0) {
        WARN("running as root, which reads any directory: permission test skipped");
        return;
    }
    TempDir dir;
    write_file(dir / "in" / "locked" / "hidden.txt", kGood);
    fs::permissions(dir / "in" / "locked", fs::perms::none);
    check_one_warning(dir, "locked: cannot read directory");
}
