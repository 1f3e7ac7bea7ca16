#pragma once
// The file-system steps that make an index replacement crash-safe: syncing a finished copy to
// disk and swapping it with the index in one atomic rename (compaction, the merge of a parallel
// build, a parallel rebuild). Shared so each of them does it the same, tested way.

#include <cstdint>
#include <filesystem>
#include <string>

namespace pith::detail {

// `dir` with `suffix` appended to its last component: a sibling on the same file system, so it
// can be renamed into `dir`'s place.
std::filesystem::path sibling(const std::filesystem::path& dir, const char* suffix);

// Bytes of every regular file under `dir`.
std::uint64_t bytes_on_disk(const std::filesystem::path& dir);

// fsync of `path` opened with `flags`. @throws pith::IndexError
void fsync_path(const std::filesystem::path& path, int flags);

// Every file of `dir` (recursively) and the directories themselves on disk: a power cut after a
// swap must not find half-written tables. @throws pith::IndexError
void sync_tree(const std::filesystem::path& dir);

// Swaps two directories in one atomic renameat2(RENAME_EXCHANGE) and syncs their parent: a crash
// leaves either one at each name, never neither. `what` names the operation in the error.
// @throws pith::IndexError (nothing swapped)
void exchange_directories(const std::filesystem::path& replacement, const std::filesystem::path& dir, const char* what);

// Writes a Xapian stub file at `stub` listing `shard-0` … `shard-(shards-1)` after the comment
// lines `header`, aside first and renamed into place, so a searcher never opens a half-written
// list. @throws pith::IndexError
void write_shard_list(const std::filesystem::path& stub, const std::string& header, std::size_t shards);

}  // namespace pith::detail
