// Phrase and proximity boosts, end to end through the real pith-index and pith-search: they
// reorder matching passages and never change which passages match.

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using pith::test::RunResult;
using pith::test::TempDir;
using pith::test::run;
using pith::test::write_file;

// The same words in both texts (so the same passage length and word counts, hence the same
// BM25 score); only the distance between "ice" and "storm" differs.
const char* kNear =
    "Report one\nThe ice storm left the town dark while crews worked through the cold night to restore every line.\n";
const char* kFar =
    "Report two\nThe ice left the town dark while crews worked through the cold night to restore every storm line.\n";
// Holds one of the words only: matches under --any, never under the default all-words query.
const char* kIceOnly = "Report six\nThe ice on the river broke up early this spring and the ferry started its season.\n";

struct Corpus {
    TempDir dir;
    fs::path boosted;    // built-in configuration (boosts on)
    fs::path unboosted;  // the same text with both boosts off
    Corpus() {
        write_file(dir / "articles" / "near.txt", kNear);
        write_file(dir / "articles" / "far.txt", kFar);
        write_file(dir / "articles" / "ice_only.txt", kIceOnly);
        write_file(dir / "off.toml", "[ranking]\nproximity_weight = 0\nphrase_weight = 0\n");
        boosted = dir / "boosted";
        unboosted = dir / "unboosted";
        RunResult a = run({PITH_INDEX_BIN, "--index", boosted.string(), (dir / "articles").string()});
        REQUIRE(a.exit_code == 0);
        RunResult b = run({PITH_INDEX_BIN, "--config", (dir / "off.toml").string(), "--index", unboosted.string(),
                           (dir / "articles").string()});
        REQUIRE(b.exit_code == 0);
    }
};

const Corpus& corpus() {
    static Corpus c;
    return c;
}

std::vector<json> hits(const fs::path& index, std::vector<std::string> args) {
    std::vector<std::string> argv{PITH_SEARCH_BIN, "--index", index.string(), "--json", "--no-synonyms"};
    argv.insert(argv.end(), args.begin(), args.end());
    RunResult result = run(argv);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    std::vector<json> lines;
    std::size_t at = 0;
    for (std::size_t nl = result.out.find('\n'); nl != std::string::npos; nl = result.out.find('\n', at)) {
        lines.push_back(json::parse(result.out.substr(at, nl - at)));
        at = nl + 1;
    }
    return lines;
}

std::string name(const json& hit) { return fs::path(hit["path"].get<std::string>()).stem().string(); }

std::set<std::string> names(const std::vector<json>& found) {
    std::set<std::string> out;
    for (const json& hit : found) out.insert(name(hit));
    return out;
}

}  // namespace

TEST_CASE("without boosts the near and far passages score the same", "[ranking]") {
    std::vector<json> found = hits(corpus().unboosted, {"ice storm"});
    REQUIRE(found.size() == 2);
    CHECK(found[0]["score"].get<double>() == Approx(found[1]["score"].get<double>()));
}

TEST_CASE("query words next to each other rank above the same words far apart", "[ranking]") {
    std::vector<json> found = hits(corpus().boosted, {"ice storm"});
    REQUIRE(found.size() == 2);
    CHECK(name(found[0]) == "near");
    CHECK(name(found[1]) == "far");
    CHECK(found[0]["score"].get<double>() > found[1]["score"].get<double>());
}

TEST_CASE("a pair of words near each other in reverse order is still boosted", "[ranking]") {
    std::vector<json> found = hits(corpus().boosted, {"storm ice"});
    REQUIRE(found.size() == 2);
    CHECK(name(found[0]) == "near");
    CHECK(found[0]["score"].get<double>() > found[1]["score"].get<double>());
}

TEST_CASE("the boosts never change which passages match", "[ranking]") {
    for (const std::vector<std::string>& query :
         {std::vector<std::string>{"ice storm"}, {"--any", "ice storm"}, {"--any", "\"ice storm\" crews"},
          {"storm ice"}, {"--any", "the ice ferry"}}) {
        INFO(query.back());
        CHECK(names(hits(corpus().boosted, query)) == names(hits(corpus().unboosted, query)));
    }
    CHECK(names(hits(corpus().boosted, {"--any", "ice storm"})) == std::set<std::string>{"near", "far", "ice_only"});
}

TEST_CASE("explain shows the proximity and phrase boosts and the parts still add up", "[ranking][output]") {
    for (const std::vector<std::string>& query :
         {std::vector<std::string>{"ice storm"}, {"--any", "\"ice storm\" crews"}}) {
        std::vector<json> found = hits(corpus().boosted, [&] {
            std::vector<std::string> args{"--explain"};
            args.insert(args.end(), query.begin(), query.end());
            return args;
        }());
        REQUIRE(!found.empty());
        CHECK(name(found[0]) == "near");
        std::set<std::string> labels;
        for (const json& hit : found) {
            double sum = 0;
            for (const json& part : hit["explain"]) {
                sum += part["weight"].get<double>();
                if (name(hit) == "near") labels.insert(part["part"].get<std::string>());
            }
            CHECK(sum == Approx(hit["score"].get<double>()).epsilon(1e-6));
        }
        CHECK(labels.count("phrase boost \"ice storm\"") == 1);
        if (query.size() == 1) CHECK(labels.count("proximity boost ice storm") == 1);
    }
}

TEST_CASE("a stopword between two query words is not paired but the words around it are", "[ranking][output]") {
    std::vector<json> found = hits(corpus().boosted, {"--explain", "ice of storm"});
    REQUIRE(!found.empty());
    CHECK(name(found[0]) == "near");
    std::set<std::string> labels;
    for (const json& part : found[0]["explain"]) labels.insert(part["part"].get<std::string>());
    CHECK(labels.count("proximity boost ice storm") == 1);
    for (const std::string& label : labels) CHECK(label.find("proximity boost of") == std::string::npos);
}
