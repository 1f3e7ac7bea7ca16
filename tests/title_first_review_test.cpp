// The title-first pass (SearchOptions::title_first) ranks only the passages of articles whose
// title holds a query word when their weights fill the page beyond Xapian's bound on every
// other passage. Its page must be the plain match's page for every query form and option a
// user can combine with it: filters, NOT, OR, --any, prefixes, synonyms, articles in another
// language, paging, per-article limits, --explain, exact counts, date order, and a sharded
// index (where get_max_possible is the bound over every shard). query_shape_test.cpp covers
// plain words, phrases and a few per_article/offset pairs on one index.

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "corpus_generator.hpp"
#include "pith/article.hpp"
#include "pith/index_writer.hpp"
#include "pith/searcher.hpp"
#include "pith/sharded_index_writer.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using pith::test::TempDir;
using pith::test::write_file;

pith::IndexConfig review_config() {
    pith::IndexConfig config = pith::IndexConfig::defaults();
    config.synonyms = {"canola rapeseed", "ev \"electric vehicle\""};
    return config;
}

// The same articles in one index and in four shards (the single index also holds a few
// articles in French): generated articles (a small vocabulary,
// so title words also fill many passages of other articles), with dates, sources and a few
// using the synonyms.
struct ReviewCorpus {
    TempDir dir;
    fs::path single;
    fs::path sharded;
    ReviewCorpus() {
        single = dir / "single";
        sharded = dir / "sharded";
        pith::IndexWriter one(single, review_config(), pith::OpenMode::update);
        pith::ShardedIndexWriter four(sharded, 4, review_config(), pith::OpenMode::update);
        std::mt19937 random(23);
        for (int n = 0; n < 90; ++n) {
            const fs::path file = dir / "articles" / ("article-" + std::to_string(n) + ".txt");
            std::string text = pith::test::generated_article(random, 1 + n % 6);
            if (n % 9 == 0) text += "Rapeseed growers bought an electric vehicle, an ev for the prairie.\n";
            write_file(file, text);
            pith::Article article = pith::read_article(file);
            if (n % 7 != 0)
                article.date = "2024-" + std::string(n % 12 < 9 ? "0" : "") + std::to_string(n % 12 + 1) + "-15";
            article.source = n % 3 == 0 ? "Globe" : "Herald";
            four.add(article);
            // French articles only in the single index; a sharded index in two languages has
            // its own tests (below, and shards_test.cpp).
            if (n % 11 == 5) article.language = "french";
            one.add(article);
        }
        one.commit();
        four.commit();
    }
};

const ReviewCorpus& corpus() {
    static ReviewCorpus c;
    return c;
}

bool close(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b)); }

std::string key(const pith::Hit& hit) { return hit.article_id + ":" + std::to_string(hit.passage_index); }

// Same hits in the same order, same scores, same explanation parts, same context. With
// `parts_add_up` the explanation's parts must sum to the score: only in an index of one
// language (in several, --explain lists the index language's parts only).
void check_same_page(const pith::SearchResults& got, const pith::SearchResults& expected, bool counts,
                     bool parts_add_up = false) {
    REQUIRE(got.hits.size() == expected.hits.size());
    if (counts) CHECK(got.matches_estimated == expected.matches_estimated);
    for (std::size_t i = 0; i < expected.hits.size(); ++i) {
        INFO("rank " << i + 1);
        const pith::Hit& a = got.hits[i];
        const pith::Hit& b = expected.hits[i];
        CHECK(key(a) == key(b));
        CHECK(close(a.score, b.score));
        CHECK(a.context_before == b.context_before);
        CHECK(a.context_after == b.context_after);
        REQUIRE(a.explanation.size() == b.explanation.size());
        double parts = 0;
        for (std::size_t p = 0; p < a.explanation.size(); ++p) {
            CHECK(a.explanation[p].label == b.explanation[p].label);
            CHECK(close(a.explanation[p].weight, b.explanation[p].weight));
            parts += a.explanation[p].weight;
        }
        if (parts_add_up && !a.explanation.empty()) CHECK(std::fabs(parts - a.score) <= 1e-6 * std::max(1.0, a.score));
    }
}

const char* const kQueries[] = {
    "canola",
    "tariff",
    "walrus colony",
    "canola -tariff",
    "tariff NOT canola",
    "canola OR walrus",
    "tarif*",
    "col* river",
    "rapeseed",
    "ev",
    "\"electric vehicle\"",
    "title:canola grain",
    "canola source:globe",
    "tariff date:2024-02..2024-06",
    "export date:..2024-03",
    "path:article-1 canola",
    "council budget -storm",
    "growers",
    "\"grain export\"",
    "china canada tariff",
};

// The same options with the title-first pass tried whatever the match count.
pith::SearchOptions with_title_first(pith::SearchOptions options) {
    options.title_first = true;
    options.title_first_min_matches = 0;
    return options;
}

}  // namespace

