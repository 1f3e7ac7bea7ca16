// The query language and the output options of issue 4, end to end through the real
// pith-search over a small corpus written by the test, plus the library for what the CLI cannot
// feed yet (article dates and sources). Expected results follow from the texts below.

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pith/article.hpp"
#include "pith/error.hpp"
#include "pith/index_writer.hpp"
#include "pith/searcher.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using pith::test::RunResult;
using pith::test::TempDir;
using pith::test::run;
using pith::test::write_file;
using Names = std::set<std::string>;

const char* kCanola =
    "Canola exports\nCanola growers in Saskatchewan ship their seed to China every autumn, and the crushers pay well for "
    "it this year.\n";
const char* kRapeseed =
    "Rapeseed in Europe\nEuropean crushers still call the crop rapeseed and press it into oil for renewable diesel "
    "refineries.\n";
const char* kSteel =
    "Steel tariffs\nOttawa placed tariffs on imported steel and aluminium after talks with Beijing about canola stalled "
    "for months.\n";
const char* kCurling =
    "Curling final\nThe Manitoba rink won the provincial curling final on Sunday afternoon in a close game.\n";

struct Corpus {
    TempDir dir;
    fs::path index;
    Corpus() {
        write_file(dir / "articles" / "canola.txt", kCanola);
        write_file(dir / "articles" / "rapeseed.txt", kRapeseed);
        write_file(dir / "articles" / "steel.txt", kSteel);
        write_file(dir / "articles" / "sports" / "curling.txt", kCurling);
        index = dir / "index";
        RunResult result = run({PITH_INDEX_BIN, "--index", index.string(), (dir / "articles").string()});
        REQUIRE(result.exit_code == 0);
    }
};

const Corpus& corpus() {
    static Corpus c;
    return c;
}

// Synonyms are off unless a test is about them: the corpus has canola and rapeseed, one group
// in the built-in synonyms.
RunResult search(const std::vector<std::string>& args, bool synonyms = false) {
    std::vector<std::string> argv{PITH_SEARCH_BIN, "--index", corpus().index.string()};
    if (!synonyms) argv.push_back("--no-synonyms");
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv);
}

// The file names (without directory and extension) of the articles `pith-search -l` lists.
Names found(const std::vector<std::string>& args) {
    std::vector<std::string> argv{"--files"};
    argv.insert(argv.end(), args.begin(), args.end());
    RunResult result = search(argv);
    INFO(result.err);
    REQUIRE((result.exit_code == 0 || result.exit_code == 1));
    Names names;
    std::size_t at = 0;
    for (std::size_t nl = result.out.find('\n'); nl != std::string::npos; nl = result.out.find('\n', at)) {
        names.insert(fs::path(result.out.substr(at, nl - at)).stem().string());
        at = nl + 1;
    }
    return names;
}

std::vector<json> json_lines(const std::string& out) {
    std::vector<json> lines;
    std::size_t at = 0;
    for (std::size_t nl = out.find('\n'); nl != std::string::npos; nl = out.find('\n', at)) {
        lines.push_back(json::parse(out.substr(at, nl - at)));
        at = nl + 1;
    }
    return lines;
}

}  // namespace

TEST_CASE("OR inside parentheses combines with AND", "[query-language]") {
    CHECK(found({"(canola OR rapeseed) AND crushers"}) == Names{"canola", "rapeseed"});
}

TEST_CASE("NOT and a leading dash both exclude", "[query-language]") {
    CHECK(found({"canola NOT tariffs"}) == Names{"canola"});
    CHECK(found({"--", "canola -tariffs"}) == Names{"canola"});
}

TEST_CASE("lower-case and or not are ordinary words", "[query-language]") {
    // "not" is a word here, so tariffs is required rather than excluded.
    CHECK(found({"canola not tariffs"}) == Names{"steel"});
    CHECK(found({"canola or rapeseed"}) == Names{});
}

TEST_CASE("any makes words optional and plus keeps one required", "[query-language]") {
    CHECK(found({"--any", "canola rapeseed"}) == Names{"canola", "rapeseed", "steel"});
    CHECK(found({"--any", "+steel canola rapeseed"}) == Names{"steel"});
}

TEST_CASE("a phrase with a distance matches words near each other in any order", "[query-language]") {
    CHECK(found({"\"china canola\"~8"}) == Names{"canola"});
    CHECK(found({"\"china canola\"~2"}) == Names{});
    CHECK(found({"\"china canola\""}) == Names{});
}

