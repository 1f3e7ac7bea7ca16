// Query shapes chosen for speed (searcher/xapian_query.hpp's QueryShape) must match the same
// passages with the same weights as the plain shape, on a real index.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <xapian.h>

#include "corpus_generator.hpp"
#include "length_normalisation.hpp"
#include "pith/analyzer.hpp"
#include "pith/article.hpp"
#include "pith/index_writer.hpp"
#include "pith/query.hpp"
#include "pith/searcher.hpp"
#include "test_support.hpp"
#include "xapian_query.hpp"

namespace {

namespace fs = std::filesystem;
using pith::test::TempDir;
using pith::test::write_file;

// The seed articles, generated ones (a small vocabulary, so words meet in many inflections)
// and a few written for the edge cases below.
struct ShapeCorpus {
    TempDir dir;
    fs::path index;
    ShapeCorpus() {
        index = dir / "index";
        pith::IndexWriter writer(index, pith::IndexConfig::defaults(), pith::OpenMode::update);
        for (const auto& entry : fs::directory_iterator(PITH_SEEDS_DIR)) writer.add(pith::read_article(entry.path()));
        std::mt19937 random(11);
        for (int n = 0; n < 60; ++n) {
            const fs::path file = dir / "generated" / ("article-" + std::to_string(n) + ".txt");
            write_file(file, pith::test::generated_article(random, 2 + n % 5));
            writer.add(pith::read_article(file));
        }
        // "mp-3" is indexed joined as mp3 without a stem (a hyphen chain with a number part).
        write_file(dir / "edge" / "player.txt", "Players\n\nThe old mp-3 player exported its tariffs list.\n");
        writer.add(pith::read_article(dir / "edge" / "player.txt"));
        write_file(dir / "edge" / "mp3.txt", "Formats\n\nAn mp3 file plays on any player; exports of tariff tables.\n");
        writer.add(pith::read_article(dir / "edge" / "mp3.txt"));
        writer.commit();
    }
};

const ShapeCorpus& corpus() {
    static ShapeCorpus c;
    return c;
}

// Every matching passage's weight, as the searcher weighs (b = 0 over normalised wdfs).
std::map<Xapian::docid, double> all_weights(const Xapian::Database& db, const Xapian::Query& query) {
    const pith::IndexConfig config = pith::IndexConfig::defaults();
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BM25PlusWeight(pith::query_k1(config.bm25_k1), 0, 1, 0,
                                                        pith::kMinNormalisedLength, 0.0));
    std::map<Xapian::docid, double> weights;
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) weights[*it] = it.get_weight();
    return weights;
}

bool close(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b)); }

const char* const kQueries[] = {
    "china canada",          "trade relations",     "canadian prime minister", "the relations between china and canada",
    "grain export prices",   "farmers growers",     "canola tariff harvest",   "Montréal council budget",
    "\"prime minister\" china",  "court ruling appeal", "china china",             "export -tariff",
    "title:report trade deal", "exports tariffs",   "mp3 player",              "trade OR export grain",
    "(china canada) OR tariff",
};

}  // namespace

TEST_CASE("words matched by stem alone with their typed forms added after the match rank as the OR of both",
          "[query][shape]") {
    const Xapian::Database db(corpus().index.string());
    const pith::IndexConfig config = pith::IndexConfig::defaults();
    const pith::Analyzer analyzer(config);
    for (const char* text : kQueries) {
        for (const bool any : {false, true}) {
            INFO("query: " << text << (any ? " (--any)" : ""));
            const pith::ParsedQuery parsed = pith::parse_query(text, analyzer, pith::QueryOptions{any});
            const Xapian::Query plain = pith::build_xapian_query(parsed, config, &db);
            const Xapian::Query shaped = pith::build_xapian_query(
                parsed, config, &db, nullptr, pith::QueryShape{.exact_forms_after_match = true});
            const auto expected = all_weights(db, plain);
            const auto got = all_weights(db, shaped);
            CHECK_FALSE(expected.empty());
            REQUIRE(got.size() == expected.size());
            for (const auto& [docid, weight] : expected) {
                INFO("docid " << docid);
                REQUIRE(got.count(docid) == 1);
                CHECK(close(got.at(docid), weight));
            }
        }
    }
}

