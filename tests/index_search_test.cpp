#include <catch2/catch.hpp>

#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "document_data.hpp"
#include "stored_passages.hpp"
#include "pith/article.hpp"
#include "pith/error.hpp"
#include "pith/index_writer.hpp"
#include "pith/searcher.hpp"
#include "schema.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using pith::AddOutcome;
using pith::Article;
using pith::IndexConfig;
using pith::IndexWriter;
using pith::OpenMode;
using pith::Searcher;
using pith::SearchOptions;
using pith::test::TempDir;
using pith::test::write_file;

// Every paragraph its own passage, so tests can count passages from paragraphs.
IndexConfig paragraph_config() {
    IndexConfig config = IndexConfig::defaults();
    config.passage_min_words = 0;
    return config;
}

const char* const kAnimals[] = {"badger", "heron", "otter", "lynx"};

// Article `n`: a title line, then `paragraphs` paragraphs that all mention the walrus and each
// carry a word of their own (kAnimals) and the article's own word ("article<n>").
std::string article_text(int n, int paragraphs) {
    std::string text = "Field report number " + std::to_string(n) + " from the coast\n\n";
    for (int p = 0; p < paragraphs; ++p)
        text += "The walrus colony near station " + std::to_string(n) + " met a " + kAnimals[p] + " today, article" +
                std::to_string(n) + " notes.\n\n";
    return text;
}

Article write_article(const TempDir& dir, int n, int paragraphs = 3) {
    const fs::path file = dir / "articles" / ("report-" + std::to_string(n) + ".txt");
    write_file(file, article_text(n, paragraphs));
    return pith::read_article(file);
}

// An index of `count` generated articles of three walrus paragraphs each.
std::vector<Article> build_index(const TempDir& dir, int count, const IndexConfig& config = paragraph_config()) {
    std::vector<Article> articles;
    IndexWriter writer(dir / "index", config, OpenMode::update);
    for (int n = 0; n < count; ++n) {
        articles.push_back(write_article(dir, n));
        CHECK(writer.add(articles.back()) == AddOutcome::added);
    }
    writer.commit();
    return articles;
}

std::map<std::string, int> hits_per_article(const pith::SearchResults& results) {
    std::map<std::string, int> counts;
    for (const pith::Hit& hit : results.hits) ++counts[hit.article_id];
    return counts;
}

Xapian::doccount document_count(const fs::path& index) { return Xapian::Database(index.string()).get_doccount(); }