TEST_CASE("a prefix matches every word that starts with it and is highlighted", "[query-language]") {
    RunResult result = search({"--json", "saskat*"});
    REQUIRE(result.exit_code == 0);
    std::vector<json> hits = json_lines(result.out);
    REQUIRE(hits.size() == 1);
    const std::string passage = hits[0]["passage"];
    const auto range = hits[0]["highlights"].at(0);
    CHECK(passage.substr(range[0], range[1].get<std::size_t>() - range[0].get<std::size_t>()) == "Saskatchewan");
}

TEST_CASE("a prefix matching too many words exits 2 and asks for a longer one", "[query-language]") {
    TempDir dir;
    std::string text = "Many words\n";
    for (int i = 0; i < 1100; ++i) text.append("w").append(std::to_string(10000 + i)).append(" ");
    write_file(dir / "many.txt", text + "\n");
    REQUIRE(run({PITH_INDEX_BIN, "--index", (dir / "index").string(), (dir / "many.txt").string()}).exit_code == 0);
    RunResult result = run({PITH_SEARCH_BIN, "--index", (dir / "index").string(), "w1*"});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("more than 1000 words") && Catch::Contains("longer"));
    CHECK(run({PITH_SEARCH_BIN, "--index", (dir / "index").string(), "w1099*"}).exit_code == 0);
}

TEST_CASE("title: matches words of the title only", "[query-language]") {
    CHECK(found({"title:curling"}) == Names{"curling"});
    CHECK(found({"title:crushers"}) == Names{});
}

TEST_CASE("path: matches a part of the article's path", "[query-language]") {
    CHECK(found({"path:sports/"}) == Names{"curling"});
    CHECK(found({"path:sports/ canola"}) == Names{});
}

TEST_CASE("syntax errors exit 2 naming the column and what was expected", "[query-language]") {
    struct Case {
        std::string query, message;
    };
    for (const Case& c : {Case{"canola (china", "unclosed '(' at column 8"}, Case{"canola )", "unexpected ')' at column 8"},
                          Case{"canola AND", "AND at column 8 has nothing after it"},
                          Case{"canola NOT", "NOT at column 8 has nothing after it"},
                          Case{"\"a b\"~x", "expected a number of positions after '~' at column 6"},
                          Case{"date:2025-13-01", "bad date '2025-13-01' at column 6"},
                          Case{"title:", "expected a value after 'title:'"}}) {
        INFO(c.query);
        RunResult result = search({c.query});
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err, Catch::Contains(c.message));
    }
}

TEST_CASE("a query of ten thousand words is refused quickly with a message", "[query-language]") {
    std::string query;
    for (int i = 0; i < 10000; ++i) query += "canola ";
    RunResult result = search({query});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("more than 1000 words"));
}

TEST_CASE("deeply nested parentheses are refused with a message", "[query-language]") {
    RunResult result = search({std::string(5000, '(') + "canola" + std::string(5000, ')')});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("nested deeper than 32"));
}

