#include "parallel_build.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <set>
#include <regex>
#include <string>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "document_language.hpp"
#include "durable_files.hpp"
#include "pith/error.hpp"
#include "pith/sharded_index_writer.hpp"
#include "schema.hpp"

namespace pith::detail {
namespace {

namespace fs = std::filesystem;

fs::path shard_dir(const fs::path& index_dir, std::size_t shard) {
    return index_dir / ("shard-" + std::to_string(shard));
}

fs::path stub_path(const fs::path& index_dir) { return index_dir / ShardedIndexWriter::kStubFileName; }

bool holds_single_index(const fs::path& dir) {
    std::error_code ec;
    return fs::exists(dir / "iamglass", ec) && !fs::exists(stub_path(dir), ec);
}

// The shard directories the stub lists, in order.
std::vector<fs::path> listed_shards(const fs::path& index_dir) {
    std::ifstream in(stub_path(index_dir));
    if (!in) throw IndexError("cannot read the shard list '" + stub_path(index_dir).string() + "'");
    std::vector<fs::path> shards;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        if (line != "auto " + shard_dir(fs::path(), shards.size()).string())
            throw IndexError("'" + stub_path(index_dir).string() + "' line '" + line +
                             "' is not the next shard of a parallel build; rebuild the index with --rebuild");
        shards.push_back(shard_dir(index_dir, shards.size()));
    }
    return shards;
}

void write_parallel_stub(const fs::path& index_dir, std::size_t shards) {
    write_shard_list(stub_path(index_dir),
                     std::string(kParallelBuildStubHeader) +
                         "\n# Xapian stub database: searchers read the shards as one index meanwhile.\n",
                     shards);
}

// Creates the shards and the stub in `dir`; the stub last, so it never lists a missing shard.
std::vector<std::unique_ptr<IndexWriter>> create_layout(const fs::path& dir, std::size_t writers,
                                                        const std::optional<IndexConfig>& config) {
    std::vector<std::unique_ptr<IndexWriter>> shards;
    for (std::size_t shard = 0; shard < writers; ++shard)
        shards.push_back(std::make_unique<IndexWriter>(shard_dir(dir, shard), config, OpenMode::rebuild));
    write_parallel_stub(dir, writers);
    return shards;
}

// The metadata every shard holds: the same schema and configuration (they were created from
// one), the languages and pending markers each met (united), and article records, each in one
// shard (should one be in two, the later shard's, as a later write would have replaced it).
class ShardMetadataMerger : public Xapian::Compactor {
  public:
    std::string resolve_duplicate_metadata(const std::string& key, std::size_t count, const std::string tags[]) override {
        if (key == schema::kMetaLanguages) {
            std::set<std::string> languages;
            for (std::size_t i = 0; i < count; ++i) languages.merge(parse_language_list(tags[i]));
            return format_language_list(languages);
        }
        if (key == schema::kMetaPending) {
            nlohmann::json markers = nlohmann::json::array();
            for (std::size_t i = 0; i < count; ++i) {
                auto listed = nlohmann::json::parse(tags[i], nullptr, false);
                if (!listed.is_array()) continue;
                for (auto& marker : listed)
                    if (std::find(markers.begin(), markers.end(), marker) == markers.end()) markers.push_back(marker);
            }
            return markers.empty() ? std::string() : markers.dump();
        }
        if (key.starts_with(schema::kMetaArticlePrefix)) return tags[count - 1];
        if (key == schema::kMetaSchema || key == schema::kMetaConfig) {
            for (std::size_t i = 1; i < count; ++i)
                if (tags[i] != tags[0])
                    throw IndexError("the shards of the parallel build disagree on '" + key +
                                     "'; rebuild the index with --rebuild");
        }
        return tags[0];
    }
};

}  // namespace

bool remove_unlisted_shards(const fs::path& index_dir) {
    std::error_code ec;
    if (!fs::is_directory(index_dir, ec) || fs::is_empty(index_dir, ec)) return false;
    if (fs::exists(stub_path(index_dir), ec) || fs::exists(index_dir / "iamglass", ec)) return false;
    static const std::regex shard_name(R"(shard-\d+)");
    std::vector<fs::path> shards;
    for (const auto& entry : fs::directory_iterator(index_dir, ec)) {
        if (!entry.is_directory() || !std::regex_match(entry.path().filename().string(), shard_name)) return false;
        shards.push_back(entry.path());
    }
    // Each locked while it is checked and removed: shards a live writer is creating are left alone.
    std::vector<Xapian::WritableDatabase> locks;
    for (const fs::path& shard : shards) {
        try {
            locks.emplace_back(shard.string(), Xapian::DB_OPEN);
        } catch (const Xapian::DatabaseLockError&) {
            return false;
        } catch (const Xapian::Error&) {
            continue;  // killed before the shard was a database at all
        }
        if (locks.back().get_doccount() != 0) return false;  // not what a writer leaves: let it be
    }
    for (const fs::path& shard : shards) fs::remove_all(shard, ec);
    return !ec;
}

bool is_unmerged_parallel_build(const fs::path& index_dir) {
    std::ifstream in(stub_path(index_dir));
    std::string first_line;
    return in && std::getline(in, first_line) && first_line == kParallelBuildStubHeader;
}

