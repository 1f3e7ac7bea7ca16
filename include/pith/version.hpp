#pragma once
/// Pith's version, at compile time and at run time.

#include <string_view>

#ifndef PITH_VERSION_STRING
#define PITH_VERSION_STRING "0.1.0"
#endif

/// The version of the headers a program was compiled against ("MAJOR.MINOR.PATCH").
#define PITH_VERSION PITH_VERSION_STRING

namespace pith {

/// The version of the library the program runs against; compare with PITH_VERSION to detect a
/// header/library mismatch.
std::string_view version() noexcept;

}  // namespace pith