TEST_CASE("count prints the number of matching articles", "[output]") {
    RunResult result = search({"--count", "canola"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == "2\n");
    RunResult none = search({"--count", "walrus"});
    CHECK(none.exit_code == 1);
    CHECK(none.out == "0\n");
}

TEST_CASE("offset skips the first hits of the same ranking", "[output]") {
    std::vector<json> all = json_lines(search({"--json", "--any", "canola rapeseed crushers"}).out);
    REQUIRE(all.size() == 3);
    std::vector<json> page = json_lines(search({"--json", "--any", "-n", "1", "--offset", "1", "canola rapeseed crushers"}).out);
    REQUIRE(page.size() == 1);
    CHECK(page[0]["path"] == all[1]["path"]);
    CHECK(page[0]["rank"] == 2);
}

TEST_CASE("explain lists score parts that add up to the score", "[output]") {
    std::vector<json> hits = json_lines(search({"--json", "--explain", "--any", "canola crushers"}).out);
    REQUIRE(!hits.empty());
    for (const json& hit : hits) {
        double sum = 0;
        for (const json& part : hit["explain"]) sum += part["weight"].get<double>();
        CHECK(sum == Approx(hit["score"].get<double>()).epsilon(1e-6));
    }
    // With synonyms a word and its synonyms score as one part.
    for (const json& hit : json_lines(search({"--json", "--explain", "rapeseed"}, true).out)) {
        double sum = 0;
        for (const json& part : hit["explain"]) sum += part["weight"].get<double>();
        CHECK(sum == Approx(hit["score"].get<double>()).epsilon(1e-6));
    }
    RunResult text = search({"--explain", "canola crushers"});
    CHECK_THAT(text.out, Catch::Contains("score ") && Catch::Contains(" = canola "));
}

TEST_CASE("the terminal output ends with a summary line on stderr", "[output]") {
    RunResult result = search({"canola"});
    CHECK_THAT(result.err, Catch::Contains("2 passages from 2 articles shown") && Catch::Contains(" s\n"));
}

TEST_CASE("articles with a date and a source are found by date range and source and sort by date", "[query-language][index]") {
    TempDir dir;
    {
        pith::IndexWriter writer(dir / "index", std::nullopt, pith::OpenMode::update);
        const char* dates[] = {"2024-11-30", "2025-02-14", "2025-07-01", ""};
        const char* sources[] = {"Globe and Mail", "Reuters", "Reuters", ""};
        for (int i = 0; i < 4; ++i) {
            pith::Article article;
            const std::string n = std::to_string(i);
            article.id = std::string(15, '0').append(n);
            article.path = dir / std::string("a").append(n).append(".txt");
            article.title = std::string("Canola report ").append(n);
            article.text = article.title + "\nCanola prices moved again this week as traders watched the Chinese market closely.\n";
            article.content_hash = std::to_string(i);
            article.date = dates[i];
            article.source = sources[i];
            writer.add(article);
        }
        writer.commit();
    }
    pith::Searcher searcher(dir / "index");
    auto titles = [&](const std::string& query, pith::SearchOptions options = {}) {
        std::vector<std::string> out;
        for (const pith::Hit& hit : searcher.search(query, options).hits) out.push_back(hit.title);
        return out;
    };
    auto sorted = [](std::vector<std::string> v) {
        std::sort(v.begin(), v.end());
        return v;
    };
    CHECK(sorted(titles("canola date:2025-01-01..2025-06-30")) == std::vector<std::string>{"Canola report 1"});
    CHECK(sorted(titles("canola date:2025..")) == std::vector<std::string>{"Canola report 1", "Canola report 2"});
    CHECK(sorted(titles("canola date:..2024-12")) == std::vector<std::string>{"Canola report 0"});
    CHECK(sorted(titles("canola source:reuters")) == std::vector<std::string>{"Canola report 1", "Canola report 2"});
    CHECK(sorted(titles("canola source:\"globe and mail\"")) == std::vector<std::string>{"Canola report 0"});
    pith::SearchOptions by_date;
    by_date.sort = pith::SortOrder::date;
    CHECK(titles("canola", by_date) ==
          std::vector<std::string>{"Canola report 2", "Canola report 1", "Canola report 0", "Canola report 3"});
    CHECK(searcher.search("canola source:reuters", {}).hits.at(0).date.substr(0, 4) == "2025");
}

TEST_CASE("a misspelled word gets a suggestion from the index's own words", "[spelling]") {
    RunResult result = search({"canolla"});
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.err, Catch::Contains("Did you mean: canola\n"));
    RunResult two = search({"canolla crushres"});
    CHECK_THAT(two.err, Catch::Contains("Did you mean: canola crushers\n"));
}

TEST_CASE("JSON output carries the spelling suggestion as a line of its own", "[spelling]") {
    RunResult result = search({"--json", "rapeseeed"});
    std::vector<json> lines = json_lines(result.out);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0]["did_you_mean"] == "rapeseed");
}

TEST_CASE("a query that matches well gets no suggestion", "[spelling]") {
    CHECK_THAT(search({"canola"}).err, !Catch::Contains("Did you mean"));
}

TEST_CASE("rapeseed finds the canola passages of the seed articles with canola highlighted", "[synonyms][seeds]") {
    TempDir dir;
    const fs::path seeds = fs::path(PITH_SEEDS_DIR);
    REQUIRE(run({PITH_INDEX_BIN, "--index", (dir / "index").string(), seeds.string()}).exit_code == 0);
    std::set<std::string> with_canola;
    for (const auto& entry : fs::directory_iterator(seeds))
        if (pith::test::contains_word_ci(pith::test::read_file(entry.path()), "canola")) with_canola.insert(entry.path().filename());
    REQUIRE_FALSE(with_canola.empty());
    RunResult result = run({PITH_SEARCH_BIN, "--index", (dir / "index").string(), "--json", "-n", "100", "rapeseed"});
    REQUIRE(result.exit_code == 0);
    std::set<std::string> found_files;
    bool canola_marked = false;
    for (const json& hit : json_lines(result.out)) {
        found_files.insert(fs::path(hit["path"].get<std::string>()).filename());
        const std::string passage = hit["passage"];
        for (const auto& range : hit["highlights"]) {
            const std::string mark = passage.substr(range[0], range[1].get<std::size_t>() - range[0].get<std::size_t>());
            if (pith::test::ascii_lower(mark) == "canola") canola_marked = true;
        }
    }
    for (const std::string& file : with_canola) CHECK(found_files.count(file) == 1);
    CHECK(canola_marked);
    RunResult plain = run({PITH_SEARCH_BIN, "--index", (dir / "index").string(), "--no-synonyms", "-l", "rapeseed"});
    for (const std::string& file : with_canola)
        if (!pith::test::contains_word_ci(pith::test::read_file(seeds / file), "rapeseed"))
            CHECK_THAT(plain.out, !Catch::Contains(file));
}

