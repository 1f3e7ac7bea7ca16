// End-to-end: pith-index re-runs are incremental and exact. Expected indexes are fresh builds of
// the same files, never written down.

#include <catch2/catch.hpp>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "corpus_generator.hpp"
#include "index_snapshot.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using pith::test::RunResult;
using pith::test::describe;
using pith::test::pith_index;
using pith::test::pith_search;
using pith::test::TempDir;
using pith::test::write_file;

// A fresh index of `articles` in `index` (replacing whatever is there).
void fresh_build(const fs::path& index, const fs::path& articles) {
    const RunResult result = pith_index({"--index", index.string(), "--rebuild", "--jobs", "1", articles.string()});
    INFO(describe(result));
    REQUIRE(result.exit_code == 0);
}

std::vector<fs::path> files_in(const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

const char* const kStory = "Walrus news\n\nThe walrus colony grew this spring along the coast near town.\n";

}  // namespace

TEST_CASE("after any seeded sequence of adds, edits, deletes and renames the index equals a fresh build",
          "[incremental]") {
    std::mt19937 random(20260525);
    TempDir dir;
    const fs::path articles = dir / "articles";
    const fs::path incremental = dir / "incremental";
    const fs::path fresh = dir / "fresh";
    int next_name = 0;
    auto new_name = [&] {
        const int n = next_name++;
        return articles / (std::string("sub") + std::to_string(n % 3)) / fs::path(std::string("a") + std::to_string(n)).concat(".txt");
    };
    for (int i = 0; i < 6; ++i) write_file(new_name(), pith::test::generated_article(random, 3));

    constexpr int kSteps = 30;
    for (int step = 0; step < kSteps; ++step) {
        std::vector<fs::path> present = files_in(articles);
        const int operations = std::uniform_int_distribution<int>(1, 3)(random);
        std::string done;
        for (int op = 0; op < operations; ++op) {
            const int kind = present.empty() ? 0 : std::uniform_int_distribution<int>(0, 4)(random);
            fs::path target = present.empty() ? fs::path() : present[std::uniform_int_distribution<std::size_t>(0, present.size() - 1)(random)];
            if (kind == 0) {
                const fs::path added = new_name();
                write_file(added, pith::test::generated_article(random, std::uniform_int_distribution<int>(1, 5)(random)));
                done.append(" add ").append(added.filename().string());
            } else if (kind == 1) {
                write_file(target, pith::test::generated_article(random, std::uniform_int_distribution<int>(1, 5)(random)));
                done.append(" edit ").append(target.filename().string());
            } else if (kind == 2 && fs::exists(target)) {
                fs::remove(target);
                done.append(" delete ").append(target.filename().string());
            } else if (kind == 3 && fs::exists(target)) {
                const fs::path renamed = new_name();
                fs::create_directories(renamed.parent_path());
                fs::rename(target, renamed);
                done.append(" rename ").append(target.filename().string()).append("->").append(renamed.filename().string());
            } else if (kind == 4 && fs::exists(target)) {
                // Same content, new mtime: must stay unchanged (content hash, not mtime).
                fs::last_write_time(target, fs::last_write_time(target) + std::chrono::seconds(1));
                done.append(" touch ").append(target.filename().string());
            }
            present = files_in(articles);
        }
        const std::string jobs = std::to_string(std::uniform_int_distribution<int>(1, 3)(random));
        const RunResult run = pith_index({"--index", incremental.string(), "--prune", "--jobs", jobs, articles.string()});
        INFO("step " << step << ":" << done << "\n" << describe(run));
        REQUIRE(run.exit_code == 0);
        fresh_build(fresh, articles);
        CHECK(pith::test::first_difference(pith::test::take_snapshot(incremental), pith::test::take_snapshot(fresh)) == "");
    }
}

TEST_CASE("a file whose size and mtime are unchanged is not read again", "[incremental]") {
    TempDir dir;
    const fs::path story = dir / "in" / "story.txt";
    write_file(story, kStory);
    // An mtime well in the past: recent ones are deliberately not trusted (racy-clean rule).
    const auto past = fs::last_write_time(story) - std::chrono::hours(1);
    fs::last_write_time(story, past);
    const fs::path index = dir / "index";
    REQUIRE(pith_index({"--index", index.string(), (dir / "in").string()}).exit_code == 0);

    // Same size, same mtime, other words: only a read would notice.
    std::string edited = kStory;
    edited.replace(edited.find("colony"), 6, "pupsaa");
    write_file(story, edited);
    fs::last_write_time(story, past);
    const RunResult skipped = pith_index({"--index", index.string(), (dir / "in").string()});
    INFO(describe(skipped));
    CHECK_THAT(skipped.out, Catch::Contains("1 unchanged"));
    CHECK_THAT(skipped.out, Catch::Contains("0.0 MB read"));
    CHECK(pith_search(index, {"colony"}).exit_code == 0);

    fs::last_write_time(story, past + std::chrono::seconds(5));
    const RunResult reread = pith_index({"--index", index.string(), (dir / "in").string()});
    INFO(describe(reread));
    CHECK_THAT(reread.out, Catch::Contains("1 updated"));
    CHECK(pith_search(index, {"pupsaa"}).exit_code == 0);
    CHECK(pith_search(index, {"colony"}).exit_code == 1);
}

