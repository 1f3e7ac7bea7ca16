#pragma once
// Stable 64-bit hashes for identifiers and change detection. Not cryptographic: they only need
// to be the same on every machine and run, and to differ when content differs.

#include <cstdint>
#include <string>
#include <string_view>

namespace pith::detail {

std::uint64_t fnv1a64(std::string_view bytes);

// fnv1a64() fed in pieces: a streamed file hashes to the same value as the whole file.
class Fnv1a64 {
  public:
    void update(std::string_view bytes) {
        for (unsigned char c : bytes) {
            hash_ ^= c;
            hash_ *= 0x100000001b3ULL;
        }
    }
    std::uint64_t value() const { return hash_; }

  private:
    std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

// 16 lower-case hex digits.
std::string hex64(std::uint64_t value);

}  // namespace pith::detail
