#pragma once
// A build into an empty index by several writers at once (docs/architecture.md, "Parallel
// build"). One Xapian writer is the pace of a build (the analysis threads idle behind it), so the
// files are cut into N runs of consecutive files, each written by its own thread into its own
// shard: `index_dir`/shard-0 … shard-(N-1), listed in a stub exactly like a sharded index, so
// searchers see every committed article while the build runs or after it was killed. At the end
// the shards are compacted, in order, into one ordinary database that replaces the stub in one
// atomic rename. Run k's documents follow run k-1's, so document ids, statistics and therefore
// every search equal those of a one-writer build.
//
// The one decision that needs earlier articles, near-duplicates, is left out by the writers of
// runs 1 … N-1 and taken at the merge, in document order, by the rules a single writer applies
// (IndexWriter's settle step).

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "pith/config.hpp"
#include "pith/index_compaction.hpp"
#include "pith/index_writer.hpp"

namespace pith::detail {

// The stub of a parallel build starts with this line: a sharded index whose articles lie in the
// shard of their run, not of their hash, and which every writer merges before it adds anything.
inline constexpr std::string_view kParallelBuildStubHeader =
    "# pith-index parallel build: shards in file order, merged into one database when the build ends";

// Whether `index_dir` holds the shards of a parallel build that were not merged yet (a killed
// or interrupted build).
bool is_unmerged_parallel_build(const std::filesystem::path& index_dir);

// Removes the shards a writer killed while creating them left without the stub that lists
// them (a parallel build's or a --shards build's): they hold no article, since the stub is
// written before the first. @returns whether there were such shards (the directory is now empty).
bool remove_unlisted_shards(const std::filesystem::path& index_dir);

// Whether a build into `index_dir` starts from nothing: the directory is missing or empty, or
// empty but for shards remove_unlisted_shards() removes, or `rebuild` and it holds a single index (a sharded one keeps its layout).
bool can_build_in_parallel(const std::filesystem::path& index_dir, bool rebuild);

// Creates `writers` empty shards and the stub in `index_dir` (which can_build_in_parallel()
// accepted; a single index being rebuilt is replaced in one atomic rename first) and returns
// their writers, shard order. Near-duplicate decisions are deferred in all but the first.
// @throws pith::IndexLocked when another writer holds the index; pith::IndexError
std::vector<std::unique_ptr<IndexWriter>> start_parallel_build(const std::filesystem::path& index_dir,
                                                               std::size_t writers,
                                                               const std::optional<IndexConfig>& config,
                                                               bool rebuild);

// Merges the shards of a parallel build into one database at `index_dir`, crash-safely: built
// and checked beside it (`<index>.compacting`), synced, swapped in by one atomic rename. Killed
// before the swap, the stub and its shards are still there for the next writer to merge.
// `held`: the build's own writers (committed), which keep the shards locked throughout; empty:
// the shards are locked here.
// @throws pith::IndexLocked when another writer holds a shard; pith::IndexError
CompactionReport merge_parallel_build(const std::filesystem::path& index_dir,
                                      std::vector<std::unique_ptr<IndexWriter>> held = {});

}  // namespace pith::detail