std::string index_error(const fs::path& index, const std::optional<IndexConfig>& config, OpenMode mode) {
    try {
        IndexWriter writer(index, config, mode);
    } catch (const pith::IndexError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("search shows one passage per article by default", "[index]") {
    TempDir dir;
    build_index(dir, 3);
    Searcher searcher(dir / "index");
    const pith::SearchResults results = searcher.search("walrus");
    CHECK(results.hits.size() == 3);
    const auto counts = hits_per_article(results);
    CHECK(counts.size() == 3);
    for (const auto& [article, count] : counts) CHECK(count == 1);
}

TEST_CASE("per_article N shows up to N passages of each article", "[index]") {
    TempDir dir;
    build_index(dir, 3);
    Searcher searcher(dir / "index");
    const pith::SearchResults results = searcher.search("walrus", {100, 2});
    CHECK(results.hits.size() == 6);
    const auto counts = hits_per_article(results);
    CHECK(counts.size() == 3);
    for (const auto& [article, count] : counts) CHECK(count == 2);
}

TEST_CASE("per_article 0 shows every matching passage", "[index]") {
    TempDir dir;
    build_index(dir, 3);
    Searcher searcher(dir / "index");
    CHECK(searcher.search("walrus", {100, 0}).hits.size() == 9);
}

TEST_CASE("without highlights the same hits come back with no highlight ranges", "[index]") {
    TempDir dir;
    build_index(dir, 3);
    Searcher searcher(dir / "index");
    pith::SearchOptions plain;
    plain.highlights = false;
    const pith::SearchResults with = searcher.search("walrus");
    const pith::SearchResults without = searcher.search("walrus", plain);
    REQUIRE(with.hits.size() == 3);
    REQUIRE(without.hits.size() == with.hits.size());
    CHECK(without.matches_estimated == with.matches_estimated);
    for (std::size_t i = 0; i < with.hits.size(); ++i) {
        CHECK_FALSE(with.hits[i].highlights.empty());
        CHECK(without.hits[i].highlights.empty());
        CHECK(without.hits[i].article_id == with.hits[i].article_id);
        CHECK(without.hits[i].passage_index == with.hits[i].passage_index);
        CHECK(without.hits[i].score == with.hits[i].score);
        CHECK(without.hits[i].passage == with.hits[i].passage);
        CHECK(without.hits[i].title == with.hits[i].title);
    }
}

TEST_CASE("limit caps the number of hits", "[index]") {
    TempDir dir;
    build_index(dir, 4);
    Searcher searcher(dir / "index");
    const pith::SearchResults results = searcher.search("walrus", {2, 0});
    REQUIRE(results.hits.size() == 2);
    CHECK(results.hits[0].rank == 1);
    CHECK(results.hits[1].rank == 2);
    CHECK(results.matches_estimated >= 2);
}

TEST_CASE("hits come ranked by falling score", "[index]") {
    TempDir dir;
    build_index(dir, 3);
    Searcher searcher(dir / "index");
    const pith::SearchResults results = searcher.search("walrus badger", {100, 0});
    REQUIRE(results.hits.size() == 3);
    for (std::size_t i = 0; i < results.hits.size(); ++i) {
        CHECK(results.hits[i].rank == i + 1);
        CHECK(results.hits[i].score > 0);
        if (i > 0) CHECK(results.hits[i].score <= results.hits[i - 1].score);
    }
}

TEST_CASE("a hit points at its passage in the source article", "[index]") {
    TempDir dir;
    const std::vector<Article> articles = build_index(dir, 2);
    Searcher searcher(dir / "index");
    const pith::SearchResults results = searcher.search("otter article1");
    REQUIRE(results.hits.size() == 1);
    const pith::Hit& hit = results.hits[0];
    const Article& article = articles[1];
    CHECK(hit.article_id == article.id);
    CHECK(hit.path == article.path.string());
    CHECK(hit.title == "Field report number 1 from the coast");
    CHECK(hit.passage_index == 3);  // the title line is passage 0
    REQUIRE(hit.passage_end <= article.text.size());
    CHECK(article.text.substr(hit.passage_begin, hit.passage_end - hit.passage_begin) == hit.passage);
    CHECK_THAT(hit.passage, Catch::Contains("otter"));
}

TEST_CASE("hits carry highlight ranges of the matched words", "[index]") {
    TempDir dir;
    build_index(dir, 1);
    Searcher searcher(dir / "index");
    const pith::SearchResults results = searcher.search("heron");
    REQUIRE(results.hits.size() == 1);
    const pith::Hit& hit = results.hits[0];
    REQUIRE(hit.highlights.size() == 1);
    CHECK(hit.passage.substr(hit.highlights[0].begin, hit.highlights[0].end - hit.highlights[0].begin) == "heron");
}

TEST_CASE("an excluded word removes the passages holding it", "[index]") {
    TempDir dir;
    build_index(dir, 2);
    Searcher searcher(dir / "index");
    const pith::SearchResults results = searcher.search("walrus -otter", {100, 0});
    CHECK(results.hits.size() == 4);
    for (const pith::Hit& hit : results.hits) CHECK_THAT(hit.passage, !Catch::Contains("otter"));
}

TEST_CASE("a phrase query finds only adjacent words in order", "[index]") {
    TempDir dir;
    build_index(dir, 2);
    Searcher searcher(dir / "index");
    CHECK(searcher.search("\"walrus colony\"", {100, 0}).hits.size() == 6);
    CHECK(searcher.search("\"colony walrus\"", {100, 0}).hits.empty());
}

TEST_CASE("a phrase query does not match across an over-long word", "[index]") {
    TempDir dir;
    write_file(dir / "long.txt", "Long words\n\nMeng " + std::string(300, 'x') + " Wanzhou flew home.\n");
    {
        IndexWriter writer(dir / "index", paragraph_config(), OpenMode::update);
        writer.add(pith::read_article(dir / "long.txt"));
        writer.commit();
    }
    Searcher searcher(dir / "index");
    CHECK(searcher.search("\"Meng Wanzhou\"").hits.empty());
    CHECK(searcher.search("Meng Wanzhou").hits.size() == 1);
}

TEST_CASE("a query matches by stem across singular and plural", "[index]") {
    TempDir dir;
    build_index(dir, 1);
    Searcher searcher(dir / "index");
    CHECK(searcher.search("colonies herons", {100, 0}).hits.size() == 1);
}

TEST_CASE("a word found nowhere gives no hits", "[index]") {
    TempDir dir;
    build_index(dir, 1);
    Searcher searcher(dir / "index");
    CHECK(searcher.search("narwhal").hits.empty());
}

TEST_CASE("a malformed query throws a QueryError with its column", "[index]") {
    TempDir dir;
    build_index(dir, 1);
    Searcher searcher(dir / "index");
    try {
        searcher.search("walrus \"colony");
        FAIL("no QueryError thrown");
    } catch (const pith::QueryError& e) {
        CHECK(e.column() == 8);
    }
}

TEST_CASE("re-adding an unchanged article leaves it alone", "[index]") {
    TempDir dir;
    const std::vector<Article> articles = build_index(dir, 2);
    const Xapian::doccount before = document_count(dir / "index");
    {
        IndexWriter writer(dir / "index", std::nullopt, OpenMode::update);
        std::size_t written = 99;
        CHECK(writer.add(pith::read_article(articles[0].path), &written) == AddOutcome::unchanged);
        CHECK(written == 0);
        writer.commit();
    }
    CHECK(document_count(dir / "index") == before);
    Searcher searcher(dir / "index");
    CHECK(searcher.search("article0", {100, 0}).hits.size() == 3);
}

TEST_CASE("a changed article is replaced and its old passages are gone", "[index]") {
    TempDir dir;
    const std::vector<Article> articles = build_index(dir, 2);
    write_file(articles[0].path, "Field report number 0 revised\n\nOnly a narwhal article0 remains.\n");
    {
        IndexWriter writer(dir / "index", std::nullopt, OpenMode::update);
        std::size_t written = 0;
        CHECK(writer.add(pith::read_article(articles[0].path), &written) == AddOutcome::replaced);
        CHECK(written == 2);
        writer.commit();
    }
    CHECK(document_count(dir / "index") == 2 + 4);
    Searcher searcher(dir / "index");
    const pith::SearchResults results = searcher.search("article0", {100, 0});
    REQUIRE(results.hits.size() == 1);
    CHECK_THAT(results.hits[0].passage, Catch::Contains("narwhal"));
    CHECK(results.hits[0].title == "Field report number 0 revised");
    for (const pith::Hit& hit : searcher.search("walrus", {100, 0}).hits) CHECK(hit.article_id == articles[1].id);
}

TEST_CASE("the writer reports the number of passages it wrote", "[index]") {
    TempDir dir;
    IndexWriter writer(dir / "index", paragraph_config(), OpenMode::update);
    std::size_t written = 0;
    CHECK(writer.add(write_article(dir, 7, 2), &written) == AddOutcome::added);
    CHECK(written == 3);
}

TEST_CASE("an index opened with other analysis settings is refused with a hint to rebuild", "[index]") {
    TempDir dir;
    build_index(dir, 1);
    IndexConfig other = paragraph_config();
    other.language = "none";
    CHECK_THAT(index_error(dir / "index", other, OpenMode::update), Catch::Contains("--rebuild"));
}

TEST_CASE("an index opened with other ranking settings is accepted", "[index]") {
    TempDir dir;
    build_index(dir, 1);
    IndexConfig other = paragraph_config();
    other.bm25_k1 = 2.0;
    other.title_weight = 0;
    CHECK(index_error(dir / "index", other, OpenMode::update).empty());
    CHECK(Searcher(dir / "index").config().bm25_k1 == Approx(2.0));
}

TEST_CASE("rebuild mode takes new analysis settings and discards the old content", "[index]") {
    TempDir dir;
    build_index(dir, 2);
    IndexConfig other = paragraph_config();
    other.language = "none";
    {
        IndexWriter writer(dir / "index", other, OpenMode::rebuild);
        CHECK(writer.config().language == "none");
        writer.commit();
    }
    CHECK(document_count(dir / "index") == 0);
    CHECK(Searcher(dir / "index").config().language == "none");
}

TEST_CASE("opening without a config keeps the stored one", "[index]") {
    TempDir dir;
    IndexConfig config = paragraph_config();
    config.passage_max_words = 42;
    build_index(dir, 1, config);
    IndexWriter writer(dir / "index", std::nullopt, OpenMode::update);
    CHECK(writer.config().passage_max_words == 42);
    CHECK(writer.config().passage_min_words == 0);
}

TEST_CASE("the searcher analyzes queries with the index's stored configuration", "[index]") {
    TempDir dir;
    IndexConfig config = paragraph_config();
    config.language = "none";
    build_index(dir, 1, config);
    Searcher searcher(dir / "index");
    CHECK(searcher.config().language == "none");
    CHECK(searcher.search("colony").hits.size() == 1);
    CHECK(searcher.search("colonies").hits.empty());
}

TEST_CASE("a searcher on a missing directory throws IndexNotFound", "[index]") {
    TempDir dir;
    CHECK_THROWS_AS(Searcher(dir / "nothing-here"), pith::IndexNotFound);
    CHECK_THROWS_WITH(Searcher(dir / "nothing-here"), Catch::Contains("pith-index"));
}

TEST_CASE("a searcher on an empty directory throws IndexNotFound", "[index]") {
    TempDir dir;
    fs::create_directory(dir / "empty");
    CHECK_THROWS_AS(Searcher(dir / "empty"), pith::IndexNotFound);
}

TEST_CASE("the writer refuses a non-empty directory that holds no index", "[index]") {
    TempDir dir;
    write_file(dir / "articles" / "story.txt", "A story\n\nSome text.\n");
    CHECK_THROWS_AS(IndexWriter(dir / "articles", std::nullopt, OpenMode::update), pith::IndexError);
    CHECK_THROWS_AS(IndexWriter(dir / "articles", std::nullopt, OpenMode::rebuild), pith::IndexError);
    CHECK(fs::exists(dir / "articles" / "story.txt"));
    CHECK(std::distance(fs::directory_iterator(dir / "articles"), fs::directory_iterator()) == 1);
}

TEST_CASE("the writer refuses an index path that is a file", "[index]") {
    TempDir dir;
    write_file(dir / "file", "x");
    CHECK_THROWS_AS(IndexWriter(dir / "file", std::nullopt, OpenMode::update), pith::IndexError);
}

TEST_CASE("the writer creates a missing index directory", "[index]") {
    TempDir dir;
    { IndexWriter writer(dir / "index", std::nullopt, OpenMode::update); }
    CHECK(fs::is_directory(dir / "index"));
    CHECK_NOTHROW(Searcher(dir / "index"));
}

TEST_CASE("index metadata records schema 1 and the configuration", "[index]") {
    TempDir dir;
    IndexConfig config = paragraph_config();
    config.passage_max_words = 55;
    build_index(dir, 1, config);
    Xapian::Database db((dir / "index").string());
    CHECK(db.get_metadata("pith.schema") == "4");
    const std::string stored = db.get_metadata("pith.config");
    REQUIRE_FALSE(stored.empty());
    const IndexConfig back = IndexConfig::from_json(stored);
    CHECK(back.same_analysis(config));
    CHECK(back.passage_max_words == 55);
}

TEST_CASE("every passage document carries its article passage and path terms and the article id in slot 0",
          "[index]") {
    TempDir dir;
    const std::vector<Article> articles = build_index(dir, 2);
    std::map<std::string, const Article*> by_id;
    for (const Article& article : articles) by_id[article.id] = &article;

    Xapian::Database db((dir / "index").string());
    REQUIRE(db.get_doccount() == 8);
    std::set<std::string> passage_ids;
    pith::StoredPassages stored(db);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const Xapian::Document doc = db.get_document(*it);
        pith::DocumentHeader header;
        std::string passage;
        stored.read(doc, header, passage);
        REQUIRE(by_id.count(header.article_id) == 1);
        const Article& article = *by_id[header.article_id];
        const std::string article_term = "A" + article.id;
        const std::string passage_term = "Q" + article.id + ":" + std::to_string(header.ordinal);
        const std::string path_term = "P" + article.path.string();
        INFO("document " << *it << " " << passage_term);
        std::set<std::string> terms(doc.termlist_begin(), doc.termlist_end());
        CHECK(terms.count(article_term) == 1);
        CHECK(terms.count(passage_term) == 1);
        CHECK(terms.count(path_term) == 1);
        CHECK(doc.get_value(pith::schema::kSlotArticleId) == article.id);
        CHECK(doc.get_value(0) == article.id);
        CHECK(header.path == article.path.string());
        CHECK(article.text.substr(header.begin, header.end - header.begin) == passage);
        passage_ids.insert(passage_term);
    }
    CHECK(passage_ids.size() == 8);
}

TEST_CASE("passage documents index words with positions and stems with a Z prefix", "[index]") {
    TempDir dir;
    build_index(dir, 1);
    Xapian::Database db((dir / "index").string());
    CHECK(db.term_exists("colony"));
    CHECK(db.term_exists("Zcoloni"));
    CHECK(db.term_exists("walrus"));
    CHECK(db.has_positions());
}

TEST_CASE("an article's id is stable for its path and its title is the first non-empty line", "[index]") {
    TempDir dir;
    write_file(dir / "a.txt", "\n   \n  The Title  \nBody text here.\n");
    const Article first = pith::read_article(dir / "a.txt");
    const Article second = pith::read_article(dir / "a.txt");
    CHECK(first.id == second.id);
    CHECK(first.id.size() == 16);
    CHECK(first.title == "The Title");
    CHECK(first.path.is_absolute());
    write_file(dir / "b.txt", "\n   \n  The Title  \nBody text here.\n");
    CHECK(pith::read_article(dir / "b.txt").id != first.id);
    CHECK(pith::read_article(dir / "b.txt").content_hash == first.content_hash);
}

TEST_CASE("an empty or binary file is refused with an InputError naming it", "[index]") {
    TempDir dir;
    write_file(dir / "empty.txt", "");
    write_file(dir / "binary.txt", std::string("PK\x03\x04\0\0\x01", 7));
    CHECK_THROWS_AS(pith::read_article(dir / "empty.txt"), pith::InputError);
    CHECK_THROWS_WITH(pith::read_article(dir / "empty.txt"), Catch::Contains("empty.txt"));
    CHECK_THROWS_AS(pith::read_article(dir / "binary.txt"), pith::InputError);
    CHECK_THROWS_WITH(pith::read_article(dir / "binary.txt"), Catch::Contains("binary.txt"));
}

TEST_CASE("invalid UTF-8 in an article is replaced and counted", "[index]") {
    TempDir dir;
    write_file(dir / "latin1.txt", "Caf\xE9 news\n\nPrices in Montr\xE9" "al rose.\n");
    const Article article = pith::read_article(dir / "latin1.txt");
    CHECK(article.invalid_utf8 == 2);
    CHECK(article.title == "Caf\uFFFD news");
    CHECK_THAT(article.text, Catch::Contains("Montr\uFFFDal"));
}

TEST_CASE("collecting files takes article formats from directories and any file named directly", "[index]") {
    TempDir dir;
    write_file(dir / "in" / "one.txt", "x");
    write_file(dir / "in" / "sub" / "two.TXT", "x");
    write_file(dir / "in" / "notes.md", "x");
    write_file(dir / "in" / "page.htm", "x");
    write_file(dir / "in" / "dump.jsonl", "x");
    write_file(dir / "in" / "table.csv", "x");
    write_file(dir / "named.rtf", "x");
    std::vector<std::string> warnings;
    const auto files = pith::collect_article_files({dir / "in", dir / "named.rtf", dir / "missing"},
                                                   [&](const std::string& message) { warnings.push_back(message); });
    std::set<std::string> names;
    for (const fs::path& file : files) {
        CHECK(file.is_absolute());
        names.insert(file.filename().string());
    }
    CHECK(names == std::set<std::string>{"one.txt", "two.TXT", "notes.md", "page.htm", "dump.jsonl", "named.rtf"});
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Catch::Contains("missing"));
}

