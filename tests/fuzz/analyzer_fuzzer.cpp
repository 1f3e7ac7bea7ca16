// libFuzzer target for the Analyzer: any bytes in, no crash, no exception, and the offset
// invariants the index and the highlighter rely on. Build (clang only):
//   cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DPITH_BUILD_FUZZERS=ON -DPITH_BUILD_TESTS=OFF
//   make -C build-fuzz pith-analyzer-fuzzer && build-fuzz/tests/fuzz/pith-analyzer-fuzzer -max_total_time=60

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <unicode/utf8.h>

#include "pith/analyzer.hpp"

namespace {

bool on_character_boundary(std::string_view text, std::size_t offset) {
    if (offset == 0 || offset == text.size()) return true;
    // Walk from the start: the offset must be where a UTF-8 reader begins a character.
    int32_t at = 0;
    const auto length = static_cast<int32_t>(text.size());
    while (at < length && static_cast<std::size_t>(at) < offset) {
        UChar32 c;
        U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), at, length, c);
        (void)c;
    }
    return static_cast<std::size_t>(at) == offset;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static pith::Analyzer analyzer(pith::IndexConfig::defaults());
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        for (const pith::Token& token : analyzer.analyze(text)) {
            if (token.begin >= token.end || token.end > size || token.term.empty() || token.term.size() > 240 ||
                !on_character_boundary(text, token.begin) || !on_character_boundary(text, token.end))
                std::abort();
        }
    } catch (...) {
        std::abort();  // nothing may escape the analyzer
    }
    return 0;
}