TEST_CASE("the title-first pass gives the plain match's page with filters, NOT, OR, prefixes, synonyms and languages",
          "[query][shape][title-first]") {
    for (const fs::path* index : {&corpus().single, &corpus().sharded}) {
        pith::Searcher searcher(*index);
        for (const char* text : kQueries)
            for (const bool any_word : {false, true})
                for (const std::size_t per_article : {std::size_t{0}, std::size_t{1}, std::size_t{3}})
                    for (const std::size_t offset : {std::size_t{0}, std::size_t{5}}) {
                        INFO("index " << index->filename() << ", query: " << text << (any_word ? " --any" : "")
                                      << ", per_article " << per_article << ", offset " << offset);
                        pith::SearchOptions plain{.limit = 4, .per_article = per_article, .offset = offset};
                        plain.any_word = any_word;
                        plain.explain = true;
                        plain.context = offset == 0 ? 0 : 1;
                        plain.title_first = false;
                        const pith::SearchOptions first = with_title_first(plain);
                        check_same_page(searcher.search(text, first), searcher.search(text, plain), false,
                                        index == &corpus().sharded);
                    }
    }
}

TEST_CASE("the title-first pass keeps exact counts and date order", "[query][shape][title-first]") {
    for (const fs::path* index : {&corpus().single, &corpus().sharded}) {
        pith::Searcher searcher(*index);
        for (const char* text : kQueries)
            for (const pith::SortOrder sort : {pith::SortOrder::relevance, pith::SortOrder::date}) {
                INFO("index " << index->filename() << ", query: " << text << ", sort by date "
                              << (sort == pith::SortOrder::date));
                pith::SearchOptions plain{.limit = 6, .per_article = 2};
                plain.sort = sort;
                plain.exact_count = true;
                plain.title_first = false;
                const pith::SearchOptions first = with_title_first(plain);
                check_same_page(searcher.search(text, first), searcher.search(text, plain), true);
            }
    }
}

TEST_CASE("the title-first pass on an index of a single passage", "[query][shape][title-first]") {
    TempDir dir;
    write_file(dir / "one.txt", "Canola tariffs\n\nCanola growers fear new tariffs on canola exports.\n");
    {
        pith::IndexWriter writer(dir / "index", pith::IndexConfig::defaults(), pith::OpenMode::update);
        writer.add(pith::read_article(dir / "one.txt"));
        writer.commit();
    }
    pith::Searcher searcher(dir / "index");
    for (const char* text : {"canola", "tariffs", "canola growers", "walrus", "canola -walrus", "canola OR walrus"})
        for (const std::size_t offset : {std::size_t{0}, std::size_t{1}}) {
            INFO("query: " << text << ", offset " << offset);
            pith::SearchOptions plain{.limit = 10, .offset = offset};
            plain.explain = true;
            plain.exact_count = true;
            plain.title_first = false;
            const pith::SearchOptions first = with_title_first(plain);
            const pith::SearchResults expected = searcher.search(text, plain);
            check_same_page(searcher.search(text, first), expected, true, true);
        }
}

TEST_CASE("a sharded index holding articles in two languages is searched without a crash", "[shards]") {
    // With several languages the query is OP_MAX of each language's analysis, and Xapian
    // 1.4.22 reads freed memory (SIGSEGV) in a pruned get_mset for OP_MAX over several shards:
    // the Searcher ranks every match for such indexes (searcher.cpp, unpruned_page()).
    TempDir dir;
    {
        pith::ShardedIndexWriter four(dir / "index", 4, pith::IndexConfig::defaults(), pith::OpenMode::update);
        std::mt19937 random(23);
        for (int n = 0; n < 90; ++n) {
            const fs::path file = dir / "articles" / ("article-" + std::to_string(n) + ".txt");
            write_file(file, pith::test::generated_article(random, 1 + n % 6));
            pith::Article article = pith::read_article(file);
            if (n % 11 == 5) article.language = "french";
            four.add(article);
        }
        four.commit();
    }
    pith::Searcher searcher(dir / "index");
    CHECK_FALSE(searcher.search("canola", pith::SearchOptions{}).hits.empty());
}

TEST_CASE("a sharded index finds an article in another language whatever shard holds it", "[shards]") {
    // Each shard records the languages of its own articles (pith.languages), and Xapian reads
    // a stub's metadata from its first shard only: the Searcher unions every listed shard's
    // (listed_databases.hpp), so a French article outside shard 0 is searched by French stems
    // (mangeait finds mangeaient, as in a single index).
    TempDir dir;
    write_file(dir / "articles" / "english.txt", "Growers\n\nCanola growers ate lunch.\n");
    fs::path french;
    for (int n = 0;; ++n) {
        french = dir / "articles" / ("french-" + std::to_string(n) + ".txt");
        write_file(french, "Les producteurs\n\nLes producteurs mangeaient du canola.\n");
        if (pith::ShardedIndexWriter::shard_of(pith::read_article(french).id, 2) != 0) break;
        fs::remove(french);
    }
    {
        pith::ShardedIndexWriter two(dir / "index", 2, pith::IndexConfig::defaults(), pith::OpenMode::update);
        two.add(pith::read_article(dir / "articles" / "english.txt"));
        pith::Article article = pith::read_article(french);
        article.language = "french";
        two.add(article);
        two.commit();
    }
    pith::Searcher searcher(dir / "index");
    CHECK(searcher.search("mangeait", pith::SearchOptions{}).hits.size() == 1);
}
