// End-to-end: the real pith-index and pith-search binaries over the seed articles and the bundled
// samples. Expected results are computed from the article files themselves, not written down.

#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using pith::test::RunResult;
using pith::test::describe;
using pith::test::pith_index;
using pith::test::pith_search;
using pith::test::TempDir;
using pith::test::run;
using pith::test::write_file;
using Names = std::set<std::string>;

const fs::path kSeeds = fs::path(PITH_SEEDS_DIR).lexically_normal();
const fs::path kSamples = (fs::path(PITH_SOURCE_DIR) / "docs" / "samples").lexically_normal();

// Indexes `articles` into <dir>/index and returns the index path; the test fails unless every
// file was indexed.
fs::path index_articles(const TempDir& dir, const fs::path& articles) {
    const fs::path index = dir / "index";
    const RunResult result = pith_index({"--index", index.string(), articles.string()});
    INFO(describe(result));
    REQUIRE(result.exit_code == 0);
    return index;
}

std::vector<fs::path> txt_files(const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file() && entry.path().extension() == ".txt") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

// The .txt files of `dir` whose text holds `word` as a word, in any case.
Names files_with_word(const fs::path& dir, const std::string& word) {
    Names names;
    for (const fs::path& file : txt_files(dir))
        if (pith::test::contains_word_ci(pith::test::read_file(file), word)) names.insert(file.filename().string());
    return names;
}

struct PhraseCount {
    Names files;
    std::size_t paragraphs = 0;
    std::size_t occurrences = 0;
};

// Where `phrase` occurs (case-sensitively, as written) in the distinct paragraphs of `dir`'s
// articles: repeated paragraphs are indexed once, so they count once.
PhraseCount phrase_in_paragraphs(const fs::path& dir, const std::string& phrase) {
    PhraseCount count;
    for (const fs::path& file : txt_files(dir)) {
        for (const std::string& paragraph : pith::test::distinct_paragraphs(pith::test::read_file(file))) {
            const std::size_t n = pith::test::count_occurrences(paragraph, phrase);
            if (n == 0) continue;
            count.files.insert(file.filename().string());
            ++count.paragraphs;
            count.occurrences += n;
        }
    }
    return count;
}

// Parses JSON Lines output, checking the fields every hit must have.
std::vector<json> parse_hits(const std::string& out) {
    std::vector<json> hits;
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line)) {
        INFO("line: " << line);
        json hit = json::parse(line);
        REQUIRE(hit.is_object());
        for (const char* key : {"rank", "score", "article", "path", "title", "passage", "passage_index", "highlights"})
            REQUIRE(hit.contains(key));
        CHECK(hit["rank"].is_number_unsigned());
        CHECK(hit["rank"].get<std::size_t>() == hits.size() + 1);
        CHECK(hit["score"].is_number());
        CHECK(hit["article"].is_string());
        CHECK(hit["article"].get<std::string>().size() == 16);
        CHECK(hit["path"].is_string());
        CHECK(hit["title"].is_string());
        CHECK(hit["passage"].is_string());
        CHECK(hit["passage_index"].is_number_unsigned());
        REQUIRE(hit["highlights"].is_array());
        const std::size_t bytes = hit["passage"].get<std::string>().size();
        for (const json& range : hit["highlights"]) {
            REQUIRE(range.is_array());
            REQUIRE(range.size() == 2);
            const std::size_t start = range[0].get<std::size_t>();
            const std::size_t end = range[1].get<std::size_t>();
            CHECK(start < end);
            CHECK(end <= bytes);
        }
        hits.push_back(std::move(hit));
    }
    return hits;
}

std::vector<std::string> highlighted(const json& hit) {
    const std::string passage = hit["passage"].get<std::string>();
    std::vector<std::string> out;
    for (const json& range : hit["highlights"]) {
        const std::size_t start = range[0].get<std::size_t>();
        const std::size_t end = range[1].get<std::size_t>();
        if (start < end && end <= passage.size()) out.push_back(passage.substr(start, end - start));
    }
    return out;
}

std::string file_name(const json& hit) { return fs::path(hit["path"].get<std::string>()).filename().string(); }

