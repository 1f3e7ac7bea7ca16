#pragma once
/// Finds the byte ranges of a passage that matched a query, from the same Analyzer tokens the
/// index was built from, so highlights never re-guess word boundaries.

#include <cstddef>
#include <string_view>
#include <vector>

#include "pith/export.hpp"
#include "pith/analyzer.hpp"
#include "pith/query.hpp"

namespace pith {

/// A byte range [begin, end) of a passage.
struct ByteRange {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool operator==(const ByteRange&) const = default;
};

/// Ranges of `passage` matched by the positive clauses of `query`: words matched by stem (or by
/// exact term when they have no stem), phrases only where the whole phrase occurs. Sorted,
/// non-overlapping, adjacent ranges kept apart. Throws no pith::Error: any text can be highlighted.
/// Thread-safety: as the Analyzer's (one analyzer per thread).
PITH_EXPORT std::vector<ByteRange> highlight_ranges(const Analyzer& analyzer, const ParsedQuery& query,
                                        std::string_view passage);

}  // namespace pith
