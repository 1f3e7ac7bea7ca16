#include "pith/indexer.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "article_stream.hpp"
#include "hashing.hpp"
#include "known_articles.hpp"
#include "pith/analyzed_article.hpp"
#include "pith/analyzer.hpp"
#include "pith/article_formats.hpp"
#include "pith/cleaner.hpp"
#include "pith/article.hpp"
#include "pith/error.hpp"
#include "pith/index_writer.hpp"
#include "pith/sharded_index_writer.hpp"
#include "pith/passage_splitter.hpp"

namespace pith {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// A file whose mtime is this close to the start of the run may be rewritten within the same
// timestamp tick after we read it (coarse clocks on some file systems: up to 2 s on FAT); its
// stat is not trusted next time, so the change cannot hide. Git handles "racily clean" files alike.
constexpr std::int64_t kRacyWindowNs = 2'000'000'000;

// Articles read and analyzed ahead of the writer, per worker: enough to keep the writer busy,
// few enough that memory stays bounded on any corpus.
constexpr std::size_t kAheadPerWorker = 8;

constexpr auto kLockPollInterval = std::chrono::milliseconds(100);
constexpr auto kProgressInterval = std::chrono::milliseconds(100);

std::int64_t mtime_ns(const struct stat& info) {
    return static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
}

std::string megabytes(std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", static_cast<double>(bytes) / (1 << 20));
    return text;
}

std::int64_t wall_clock_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// A file that needs reading (its stat differs from the record, or it is new).
// The path is a plain string, moved from collect_article_paths(): a std::filesystem::path also
// keeps a list of its components (~600 bytes for a typical path), 160 MB at 269,248 files.
struct WorkItem {
    std::string file;
    std::uint64_t size = 0;
};

// What a worker made of a WorkItem: a JSON Lines file yields many articles.
struct WorkResult {
    bool skipped = false;  // the whole file
    std::vector<std::string> warnings;  // each a skipped file or record
    std::vector<std::string> notices;   // warned about, nothing skipped
    std::vector<Article> unchanged;  // text dropped; enough for refresh_stat
    std::vector<AnalyzedArticle> changed;
    // A changed file above indexing.stream_above_mb, left for the writer to stream.
    struct Streamed {
        InputFormat format;
        std::string content_hash;
    };
    std::optional<Streamed> streamed;
    std::exception_ptr error;
};

class Pipeline {
  public:
    Pipeline(const std::vector<WorkItem>& items, const detail::KnownArticles& records,
             const IndexConfig& config, const ReadOptions& read_options, std::uint64_t stream_above, unsigned jobs)
        : items_(items), records_(records), config_(config), read_options_(read_options), stream_above_(stream_above),
          window_(std::max<std::size_t>(1, jobs) * kAheadPerWorker), results_(window_) {
        for (unsigned j = 0; j < jobs; ++j) threads_.emplace_back([this] { work(); });
    }

    ~Pipeline() {
        {
            std::lock_guard lock(mutex_);
            cancelled_ = true;
        }
        changed_.notify_all();
        for (std::thread& thread : threads_) thread.join();
    }

    // The result for item `i`, in order; blocks until a worker has made it.
    WorkResult take(std::size_t i) {
        std::unique_lock lock(mutex_);
        std::optional<WorkResult>& slot = results_[i % window_];
        changed_.wait(lock, [&] { return slot.has_value(); });
        WorkResult result = std::move(*slot);
        slot.reset();
        taken_ = i + 1;
        lock.unlock();
        changed_.notify_all();
        return result;
    }

    static WorkResult process(const WorkItem& item, const detail::KnownArticles& records,
                              const ReadOptions& read_options, std::uint64_t stream_above, const Analyzer& analyzer,
                              const PassageSplitter& splitter) {
        WorkResult result;
        try {
            if (item.size > stream_above && item.file != "-" && streams(item, records, read_options, result)) return result;
            ReadResult read = read_articles(item.file, read_options);
            result.warnings = std::move(read.warnings);
            result.notices.insert(result.notices.end(), read.notices.begin(), read.notices.end());
            for (Article& article : read.articles) {
                const auto record = records.find(article.id);
                if (record && record->content_hash == article.content_hash && record->path == article.path.string()) {
                    article.text.clear();
                    article.text.shrink_to_fit();
                    result.unchanged.push_back(std::move(article));
                } else {
                    result.changed.push_back(analyze_article(std::move(article), analyzer, splitter));
                }
            }
        } catch (const InputError& e) {
            result.skipped = true;
            result.warnings.push_back(e.what());
        } catch (...) {
            result.error = std::current_exception();
        }
        return result;
    }