// `canola` finds every article holding the word, each hit's passage holds it, and every
// highlight covers exactly the word.
void check_canola(const fs::path& articles) {
    const Names expected = files_with_word(articles, "canola");
    REQUIRE_FALSE(expected.empty());
    TempDir dir;
    const fs::path index = index_articles(dir, articles);
    // The word itself: its synonym group (rapeseed) is checked in query_language_test.cpp.
    const RunResult result = pith_search(index, {"canola", "--no-synonyms", "--json", "-n", "100"});
    INFO(describe(result));
    REQUIRE(result.exit_code == 0);
    const std::vector<json> hits = parse_hits(result.out);
    Names found;
    for (const json& hit : hits) {
        found.insert(file_name(hit));
        INFO("passage: " << hit["passage"].get<std::string>());
        CHECK(pith::test::contains_word_ci(hit["passage"].get<std::string>(), "canola"));
        const std::vector<std::string> marks = highlighted(hit);
        CHECK_FALSE(marks.empty());
        for (const std::string& mark : marks) CHECK(pith::test::ascii_lower(mark) == "canola");
    }
    CHECK(found == expected);
    CHECK(hits.size() == expected.size());  // one passage per article by default
}

// The quoted phrase finds exactly the passages holding it, with every occurrence highlighted.
// Returns the number of hits.
std::size_t check_meng_wanzhou(const fs::path& articles, const PhraseCount& expected) {
    TempDir dir;
    const fs::path index = index_articles(dir, articles);
    const RunResult result = pith_search(index, {"\"Meng Wanzhou\"", "--per-article", "0", "-n", "100", "--json"});
    INFO(describe(result));
    REQUIRE(result.exit_code == 0);
    const std::vector<json> hits = parse_hits(result.out);
    Names found;
    std::size_t occurrences = 0;
    for (const json& hit : hits) {
        const std::string passage = hit["passage"].get<std::string>();
        INFO("passage: " << passage);
        found.insert(file_name(hit));
        const std::size_t n = pith::test::count_occurrences(passage, "Meng Wanzhou");
        CHECK(n >= 1);
        occurrences += n;
        const std::vector<std::string> marks = highlighted(hit);
        CHECK(marks.size() == n);
        for (const std::string& mark : marks) CHECK(mark == "Meng Wanzhou");
    }
    CHECK(found == expected.files);
    CHECK(occurrences == expected.occurrences);
    return hits.size();
}

}  // namespace

TEST_CASE("canola finds every seed article that mentions it", "[cli][seeds]") {
    check_canola(kSeeds);
}

TEST_CASE("canola finds every sample article that mentions it", "[cli][samples]") {
    check_canola(kSamples);
    CHECK(files_with_word(kSamples, "canola") ==
          Names{"01-canola-tariffs.txt", "02-ev-tariffs.txt", "03-meng-wanzhou-extradition.txt",
                "04-carney-beijing-visit.txt", "06-prairie-harvest-report.txt"});
}

TEST_CASE("the Meng Wanzhou phrase returns exactly the seed passages holding it", "[cli][seeds]") {
    const PhraseCount expected = phrase_in_paragraphs(kSeeds, "Meng Wanzhou");
    REQUIRE(expected.files.size() == 2);
    REQUIRE(expected.files.begin()->starts_with("002_"));
    REQUIRE(expected.files.rbegin()->starts_with("004_"));
    // Each paragraph holding the phrase is long enough to be a passage of its own.
    CHECK(check_meng_wanzhou(kSeeds, expected) == expected.paragraphs);
}

TEST_CASE("the Meng Wanzhou phrase finds samples 03 and 04 and not the reversed name in 05", "[cli][samples]") {
    const PhraseCount expected = phrase_in_paragraphs(kSamples, "Meng Wanzhou");
    CHECK(expected.files == Names{"03-meng-wanzhou-extradition.txt", "04-carney-beijing-visit.txt"});
    REQUIRE(phrase_in_paragraphs(kSamples, "Wanzhou Meng").files == Names{"05-huawei-5g-ban.txt"});
    check_meng_wanzhou(kSamples, expected);
}

