// The rescore window (SearchOptions::rescore_window, searcher/rescore.hpp): the phrase and
// proximity boosts added by Pith to the best passages must rank and score exactly as Xapian's
// own boosts do when the window holds every matching passage.

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "corpus_generator.hpp"
#include "pith/article.hpp"
#include "pith/index_writer.hpp"
#include "pith/searcher.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using pith::SearchOptions;
using pith::test::TempDir;
using pith::test::write_file;

// The seed articles and generated ones (short paragraphs of a small vocabulary, so words meet
// near and far, in and out of order, accented and not).
struct RescoreCorpus {
    TempDir dir;
    fs::path index;
    RescoreCorpus() {
        index = dir / "index";
        pith::IndexConfig config = pith::IndexConfig::defaults();
        pith::IndexWriter writer(index, config, pith::OpenMode::update);
        for (const auto& entry : fs::directory_iterator(PITH_SEEDS_DIR))
            writer.add(pith::read_article(entry.path()));
        std::mt19937 random(7);
        for (int n = 0; n < 80; ++n) {
            const fs::path file = dir / "generated" / ("article-" + std::to_string(n) + ".txt");
            write_file(file, pith::test::generated_article(random, 2 + n % 7));
            writer.add(pith::read_article(file));
        }
        writer.commit();
    }
};

const RescoreCorpus& corpus() {
    static RescoreCorpus c;
    return c;
}

bool close(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b)); }

std::string key(const pith::Hit& hit) { return hit.article_id + ":" + std::to_string(hit.passage_index); }

// Same passages in the same order with the same scores; passages whose scores tie (within the
// tolerance) may come in either order, as their last bits decide.
void require_same_ranking(const pith::SearchResults& exact, const pith::SearchResults& rescored) {
    REQUIRE(exact.hits.size() == rescored.hits.size());
    for (std::size_t i = 0; i < exact.hits.size(); ++i) {
        INFO("rank " << i + 1 << ": " << key(exact.hits[i]) << " " << exact.hits[i].score << " vs "
                     << key(rescored.hits[i]) << " " << rescored.hits[i].score);
        CHECK(close(exact.hits[i].score, rescored.hits[i].score));
        if (key(exact.hits[i]) == key(rescored.hits[i])) continue;
        // A tie: the rescored passage must hold the same score somewhere near in the exact list.
        bool tied = false;
        for (std::size_t j = 0; j < exact.hits.size(); ++j)
            tied = tied || (key(exact.hits[j]) == key(rescored.hits[i]) && close(exact.hits[j].score, exact.hits[i].score));
        CHECK(tied);
    }
}

const char* const kQueries[] = {
    "china canada",
    "trade relations",
    "prime minister",
    "canadian prime minister",
    "chinese premier li qiang",
    "trade with canada",
    "the relations between china and canada",
    "ice storm river",
    "grain export prices",
    "farmers growers",
    "canola tariff harvest",
    "Montréal council budget",
    "montreal council",
    "\"trade deal\" china",
    "\"prime minister\" carney beijing",
    "court ruling appeal",
    "rail port grain export",
    "said warned reported",
    "china china",
    "export -tariff",
    "title:report trade deal",
};

// `base` with the boosts inside Xapian's match, and with a window wide enough to hold every match.
std::pair<SearchOptions, SearchOptions> exact_and_window(SearchOptions base) {
    base.rescore_window = 0;
    SearchOptions window = base;
    window.rescore_window = 100000;
    window.rescore_passages_per_article = 0;
    window.rescore_min_passages = 0;
    return {base, window};
}

}  // namespace

TEST_CASE("a rescore window holding every match ranks and scores as Xapian's own boosts", "[ranking][rescore]") {
    pith::Searcher searcher(corpus().index);
    for (const char* query : kQueries) {
        // Synonyms join "prime minister" into one clause (pm), which takes it out of the boosts.
        for (bool synonyms : {true, false})
            for (bool any_word : {false, true})
                for (std::size_t per_article : {std::size_t{1}, std::size_t{2}, std::size_t{0}}) {
                    INFO("query: " << query << (any_word ? " (--any)" : "") << (synonyms ? "" : " (--no-synonyms)")
                                   << ", per_article " << per_article);
                    SearchOptions base;
                    base.limit = 10000;
                    base.synonyms = synonyms;
                    base.any_word = any_word;
                    base.per_article = per_article;
                    const auto [exact, window] = exact_and_window(base);
                    const pith::SearchResults a = searcher.search(query, exact);
                    const pith::SearchResults b = searcher.search(query, window);
                    require_same_ranking(a, b);
                    CHECK(a.matches_estimated == b.matches_estimated);
                }
    }
}