TEST_CASE("a touched file with the same content is reported unchanged", "[incremental]") {
    TempDir dir;
    write_file(dir / "in" / "story.txt", kStory);
    const fs::path index = dir / "index";
    REQUIRE(pith_index({"--index", index.string(), (dir / "in").string()}).exit_code == 0);
    fs::last_write_time(dir / "in" / "story.txt", fs::last_write_time(dir / "in" / "story.txt") + std::chrono::seconds(3));
    const RunResult again = pith_index({"--index", index.string(), (dir / "in").string()});
    INFO(describe(again));
    CHECK_THAT(again.out, Catch::Contains("0 added, 0 updated, 1 unchanged"));
}

TEST_CASE("a renamed file is indexed once, under its new path, even without --prune", "[incremental]") {
    TempDir dir;
    write_file(dir / "in" / "old name.txt", kStory);
    const fs::path index = dir / "index";
    REQUIRE(pith_index({"--index", index.string(), (dir / "in").string()}).exit_code == 0);
    fs::rename(dir / "in" / "old name.txt", dir / "in" / "new name.txt");
    const RunResult again = pith_index({"--index", index.string(), (dir / "in").string()});
    INFO(describe(again));
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.out, Catch::Contains("1 added"));
    CHECK_THAT(again.out, Catch::Contains("1 renamed"));
    const RunResult found = pith_search(index, {"walrus", "--json", "--per-article", "0"});
    CHECK(pith::test::count_occurrences(found.out, "\"rank\"") == 1);
    CHECK_THAT(found.out, Catch::Contains("new name.txt"));
}

TEST_CASE("a copied file is a second article, not a rename", "[incremental]") {
    TempDir dir;
    write_file(dir / "in" / "a.txt", kStory);
    const fs::path index = dir / "index";
    REQUIRE(pith_index({"--index", index.string(), (dir / "in").string()}).exit_code == 0);
    write_file(dir / "in" / "b.txt", kStory);
    const RunResult again = pith_index({"--index", index.string(), (dir / "in").string()});
    INFO(describe(again));
    CHECK_THAT(again.out, Catch::Contains("1 added, 0 updated, 1 unchanged, 0 removed"));
}

TEST_CASE("pruning removes articles whose files are gone; without it they stay", "[incremental]") {
    TempDir dir;
    write_file(dir / "in" / "keep.txt", kStory);
    write_file(dir / "in" / "gone.txt", "Narwhal news\n\nA narwhal pod was seen near the harbour today.\n");
    const fs::path index = dir / "index";
    REQUIRE(pith_index({"--index", index.string(), (dir / "in").string()}).exit_code == 0);
    fs::remove(dir / "in" / "gone.txt");

    const RunResult kept = pith_index({"--index", index.string(), (dir / "in").string()});
    INFO(describe(kept));
    CHECK_THAT(kept.out, Catch::Contains("0 removed"));
    CHECK(pith_search(index, {"narwhal"}).exit_code == 0);

    const RunResult pruned = pith_index({"--index", index.string(), "--prune", (dir / "in").string()});
    INFO(describe(pruned));
    CHECK(pruned.exit_code == 0);
    CHECK_THAT(pruned.out, Catch::Contains("1 removed"));
    CHECK(pith_search(index, {"narwhal"}).exit_code == 1);
    CHECK(pith_search(index, {"walrus"}).exit_code == 0);
}

TEST_CASE("pruning leaves articles outside the given paths alone", "[incremental]") {
    TempDir dir;
    write_file(dir / "a" / "one.txt", kStory);
    write_file(dir / "b" / "two.txt", "Narwhal news\n\nA narwhal pod was seen near the harbour today.\n");
    const fs::path index = dir / "index";
    REQUIRE(pith_index({"--index", index.string(), (dir / "a").string(), (dir / "b").string()}).exit_code == 0);
    const RunResult pruned = pith_index({"--index", index.string(), "--prune", (dir / "a").string()});
    INFO(describe(pruned));
    CHECK_THAT(pruned.out, Catch::Contains("0 removed"));
    CHECK(pith_search(index, {"narwhal"}).exit_code == 0);
}

TEST_CASE("rebuilding starts from an empty index", "[incremental]") {
    TempDir dir;
    write_file(dir / "a" / "one.txt", kStory);
    write_file(dir / "b" / "two.txt", "Narwhal news\n\nA narwhal pod was seen near the harbour today.\n");
    const fs::path index = dir / "index";
    REQUIRE(pith_index({"--index", index.string(), (dir / "a").string()}).exit_code == 0);
    const RunResult rebuilt = pith_index({"--index", index.string(), "--rebuild", (dir / "b").string()});
    INFO(describe(rebuilt));
    CHECK_THAT(rebuilt.out, Catch::Contains("1 added"));
    CHECK(pith_search(index, {"walrus"}).exit_code == 1);
    CHECK(pith_search(index, {"narwhal"}).exit_code == 0);
}

