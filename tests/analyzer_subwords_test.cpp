// The sub-word fallback beyond Chinese and Japanese (Thai clusters, Korean syllables) and the
// rule that a sub-word matches only where its bigrams stand together, in order: in the
// analyzer, in the index and in the highlight.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pith/analyzer.hpp"
#include "pith/article.hpp"
#include "pith/highlighter.hpp"
#include "pith/index_writer.hpp"
#include "pith/query.hpp"
#include "pith/searcher.hpp"
#include "analysis_support.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using pith::Analyzer;
using pith::IndexConfig;
using pith::Token;
using pith::TokenForm;
using pith::test::TempDir;
using Terms = std::vector<std::string>;

std::vector<Token> bigrams_of(std::string_view text) { return pith::test::tokens_of_form(text, TokenForm::bigram); }

Terms bigram_terms(std::string_view text) { return pith::test::terms_of_form(text, TokenForm::bigram); }

Terms marked(std::string_view query, std::string_view passage) { return pith::test::marked_text(query, passage); }

fs::path index_articles(const TempDir& dir, const std::vector<std::pair<std::string, std::string>>& articles) {
    IndexConfig config = IndexConfig::defaults();
    config.passage_min_words = 0;
    pith::IndexWriter writer(dir / "index", config, pith::OpenMode::update);
    for (const auto& [name, text] : articles) {
        pith::test::write_file(dir / (name + ".txt"), text);
        writer.add(pith::read_article(dir / (name + ".txt")));
    }
    writer.commit();
    return dir / "index";
}

Terms found_files(const fs::path& index, std::string_view query) {
    Terms names;
    for (const pith::Hit& hit : pith::Searcher(index).search(query).hits)
        names.push_back(fs::path(hit.path).stem().string());
    return names;
}

}  // namespace

TEST_CASE("thai bigrams pair character clusters, never splitting a vowel sign or tone mark from its consonant",
          "[analyzer][thai][bigram]") {
    // ปักกิ่ง: ป+ั, ก, ก+ิ+่, ง
    CHECK(bigram_terms("ปักกิ่ง") == Terms{"Gปัก", "Gกกิ่", "Gกิ่ง"});
}

TEST_CASE("thai bigrams run across the dictionary's word boundaries", "[analyzer][thai][bigram]") {
    const Terms terms = bigram_terms("นายกรัฐมนตรีแคนาดา");
    // ก ends นายก, ร begins รัฐมนตรี
    CHECK(std::find(terms.begin(), terms.end(), "Gกรั") != terms.end());
    CHECK(std::find(terms.begin(), terms.end(), "Gมน") != terms.end());
}

TEST_CASE("korean compounds and words with particles give hangul syllable bigrams", "[analyzer][korean][bigram]") {
    CHECK(bigram_terms("대한민국 서울에서") == Terms{"G대한", "G한민", "G민국", "G서울", "G울에", "G에서"});
}

TEST_CASE("lao khmer and myanmar words give bigrams too", "[analyzer][bigram]") {
    CHECK_FALSE(bigram_terms("ສະບາຍດີ").empty());
    CHECK_FALSE(bigram_terms("កម្ពុជា").empty());
    CHECK_FALSE(bigram_terms("မြန်မာ").empty());
}

TEST_CASE("runs of different scripts never share a bigram", "[analyzer][bigram]") {
    CHECK(bigram_terms("北京서울") == Terms{"G北京", "G서울"});
}

TEST_CASE("the bigrams of a run take consecutive positions and runs are apart", "[analyzer][cjk][bigram]") {
    const std::vector<Token> bigrams = bigrams_of("工具箱和小化妆包。北京");
    REQUIRE(bigrams.size() == 8);
    for (std::size_t i = 1; i < 7; ++i) CHECK(bigrams[i].position == bigrams[i - 1].position + 1);
    CHECK(bigrams[7].term == "G北京");
    CHECK(bigrams[7].position > bigrams[6].position + 1);
}

TEST_CASE("a thai sub-word inside a dictionary word is found and highlighted exactly", "[search][thai][bigram]") {
    TempDir dir;
    const fs::path index = index_articles(dir, {{"minister", "ข่าว\nนายกรัฐมนตรีแคนาดาเดินทางไปปักกิ่ง\n"},
                                                {"other", "ข่าว\nแคนาดาเดินทางไปปักกิ่ง\n"}});
    CHECK(found_files(index, "มนตรี") == Terms{"minister"});
    CHECK(marked("มนตรี", "นายกรัฐมนตรีแคนาดา") == Terms{"มนตรี"});
}

TEST_CASE("a thai article holding the exact word ranks above one holding it inside a longer word",
          "[search][thai][bigram]") {
    TempDir dir;
    const fs::path index = index_articles(dir, {{"inside", "ข่าว\nนายกรัฐมนตรีแคนาดาเดินทางไปปักกิ่ง\n"},
                                                {"exact", "ข่าว\nที่ปรึกษามนตรีคนใหม่มาถึงแล้ว\n"}});
    CHECK(found_files(index, "มนตรี") == Terms{"exact", "inside"});
}

TEST_CASE("a korean word inside a compound is found, the exact word ranked first", "[search][korean][bigram]") {
    TempDir dir;
    const fs::path index = index_articles(dir, {{"compound", "뉴스\n대통령은 서울시청에서 연설했다\n"},
                                                {"exact", "뉴스\n대통령은 서울 시청에서 연설했다\n"},
                                                {"other", "뉴스\n대통령은 부산에서 연설했다\n"}});
    CHECK(found_files(index, "서울") == Terms{"exact", "compound"});
    CHECK(marked("서울", "대통령은 서울시청에서") == Terms{"서울"});
}

TEST_CASE("a chinese sub-word does not match where its bigrams are scattered", "[search][cjk][bigram]") {
    TempDir dir;
    // 化妆 and 妆包 both occur, but never 化妆包 in a row.
    const fs::path index = index_articles(dir, {{"scattered", "购物\n她买了化妆品，还有一个妆包。\n"},
                                                {"together", "旅行\n她带着小化妆包。\n"}});
    CHECK(found_files(index, "化妆包") == Terms{"together"});
}

TEST_CASE("the highlight marks a sub-word only where its bigrams stand in order", "[highlight][cjk][bigram]") {
    CHECK(marked("化妆包", "她买了化妆品，还有一个妆包。").empty());
    CHECK(marked("化妆包", "她带着小化妆包。") == Terms{"化妆包"});
}

TEST_CASE("halfwidth katakana gives the bigrams of its fullwidth form, voiced marks kept with their kana",
          "[analyzer][cjk][bigram]") {
    CHECK(bigram_terms("ｶﾒﾗ") == Terms{"Gカメ", "Gメラ"});
    CHECK(bigram_terms("ｶﾞｲﾄﾞ") == bigram_terms("ガイド"));
}

TEST_CASE("a fullwidth sub-word query marks the halfwidth katakana it matched", "[highlight][cjk][bigram]") {
    CHECK(marked("メラ", "ｶﾒﾗの価格") == Terms{"ﾒﾗ"});
}
