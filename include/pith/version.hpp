#pragma once
/// Pith's version, at compile time and at run time.
///
/// Stability: within one major version the headers in include/pith/ only grow (new functions,
/// new struct members at the end); the C API in pith.h keeps its ABI. The index format has its
/// own schema version (docs/index-format.md).

#include <string_view>

#include "pith/export.hpp"
#include "pith/version_number.hpp"

/// The version of the headers a program was compiled against ("MAJOR.MINOR.PATCH").
/// PITH_VERSION_MAJOR, PITH_VERSION_MINOR and PITH_VERSION_PATCH hold the parts as numbers.
#define PITH_VERSION PITH_VERSION_STRING

namespace pith {

/// The version of the library the program runs against; compare with PITH_VERSION to detect a
/// header/library mismatch. Thread-safe.
PITH_EXPORT std::string_view version() noexcept;

}  // namespace pith