TEST_CASE("a Xapian database that is not a Pith index is refused by writer and searcher", "[index]") {
    TempDir dir;
    {
        Xapian::WritableDatabase db((dir / "foreign").string(), Xapian::DB_CREATE);
        Xapian::Document doc;
        doc.add_term("hello");
        db.add_document(doc);
        db.commit();
    }
    CHECK_THROWS_WITH(IndexWriter(dir / "foreign", std::nullopt, OpenMode::update), Catch::Contains("not a Pith index"));
    CHECK_THROWS_AS(Searcher(dir / "foreign"), pith::IndexError);
}

TEST_CASE("an index of another schema version is refused with a hint to rebuild", "[index]") {
    TempDir dir;
    build_index(dir, 1);
    {
        Xapian::WritableDatabase db((dir / "index").string(), Xapian::DB_OPEN);
        db.set_metadata("pith.schema", "99");
        db.commit();
    }
    CHECK_THROWS_WITH(Searcher(dir / "index"), Catch::Contains("--rebuild"));
    CHECK_THAT(index_error(dir / "index", std::nullopt, OpenMode::update), Catch::Contains("--rebuild"));
    CHECK(index_error(dir / "index", std::nullopt, OpenMode::rebuild).empty());
}

TEST_CASE("an index whose stored configuration is unreadable is refused", "[index]") {
    TempDir dir;
    build_index(dir, 1);
    {
        Xapian::WritableDatabase db((dir / "index").string(), Xapian::DB_OPEN);
        db.set_metadata("pith.config", "{broken");
        db.commit();
    }
    CHECK_THROWS_AS(Searcher(dir / "index"), pith::IndexError);
}

TEST_CASE("an index is created inside directories that do not exist yet", "[index]") {
    TempDir dir;
    {
        IndexWriter writer(dir / "new" / "nested" / "index", std::nullopt, OpenMode::update);
        writer.add(write_article(dir, 1));
    }
    pith::Searcher searcher(dir / "new" / "nested" / "index");
    CHECK_FALSE(searcher.search("walrus").hits.empty());
}