TEST_CASE("the reversed phrase Wanzhou Meng finds nothing in the seeds and exits 1", "[cli][seeds]") {
    REQUIRE(phrase_in_paragraphs(kSeeds, "Wanzhou Meng").files.empty());
    TempDir dir;
    const fs::path index = index_articles(dir, kSeeds);
    const RunResult result = pith_search(index, {"\"Wanzhou Meng\""});
    INFO(describe(result));
    CHECK(result.exit_code == 1);
    CHECK(result.out.empty());
}

TEST_CASE("the reversed phrase finds only the sample that writes the name that way", "[cli][samples]") {
    TempDir dir;
    const fs::path index = index_articles(dir, kSamples);
    const RunResult result = pith_search(index, {"\"Wanzhou Meng\"", "--per-article", "0", "--json"});
    INFO(describe(result));
    REQUIRE(result.exit_code == 0);
    for (const json& hit : parse_hits(result.out)) {
        CHECK(file_name(hit) == "05-huawei-5g-ban.txt");
        for (const std::string& mark : highlighted(hit)) CHECK(mark == "Wanzhou Meng");
    }
}

TEST_CASE("JSON hits point at their passage in the source file", "[cli][seeds]") {
    TempDir dir;
    const fs::path index = index_articles(dir, kSeeds);
    const RunResult result = pith_search(index, {"China", "--json", "-n", "20", "--per-article", "3"});
    INFO(describe(result));
    REQUIRE(result.exit_code == 0);
    const std::vector<json> hits = parse_hits(result.out);
    REQUIRE_FALSE(hits.empty());
    for (const json& hit : hits) {
        const fs::path path = hit["path"].get<std::string>();
        CHECK(path.is_absolute());
        CHECK(path.parent_path() == kSeeds);
        const std::string text = pith::test::read_file(path);
        const std::size_t begin = hit["passage_begin"].get<std::size_t>();
        const std::size_t end = hit["passage_end"].get<std::size_t>();
        REQUIRE(end <= text.size());
        CHECK(text.substr(begin, end - begin) == hit["passage"].get<std::string>());
        CHECK(text.starts_with(hit["title"].get<std::string>()));
    }
}

TEST_CASE("a limit of two prints two hits", "[cli][seeds]") {
    REQUIRE(files_with_word(kSeeds, "canola").size() > 2);
    TempDir dir;
    const fs::path index = index_articles(dir, kSeeds);
    const RunResult result = pith_search(index, {"-n", "2", "canola", "--json"});
    INFO(describe(result));
    CHECK(result.exit_code == 0);
    CHECK(parse_hits(result.out).size() == 2);
}

TEST_CASE("a missing index exits 2 and tells how to build one", "[cli]") {
    TempDir dir;
    const RunResult result = pith_search(dir / "no-index", {"canola"});
    INFO(describe(result));
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("pith-index"));
    CHECK(result.out.empty());
}

TEST_CASE("an unclosed quote exits 2 naming the column", "[cli][seeds]") {
    TempDir dir;
    const fs::path index = index_articles(dir, kSeeds);
    const RunResult result = pith_search(index, {"canola \"meng"});
    INFO(describe(result));
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("column 8"));
}

TEST_CASE("an unknown option of pith-search exits 2", "[cli]") {
    TempDir dir;
    const RunResult result = pith_search(dir / "index", {"--frobnicate", "canola"});
    INFO(describe(result));
    CHECK(result.exit_code == 2);
    CHECK_FALSE(result.err.empty());
}

TEST_CASE("a bad colour mode exits 2", "[cli]") {
    TempDir dir;
    const RunResult result = pith_search(dir / "index", {"--color=sometimes", "canola"});
    INFO(describe(result));
    CHECK(result.exit_code == 2);
}

TEST_CASE("an unreadable config file makes pith-index exit 2 naming the file", "[cli][seeds]") {
    TempDir dir;
    const fs::path config = dir / "missing.toml";
    const RunResult result = pith_index({"--index", (dir / "index").string(), "--config", config.string(), kSeeds.string()});
    INFO(describe(result));
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("missing.toml"));
}