TEST_CASE("three jobs build exactly the index --jobs 1 builds, document order included", "[incremental]") {
    std::mt19937 random(7);
    TempDir dir;
    for (int i = 0; i < 80; ++i)
        write_file(dir / "in" / (std::to_string(i) + ".txt"), pith::test::generated_article(random, 1 + i % 6));
    write_file(dir / "in" / "bad.txt", "Bad bytes\n\nThis has \xff\xfe invalid bytes in a sentence.\n");
    write_file(dir / "in" / "empty.txt", "");
    const RunResult one = pith_index({"--index", (dir / "one").string(), "--jobs", "1", (dir / "in").string()});
    const RunResult three = pith_index({"--index", (dir / "three").string(), "--jobs", "3", (dir / "in").string()});
    INFO(describe(one) << "\n" << describe(three));
    CHECK(one.exit_code == 1);
    CHECK(three.exit_code == 1);
    CHECK(one.err == three.err);
    CHECK(pith::test::first_difference(pith::test::take_snapshot(dir / "one"), pith::test::take_snapshot(dir / "three"), true) == "");
}

TEST_CASE("two writers build exactly the index one writer builds, order and near-duplicates included", "[incremental][parallel]") {
    std::mt19937 random(11);
    TempDir dir;
    std::vector<std::string> texts;
    for (int i = 0; i < 60; ++i) texts.push_back(pith::test::generated_article(random, 2 + i % 4));
    // Files sort by name: copies of early articles land in the second writer's run, whose writer
    // cannot see the originals; one copy of a copy too, and one pair inside the first run.
    // (Names appended to, not prepended: GCC 12 warns falsely about "a" + std::to_string(n).)
    auto file = [&](std::string name, int number) { return dir / "in" / name.append(std::to_string(number)).append(".txt"); };
    for (int i = 0; i < 60; ++i) write_file(file("a", 100 + i), texts[i]);
    write_file(dir / "in" / "a100copy.txt", texts[1]);
    for (int i : {3, 17, 42}) write_file(file("z", i), texts[i] + "\nOne more line at the end.\n");
    write_file(dir / "in" / "z17again.txt", texts[17] + "\nOne more line at the end.\n");
    const RunResult one = pith_index({"--index", (dir / "one").string(), "--writers", "1", (dir / "in").string()});
    const RunResult two = pith_index({"--index", (dir / "two").string(), "--writers", "2", "--jobs", "2", (dir / "in").string()});
    INFO(describe(one) << "\n" << describe(two));
    REQUIRE(one.exit_code == 0);
    REQUIRE(two.exit_code == 0);
    CHECK(one.err == two.err);
    // One ordinary database, not the stub of shards it was written as.
    CHECK(fs::exists(dir / "two" / "iamglass"));
    CHECK_FALSE(fs::exists(dir / "two" / "XAPIANDB"));
    CHECK_FALSE(fs::exists(dir / "two" / "shard-1"));
    const auto snapshot = pith::test::take_snapshot(dir / "two");
    CHECK(pith::test::first_difference(pith::test::take_snapshot(dir / "one"), snapshot, true) == "");
    std::size_t duplicates = 0;
    for (const auto& [key, record] : snapshot.articles) duplicates += record.find("duplicate_of") != std::string::npos;
    CHECK(duplicates >= 3);  // z3, z17, z42 at least (their originals are in the first run)
    CHECK(pith_search(dir / "one", {"--json", "walrus OR the"}).out == pith_search(dir / "two", {"--json", "walrus OR the"}).out);
}

TEST_CASE("a parallel rebuild replaces a single index with the index one writer builds", "[incremental][parallel]") {
    std::mt19937 random(12);
    TempDir dir;
    for (int i = 0; i < 30; ++i) write_file(dir / "in" / (std::to_string(i) + ".txt"), pith::test::generated_article(random, 1 + i % 3));
    write_file(dir / "old" / "quokka.txt", "Quokka news\n\nA quokka was seen on the island this morning.\n");
    const fs::path index = dir / "index";
    REQUIRE(pith_index({"--index", index.string(), (dir / "old").string()}).exit_code == 0);
    REQUIRE(pith_search(index, {"quokka"}).exit_code == 0);
    const RunResult rebuilt = pith_index({"--index", index.string(), "--rebuild", "--writers", "3", (dir / "in").string()});
    INFO(describe(rebuilt));
    REQUIRE(rebuilt.exit_code == 0);
    CHECK_THAT(rebuilt.out, Catch::Contains("30 added"));
    CHECK(pith_search(index, {"quokka"}).exit_code == 1);
    CHECK_FALSE(fs::exists(index / "XAPIANDB"));
    CHECK_FALSE(fs::exists(dir / "index.parallel"));
    fresh_build(dir / "fresh", dir / "in");
    CHECK(pith::test::first_difference(pith::test::take_snapshot(dir / "fresh"), pith::test::take_snapshot(index), true) == "");
}