TEST_CASE("a multi-word synonym works both ways", "[synonyms]") {
    TempDir dir;
    write_file(dir / "a" / "ev.txt", "Cars\nThe new EV sold well in Norway this winter despite the cold and the snow.\n");
    write_file(dir / "a" / "electric.txt",
               "Buses\nEvery electric vehicle in the city fleet was charged overnight at the central depot.\n");
    REQUIRE(run({PITH_INDEX_BIN, "--index", (dir / "index").string(), (dir / "a").string()}).exit_code == 0);
    auto files = [&](const std::string& query, const std::string& option = "--files") {
        RunResult result = run({PITH_SEARCH_BIN, "--index", (dir / "index").string(), "-l", option, query});
        Names names;
        for (const char* name : {"ev", "electric"})
            if (result.out.find(std::string("/") + name + ".txt") != std::string::npos) names.insert(name);
        return names;
    };
    CHECK(files("ev") == Names{"ev", "electric"});
    CHECK(files("\"electric vehicle\"") == Names{"ev", "electric"});
    CHECK(files("electric vehicle") == Names{"ev", "electric"});
    CHECK(files("ev", "--no-synonyms") == Names{"ev"});
}

TEST_CASE("context adds the neighbouring passages of the same article", "[output]") {
    TempDir dir;
    write_file(dir / "three.txt",
               "Three paragraphs\n"
               "The first paragraph talks about walruses resting on the ice floes near the northern coast today.\n"
               "The second paragraph talks about narwhals diving under the ice floes near the northern coast today.\n"
               "The third paragraph talks about belugas singing beside the ice floes near the northern coast today.\n");
    REQUIRE(run({PITH_INDEX_BIN, "--index", (dir / "index").string(), (dir / "three.txt").string()}).exit_code == 0);
    RunResult result = run({PITH_SEARCH_BIN, "--index", (dir / "index").string(), "--json", "-C", "1", "narwhals"});
    std::vector<json> hits = json_lines(result.out);
    REQUIRE(hits.size() == 1);
    REQUIRE(hits[0]["context_before"].size() == 1);
    REQUIRE(hits[0]["context_after"].size() == 1);
    CHECK_THAT(hits[0]["context_before"][0].get<std::string>(), Catch::Contains("walruses") && !Catch::Contains("narwhals"));
    CHECK_THAT(hits[0]["context_after"][0].get<std::string>(), Catch::Contains("belugas") && !Catch::Contains("narwhals"));
    RunResult first = run({PITH_SEARCH_BIN, "--index", (dir / "index").string(), "--json", "-C", "5", "walruses"});
    std::vector<json> first_hits = json_lines(first.out);
    REQUIRE(first_hits.size() == 1);
    CHECK(first_hits[0]["context_before"].empty());
    CHECK(first_hits[0]["context_after"].size() == 2);
}

TEST_CASE("a query with accents or in capitals matches like the indexed text", "[query-language]") {
    TempDir dir;
    write_file(dir / "cafe.txt", "Union drive\nBaristas at a Montréal café voted to join a union after months of talks with owners.\n");
    REQUIRE(run({PITH_INDEX_BIN, "--index", (dir / "index").string(), (dir / "cafe.txt").string()}).exit_code == 0);
    // (An accent-free "montreal" needs the analyzer's diacritic-free variants, issue 3.)
    for (const char* query : {"Montréal", "MONTRÉAL", "\"montréal café\"", "CAFÉ"}) {
        INFO(query);
        CHECK(run({PITH_SEARCH_BIN, "--index", (dir / "index").string(), query}).exit_code == 0);
    }
}

TEST_CASE("a word the index holds in another inflection gets no suggestion", "[spelling]") {
    // The corpus has "exports" only; "export" matches it by stem.
    RunResult result = search({"--json", "export"});
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, !Catch::Contains("did_you_mean"));
}