TEST_CASE("an invalid config file makes pith-index exit 2 naming file and line", "[cli][seeds]") {
    TempDir dir;
    write_file(dir / "bad.toml", "[passages]\nmax_words = 100\nmax_wrods = 3\n");
    const RunResult result =
        pith_index({"--index", (dir / "index").string(), "--config", (dir / "bad.toml").string(), kSeeds.string()});
    INFO(describe(result));
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("bad.toml:3"));
}

TEST_CASE("colour always wraps each match in ANSI escapes", "[cli][seeds]") {
    TempDir dir;
    const fs::path index = index_articles(dir, kSeeds);
    const RunResult result = pith_search(index, {"--color=always", "canola"});
    INFO(describe(result));
    REQUIRE(result.exit_code == 0);
    const std::regex colored_match("\x1b\\[[0-9;]*m(canola)\x1b\\[0?m", std::regex::icase);
    CHECK(std::regex_search(result.out, colored_match));
}

TEST_CASE("colour never prints no escape byte", "[cli][seeds]") {
    TempDir dir;
    const fs::path index = index_articles(dir, kSeeds);
    const RunResult result = pith_search(index, {"--color=never", "canola"});
    INFO(describe(result));
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("anola"));
    CHECK(result.out.find('\x1b') == std::string::npos);
}

TEST_CASE("plain output is the coloured output without its escapes", "[cli][seeds]") {
    // Without colour pith-search asks for no highlights (they are invisible in plain text);
    // the text around them must come out exactly as when they are painted.
    TempDir dir;
    const fs::path index = index_articles(dir, kSeeds);
    for (const char* query : {"canola", "\"Meng Wanzhou\"", "canola china tariffs"}) {
        INFO(query);
        const RunResult colored = pith_search(index, {"--color=always", "-n", "20", query});
        const RunResult plain = pith_search(index, {"--color=never", "-n", "20", query});
        REQUIRE(colored.exit_code == 0);
        REQUIRE(plain.exit_code == 0);
        CHECK(std::regex_replace(colored.out, std::regex("\x1b\\[[0-9;]*m"), "") == plain.out);
    }
}

TEST_CASE("colour is off by default when output is not a terminal", "[cli][seeds]") {
    TempDir dir;
    const fs::path index = index_articles(dir, kSeeds);
    const RunResult result = pith_search(index, {"canola"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find('\x1b') == std::string::npos);
}

TEST_CASE("terminal output shows rank title path and passage", "[cli][seeds]") {
    TempDir dir;
    const fs::path index = index_articles(dir, kSeeds);
    const RunResult result = pith_search(index, {"-n", "1", "\"Meng Wanzhou\""});
    INFO(describe(result));
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.starts_with("1. "));
    CHECK_THAT(result.out, Catch::Contains(kSeeds.string()));
    CHECK_THAT(result.out, Catch::Contains("Meng Wanzhou"));
}

TEST_CASE("pith-index warns about an empty and a binary file and still indexes the good one", "[cli]") {
    TempDir dir;
    write_file(dir / "in" / "good.txt", "Walrus news\n\nThe walrus colony grew this spring along the coast near town.\n");
    write_file(dir / "in" / "empty.txt", "");
    write_file(dir / "in" / "binary.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    const fs::path index = dir / "index";
    const RunResult indexed = pith_index({"--index", index.string(), (dir / "in").string()});
    INFO(describe(indexed));
    CHECK(indexed.exit_code == 1);
    CHECK_THAT(indexed.err, Catch::Contains("empty.txt"));
    CHECK_THAT(indexed.err, Catch::Contains("binary.txt"));
    CHECK_THAT(indexed.err, !Catch::Contains("good.txt"));

    const RunResult found = pith_search(index, {"walrus", "--json"});
    INFO(describe(found));
    CHECK(found.exit_code == 0);
    const std::vector<json> hits = parse_hits(found.out);
    REQUIRE(hits.size() == 1);
    CHECK(file_name(hits[0]) == "good.txt");
}

TEST_CASE("re-running pith-index reports every article unchanged", "[cli][seeds]") {
    TempDir dir;
    const fs::path index = index_articles(dir, kSeeds);
    const std::size_t articles = txt_files(kSeeds).size();
    const RunResult again = pith_index({"--index", index.string(), kSeeds.string()});
    INFO(describe(again));
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.out, Catch::Contains("0 added"));
    CHECK_THAT(again.out, Catch::Contains(std::to_string(articles) + " unchanged"));
}

