// The index as a public format: an index written by another schema version is refused by the
// real binaries with a message that says which side is newer and what to do.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <xapian.h>

#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using pith::test::RunResult;
using pith::test::TempDir;
using pith::test::run;

const fs::path kSamples = (fs::path(PITH_SOURCE_DIR) / "docs" / "samples").lexically_normal();

// An index of docs/samples/ whose pith.schema metadata then says `version`.
fs::path index_with_schema(const TempDir& dir, const std::string& version) {
    const fs::path index = dir / "index";
    REQUIRE(run({PITH_INDEX_BIN, "--quiet", "--index", index.string(), kSamples.string()}).exit_code == 0);
    Xapian::WritableDatabase db(index.string(), Xapian::DB_OPEN);
    db.set_metadata("pith.schema", version);
    db.commit();
    return index;
}

}  // namespace

TEST_CASE("pith-search refuses an index from a newer Pith and says to upgrade", "[format]") {
    TempDir dir;
    const fs::path index = index_with_schema(dir, "5");
    const RunResult result = run({PITH_SEARCH_BIN, "--index", index.string(), "canola"});
    INFO(result.err);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("newer Pith (schema version 5, pith-search reads version 4)") &&
                               Catch::Contains("upgrade Pith") && Catch::Contains(index.string()));
    CHECK(result.out.empty());
}

TEST_CASE("pith-search refuses an index from an older Pith and says to rebuild", "[format]") {
    TempDir dir;
    const fs::path index = index_with_schema(dir, "0");
    const RunResult result = run({PITH_SEARCH_BIN, "--index", index.string(), "canola"});
    INFO(result.err);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("older Pith (schema version 0") && Catch::Contains("pith-index --rebuild"));
}

TEST_CASE("pith-index refuses to add to an index of another schema version but rebuilds it", "[format]") {
    TempDir dir;
    const fs::path index = index_with_schema(dir, "5");
    const RunResult update = run({PITH_INDEX_BIN, "--index", index.string(), kSamples.string()});
    INFO(update.err);
    CHECK(update.exit_code == 2);
    CHECK_THAT(update.err, Catch::Contains("newer Pith (schema version 5, pith-index reads version 4)"));

    const RunResult rebuild = run({PITH_INDEX_BIN, "--quiet", "--rebuild", "--index", index.string(), kSamples.string()});
    INFO(rebuild.err);
    CHECK(rebuild.exit_code == 0);
    CHECK(run({PITH_SEARCH_BIN, "--index", index.string(), "canola"}).exit_code == 0);
}

TEST_CASE("an unreadable schema version is reported as unknown", "[format]") {
    TempDir dir;
    const fs::path index = index_with_schema(dir, "1.5-beta");
    const RunResult result = run({PITH_SEARCH_BIN, "--index", index.string(), "canola"});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("unknown schema version '1.5-beta'"));
}
