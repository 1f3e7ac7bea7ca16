// The C API (include/pith/pith.h) over the C++ library. Every entry point catches everything:
// a C++ exception unwinding into C (or into Python's ctypes) is undefined behaviour.

#include "pith/pith.h"

#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string>

#include <sys/stat.h>

#include "article_stream.hpp"
#include "pith/article.hpp"
#include "pith/config.hpp"
#include "pith/error.hpp"
#include "pith/index_compaction.hpp"
#include "pith/index_writer.hpp"
#include "pith/searcher.hpp"
#include "pith/sharded_index_writer.hpp"
#include "pith/version.hpp"

struct pith_searcher {
    pith::Searcher searcher;
};

struct pith_results {
    pith::SearchResults results;
};

// A sharded writer with "keep the layout" also serves single indexes, so C programs can add to
// an index whatever pith-index --shards made of it.
struct pith_writer {
    pith::ShardedIndexWriter writer;
};

namespace {

// Per thread, so concurrent searchers never see each other's messages.
thread_local std::string last_error_message;
thread_local std::size_t last_error_column = 0;

pith_status_t fail(pith_status_t status, std::string message, std::size_t column = 0) {
    last_error_message = std::move(message);
    last_error_column = column;
    return status;
}

// Maps the exception in flight to a status and records its message. Call only from a catch block.
pith_status_t fail_with_current_exception() {
    try {
        throw;
    } catch (const pith::QueryError& e) {
        return fail(PITH_STATUS_QUERY_ERROR, e.what(), e.column());
    } catch (const pith::IndexNotFound& e) {
        return fail(PITH_STATUS_INDEX_NOT_FOUND, e.what());
    } catch (const pith::IndexError& e) {
        return fail(PITH_STATUS_INDEX_ERROR, e.what());
    } catch (const pith::ConfigError& e) {
        return fail(PITH_STATUS_CONFIG_ERROR, e.what());
    } catch (const pith::InputError& e) {
        return fail(PITH_STATUS_INPUT_ERROR, e.what());
    } catch (const std::bad_alloc&) {
        return fail(PITH_STATUS_OUT_OF_MEMORY, "out of memory");
    } catch (const std::exception& e) {
        return fail(PITH_STATUS_INTERNAL_ERROR, std::string("internal error: ") + e.what());
    } catch (...) {
        return fail(PITH_STATUS_INTERNAL_ERROR, "internal error: unknown exception");
    }
}

pith_status_t null_argument(const char* function, const char* argument) {
    return fail(PITH_STATUS_INVALID_ARGUMENT, std::string(function) + ": " + argument + " must not be NULL");
}

const pith::Hit* hit_at(const pith_results_t* results, size_t i) {
    if (results == nullptr || i >= results->results.hits.size()) return nullptr;
    return &results->results.hits[i];
}

// A text file above indexing.stream_above_mb is streamed, as pith-index does (into a single
// index; a sharded one reads every file whole), so its memory stays bounded.
pith::AddOutcome add_file(pith::ShardedIndexWriter& writer, const char* file_path) {
    struct stat info {};
    const double limit = writer.config().stream_above_mb * (1 << 20);
    if (writer.shard_count() == 1 && ::stat(file_path, &info) == 0 && S_ISREG(info.st_mode) &&
        static_cast<double>(info.st_size) > limit) {
        pith::detail::ArticleStream stream(file_path, pith::InputFormat::text, nullptr,
                                           pith::detail::hash_file(file_path),
                                           pith::detail::window_bytes(writer.config().stream_above_mb));
        return pith::detail::add_streamed(writer, stream, [](std::uint64_t) { return true; }, nullptr);
    }
    return writer.add(pith::read_article(file_path));
}

}  // namespace

