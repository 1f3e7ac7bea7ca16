#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pith/analyzer.hpp"
#include "pith/highlighter.hpp"
#include "pith/query.hpp"

namespace {

using pith::Analyzer;
using pith::ByteRange;
using pith::IndexConfig;
using Marked = std::vector<std::string>;

std::vector<ByteRange> ranges(std::string_view query, std::string_view passage) {
    Analyzer analyzer(IndexConfig::defaults());
    return pith::highlight_ranges(analyzer, pith::parse_query(query, analyzer), passage);
}

// The marked substrings, checking on the way that every range lies inside the passage.
Marked marked(std::string_view query, std::string_view passage) {
    Marked out;
    for (const ByteRange& range : ranges(query, passage)) {
        REQUIRE(range.begin < range.end);
        REQUIRE(range.end <= passage.size());
        out.emplace_back(passage.substr(range.begin, range.end - range.begin));
    }
    return out;
}

}  // namespace

TEST_CASE("every form of a word sharing its stem is marked", "[highlight]") {
    CHECK(marked("tariff", "Tariffs rose; the tariff stayed, duties fell.") ==
          Marked{"Tariffs", "tariff"});
}

TEST_CASE("a plural query marks the singular too", "[highlight]") {
    CHECK(marked("tariffs", "a tariff and more tariffs") == Marked{"tariff", "tariffs"});
}

TEST_CASE("ranges are byte offsets that survive multibyte text", "[highlight]") {
    const std::string passage = "L\u2019\u00E9t\u00E9 \u00E0 Montr\u00E9al: canola \u2014 Canola\u2019s price";
    const std::vector<ByteRange> found = ranges("canola", passage);
    REQUIRE(found.size() == 2);
    CHECK(passage.substr(found[0].begin, found[0].end - found[0].begin) == "canola");
    CHECK(passage.substr(found[1].begin, found[1].end - found[1].begin) == "Canola\u2019s");
    CHECK(found[0].begin == passage.find("canola"));
}

TEST_CASE("a phrase is marked where its words are adjacent and in order", "[highlight]") {
    CHECK(marked("\"Meng Wanzhou\"", "Huawei's Meng Wanzhou flew home. Meng Wanzhou smiled.") ==
          Marked{"Meng Wanzhou", "Meng Wanzhou"});
}

TEST_CASE("a phrase in the wrong order is not marked", "[highlight]") {
    CHECK(marked("\"Meng Wanzhou\"", "finance chief Wanzhou Meng was in court").empty());
}

TEST_CASE("a phrase word standing alone is not marked", "[highlight]") {
    CHECK(marked("\"Meng Wanzhou\"", "Meng\u2019s lawyers spoke; Wanzhou was absent.").empty());
}

TEST_CASE("a phrase matches across punctuation that the index also ignores", "[highlight]") {
    CHECK(marked("\"Meng Wanzhou\"", "Meng \u2014 Wanzhou") == Marked{"Meng \u2014 Wanzhou"});
}

TEST_CASE("a phrase word is matched exactly and not by stem", "[highlight]") {
    CHECK(marked("\"canola tariffs\"", "canola tariff; canola tariffs") == Marked{"canola tariffs"});
}

TEST_CASE("overlapping matches merge into one range", "[highlight]") {
    CHECK(marked("\"Meng Wanzhou\" wanzhou", "detained Meng Wanzhou in Vancouver") == Marked{"Meng Wanzhou"});
}

TEST_CASE("adjacent matches are kept as separate ranges", "[highlight]") {
    CHECK(marked("canola tariffs", "canola tariffs") == Marked{"canola", "tariffs"});
}

TEST_CASE("ranges come back sorted by position", "[highlight]") {
    const std::vector<ByteRange> found = ranges("tariffs canola", "canola then tariffs then canola");
    REQUIRE(found.size() == 3);
    CHECK(found[0].begin < found[1].begin);
    CHECK(found[1].begin < found[2].begin);
}

TEST_CASE("excluded clauses mark nothing", "[highlight]") {
    CHECK(marked("canola -tariffs", "canola tariffs") == Marked{"canola"});
}

TEST_CASE("a hyphenated query marks the hyphenated word whole", "[highlight]") {
    CHECK(marked("anti-dumping", "new anti-dumping duties") == Marked{"anti-dumping"});
}

TEST_CASE("the joined form of a hyphenated word is matched by its variant", "[highlight]") {
    CHECK(marked("antidumping", "new anti-dumping duties") == Marked{"anti-dumping"});
}

TEST_CASE("OR alternatives are all marked", "[highlight]") {
    CHECK(marked("canola OR rapeseed", "rapeseed is canola") == Marked{"rapeseed", "canola"});
}

TEST_CASE("a passage without the query words has no ranges", "[highlight]") {
    CHECK(marked("canola", "Wheat and barley prices").empty());
}

TEST_CASE("a phrase is not marked across an over-long word the index skipped", "[highlight]") {
    // The analyzer gives a skipped over-long word a position of its own "so phrases never
    // bridge the gap": Xapian does not match "meng wanzhou" here, so neither may the highlight.
    const std::string passage = "Meng " + std::string(300, 'x') + " Wanzhou";
    CHECK(marked("\"Meng Wanzhou\"", passage).empty());
}