TEST_CASE("a typed form indexed without its stem is still found", "[query][shape]") {
    // "mp-3" is indexed as mp3 without a stem. Today's analyzer gives the query word mp3 no
    // stem either; the searcher also keeps words with digits out of the stem-alone shape, so
    // this holds if the query side ever stems it.
    pith::Searcher searcher(corpus().index);
    const pith::SearchResults results = searcher.search("mp3", pith::SearchOptions{.limit = 10});
    std::vector<std::string> titles;
    for (const pith::Hit& hit : results.hits) titles.push_back(hit.title);
    CHECK(std::count(titles.begin(), titles.end(), "Players") == 1);
    CHECK(std::count(titles.begin(), titles.end(), "Formats") == 1);
}

TEST_CASE("the stem-alone shape puts the typed forms after the AND of the stems", "[query][shape]") {
    const pith::IndexConfig config = pith::IndexConfig::defaults();
    const pith::Analyzer analyzer(config);
    const pith::ParsedQuery parsed = pith::parse_query("exports tariffs", analyzer, pith::QueryOptions{});
    const std::string description =
        pith::build_xapian_query(parsed, config, nullptr, nullptr, pith::QueryShape{.exact_forms_after_match = true})
            .get_description();
    CHECK(description.find("(Zexport AND Ztariff) AND_MAYBE") != std::string::npos);
}

namespace {

std::string key(const pith::Hit& hit) { return hit.article_id + ":" + std::to_string(hit.passage_index); }

const char* const kTitleQueries[] = {
    "canola",        "tariff",          "walrus colony",  "\"trade deal\"",      "\"prime minister\"", "grain export",
    "china",         "canada",          "harvest storm",  "\"the ice\"",         "court ruling",       "bridge",
    "\"grain export\"", "council budget", "tariff -canola", "farmers OR growers", "montreal",
    // Common and rare title words together, and a word typed twice (split_title_page).
    "\"the grain\"", "\"of the tariff\"", "tariff tariff", "the canola harvest",
};

// The page with the title-first pass (tried whatever the match count) equals the full match's.
void check_title_first_page(pith::Searcher& searcher, const char* text, pith::SearchOptions full) {
    full.title_first = false;
    pith::SearchOptions first = full;
    first.title_first = true;
    first.title_first_min_matches = 0;
    const pith::SearchResults expected = searcher.search(text, full);
    const pith::SearchResults got = searcher.search(text, first);
    REQUIRE(got.hits.size() == expected.hits.size());
    for (std::size_t i = 0; i < expected.hits.size(); ++i) {
        INFO("rank " << i + 1);
        CHECK(key(got.hits[i]) == key(expected.hits[i]));
        CHECK(close(got.hits[i].score, expected.hits[i].score));
    }
}

}  // namespace

TEST_CASE("title-matching passages ranked first give the page of the full match", "[query][shape][title-first]") {
    pith::Searcher searcher(corpus().index);
    for (const char* text : kTitleQueries)
        for (const std::size_t per_article : {std::size_t{1}, std::size_t{0}, std::size_t{2}})
            for (const std::size_t limit : {std::size_t{1}, std::size_t{3}, std::size_t{10}})
                for (const std::size_t offset : {std::size_t{0}, std::size_t{2}}) {
                    INFO("query: " << text << ", per_article " << per_article << ", limit " << limit << ", offset "
                                   << offset);
                    check_title_first_page(searcher, text,
                                           {.limit = limit, .per_article = per_article, .offset = offset});
                }
}

TEST_CASE("the split title-first match gives the full match's page for every-word-optional queries",
          "[query][shape][title-first]") {
    // Bodies with phrase and proximity boosts inside the match (every word optional, as
    // bench/relevance runs Cranfield) must not take a path whose weights differ from the full
    // match's: Xapian weighed such a body otherwise under a filter or an AND.
    pith::Searcher searcher(corpus().index);
    const char* const queries[] = {"grain export tariff", "canola harvest storm farmers", "the prime minister budget",
                                   "walrus colony ice", "court ruling council"};
    for (const char* text : queries)
        for (const std::size_t per_article : {std::size_t{1}, std::size_t{0}})
            for (const std::size_t limit : {std::size_t{3}, std::size_t{10}, std::size_t{100}}) {
                INFO("query: " << text << ", per_article " << per_article << ", limit " << limit);
                check_title_first_page(searcher, text, {.limit = limit, .per_article = per_article, .any_word = true});
            }
}