extern "C" {

const char* pith_version(void) {
    // version() views a string literal, so its data is NUL-terminated.
    return pith::version().data();
}

const char* pith_status_to_string(pith_status_t status) {
    switch (status) {
        case PITH_OK: return "success";
        case PITH_STATUS_INDEX_NOT_FOUND: return "index not found";
        case PITH_STATUS_INDEX_ERROR: return "index cannot be used";
        case PITH_STATUS_QUERY_ERROR: return "malformed query";
        case PITH_STATUS_CONFIG_ERROR: return "invalid configuration";
        case PITH_STATUS_INPUT_ERROR: return "input file cannot be read";
        case PITH_STATUS_INVALID_ARGUMENT: return "invalid argument";
        case PITH_STATUS_OUT_OF_MEMORY: return "out of memory";
        case PITH_STATUS_INTERNAL_ERROR: return "internal error";
    }
    return "unknown status";
}

const char* pith_last_error_message(void) { return last_error_message.c_str(); }

size_t pith_last_error_column(void) { return last_error_column; }

pith_status_t pith_searcher_open(const char* index_path, pith_searcher_t** out) {
    if (out == nullptr) return null_argument("pith_searcher_open", "out");
    *out = nullptr;
    if (index_path == nullptr) return null_argument("pith_searcher_open", "index_path");
    try {
        *out = new pith_searcher{pith::Searcher(index_path)};
        return PITH_OK;
    } catch (...) {
        return fail_with_current_exception();
    }
}

void pith_searcher_close(pith_searcher_t* searcher) { delete searcher; }

pith_status_t pith_searcher_search(pith_searcher_t* searcher, const char* query, size_t limit,
                                   size_t per_article, pith_results_t** out) {
    if (out == nullptr) return null_argument("pith_searcher_search", "out");
    *out = nullptr;
    if (searcher == nullptr) return null_argument("pith_searcher_search", "searcher");
    if (query == nullptr) return null_argument("pith_searcher_search", "query");
    try {
        pith::SearchOptions options;
        options.limit = limit;
        options.per_article = per_article;
        *out = new pith_results{searcher->searcher.search(query, options)};
        return PITH_OK;
    } catch (...) {
        return fail_with_current_exception();
    }
}

size_t pith_results_count(const pith_results_t* results) {
    return results == nullptr ? 0 : results->results.hits.size();
}

uint64_t pith_results_matches_estimated(const pith_results_t* results) {
    return results == nullptr ? 0 : results->results.matches_estimated;
}

void pith_results_free(pith_results_t* results) { delete results; }

double pith_hit_score(const pith_results_t* results, size_t i) {
    const pith::Hit* hit = hit_at(results, i);
    return hit ? hit->score : 0.0;
}

const char* pith_hit_article_id(const pith_results_t* results, size_t i) {
    const pith::Hit* hit = hit_at(results, i);
    return hit ? hit->article_id.c_str() : nullptr;
}

const char* pith_hit_path(const pith_results_t* results, size_t i) {
    const pith::Hit* hit = hit_at(results, i);
    return hit ? hit->path.c_str() : nullptr;
}

const char* pith_hit_title(const pith_results_t* results, size_t i) {
    const pith::Hit* hit = hit_at(results, i);
    return hit ? hit->title.c_str() : nullptr;
}

const char* pith_hit_passage(const pith_results_t* results, size_t i) {
    const pith::Hit* hit = hit_at(results, i);
    return hit ? hit->passage.c_str() : nullptr;
}

size_t pith_hit_passage_index(const pith_results_t* results, size_t i) {
    const pith::Hit* hit = hit_at(results, i);
    return hit ? hit->passage_index : 0;
}

size_t pith_hit_highlight_count(const pith_results_t* results, size_t i) {
    const pith::Hit* hit = hit_at(results, i);
    return hit ? hit->highlights.size() : 0;
}

pith_status_t pith_hit_highlight(const pith_results_t* results, size_t i, size_t j, size_t* begin, size_t* end) {
    if (begin == nullptr || end == nullptr) return null_argument("pith_hit_highlight", "begin and end");
    const pith::Hit* hit = hit_at(results, i);
    if (hit == nullptr || j >= hit->highlights.size())
        return fail(PITH_STATUS_INVALID_ARGUMENT, "pith_hit_highlight: hit " + std::to_string(i) + ", highlight " +
                                                      std::to_string(j) + " is out of range");
    *begin = hit->highlights[j].begin;
    *end = hit->highlights[j].end;
    return PITH_OK;
}

pith_status_t pith_writer_open(const char* index_path, const char* config_file, int rebuild, pith_writer_t** out) {
    if (out == nullptr) return null_argument("pith_writer_open", "out");
    *out = nullptr;
    if (index_path == nullptr) return null_argument("pith_writer_open", "index_path");
    try {
        std::optional<pith::IndexConfig> config;
        if (config_file != nullptr) config = pith::IndexConfig::load(config_file);
        *out = new pith_writer{pith::ShardedIndexWriter(index_path, 0, config,
                                                        rebuild ? pith::OpenMode::rebuild : pith::OpenMode::update)};
        return PITH_OK;
    } catch (...) {
        return fail_with_current_exception();
    }
}

pith_status_t pith_writer_add_file(pith_writer_t* writer, const char* file_path, pith_add_outcome_t* outcome) {
    if (writer == nullptr) return null_argument("pith_writer_add_file", "writer");
    if (file_path == nullptr) return null_argument("pith_writer_add_file", "file_path");
    try {
        pith::AddOutcome done = add_file(writer->writer, file_path);
        if (outcome != nullptr)
            *outcome = done == pith::AddOutcome::added      ? PITH_ADDED
                       : done == pith::AddOutcome::replaced ? PITH_REPLACED
                                                            : PITH_UNCHANGED;
        return PITH_OK;
    } catch (...) {
        return fail_with_current_exception();
    }
}

pith_status_t pith_writer_commit(pith_writer_t* writer) {
    if (writer == nullptr) return null_argument("pith_writer_commit", "writer");
    try {
        writer->writer.commit();
        return PITH_OK;
    } catch (...) {
        return fail_with_current_exception();
    }
}

pith_status_t pith_writer_close(pith_writer_t* writer) {
    if (writer == nullptr) return PITH_OK;
    pith_status_t status = pith_writer_commit(writer);
    delete writer;
    return status;
}

pith_status_t pith_compact_index(const char* index_path, uint64_t* bytes_before, uint64_t* bytes_after) {
    if (index_path == nullptr) return null_argument("pith_compact_index", "index_path");
    try {
        const pith::CompactionReport report = pith::compact_index(index_path);
        if (bytes_before != nullptr) *bytes_before = report.bytes_before;
        if (bytes_after != nullptr) *bytes_after = report.bytes_after;
        return PITH_OK;
    } catch (...) {
        return fail_with_current_exception();
    }
}

}  // extern "C"
