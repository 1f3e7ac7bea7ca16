#pragma once
// BM25's length normalisation, applied when a passage is written instead of when it is weighed
// (what Lucene's norms do), so a search never reads Xapian's document-length list.
//
// Why: Xapian's BM25 with b != 0 decodes the length of every passage it weighs; at 1 GB (2.4
// million passages) that was the floor of every query (python3-xapian, a bare term:
// `deprecated` 12.2 ms with b = 0.5, 0.42 ms with b = 0; bench/RESULTS.md).
//
// BM25's term frequency part with length factor L = 1 - b + b * max(dl / reference, 0.5) is
//     (k1 + 1) * tf / (k1 * L + tf)  =  (k1 + 1) * (tf / L) / (k1 + tf / L).
// The stored wdf is w = round(kWdfScale * tf / L) (at least 1); BM25 with b = 0 and
// k1' = kWdfScale * k1 then gives (k1' + 1) * w / (k1' + w), which is the line above times the
// constant (k1' + 1) / (k1 + 1), up to the rounding of w. Pith shows scores divided by that
// constant (score_scale), so they stay those of BM25 on the raw counts.
//
// docs/index-format.md documents the same formulas for programs that weigh without Pith.

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <xapian.h>

namespace pith {

// Stored wdf units per (normalised) occurrence, chosen by measurement (bench/RESULTS.md): on the
// 30 bench queries at 10 MB, against 4096 (rounding negligible), 16 replaced 5 of 283 top-10
// hits and reordered 16 top-10s, 64 replaced 1 and reordered 4, 256 replaced none and reordered
// 2 (ties); the index grows with the wdfs' bytes: 55.1 MB as raw counts, 56.1 (16), 56.3 (64),
// 59.2 (256), 59.5 MB (4096). Changing it changes the schema.
inline constexpr double kWdfScale = 256;

// The floor of dl / reference (Xapian's min_normlen, the same 0.5 Pith weighed with before):
// passages much shorter than the reference are not rewarded without limit.
inline constexpr double kMinNormalisedLength = 0.5;

// The wdf stored for a term occurring `count` times in a passage of `length` (the sum of the
// counts of all its weighed terms, what Xapian counts as the document length).
inline Xapian::termcount normalised_wdf(Xapian::termcount count, double length, double b, double reference_length) {
    const double normalised_length = std::max(length / reference_length, kMinNormalisedLength);
    const double length_factor = 1 - b + b * normalised_length;
    const double scaled = std::round(kWdfScale * count / length_factor);
    return static_cast<Xapian::termcount>(std::clamp(scaled, 1.0, 4e9));
}

// The k1 a search over normalised wdfs weighs with (BM25 with b = 0).
inline double query_k1(double k1) { return kWdfScale * k1; }

// What Xapian's weights over normalised wdfs are multiplied by to be BM25's on raw counts.
inline double score_scale(double k1) { return (k1 + 1) / (query_k1(k1) + 1); }

}  // namespace pith
