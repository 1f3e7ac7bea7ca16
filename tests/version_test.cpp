// The version is one fact seen three ways: the PITH_VERSION macro (headers), pith::version()
// (the library) and pith_version() (the C API).

#include <catch2/catch.hpp>

#include <string>

#include "pith/pith.h"
#include "pith/version.hpp"

TEST_CASE("the header version and the library version agree", "[version]") {
    CHECK(pith::version() == PITH_VERSION);
    CHECK(std::string(pith_version()) == PITH_VERSION);
}

TEST_CASE("PITH_VERSION is MAJOR.MINOR.PATCH made of the numeric version macros", "[version]") {
    const std::string expected = std::to_string(PITH_VERSION_MAJOR) + "." + std::to_string(PITH_VERSION_MINOR) + "." +
                                 std::to_string(PITH_VERSION_PATCH);
    CHECK(std::string(PITH_VERSION) == expected);
}
