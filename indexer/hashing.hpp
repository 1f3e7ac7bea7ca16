#pragma once
// Stable 64-bit hashes for identifiers and change detection. Not cryptographic: they only need
// to be the same on every machine and run, and to differ when content differs.

#include <cstdint>
#include <string>
#include <string_view>

namespace pith::detail {

std::uint64_t fnv1a64(std::string_view bytes);

// 16 lower-case hex digits.
std::string hex64(std::uint64_t value);

}  // namespace pith::detail
