// The file list as plain strings keeps the order std::filesystem::path gives: articles are
// written in that order, and it decides which of two near-duplicates is the original.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "pith/article.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using pith::test::TempDir;
using pith::test::write_file;

TEST_CASE("the file list as strings comes in the order of std::filesystem::path", "[index]") {
    TempDir dir;
    // '/' sorts after '-', ' ' and '.' as a byte, but a directory's files come first as paths;
    // bytes above 0x7f sort after ASCII.
    const std::vector<std::string> names = {"a/b.txt",  "a-b.txt",     "a b.txt",    "a.txt",   "a/c/d.txt",
                                            "a.b/x.txt", "ab/x.txt",   "a/\xC3\xA9.txt", "A.txt", "a/z.txt",
                                            "aa.txt",    "a b/c.txt",  "a-/x.txt"};
    for (const std::string& name : names) write_file(dir / "in" / name, "x");
    const auto unused = [](const std::string&) {};
    // Named twice (directly and through its directory), a file is listed once.
    const std::vector<fs::path> inputs = {dir / "in", dir / "in" / "a.txt"};
    const std::vector<std::string> strings = pith::collect_article_paths(inputs, unused);

    std::set<fs::path> as_paths;
    for (const std::string& name : names) as_paths.insert(fs::absolute(dir / "in" / name).lexically_normal());
    CHECK(strings == std::vector<std::string>(as_paths.begin(), as_paths.end()));
    CHECK(std::vector<fs::path>(strings.begin(), strings.end()) == pith::collect_article_files(inputs, unused));
}