    // Whether `item` is a file to stream; if so, `result` says whether it changed (its content is
    // hashed here, on a worker, so an unchanged file costs the writer nothing).
    static bool streams(const WorkItem& item, const detail::KnownArticles& records,
                        const ReadOptions& read_options, WorkResult& result) {
        const InputFormat format = detail::streamed_format(item.file, read_options.format);
        if (!detail::can_stream(format)) {
            // HTML needs its whole tree and JSON Lines records are small: read whole, said aloud.
            if (format == InputFormat::html)
                result.notices.push_back(display_path(item.file) + ": " + megabytes(item.size) +
                                         " MB of HTML is read whole (only text and Markdown files above "
                                         "indexing.stream_above_mb are streamed)");
            return false;
        }
        Article article;
        article.path = fs::absolute(item.file).lexically_normal();
        article.id = detail::hex64(detail::fnv1a64(article.path.string()));
        article.content_hash = detail::hash_file(item.file);
        const auto record = records.find(article.id);
        if (record && record->content_hash == article.content_hash && record->path == article.path.string()) {
            struct stat info {};
            if (::stat(item.file.c_str(), &info) == 0) {
                article.file_size = static_cast<std::uint64_t>(info.st_size);
                article.mtime_ns = mtime_ns(info);
            }
            result.unchanged.push_back(std::move(article));
        } else {
            result.streamed = WorkResult::Streamed{format, std::move(article.content_hash)};
        }
        return true;
    }

  private:
    void work() {
        // One Analyzer per thread: ICU break iterators are not thread-safe.
        Analyzer analyzer(config_);
        PassageSplitter splitter(analyzer, config_.passage_max_words, config_.passage_min_words);
        for (;;) {
            std::size_t i;
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [&] { return cancelled_ || next_ >= items_.size() || next_ < taken_ + window_; });
                if (cancelled_ || next_ >= items_.size()) return;
                i = next_++;
            }
            WorkResult result = process(items_[i], records_, read_options_, stream_above_, analyzer, splitter);
            {
                std::lock_guard lock(mutex_);
                results_[i % window_] = std::move(result);
            }
            changed_.notify_all();
        }
    }

    const std::vector<WorkItem>& items_;
    const detail::KnownArticles& records_;
    IndexConfig config_;
    const ReadOptions& read_options_;
    std::uint64_t stream_above_;
    std::size_t window_;
    // A ring of window_ slots: item i goes to slot i % window_, which item i - window_ has left,
    // since no worker starts an item more than window_ ahead of the one taken last. One slot per
    // item (~170 bytes each) made 46 MB at 269,248 files.
    std::vector<std::optional<WorkResult>> results_;
    std::size_t next_ = 0;
    std::size_t taken_ = 0;
    bool cancelled_ = false;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::thread> threads_;
};

bool stop_requested(const IndexerOptions& options) {
    return options.stop != nullptr && options.stop->load(std::memory_order_relaxed);
}

std::unique_ptr<ShardedIndexWriter> open_writer(const IndexerOptions& options, const IndexerCallbacks& callbacks) {
    bool announced = false;
    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                             std::chrono::duration<double>(std::max(0.0, options.lock_wait_seconds)));
    for (;;) {
        try {
            return std::make_unique<ShardedIndexWriter>(options.index_dir, options.shards, options.config,
                                                        options.rebuild ? OpenMode::rebuild : OpenMode::update);
        } catch (const IndexLocked& e) {
            // Xapian's own DB_RETRY_LOCK would wait forever; cron jobs need a limit.
            if (Clock::now() >= deadline || stop_requested(options)) {
                if (options.lock_wait_seconds > 0)
                    throw IndexLocked(std::string(e.what()) + " (waited " +
                                      std::to_string(static_cast<long long>(options.lock_wait_seconds)) + " s)");
                throw;
            }
            if (!announced && callbacks.waiting) {
                callbacks.waiting("index '" + options.index_dir.string() +
                                  "' is being written by another pith-index; waiting for it (at most " +
                                  std::to_string(static_cast<long long>(options.lock_wait_seconds)) + " s)");
                announced = true;
            }
            std::this_thread::sleep_for(kLockPollInterval);
        }
    }
}

// True when `path` is one of the inputs or lies inside an input directory: only such articles
// are candidates for --prune (an index may hold articles from several folders).
bool covered_by_inputs(const fs::path& path, const std::vector<fs::path>& roots) {
    const std::string& text = path.native();
    for (const fs::path& root : roots) {
        const std::string& prefix = root.native();
        if (text == prefix) return true;
        if (text.size() > prefix.size() && text.compare(0, prefix.size(), prefix) == 0 &&
            (prefix.ends_with('/') || text[prefix.size()] == '/'))
            return true;
    }
    return false;
}

