#pragma once
/// The whole indexing run behind pith-index: collect the files, skip the unchanged ones on a
/// stat (or on their content hash), read and analyze the rest on worker threads, write them from
/// one thread in batched transactions (a build into an empty index: from several, into shards
/// merged at the end), remove vanished and renamed articles, report progress.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pith/article_formats.hpp"
#include "pith/config.hpp"
#include "pith/export.hpp"
#include "pith/index_compaction.hpp"

namespace pith {

struct IndexerOptions {
    /// Files and directories to index (see collect_article_files()); "-" reads standard input.
    std::vector<std::filesystem::path> inputs;
    /// Format of every input; detect: by extension, then by content.
    InputFormat format = InputFormat::detect;
    /// false: index every line, ignoring the configuration's [cleaning] rules, for this run.
    bool clean = true;
    std::filesystem::path index_dir = ".pith";
    /// Configuration for a new index (or a changed one with `rebuild`); nullopt: the stored one,
    /// or the built-in defaults for a new index.
    std::optional<IndexConfig> config;
    /// Discard the index's content first.
    bool rebuild = false;
    /// Number of shards (see ShardedIndexWriter): 0 keeps the index's layout.
    std::size_t shards = 0;
    /// Remove articles whose files no longer exist (only those under `inputs`' directories or
    /// named in `inputs`).
    bool prune = false;
    /// Threads that read and analyze; 0 means the number of cores. Results do not depend on it.
    unsigned jobs = 0;
    /// Writers of a build into an empty index (a new directory, or `rebuild` of a single index):
    /// N ≥ 2 write runs of consecutive files in parallel into N shards, merged into one database
    /// at the end (always, whatever `compaction` says: the merge is a compaction); 1 writes with
    /// one writer; 0 picks min(jobs, 4) when there are at least 4 MB to read. The index is the
    /// same either way (docs/architecture.md, "Parallel build").
    unsigned writers = 0;
    /// How long to wait for another writer to release the index; 0 fails at once.
    double lock_wait_seconds = 0;
    /// Set (from a signal handler, say) to stop: the current batch is committed (a streamed file
    /// being written is dropped, nothing of it kept) and run() returns with
    /// IndexSummary::interrupted set.
    const std::atomic<bool>* stop = nullptr;
    /// When to compact the index at the end (compact_index()): after a run that filled an empty
    /// index (a new one, or --rebuild), always, or never.
    enum class Compaction { after_full_build, always, never };
    Compaction compaction = Compaction::after_full_build;
};

/// Where a run is, for a progress display.
struct IndexProgress {
    std::size_t files_done = 0;
    std::size_t files_total = 0;
    std::uint64_t bytes_done = 0;
    std::uint64_t bytes_total = 0;
    double seconds = 0;
};

struct IndexSummary {
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    std::size_t removed = 0;
    /// Files skipped with a warning (unreadable, binary, empty, not a regular file…), and broken
    /// JSON Lines records.
    std::size_t skipped = 0;
    /// Boilerplate lines the cleaner dropped from the articles that were indexed.
    std::size_t dropped_lines = 0;
    /// Files indexed with invalid UTF-8 replaced by U+FFFD (also warned about).
    std::size_t invalid_utf8_files = 0;
    /// Renamed articles: removed at their old path because the same content appeared at a new one.
    std::size_t renamed = 0;
    std::size_t passages = 0;
    /// Bytes of the files that were read (unchanged files skipped on a stat are not read).
    std::uint64_t bytes_read = 0;
    std::size_t files_found = 0;
    double seconds = 0;
    /// The run was stopped through IndexerOptions::stop; what was done is committed.
    bool interrupted = false;
    /// Set when the run compacted the index (IndexerOptions::compaction); its sizes and time.
    bool compacted = false;
    CompactionReport compaction;
};

struct IndexerCallbacks {
    /// One line naming a file (or path) and the problem; the run goes on.
    std::function<void(const std::string& message)> warn;
    /// Called once when the index is locked by another writer and the run starts waiting for it
    /// (lock_wait_seconds > 0).
    std::function<void(const std::string& message)> waiting;
    /// Called (like warn) from the thread that called run_indexer(), after each file, and after
    /// each window of a streamed file (bytes_done then counts the bytes streamed so far), at most
    /// every ~100 ms plus once at the end.
    std::function<void(const IndexProgress& progress)> progress;
};

/// Runs one indexing pass.
/// @throws pith::IndexLocked when another writer holds the index beyond lock_wait_seconds;
///         pith::IndexError, pith::ConfigError for fatal problems (nothing committed is lost).
PITH_EXPORT IndexSummary run_indexer(const IndexerOptions& options, const IndexerCallbacks& callbacks = {});

}  // namespace pith
