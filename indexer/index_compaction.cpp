#include "pith/index_compaction.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>  // renameat2, RENAME_EXCHANGE (glibc, Linux 3.15+)
#include <cstring>
#include <regex>
#include <string>
#include <vector>

#include <xapian.h>

#include "pith/error.hpp"
#include "pith/sharded_index_writer.hpp"
#include "durable_files.hpp"
#include "parallel_build.hpp"
#include "schema.hpp"
#include "schema_version.hpp"

namespace pith {
namespace {

namespace fs = std::filesystem;

using detail::bytes_on_disk;
using detail::fsync_path;
using detail::sibling;
using detail::sync_tree;

Xapian::WritableDatabase lock_index(const fs::path& dir) {
    try {
        return Xapian::WritableDatabase(dir.string(), Xapian::DB_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexLocked("index '" + dir.string() +
                          "' is being written by another pith-index; compact it once that has finished");
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw IndexNotFound("'" + dir.string() + "' holds no Pith index (" + e.get_msg() + ")");
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot open index '" + dir.string() + "' to compact it: " + e.get_description());
    }
}

// Compacts one Xapian database directory (a single index or one shard) in place.
void compact_database(const fs::path& dir) {
    Xapian::WritableDatabase lock = lock_index(dir);
    const std::string version = lock.get_metadata(std::string(schema::kMetaSchema));
    if (version.empty()) throw IndexError("'" + dir.string() + "' is a Xapian database but not a Pith index");
    if (version != schema::kSchemaVersion) throw IndexError(schema::version_mismatch_message(dir, version, "pith-index"));

    // The compacted copy before the swap, the old index after it.
    const fs::path copy = sibling(dir, ".compacting");
    // Leftover of a compaction killed earlier: nobody else touches it while we hold the lock.
    std::error_code ec;
    fs::remove_all(copy, ec);
    auto discard_copy = [&] { fs::remove_all(copy, ec); };

    try {
        Xapian::Database source(dir.string());
        // Document ids kept: nothing in Pith stores them, but a reader that reopens mid-way
        // then sees the same documents under the same ids.
        source.compact(copy.string(), Xapian::DBCOMPACT_NO_RENUMBER | Xapian::Compactor::FULL);
        Xapian::Database compacted(copy.string());
        if (compacted.get_doccount() != source.get_doccount() ||
            compacted.get_metadata(std::string(schema::kMetaSchema)) != version)
            throw IndexError("the compacted copy of index '" + dir.string() +
                             "' does not hold the same documents; the index is unchanged");
    } catch (const Xapian::Error& e) {
        discard_copy();
        throw IndexError("cannot compact index '" + dir.string() + "' (" + e.get_description() +
                         "); the index is unchanged. Check the free space beside it: compaction needs room for a copy");
    } catch (...) {
        discard_copy();
        throw;
    }
    try {
        sync_tree(copy);
    } catch (...) {
        discard_copy();
        throw;
    }
    // The one step that changes the index: both names always exist, so a crash leaves either
    // the old index or the compacted one at `dir`, never neither.
    if (::renameat2(AT_FDCWD, copy.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) != 0) {
        const int error = errno;
        discard_copy();
        throw IndexError("cannot swap the compacted copy into place at '" + dir.string() + "': " + std::strerror(error) +
                         (error == EINVAL || error == ENOSYS
                              ? "; this file system cannot exchange two directories atomically, so the index is left uncompacted"
                              : "; the index is unchanged"));
    }
    fsync_path(dir.parent_path(), O_RDONLY | O_DIRECTORY);
    lock.close();
    fs::remove_all(copy, ec);  // now the old index: readers that still have it open keep their files
}

}  // namespace

CompactionReport compact_index(const fs::path& index_dir) {
    const auto started = std::chrono::steady_clock::now();
    fs::path dir = fs::absolute(index_dir).lexically_normal();
    if (dir.filename().empty()) dir = dir.parent_path();  // "idx/" names "idx"
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw IndexNotFound("no index at '" + index_dir.string() + "'; build one with: pith-index --index " +
                            index_dir.string() + " DIR");
    // The shards of a stopped parallel build are compacted into the one index they make.
    if (detail::is_unmerged_parallel_build(dir)) return detail::merge_parallel_build(dir);
    std::vector<fs::path> databases;
    if (fs::exists(dir / ShardedIndexWriter::kStubFileName, ec)) {
        // Each shard is compacted on its own, crash-safely; the stub that lists them is unchanged.
        static const std::regex shard_name(R"(shard-\d+)");
        for (const auto& entry : fs::directory_iterator(dir, ec))
            if (entry.is_directory() && std::regex_match(entry.path().filename().string(), shard_name))
                databases.push_back(entry.path());
    } else if (fs::exists(dir / "iamglass", ec)) {
        databases.push_back(dir);
    }
    if (databases.empty())
        throw IndexNotFound("'" + index_dir.string() + "' holds no Pith index; build one with: pith-index --index " +
                            index_dir.string() + " DIR");
    CompactionReport report;
    report.bytes_before = bytes_on_disk(dir);
    for (const fs::path& database : databases) compact_database(database);
    report.bytes_after = bytes_on_disk(dir);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace pith