bool path_exists(const std::string& path) {
    struct stat info {};
    return ::lstat(path.c_str(), &info) == 0;
}

}  // namespace

IndexSummary run_indexer(const IndexerOptions& options, const IndexerCallbacks& callbacks) {
    const auto started = Clock::now();
    const std::int64_t started_wall_ns = wall_clock_ns();
    auto warn = [&](const std::string& message) {
        if (callbacks.warn) callbacks.warn(message);
    };
    IndexSummary summary;

    // "-" is standard input, read once like a file named "-" (it never exists on disk).
    std::vector<fs::path> paths;
    bool read_stdin = false;
    for (const fs::path& input : options.inputs) {
        if (input == "-") read_stdin = true;
        else paths.push_back(input);
    }
    std::vector<std::string> files = paths.empty() ? std::vector<std::string>{}
                                                   : collect_article_paths(paths, [&](const std::string& message) {
                                                         warn(message);
                                                         ++summary.skipped;
                                                     });
    if (read_stdin) files.push_back("-");
    summary.files_found = files.size();

    std::unique_ptr<ShardedIndexWriter> writer = open_writer(options, callbacks);
    writer->set_untrusted_mtime_after(started_wall_ns - kRacyWindowNs);

    // One record at a time into the compact table: a vector of every ArticleRecord first would
    // hold all of them twice over at the start of the run.
    detail::KnownArticles records;
    writer->for_each_article([&](ArticleRecord&& record) { records.add(record); });
    records.seal();

    // The articles of the index met in this run. Only the index's own articles are ever asked
    // about (the rename check, --prune), so a flag on their records is enough: a set of every id
    // met held ~110 bytes an article even in a fresh build.
    auto saw = [&](const std::string& id) { records.mark_seen(id); };

    // The stat pass: an article whose size and mtime match its record is not read at all.
    std::vector<WorkItem> items;
    IndexProgress progress;
    for (std::string& file : files) {
        const std::string id = detail::hex64(detail::fnv1a64(file));
        struct stat info {};
        if (::stat(file.c_str(), &info) == 0 && S_ISREG(info.st_mode)) {
            const auto record = records.find(id);
            if (record && record->path == file && record->mtime_ns != 0 && record->mtime_ns == mtime_ns(info) &&
                record->file_size == static_cast<std::uint64_t>(info.st_size)) {
                ++summary.unchanged;
                saw(id);
                continue;
            }
            if (writer->shard_count() > 1 &&
                static_cast<double>(info.st_size) > writer->config().stream_above_mb * (1 << 20))
                warn(display_path(file) + ": " + megabytes(static_cast<std::uint64_t>(info.st_size)) +
                     " MB is read whole: a sharded index streams no file (indexing.stream_above_mb applies to "
                     "single indexes only)");
            items.push_back({std::move(file), static_cast<std::uint64_t>(info.st_size)});
            progress.bytes_total += static_cast<std::uint64_t>(info.st_size);
        } else {
            items.push_back({std::move(file), 0});  // read_article names the problem
        }
    }
    std::vector<std::string>().swap(files);  // each path moved into its item, or not needed
    progress.files_total = items.size();

    unsigned jobs = options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    const IndexConfig config = writer->config();
    std::optional<Cleaner> cleaner;
    if (options.clean && config.cleaning.enabled) cleaner.emplace(config.cleaning);
    const ReadOptions read_options{options.format, cleaner ? &*cleaner : nullptr};
    std::optional<Pipeline> pipeline;
    std::optional<Analyzer> inline_analyzer;
    std::optional<PassageSplitter> inline_splitter;
    // A sharded index streams nothing: searchers read the pending list of its first shard only.
    const std::uint64_t stream_above = writer->shard_count() > 1
                                           ? UINT64_MAX
                                           : static_cast<std::uint64_t>(config.stream_above_mb * (1 << 20));
    const std::size_t window_bytes = detail::window_bytes(config.stream_above_mb);
    if (jobs > 1 && items.size() > 1) {
        pipeline.emplace(items, records, config, read_options, stream_above, jobs);
    } else {
        inline_analyzer.emplace(config);
        inline_splitter.emplace(*inline_analyzer, config.passage_max_words, config.passage_min_words);
    }

    auto last_progress = Clock::now() - kProgressInterval;
    auto report_progress = [&](bool force) {
        if (!callbacks.progress) return;
        auto now = Clock::now();
        if (!force && now - last_progress < kProgressInterval) return;
        last_progress = now;
        progress.seconds = std::chrono::duration<double>(now - started).count();
        callbacks.progress(progress);
    };

    for (std::size_t i = 0; i < items.size(); ++i) {
        if (stop_requested(options)) {
            summary.interrupted = true;
            break;
        }
        WorkResult result = pipeline ? pipeline->take(i)
                                     : Pipeline::process(items[i], records, read_options, stream_above, *inline_analyzer,
                                                         *inline_splitter);
        if (result.error) std::rethrow_exception(result.error);
        for (const std::string& warning : result.warnings) warn(warning);
        for (const std::string& notice : result.notices) warn(notice);
        // A skipped file counts once; each broken record of a file that was read counts too.
        summary.skipped += result.skipped ? 1 : result.warnings.size();
        for (const Article& article : result.unchanged) {
            saw(article.id);
            summary.bytes_read += article.line == 0 ? article.file_size : 0;
            writer->refresh_stat(article);
            ++summary.unchanged;
        }
        // What a written article adds to the summary; a new one may be a rename.
        auto account = [&](const Article& article, AddOutcome outcome, std::size_t written) {
            saw(article.id);
            summary.bytes_read += article.line == 0 ? article.file_size : article.text.size();
            summary.dropped_lines += article.dropped_lines;
            if (article.invalid_utf8 > 0) {
                warn(display_path(article.path) + ": " + std::to_string(article.invalid_utf8) +
                     " invalid UTF-8 sequence(s) replaced by U+FFFD");
                ++summary.invalid_utf8_files;
            }
            summary.passages += written;
            if (outcome == AddOutcome::added) {
                ++summary.added;
                // A rename: the same content was indexed at a path that no longer exists.
                for (const std::string& old_id : records.ids_with_hash(article.content_hash)) {
                    if (old_id == article.id || records.removed(old_id) || records.seen(old_id)) continue;
                    if (path_exists(std::string(records.find(old_id)->path))) continue;
                    if (writer->remove(old_id)) {
                        records.mark_removed(old_id);
                        ++summary.renamed;
                    }
                }
            } else if (outcome == AddOutcome::replaced) {
                ++summary.updated;
            } else {
                ++summary.unchanged;
            }
        };
        for (const AnalyzedArticle& analyzed : result.changed) {
            std::size_t written = 0;
            const AddOutcome outcome = writer->add(analyzed, &written);
            account(analyzed.article, outcome, written);
        }
        if (result.streamed) {
            // Read, analyzed and written here a window at a time; the bar moves with the bytes.
            const std::uint64_t bytes_before = progress.bytes_done;
            try {
                detail::ArticleStream stream(items[i].file, result.streamed->format, read_options.cleaner,
                                             result.streamed->content_hash, window_bytes);
                std::size_t written = 0;
                const AddOutcome outcome = detail::add_streamed(
                    *writer, stream,
                    [&](std::uint64_t bytes_read) {
                        progress.bytes_done = bytes_before + bytes_read;
                        report_progress(false);
                        return !stop_requested(options);
                    },
                    &written);
                if (outcome == AddOutcome::interrupted) {
                    summary.interrupted = true;
                    break;
                }
                account(stream.article(), outcome, written);
            } catch (const InputError& e) {
                warn(e.what());
                ++summary.skipped;
            }
            progress.bytes_done = bytes_before;
        }
        ++progress.files_done;
        progress.bytes_done += items[i].size;
        report_progress(false);
    }
    pipeline.reset();

    if (options.prune && !summary.interrupted) {
        std::vector<fs::path> roots;
        for (const fs::path& input : options.inputs) roots.push_back(fs::absolute(input).lexically_normal());
        for (std::size_t r = 0; r < records.size(); ++r) {
            if (records.seen_or_removed(r)) continue;
            const detail::KnownArticles::Record record = records.record(r);
            if (!covered_by_inputs(fs::path(record.path), roots)) continue;
            if (stop_requested(options)) {
                summary.interrupted = true;
                break;
            }
            if (writer->remove(std::string(record.id))) ++summary.removed;
        }
    }
    writer->commit();
    report_progress(true);
    const bool full_build = records.empty() && summary.added > 0;
    if (!summary.interrupted && (options.compaction == IndexerOptions::Compaction::always ||
                                 (options.compaction == IndexerOptions::Compaction::after_full_build && full_build))) {
        writer.reset();  // compact_index() takes the write lock itself
        try {
            summary.compaction = compact_index(options.index_dir);
            summary.compacted = true;
        } catch (const IndexError& e) {
            // Asked for, a failure is the run's failure; done by default, the index is complete
            // without it.
            if (options.compaction == IndexerOptions::Compaction::always) throw;
            warn(std::string("the index is complete but was not compacted: ") + e.what());
        }
    }
    summary.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return summary;
}

}  // namespace pith
