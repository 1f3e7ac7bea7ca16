/* Pith's C API: the index and search for programs in C and in other languages (Python's ctypes,
 * Go's cgo, Rust's FFI…).
 *
 * Shape (as notmuch and SQLite): opaque handles, every fallible call returns a pith_status_t,
 * and no C++ exception ever crosses this boundary. When a call fails, pith_last_error_message()
 * gives a sentence a person can act on (what failed, where, what to do); it is kept per thread
 * until that thread's next failing call.
 *
 * Thread-safety: a handle may be used by one thread at a time. Any number of searchers (one per
 * thread) may read one index while one writer adds to it and commits.
 *
 * Strings are UTF-8 and NUL-terminated. Strings returned by pith_hit_* belong to the results
 * and stay valid until pith_results_free(). */
#ifndef PITH_PITH_H
#define PITH_PITH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* libpith.so is built with hidden visibility; these declarations are its C ABI. */
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC visibility push(default)
#endif

/* The C API level of this header; raised when a function is added. See pith_version() for the
 * library version. */
#define PITH_C_API_VERSION 2

typedef enum pith_status {
    PITH_OK = 0,
    /* No index at the given path. */
    PITH_STATUS_INDEX_NOT_FOUND = 1,
    /* The index exists but cannot be used: locked by another writer, corrupt, another schema
     * version, conflicting configuration, or a Xapian failure while reading or writing. */
    PITH_STATUS_INDEX_ERROR = 2,
    /* The query is malformed; pith_last_error_column() tells where. */
    PITH_STATUS_QUERY_ERROR = 3,
    /* A configuration file is missing or invalid. */
    PITH_STATUS_CONFIG_ERROR = 4,
    /* An input article cannot be read (missing, empty, binary). */
    PITH_STATUS_INPUT_ERROR = 5,
    /* A NULL handle or string, or an out-of-range hit index, was passed. */
    PITH_STATUS_INVALID_ARGUMENT = 6,
    /* Memory ran out. */
    PITH_STATUS_OUT_OF_MEMORY = 7,
    /* A failure Pith did not anticipate; the message says what the library reported. */
    PITH_STATUS_INTERNAL_ERROR = 8
} pith_status_t;

/* What pith_writer_add_file() did with a file. */
typedef enum pith_add_outcome {
    PITH_ADDED = 0,
    PITH_REPLACED = 1,
    PITH_UNCHANGED = 2
} pith_add_outcome_t;

typedef struct pith_searcher pith_searcher_t;
typedef struct pith_results pith_results_t;
typedef struct pith_writer pith_writer_t;

/* The library's version ("MAJOR.MINOR.PATCH"). Never NULL. */
const char *pith_version(void);

/* A short constant description of a status ("index not found"). Never NULL. */
const char *pith_status_to_string(pith_status_t status);

/* The message of this thread's last failing call, or "" when none failed. Valid until this
 * thread's next failing call. */
const char *pith_last_error_message(void);

/* For PITH_STATUS_QUERY_ERROR: the 1-based character column of the fault in the query, or 0
 * when it concerns the whole query. 0 after any other failure. */
size_t pith_last_error_column(void);

/* ---- Searching -------------------------------------------------------------------------- */

/* Opens the index (a directory or a Xapian stub file) read-only; *out receives the handle.
 * Errors: INDEX_NOT_FOUND, INDEX_ERROR, INVALID_ARGUMENT. */
pith_status_t pith_searcher_open(const char *index_path, pith_searcher_t **out);

/* Closes the searcher. NULL is ignored. Results obtained from it remain valid. */
void pith_searcher_close(pith_searcher_t *searcher);

/* Runs `query` (the pith-search query language: words, "phrases", OR, -excluded) and returns at
 * most `limit` passages, at most `per_article` from each article (0: no limit per article).
 * Errors: QUERY_ERROR (see pith_last_error_column), INDEX_ERROR, INVALID_ARGUMENT. */
pith_status_t pith_searcher_search(pith_searcher_t *searcher, const char *query, size_t limit,
                                   size_t per_article, pith_results_t **out);

/* Number of hits (0 when nothing matched: not an error). */
size_t pith_results_count(const pith_results_t *results);
/* Xapian's estimate of the number of matching passages before the per-article collapse. */
uint64_t pith_results_matches_estimated(const pith_results_t *results);
void pith_results_free(pith_results_t *results);

/* Fields of hit `i` (0-based, best first). An out-of-range `i` or NULL results yields NULL / 0. */
double pith_hit_score(const pith_results_t *results, size_t i);
const char *pith_hit_article_id(const pith_results_t *results, size_t i);
const char *pith_hit_path(const pith_results_t *results, size_t i);
const char *pith_hit_title(const pith_results_t *results, size_t i);
const char *pith_hit_passage(const pith_results_t *results, size_t i);
/* 0-based ordinal of the passage in its article. */
size_t pith_hit_passage_index(const pith_results_t *results, size_t i);
/* Matched byte ranges within pith_hit_passage(): their number, and range `j` as [begin, end).
 * pith_hit_highlight returns INVALID_ARGUMENT for an out-of-range i or j. */
size_t pith_hit_highlight_count(const pith_results_t *results, size_t i);
pith_status_t pith_hit_highlight(const pith_results_t *results, size_t i, size_t j, size_t *begin,
                                 size_t *end);

/* ---- Indexing --------------------------------------------------------------------------- */

/* Opens or creates the index at `index_path` for writing (a single index, or every shard of an
 * index made with pith-index --shards; a new index is a single one). `config_file` is a TOML index
 * configuration or NULL for the built-in one (an existing index keeps its own); `rebuild`
 * non-zero discards the index's content. Only one writer per index at a time.
 * Errors: INDEX_ERROR (locked, corrupt, other schema, config conflict), CONFIG_ERROR. */
pith_status_t pith_writer_open(const char *index_path, const char *config_file, int rebuild,
                               pith_writer_t **out);

/* Reads a UTF-8 text file as one article and indexes its passages; `outcome` (may be NULL)
 * tells whether it was added, replaced or unchanged. A file above the index's
 * indexing.stream_above_mb is streamed (a single index only): written in windows over several
 * commits (this call commits the pending batch first), invisible to searchers until complete.
 * Errors: INPUT_ERROR, INDEX_ERROR. */
pith_status_t pith_writer_add_file(pith_writer_t *writer, const char *file_path,
                                   pith_add_outcome_t *outcome);

/* Makes everything added so far durable and visible to searchers. Errors: INDEX_ERROR. */
pith_status_t pith_writer_commit(pith_writer_t *writer);

/* Commits and closes the writer (releasing the index's lock). NULL is ignored (PITH_OK). The
 * handle is freed even when the final commit fails. */
pith_status_t pith_writer_close(pith_writer_t *writer);

/* Compacts the index at `index_path` (every shard of a sharded one) in place, as
 * pith-index --compact does: about half the size after incremental writes. Crash-safe: the
 * compacted copy is built beside the index and swapped in atomically, so a kill leaves the old
 * or the new index. Searchers already open keep reading the old files until reopened. Takes the
 * index's write lock: fails with INDEX_ERROR while a writer is open. `bytes_before` and
 * `bytes_after` (each may be NULL) receive the index's size on disk. Since API level 2.
 * Errors: INDEX_NOT_FOUND, INDEX_ERROR (locked, corrupt, out of disk space: the index is left
 * as it was). */
pith_status_t pith_compact_index(const char *index_path, uint64_t *bytes_before, uint64_t *bytes_after);

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif /* PITH_PITH_H */