bool can_build_in_parallel(const fs::path& index_dir, bool rebuild) {
    std::error_code ec;
    if (!fs::exists(index_dir, ec)) return true;
    if (!fs::is_directory(index_dir, ec)) return false;
    if (fs::is_empty(index_dir, ec) || remove_unlisted_shards(index_dir)) return true;
    return rebuild && holds_single_index(index_dir);
}

std::vector<std::unique_ptr<IndexWriter>> start_parallel_build(const fs::path& index_dir, std::size_t writers,
                                                               const std::optional<IndexConfig>& config,
                                                               bool rebuild) {
    const fs::path dir = fs::absolute(index_dir).lexically_normal();
    std::vector<std::unique_ptr<IndexWriter>> shards;
    std::error_code ec;
    if (rebuild && holds_single_index(dir)) {
        // The old index stays locked while an empty layout is made beside it and swapped in, so
        // no other writer adds to what is being replaced, and a crash leaves one or the other.
        Xapian::WritableDatabase old_lock;
        try {
            old_lock = Xapian::WritableDatabase(dir.string(), Xapian::DB_OPEN);
        } catch (const Xapian::DatabaseLockError&) {
            throw IndexLocked("index '" + index_dir.string() + "' is being written by another pith-index, try again later");
        } catch (const Xapian::Error&) {
            // Damaged beyond opening: a rebuild replaces it all the same.
        }
        const fs::path fresh = sibling(dir, ".parallel");
        fs::remove_all(fresh, ec);
        fs::create_directories(fresh, ec);
        if (ec) throw IndexError("cannot create '" + fresh.string() + "' for the rebuild: " + ec.message());
        create_layout(fresh, writers, config).clear();  // committed and closed before the rename
        sync_tree(fresh);
        exchange_directories(fresh, dir, "rebuilt index");
        old_lock.close();
        fs::remove_all(fresh, ec);  // now the old index
        for (std::size_t shard = 0; shard < writers; ++shard)
            shards.push_back(std::make_unique<IndexWriter>(shard_dir(dir, shard), std::nullopt, OpenMode::update));
    } else {
        fs::create_directories(dir, ec);
        if (ec) throw IndexError("cannot create index directory '" + index_dir.string() + "': " + ec.message());
        shards = create_layout(dir, writers, config);
    }
    for (std::size_t shard = 1; shard < shards.size(); ++shard) defer_near_duplicates(*shards[shard]);
    for (auto& shard : shards) share_batch(*shard, shards.size());
    return shards;
}

CompactionReport merge_parallel_build(const fs::path& index_dir, std::vector<std::unique_ptr<IndexWriter>> held) {
    const auto started = std::chrono::steady_clock::now();
    fs::path dir = fs::absolute(index_dir).lexically_normal();
    if (dir.filename().empty()) dir = dir.parent_path();
    const std::vector<fs::path> shards = listed_shards(dir);
    // Opening a shard's writer locks it and finishes what a killed writer left (pending lists).
    if (held.empty())
        for (const fs::path& shard : shards) held.push_back(std::make_unique<IndexWriter>(shard, std::nullopt, OpenMode::update));
    if (held.size() != shards.size())
        throw IndexError("the parallel build of '" + index_dir.string() + "' lists " + std::to_string(shards.size()) +
                         " shards but wrote " + std::to_string(held.size()));
    std::set<std::string> unsettled;  // articles whose near-duplicates are decided here
    for (std::size_t shard = 0; shard < held.size(); ++shard) {
        held[shard]->commit();
        if (shard == 0) continue;
        for (const ArticleRecord& record : held[shard]->articles()) unsettled.insert(record.id);
    }

    CompactionReport report;
    report.bytes_before = bytes_on_disk(dir);
    const fs::path merged = sibling(dir, ".compacting");
    std::error_code ec;
    fs::remove_all(merged, ec);  // left by a merge or compaction killed earlier
    auto discard = [&] { fs::remove_all(merged, ec); };
    try {
        Xapian::Database sources;
        for (const fs::path& shard : shards) sources.add_database(Xapian::Database(shard.string()));
        // Renumbered: shard k's documents follow shard k-1's, as its files followed in the run.
        ShardMetadataMerger merger;
        sources.compact(merged.string(), Xapian::Compactor::FULL, 0, merger);
        {
            IndexWriter writer(merged, std::nullopt, OpenMode::update);
            settle_near_duplicates(writer, unsettled);
            writer.commit();
        }
        Xapian::Database check(merged.string());
        if (check.get_doccount() != sources.get_doccount() ||
            check.get_metadata(std::string(schema::kMetaSchema)) != schema::kSchemaVersion)
            throw IndexError("the merged copy of the parallel build of '" + index_dir.string() +
                             "' does not hold the same documents; the shards are unchanged");
        sync_tree(merged);
    } catch (const Xapian::Error& e) {
        discard();
        throw IndexError("cannot merge the parallel build of '" + index_dir.string() + "' (" + e.get_description() +
                         "); its shards are unchanged and searchable. Check the free space beside it: the merge "
                         "needs room for a copy");
    } catch (...) {
        discard();
        throw;
    }
    try {
        exchange_directories(merged, dir, "merged index");
    } catch (...) {
        discard();
        throw;
    }
    held.clear();  // nothing left to commit: closing only releases the locks
    fs::remove_all(merged, ec);  // now the stub and its shards
    report.bytes_after = bytes_on_disk(dir);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace pith::detail
