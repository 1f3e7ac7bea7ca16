#pragma once
/// Compaction of a Pith index: Xapian's B-trees are left about a third empty by incremental
/// writes; compacting rewrites them full, for an index about half the size (bench/RESULTS.md).

#include <cstdint>
#include <filesystem>

#include "pith/export.hpp"

namespace pith {

struct CompactionReport {
    /// Bytes of the index's files before and after (all shards of a sharded index).
    std::uint64_t bytes_before = 0;
    std::uint64_t bytes_after = 0;
    double seconds = 0;
};

/// Compacts the index at `index_dir` (every shard of a sharded one) in place, crash-safely: the
/// compacted copy is built beside the index (`<index>.compacting`, on the same file system),
/// checked, synced to disk, then swapped with the index in one atomic rename; killed at any
/// moment, the directory holds either the old or the compacted index, each with every committed
/// article. Readers that have the index open keep reading the old files until they reopen.
/// Holds the index's write lock throughout, so no writer commits to the copy being replaced.
/// @throws pith::IndexNotFound when there is no index; pith::IndexLocked when a writer holds it;
///         pith::IndexError when compaction fails (the index is left as it was).
PITH_EXPORT CompactionReport compact_index(const std::filesystem::path& index_dir);

}  // namespace pith
