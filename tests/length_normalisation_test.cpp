// BM25 length normalisation at index time (indexer/length_normalisation.hpp): the stored wdfs are
// counts divided by the passage's length factor, searches weigh with b = 0 and scaled k1, and
// the scores shown stay BM25's on raw counts.

#include <catch2/catch.hpp>

#include <random>
#include <string>

#include <xapian.h>

#include "length_normalisation.hpp"
#include "pith/article.hpp"
#include "pith/error.hpp"
#include "pith/index_writer.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using pith::test::TempDir;
using pith::test::write_file;

// BM25's term frequency part on raw counts, with the length factor L.
double raw_tf_part(double k1, double tf, double length_factor) { return (k1 + 1) * tf / (k1 * length_factor + tf); }

// The same part as a search over stored wdfs computes it (b = 0, k1 in wdf units), shown scale.
double stored_tf_part(double k1, Xapian::termcount wdf) {
    const double k = pith::query_k1(k1);
    return (k + 1) * wdf / (k + wdf) * pith::score_scale(k1);
}

Xapian::termcount wdf_of(const Xapian::Document& doc, const std::string& term) {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    REQUIRE(it != doc.termlist_end());
    REQUIRE(*it == term);
    return it.get_wdf();
}

}  // namespace

TEST_CASE("normalised wdfs follow BM25's length factor", "[length-normalisation]") {
    using pith::normalised_wdf;
    // At the reference length L = 1: one occurrence is kWdfScale units, b or not.
    CHECK(normalised_wdf(1, 120, 0.5, 120) == 256);
    CHECK(normalised_wdf(3, 120, 0.75, 120) == 768);
    // Four times the reference, b 0.5: L = 0.5 + 0.5 * 4 = 2.5.
    CHECK(normalised_wdf(2, 480, 0.5, 120) == 205);  // 256 * 2 / 2.5 = 204.8
    // Shorter than half the reference counts as half (Xapian's min_normlen 0.5): L = 0.75.
    CHECK(normalised_wdf(1, 10, 0.5, 120) == 341);  // 341.33
    CHECK(normalised_wdf(1, 60, 0.5, 120) == 341);
    // b = 0: no normalisation at all.
    CHECK(normalised_wdf(5, 100000, 0, 120) == 1280);
    // A term never vanishes, however long its passage.
    CHECK(normalised_wdf(1, 1e9, 1, 1) == 1);
}

TEST_CASE("BM25 with b = 0 over normalised wdfs gives BM25 on raw counts", "[length-normalisation]") {
    std::mt19937 random(11);
    std::uniform_int_distribution<int> counts(1, 12);
    std::uniform_real_distribution<double> lengths(1, 2000);
    for (double k1 : {0.6, 1.2, 2.0}) {
        for (int n = 0; n < 500; ++n) {
            const int tf = counts(random);
            const double length = lengths(random);
            const double b = 0.5, reference = 120;
            const double length_factor = 1 - b + b * std::max(length / reference, pith::kMinNormalisedLength);
            const double raw = raw_tf_part(k1, tf, length_factor);
            const Xapian::termcount wdf = pith::normalised_wdf(tf, length, b, reference);
            const double stored = stored_tf_part(k1, wdf);
            INFO("k1 " << k1 << " tf " << tf << " length " << length << " wdf " << wdf);
            // Only the rounding of the wdf differs: at most half a unit, relative 0.5 / wdf (the
            // tf part moves less than its wdf does).
            CHECK(stored == Approx(raw).epsilon(0.5 / wdf));
        }
    }
}

TEST_CASE("an indexed passage stores its terms' normalised wdfs and the index its b and reference",
          "[length-normalisation]") {
    TempDir dir;
    pith::IndexConfig config = pith::IndexConfig::defaults();
    config.bm25_b = 0.5;
    config.bm25_reference_length = 4;
    write_file(dir / "docs" / "zebra.txt", "Zebra\n\nzebra zebra quagga okapi\n");
    {
        pith::IndexWriter writer(dir / "index", config, pith::OpenMode::update);
        writer.add(pith::read_article(dir / "docs" / "zebra.txt"));
        writer.commit();
    }
    Xapian::Database db((dir / "index").string());
    REQUIRE(db.get_doccount() == 1);
    const Xapian::Document doc = db.get_document(*db.postlist_begin(""));
    // One passage (the title line joins the first paragraph): 5 words, their 5 stems and the
    // title's stem, so dl = 11 and L = 0.5 + 0.5 * 11 / 4 = 1.875.
    CHECK(wdf_of(doc, "zebra") == 410);  // 256 * 3 / 1.875 = 409.6
    CHECK(wdf_of(doc, "Zzebra") == 410);
    CHECK(wdf_of(doc, "okapi") == 137);  // 256 / 1.875 = 136.5
    CHECK(wdf_of(doc, "Szebra") == 137);
    // Positions are the words' own.
    std::vector<Xapian::termpos> positions(db.positionlist_begin(doc.get_docid(), "zebra"),
                                           db.positionlist_end(doc.get_docid(), "zebra"));
    CHECK(positions == std::vector<Xapian::termpos>{1, 2, 3});
    const pith::IndexConfig stored = pith::IndexConfig::from_json(db.get_metadata("pith.config"));
    CHECK(stored.bm25_b == 0.5);
    CHECK(stored.bm25_reference_length == 4);
}

TEST_CASE("an index is not updated with another b or reference length", "[length-normalisation]") {
    TempDir dir;
    write_file(dir / "docs" / "zebra.txt", "Zebra\n\nzebra quagga\n");
    pith::IndexConfig config = pith::IndexConfig::defaults();
    {
        pith::IndexWriter writer(dir / "index", config, pith::OpenMode::update);
        writer.add(pith::read_article(dir / "docs" / "zebra.txt"));
        writer.commit();
    }
    pith::IndexConfig other_b = config;
    other_b.bm25_b = 0.75;
    pith::IndexConfig other_reference = config;
    other_reference.bm25_reference_length = 200;
    for (const pith::IndexConfig& other : {other_b, other_reference}) {
        try {
            pith::IndexWriter writer(dir / "index", other, pith::OpenMode::update);
            FAIL("an index with other length normalisation was opened for update");
        } catch (const pith::IndexError& e) {
            CHECK_THAT(e.what(), Catch::Contains("--rebuild") && Catch::Contains("reference_length"));
        }
    }
    // k1 is applied when searching: another k1 is accepted.
    pith::IndexConfig other_k1 = config;
    other_k1.bm25_k1 = 2;
    CHECK_NOTHROW(pith::IndexWriter(dir / "index", other_k1, pith::OpenMode::update));
}
