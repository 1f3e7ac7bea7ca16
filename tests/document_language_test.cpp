// A document may declare its own language with a first line "lang: xx"; it is then analyzed
// with that language's stemmer and stopwords, and queries find it through that language.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <xapian.h>

#include "document_language.hpp"
#include "pith/article.hpp"
#include "pith/error.hpp"
#include "pith/index_writer.hpp"
#include "pith/searcher.hpp"
#include "schema.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using pith::test::TempDir;
using pith::test::write_file;

fs::path index_files(const TempDir& dir, const std::vector<std::pair<std::string, std::string>>& files) {
    pith::IndexConfig config = pith::IndexConfig::defaults();
    config.passage_min_words = 0;
    pith::IndexWriter writer(dir / "index", config, pith::OpenMode::update);
    for (const auto& [name, text] : files) {
        write_file(dir / name, text);
        writer.add(pith::read_article(dir / name));
    }
    writer.commit();
    return dir / "index";
}

std::vector<std::string> found(const fs::path& index, std::string_view query) {
    std::vector<std::string> names;
    for (const pith::Hit& hit : pith::Searcher(index).search(query).hits)
        names.push_back(fs::path(hit.path).filename().string());
    return names;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("a lang line maps ISO codes and stemmer names to Xapian stemmers", "[language]") {
    CHECK(pith::stemmer_for_language("fr") == "french");
    CHECK(pith::stemmer_for_language("pt-BR") == "portuguese");
    CHECK(pith::stemmer_for_language("German") == "german");
    CHECK(pith::stemmer_for_language("zh") == "none");
    CHECK(pith::stemmer_for_language("xx").empty());
}

TEST_CASE("only a first line of one short code is a language header", "[language]") {
    REQUIRE(pith::find_language_header("lang: fr\nTitre\n"));
    CHECK(pith::find_language_header("lang: fr\nTitre\n")->value == "fr");
    CHECK(pith::find_language_header("lang: fr\nTitre\n")->length == 9);
    CHECK(pith::find_language_header("Language: de\n")->value == "de");
    CHECK_FALSE(pith::find_language_header("Language: a history of words\n"));
    CHECK_FALSE(pith::find_language_header("Title\nlang: fr\n"));
}

TEST_CASE("the lang line is neither the title nor indexed, and offsets still match the file", "[language]") {
    TempDir dir;
    write_file(dir / "fr.txt", "lang: fr\nLes agriculteurs\nIls mangeaient du pain.\n");
    const pith::Article article = pith::read_article(dir / "fr.txt");
    CHECK(article.language == "french");
    CHECK(article.title == "Les agriculteurs");
    CHECK(article.text.size() == pith::test::read_file(dir / "fr.txt").size());
    const fs::path index = index_files(dir, {{"fr.txt", "lang: fr\nLes agriculteurs\nIls mangeaient du pain.\n"}});
    CHECK(found(index, "lang").empty());
}

TEST_CASE("an unknown language in the lang line is an error naming the file and the value", "[language]") {
    TempDir dir;
    write_file(dir / "bad.txt", "lang: xx\nTitle\nText.\n");
    CHECK_THROWS_AS(pith::read_article(dir / "bad.txt"), pith::InputError);
    CHECK_THROWS_WITH(pith::read_article(dir / "bad.txt"), Catch::Contains("bad.txt:1") && Catch::Contains("'xx'"));
}

TEST_CASE("a french article in an english index is found through french stems", "[language][search]") {
    TempDir dir;
    const std::string body = "Les agriculteurs\nIls mangeaient du pain chaque matin.\n";
    const fs::path index = index_files(dir, {{"declared.txt", "lang: fr\n" + body}, {"undeclared.txt", body}});
    // French stems mangeait and mangeaient alike (mang); the English stemmer does not.
    CHECK(found(index, "mangeait") == Names{"declared.txt"});
    CHECK(Xapian::Database(index.string()).get_metadata(std::string(pith::schema::kMetaLanguages)) == "[\"french\"]");
}

TEST_CASE("english articles still match english queries in an index that also holds french", "[language][search]") {
    TempDir dir;
    const fs::path index = index_files(dir, {{"fr.txt", "lang: fr\nTitre\nIls mangeaient du pain.\n"},
                                             {"en.txt", "Title\nFarmers exported canola to Japan.\n"}});
    CHECK(found(index, "exporting canola") == Names{"en.txt"});
    CHECK(found(index, "mangeait") == Names{"fr.txt"});
}

TEST_CASE("pith-index skips a file with an unknown lang line, naming it, and indexes the rest", "[language][cli]") {
    TempDir dir;
    write_file(dir / "docs" / "bad.txt", "lang: xx\nTitle\nSome text here.\n");
    write_file(dir / "docs" / "fr.txt", "lang: fr\nLes agriculteurs\nIls mangeaient du pain chaque matin.\n");
    const auto indexed = pith::test::run({PITH_INDEX_BIN, "--index", (dir / "idx").string(), (dir / "docs").string()});
    CHECK(indexed.exit_code == 1);
    CHECK_THAT(indexed.err, Catch::Contains("bad.txt:1") && Catch::Contains("unknown language 'xx'"));
    const auto searched =
        pith::test::run({PITH_SEARCH_BIN, "--index", (dir / "idx").string(), "--json", "mangeait"});
    CHECK(searched.exit_code == 0);
    CHECK_THAT(searched.out, Catch::Contains("fr.txt"));
}

TEST_CASE("a synonym is also analyzed in every language the query is parsed in", "[language][search][synonyms]") {
    TempDir dir;
    // French stems "rapeseeds" to rapeseed, English to rapese: only the French analysis of the
    // synonym of canola matches the French article.
    const fs::path index = index_files(dir, {{"fr.txt", "lang: fr\nTitre\nLes agriculteurs vendent leurs rapeseeds.\n"}});
    CHECK(found(index, "canola") == Names{"fr.txt"});
    pith::SearchOptions no_synonyms;
    no_synonyms.synonyms = false;
    CHECK(pith::Searcher(index).search("canola", no_synonyms).hits.empty());
}