TEST_CASE("pith-index reports a changed file as updated", "[cli]") {
    TempDir dir;
    write_file(dir / "in" / "story.txt", "Walrus news\n\nThe walrus colony grew this spring along the coast near town.\n");
    const fs::path index = index_articles(dir, dir / "in");
    write_file(dir / "in" / "story.txt", "Walrus news\n\nThe narwhal pod left this spring along the coast near town.\n");
    const RunResult again = pith_index({"--index", index.string(), (dir / "in").string()});
    INFO(describe(again));
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.out, Catch::Contains("1 updated"));
    CHECK(pith_search(index, {"walrus", "colony"}).exit_code == 1);
    CHECK(pith_search(index, {"narwhal"}).exit_code == 0);
}

TEST_CASE("pith-index refuses other analysis settings for an existing index unless rebuilding", "[cli]") {
    TempDir dir;
    write_file(dir / "in" / "story.txt", "Walrus news\n\nThe walrus colony grew this spring along the coast near town.\n");
    const fs::path index = index_articles(dir, dir / "in");
    write_file(dir / "none.toml", "[analysis]\nlanguage = \"none\"\n");
    const std::vector<std::string> args{"--index", index.string(), "--config", (dir / "none.toml").string(),
                                        (dir / "in").string()};
    const RunResult refused = pith_index(args);
    INFO(describe(refused));
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, Catch::Contains("--rebuild"));
    std::vector<std::string> rebuild = args;
    rebuild.push_back("--rebuild");
    CHECK(pith_index(rebuild).exit_code == 0);
}

TEST_CASE("pith-index refuses a non-empty directory that is not an index", "[cli]") {
    TempDir dir;
    write_file(dir / "in" / "story.txt", "Walrus news\n\nThe walrus colony grew this spring.\n");
    const RunResult result = pith_index({"--index", (dir / "in").string(), (dir / "in").string()});
    INFO(describe(result));
    CHECK(result.exit_code == 2);
    CHECK(txt_files(dir / "in").size() == 1);
    CHECK(std::distance(fs::directory_iterator(dir / "in"), fs::directory_iterator()) == 1);
}

TEST_CASE("an excluded word given after the option terminator removes its passages", "[cli][seeds]") {
    TempDir dir;
    const fs::path index = index_articles(dir, kSeeds);
    const RunResult result = pith_search(index, {"--json", "--per-article", "0", "-n", "100", "--", "canola", "-tariffs"});
    INFO(describe(result));
    REQUIRE(result.exit_code == 0);
    for (const json& hit : parse_hits(result.out)) {
        const std::string passage = hit["passage"].get<std::string>();
        CHECK(pith::test::contains_word_ci(passage, "canola"));
        CHECK_FALSE(pith::test::contains_word_ci(passage, "tariff"));
        CHECK_FALSE(pith::test::contains_word_ci(passage, "tariffs"));
    }
}

TEST_CASE("an empty query exits 2", "[cli][seeds]") {
    TempDir dir;
    const fs::path index = index_articles(dir, kSeeds);
    const RunResult result = pith_search(index, {""});
    INFO(describe(result));
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("no word"));
}

TEST_CASE("a query that only excludes words exits 2", "[cli][seeds]") {
    TempDir dir;
    const fs::path index = index_articles(dir, kSeeds);
    const RunResult result = pith_search(index, {"--", "-canola"});
    INFO(describe(result));
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("exclude"));
}

TEST_CASE("pith-index exits 1 when it finds no article file", "[cli]") {
    TempDir dir;
    write_file(dir / "in" / "table.csv", "Not an article\n");
    const RunResult result = pith_index({"--index", (dir / "index").string(), (dir / "in").string()});
    INFO(describe(result));
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.err, Catch::Contains("no .txt, .md, .html or .jsonl files"));
}
