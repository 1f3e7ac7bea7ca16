// What the analyzer makes findable, end to end through the index and the searcher: Chinese
// words and sub-words, diacritic-insensitive matching, and highlights that cover exactly the
// matched characters.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pith/article.hpp"
#include "pith/index_writer.hpp"
#include "pith/searcher.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using pith::IndexConfig;
using pith::test::TempDir;

IndexConfig one_passage_per_paragraph() {
    IndexConfig config = IndexConfig::defaults();
    config.passage_min_words = 0;
    return config;
}

// Indexes each text as an article file named <name>.txt; returns the index directory.
fs::path index_articles(const TempDir& dir, const std::vector<std::pair<std::string, std::string>>& articles,
                        const IndexConfig& config = one_passage_per_paragraph()) {
    pith::IndexWriter writer(dir / "index", config, pith::OpenMode::update);
    for (const auto& [name, text] : articles) {
        pith::test::write_file(dir / (name + ".txt"), text);
        writer.add(pith::read_article(dir / (name + ".txt")));
    }
    writer.commit();
    return dir / "index";
}

std::vector<std::string> found_files(const fs::path& index, std::string_view query) {
    std::vector<std::string> names;
    for (const pith::Hit& hit : pith::Searcher(index).search(query).hits)
        names.push_back(fs::path(hit.path).stem().string());
    return names;
}

// The highlighted substrings of the first hit.
std::vector<std::string> highlighted(const fs::path& index, std::string_view query) {
    std::vector<std::string> marked;
    auto results = pith::Searcher(index).search(query);
    if (results.hits.empty()) return marked;
    const pith::Hit& hit = results.hits.front();
    for (const pith::ByteRange& range : hit.highlights)
        marked.push_back(hit.passage.substr(range.begin, range.end - range.begin));
    return marked;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("a chinese article is found by its words and the highlight covers exactly them", "[search][cjk]") {
    TempDir dir;
    const fs::path index = index_articles(dir, {{"visit", "总理访问\n加拿大总理卡尼访问北京。\n"}});
    CHECK(found_files(index, "北京") == Names{"visit"});
    CHECK(found_files(index, "加拿大") == Names{"visit"});
    CHECK(highlighted(index, "北京") == Names{"北京"});
    CHECK(highlighted(index, "加拿大") == Names{"加拿大"});
}

TEST_CASE("a chinese sub-word inside a dictionary word is found through bigrams", "[search][cjk]") {
    TempDir dir;
    const fs::path index = index_articles(dir, {{"toolbox", "商店\n他买了一个工具箱。\n"},
                                                {"makeup", "旅行\n她带着小化妆包。\n"}});
    CHECK(found_files(index, "工具") == Names{"toolbox"});
    CHECK(found_files(index, "化妆") == Names{"makeup"});
    CHECK(highlighted(index, "工具") == Names{"工具"});
}

TEST_CASE("an article holding the exact chinese word ranks above one holding it as a sub-word", "[search][cjk]") {
    TempDir dir;
    const fs::path index = index_articles(dir, {{"subword", "商店\n他买了一个工具箱。\n"},
                                                {"exact", "工作\n这个工具很好用。\n"}});
    CHECK(found_files(index, "工具") == Names{"exact", "subword"});
}

TEST_CASE("a chinese phrase split differently by the dictionary still matches", "[search][cjk]") {
    TempDir dir;
    const fs::path index = index_articles(dir, {{"makeup", "旅行\n她带着小化妆包。\n"}, {"other", "旅行\n她带着大箱子。\n"}});
    CHECK(found_files(index, "\"化妆包\"") == Names{"makeup"});
    CHECK(found_files(index, "小化妆") == Names{"makeup"});
}

TEST_CASE("an unaccented query finds the accented word", "[search][folding]") {
    TempDir dir;
    const fs::path index = index_articles(dir, {{"cafe", "Union news\nBaristas at a Montréal café voted to unionize.\n"}});
    CHECK(found_files(index, "Montreal") == Names{"cafe"});
    CHECK(found_files(index, "cafe") == Names{"cafe"});
    CHECK(highlighted(index, "montreal") == Names{"Montréal"});
}

TEST_CASE("an accented query finds the unaccented word and ranks the exact form first", "[search][folding]") {
    TempDir dir;
    const fs::path index = index_articles(dir, {{"plain", "Travel\nThe road to Quebec was closed by snow today.\n"},
                                                {"accented", "Travel\nThe road to Québec was closed by snow today.\n"}});
    CHECK(found_files(index, "Québec") == Names{"accented", "plain"});
    CHECK(highlighted(index, "Québec") == Names{"Québec"});
}

TEST_CASE("a quoted phrase matches whatever accents its words carry", "[search][folding]") {
    TempDir dir;
    const fs::path index = index_articles(dir, {{"cafe", "Union news\nBaristas at the Café Montréal voted to unionize.\n"}});
    CHECK(found_files(index, "\"cafe montreal\"") == Names{"cafe"});
    CHECK(highlighted(index, "\"cafe montreal\"") == Names{"Café Montréal"});
}

TEST_CASE("with fold_diacritics off accents must match", "[search][folding]") {
    TempDir dir;
    IndexConfig config = one_passage_per_paragraph();
    config.fold_diacritics = false;
    const fs::path index = index_articles(dir, {{"cafe", "Union news\nBaristas at a Montréal café voted to unionize.\n"}}, config);
    CHECK(found_files(index, "Montreal").empty());
    CHECK(found_files(index, "Montréal") == Names{"cafe"});
}

TEST_CASE("fullwidth and ligature forms are found by their plain spelling", "[search][folding]") {
    TempDir dir;
    const fs::path index = index_articles(dir, {{"wide", "Markets\nＣＡＮＯＬＡ prices and ﬁnance news.\n"}});
    CHECK(found_files(index, "canola") == Names{"wide"});
    CHECK(found_files(index, "finance") == Names{"wide"});
}

TEST_CASE("german sharp s and its upper-case spelling find each other", "[search][folding]") {
    TempDir dir;
    const fs::path index = index_articles(dir, {{"street", "Verkehr\nDie STRASSE war gesperrt.\n"}});
    CHECK(found_files(index, "straße") == Names{"street"});
}

TEST_CASE("an accented word inside a near clause or a sub-query also finds the unaccented word", "[search][folding]") {
    TempDir dir;
    const fs::path index = index_articles(dir, {{"plain", "Travel\nThe road to Quebec was closed by snow today.\n"}});
    CHECK(found_files(index, "\"Québec closed\"~3") == Names{"plain"});
    CHECK(found_files(index, "(Québec OR Ottawa) AND snow") == Names{"plain"});
    CHECK(highlighted(index, "\"Québec closed\"~3") == Names{"Quebec", "closed"});
}
