#include "pith/sharded_index_writer.hpp"

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "durable_files.hpp"
#include "hashing.hpp"
#include "parallel_build.hpp"
#include "pith/error.hpp"

namespace pith {
namespace {

namespace fs = std::filesystem;

fs::path shard_dir(const fs::path& index_dir, std::size_t shard) {
    return index_dir / ("shard-" + std::to_string(shard));
}

bool holds_xapian_db(const fs::path& dir) {
    std::error_code ec;
    return fs::exists(dir / "iamglass", ec) || fs::exists(dir / "iamchert", ec) || fs::exists(dir / "iamhoney", ec);
}

// The number of shards a stub written by write_stub() lists; refuses anything else, since this
// writer can only add to local shards it placed articles in itself.
std::size_t read_stub_shard_count(const fs::path& index_dir) {
    const fs::path stub = index_dir / ShardedIndexWriter::kStubFileName;
    std::ifstream in(stub);
    if (!in) throw IndexError("cannot read the shard list '" + stub.string() + "'");
    static const std::regex shard_line(R"(auto shard-(\d+))");
    std::string line;
    std::size_t count = 0;
    std::size_t line_number = 0;
    while (std::getline(in, line)) {
        ++line_number;
        if (line.empty() || line[0] == '#') continue;
        std::smatch match;
        if (!std::regex_match(line, match, shard_line) || std::stoul(match[1]) != count)
            throw IndexError("'" + stub.string() + "' line " + std::to_string(line_number) + " ('" + line +
                             "') is not the next local shard; pith-index writes only the shard-0 … shard-N "
                             "directories it created: index each shard where it lives, or rebuild the "
                             "index in a new directory");
        ++count;
    }
    if (count < 2) throw IndexError("'" + stub.string() + "' lists fewer than two shards; rebuild the index with --rebuild");
    return count;
}

void write_stub(const fs::path& index_dir, std::size_t shards) {
    const std::string count = std::to_string(shards);
    detail::write_shard_list(index_dir / ShardedIndexWriter::kStubFileName,
                             "# Xapian stub database written by pith-index: " + count +
                                 " shards, each article in\n# shard FNV-1a-64(article id) mod " + count +
                                 ". Paths are relative to this file.\n",
                             shards);
}

}  // namespace

struct ShardedIndexWriter::Impl {
    std::vector<std::unique_ptr<IndexWriter>> shards;
};

std::size_t ShardedIndexWriter::shard_of(std::string_view article_id, std::size_t shards) {
    return shards <= 1 ? 0 : static_cast<std::size_t>(detail::fnv1a64(article_id) % shards);
}

ShardedIndexWriter::ShardedIndexWriter(const fs::path& index_dir, std::size_t shards,
                                       const std::optional<IndexConfig>& config, OpenMode mode)
    : impl_(std::make_unique<Impl>()) {
    // A parallel build that was stopped or killed before its merge: its shards hold runs of
    // files, not hash-placed articles, so they are merged into one index before anything is added.
    if (detail::is_unmerged_parallel_build(index_dir)) detail::merge_parallel_build(index_dir);
    detail::remove_unlisted_shards(index_dir);
    std::error_code ec;
    const bool is_sharded = fs::exists(index_dir / kStubFileName, ec);
    const bool is_single = holds_xapian_db(index_dir);
    const std::string where = "index '" + index_dir.string() + "'";

    std::size_t existing = is_sharded ? read_stub_shard_count(index_dir) : is_single ? 1 : 0;
    if (shards == 0) shards = existing == 0 ? 1 : existing;
    if (existing == 1 && shards > 1)
        throw IndexError(where + " is a single index; to split it into " + std::to_string(shards) +
                         " shards, index the articles into a new directory with --shards " + std::to_string(shards));
    if (existing > 1 && shards == 1)
        throw IndexError(where + " has " + std::to_string(existing) +
                         " shards; to make a single index, index the articles into a new directory");
    if (existing > 1 && shards != existing && mode != OpenMode::rebuild)
        throw IndexError(where + " has " + std::to_string(existing) + " shards, not " + std::to_string(shards) +
                         "; articles would move between shards, so rerun with --rebuild --shards " +
                         std::to_string(shards) + " (or leave out --shards to keep " + std::to_string(existing) + ")");

    if (shards == 1) {
        impl_->shards.push_back(std::make_unique<IndexWriter>(index_dir, config, mode));
        return;
    }
    if (existing == 0 && fs::exists(index_dir, ec) && !fs::is_empty(index_dir, ec))
        throw IndexError("'" + index_dir.string() +
                         "' is a non-empty directory that holds no Pith index; choose another --index directory");
    fs::create_directories(index_dir, ec);
    if (ec) throw IndexError("cannot create " + where + ": " + ec.message());
    for (std::size_t shard = 0; shard < shards; ++shard)
        impl_->shards.push_back(std::make_unique<IndexWriter>(shard_dir(index_dir, shard), config, mode));
    // Articles are spread evenly over the shards by their id, so each shard's writer holds its
    // share of one batch: the run's memory stays one batch's, whatever the shard count.
    for (auto& shard : impl_->shards) detail::share_batch(*shard, shards);
    // Written once every shard exists, so the stub never lists a missing database.
    write_stub(index_dir, shards);
    // A rebuild with fewer shards: the surplus ones, no longer listed, hold stale copies.
    for (std::size_t shard = shards; shard < existing; ++shard) fs::remove_all(shard_dir(index_dir, shard), ec);
}

ShardedIndexWriter::~ShardedIndexWriter() = default;

AddOutcome ShardedIndexWriter::add(const Article& article, std::size_t* passages) {
    return impl_->shards[shard_of(article.id, impl_->shards.size())]->add(article, passages);
}

AddOutcome ShardedIndexWriter::add(const AnalyzedArticle& analyzed, std::size_t* passages) {
    return impl_->shards[shard_of(analyzed.article.id, impl_->shards.size())]->add(analyzed, passages);
}

AddOutcome detail::add_streamed(ShardedIndexWriter& writer, ArticleStream& stream,
                                const std::function<bool(std::uint64_t)>& keep_going, std::size_t* passages) {
    if (writer.impl_->shards.size() != 1)
        throw IndexError("a streamed article cannot be written into a sharded index (its pending list would be "
                         "invisible to searchers of the other shards)");
    return add_streamed(*writer.impl_->shards.front(), stream, keep_going, passages);
}

void ShardedIndexWriter::refresh_stat(const Article& article) {
    impl_->shards[shard_of(article.id, impl_->shards.size())]->refresh_stat(article);
}

bool ShardedIndexWriter::remove(const std::string& article_id) {
    return impl_->shards[shard_of(article_id, impl_->shards.size())]->remove(article_id);
}

std::vector<ArticleRecord> ShardedIndexWriter::articles() const {
    std::vector<ArticleRecord> all;
    for (const auto& shard : impl_->shards) {
        std::vector<ArticleRecord> part = shard->articles();
        all.insert(all.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    }
    return all;
}

void ShardedIndexWriter::for_each_article(const std::function<void(ArticleRecord&&)>& visit) const {
    for (const auto& shard : impl_->shards) shard->for_each_article(visit);
}

void ShardedIndexWriter::set_untrusted_mtime_after(std::int64_t mtime_ns) {
    for (auto& shard : impl_->shards) shard->set_untrusted_mtime_after(mtime_ns);
}

void ShardedIndexWriter::commit() {
    for (auto& shard : impl_->shards) shard->commit();
}

std::size_t ShardedIndexWriter::shard_count() const { return impl_->shards.size(); }

const IndexConfig& ShardedIndexWriter::config() const { return impl_->shards.front()->config(); }

}  // namespace pith