TEST_CASE("rescored hits explain the same parts, and the parts add up to the score", "[ranking][rescore][output]") {
    pith::Searcher searcher(corpus().index);
    // Queries without stopwords: with them the parts may exceed the score (older, not the window's).
    for (const char* query : {"china canada", "canadian prime minister", "chinese premier li qiang",
                              "\"prime minister\" carney beijing", "grain export prices"}) {
        INFO("query: " << query);
        SearchOptions base;
        base.explain = true;
        base.synonyms = false;
        const auto [exact, window] = exact_and_window(base);
        const pith::SearchResults a = searcher.search(query, exact);
        const pith::SearchResults b = searcher.search(query, window);
        require_same_ranking(a, b);
        bool boosted = false;
        for (std::size_t i = 0; i < a.hits.size(); ++i) {
            if (key(a.hits[i]) != key(b.hits[i])) continue;
            REQUIRE(a.hits[i].explanation.size() == b.hits[i].explanation.size());
            double sum = 0;
            for (std::size_t p = 0; p < b.hits[i].explanation.size(); ++p) {
                CHECK(a.hits[i].explanation[p].label == b.hits[i].explanation[p].label);
                CHECK(close(a.hits[i].explanation[p].weight, b.hits[i].explanation[p].weight));
                sum += b.hits[i].explanation[p].weight;
                boosted = boosted || b.hits[i].explanation[p].label.find("boost \"") != std::string::npos ||
                          b.hits[i].explanation[p].label.find("proximity boost") != std::string::npos;
            }
            CHECK(std::fabs(sum - b.hits[i].score) <= 1e-9 * b.hits[i].score);
        }
        CHECK(boosted);
    }
}

TEST_CASE("the default window keeps per_article, paging and counts whole", "[ranking][rescore]") {
    pith::Searcher searcher(corpus().index);
    SearchOptions all;
    all.limit = 10000;
    all.per_article = 1;
    const pith::SearchResults whole = searcher.search("china canada", all);
    REQUIRE(whole.hits.size() >= 4);
    std::vector<std::string> articles;
    for (const pith::Hit& hit : whole.hits) {
        CHECK(std::find(articles.begin(), articles.end(), hit.article_id) == articles.end());
        articles.push_back(hit.article_id);
    }
    // Pages of two, with a window of three: the second page reaches past the window.
    SearchOptions page = all;
    page.limit = 2;
    page.rescore_window = 3;
    page.rescore_min_passages = 0;
    for (std::size_t offset = 0; offset < 4; offset += 2) {
        page.offset = offset;
        const pith::SearchResults part = searcher.search("china canada", page);
        REQUIRE(part.hits.size() == 2);
        CHECK(part.hits[0].rank == offset + 1);
    }
    // A window smaller than the page is widened to it.
    SearchOptions narrow = all;
    narrow.rescore_window = 1;
    narrow.rescore_min_passages = 0;
    CHECK(searcher.search("china canada", narrow).hits.size() == whole.hits.size());
}

TEST_CASE("the boosts lift only passages inside the rescore window", "[ranking][rescore]") {
    TempDir dir;
    // Same words, same lengths: the same score without boosts. Xapian ranks ties by document
    // order, so "far" (indexed first) leads a window of one; "near" only wins when the window
    // reaches it.
    write_file(dir / "a" / "far.txt",
               "Report two\nThe ice left the town dark while crews worked through the cold night to restore every storm line.\n");
    write_file(dir / "a" / "near.txt",
               "Report one\nThe ice storm left the town dark while crews worked through the cold night to restore every line.\n");
    {
        pith::IndexWriter writer(dir / "index", pith::IndexConfig::defaults(), pith::OpenMode::update);
        writer.add(pith::read_article(dir / "a" / "far.txt"));
        writer.add(pith::read_article(dir / "a" / "near.txt"));
        writer.commit();
    }
    pith::Searcher searcher(dir / "index");
    SearchOptions options;
    options.limit = 1;
    options.rescore_window = 1;
    options.rescore_min_passages = 0;
    CHECK(fs::path(searcher.search("ice storm", options).hits.at(0).path).stem() == "far");
    options.rescore_window = 2;
    CHECK(fs::path(searcher.search("ice storm", options).hits.at(0).path).stem() == "near");
    options.rescore_window = 0;
    CHECK(fs::path(searcher.search("ice storm", options).hits.at(0).path).stem() == "near");
    // By default boosts whose words few passages hold stay inside the match: exact at any window.
    options.rescore_window = 1;
    options.rescore_min_passages = SearchOptions{}.rescore_min_passages;
    CHECK(fs::path(searcher.search("ice storm", options).hits.at(0).path).stem() == "near");
}
