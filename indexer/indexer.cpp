#include "pith/indexer.hpp"

#include <malloc.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

#include "article_stream.hpp"
#include "hashing.hpp"
#include "known_articles.hpp"
#include "parallel_build.hpp"
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
// The path is a plain string: a std::filesystem::path also keeps a list of its components
// (~600 bytes for a typical path), which for 269,248 files made 160 MB of the indexer's peak.
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

// Calls `open` until it no longer finds the index locked, for at most lock_wait_seconds.
template <class Open>
auto with_lock_wait(const IndexerOptions& options, const IndexerCallbacks& callbacks, Open open) {
    bool announced = false;
    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                             std::chrono::duration<double>(std::max(0.0, options.lock_wait_seconds)));
    for (;;) {
        try {
            return open();
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

std::unique_ptr<ShardedIndexWriter> open_writer(const IndexerOptions& options, const IndexerCallbacks& callbacks) {
    return with_lock_wait(options, callbacks, [&] {
        return std::make_unique<ShardedIndexWriter>(options.index_dir, options.shards, options.config,
                                                    options.rebuild ? OpenMode::rebuild : OpenMode::update);
    });
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

// The stat pass: an article whose size and mtime match its record is not read at all; the rest
// become work items. `sharded`: the index streams no file, which is said for each large one.
// Each path is moved into its item, and `files` released: nothing of it is needed afterwards.
std::vector<WorkItem> stat_pass(std::vector<std::string>& files, detail::KnownArticles& records, bool sharded,
                                double stream_above_mb, IndexSummary& summary, IndexProgress& progress,
                                const std::function<void(const std::string&)>& warn) {
    std::vector<WorkItem> items;
    for (std::string& file : files) {
        const std::string id = detail::hex64(detail::fnv1a64(file));
        struct stat info {};
        if (::stat(file.c_str(), &info) == 0 && S_ISREG(info.st_mode)) {
            const auto record = records.find(id);
            if (record && record->path == file && record->mtime_ns != 0 && record->mtime_ns == mtime_ns(info) &&
                record->file_size == static_cast<std::uint64_t>(info.st_size)) {
                ++summary.unchanged;
                records.mark_seen(id);
                continue;
            }
            if (sharded && static_cast<double>(info.st_size) > stream_above_mb * (1 << 20))
                warn(display_path(file) + ": " + megabytes(static_cast<std::uint64_t>(info.st_size)) +
                     " MB is read whole: a sharded index streams no file (indexing.stream_above_mb applies to "
                     "single indexes only)");
            items.push_back({std::move(file), static_cast<std::uint64_t>(info.st_size)});
            progress.bytes_total += static_cast<std::uint64_t>(info.st_size);
        } else {
            items.push_back({std::move(file), 0});  // read_article names the problem
        }
    }
    std::vector<std::string>().swap(files);
    progress.files_total = items.size();
    return items;
}

// What one writer's pass over its files tallies: a run has one, a parallel build one per writer.
// The two counters are read by the thread that shows progress while the pass runs.
struct WritePass {
    IndexSummary summary;
    std::atomic<std::size_t> files_done{0};
    std::atomic<std::uint64_t> bytes_done{0};
};

// Shows the run's progress at most every kProgressInterval (always when forced), summing the
// counters of its passes: one for one writer, one per writer in a parallel build.
class ProgressReporter {
  public:
    ProgressReporter(const IndexerCallbacks& callbacks, IndexProgress& progress, const WritePass* passes,
                     std::size_t pass_count, Clock::time_point started)
        : callbacks_(callbacks), progress_(progress), passes_(passes), pass_count_(pass_count), started_(started) {}

    void operator()(bool force) {
        if (!callbacks_.progress) return;
        const auto now = Clock::now();
        if (!force && now - last_ < kProgressInterval) return;
        last_ = now;
        progress_.files_done = 0;
        progress_.bytes_done = 0;
        for (std::size_t k = 0; k < pass_count_; ++k) {
            progress_.files_done += passes_[k].files_done.load(std::memory_order_relaxed);
            progress_.bytes_done += passes_[k].bytes_done.load(std::memory_order_relaxed);
        }
        progress_.seconds = std::chrono::duration<double>(now - started_).count();
        callbacks_.progress(progress_);
    }

  private:
    const IndexerCallbacks& callbacks_;
    IndexProgress& progress_;
    const WritePass* passes_;
    std::size_t pass_count_;
    Clock::time_point started_;
    Clock::time_point last_ = Clock::now() - kProgressInterval;
};

// What every pass of a run shares. Only the index's own articles are marked seen or removed
// (the rename check, --prune), so in a parallel build, whose index holds none, the passes
// only read `records`.
struct PassContext {
    const IndexerOptions& options;
    detail::KnownArticles& records;
    const IndexConfig& config;
    const ReadOptions& read_options;
    std::size_t window_bytes;
};

// How one pass talks to the rest of the run.
struct PassHooks {
    unsigned analysis_threads = 0;  // 0: analyze on the writing thread itself
    std::uint64_t stream_above = UINT64_MAX;
    std::function<void(const std::string&)> warn;
    std::function<void(bool force)> report_progress;
    std::function<bool()> stop;
};

// Reads, analyzes and writes `items` in order through `writer` (an IndexWriter or a
// ShardedIndexWriter), counting into `pass`.
template <class Writer>
void write_pass(Writer& writer, const std::vector<WorkItem>& items, const PassContext& context, const PassHooks& hooks,
                WritePass& pass) {
    detail::KnownArticles& records = context.records;
    const ReadOptions& read_options = context.read_options;
    IndexSummary& summary = pass.summary;
    std::optional<Pipeline> pipeline;
    std::optional<Analyzer> inline_analyzer;
    std::optional<PassageSplitter> inline_splitter;
    if (hooks.analysis_threads > 0 && items.size() > 1) {
        pipeline.emplace(items, records, context.config, read_options, hooks.stream_above, hooks.analysis_threads);
    } else {
        inline_analyzer.emplace(context.config);
        inline_splitter.emplace(*inline_analyzer, context.config.passage_max_words, context.config.passage_min_words);
    }
    auto warn = hooks.warn;

    for (std::size_t i = 0; i < items.size(); ++i) {
        if (hooks.stop()) {
            summary.interrupted = true;
            break;
        }
        WorkResult result = pipeline ? pipeline->take(i)
                                     : Pipeline::process(items[i], records, read_options, hooks.stream_above,
                                                         *inline_analyzer, *inline_splitter);
        if (result.error) std::rethrow_exception(result.error);
        for (const std::string& warning : result.warnings) warn(warning);
        for (const std::string& notice : result.notices) warn(notice);
        // A skipped file counts once; each broken record of a file that was read counts too.
        summary.skipped += result.skipped ? 1 : result.warnings.size();
        for (const Article& article : result.unchanged) {
            records.mark_seen(article.id);
            summary.bytes_read += article.line == 0 ? article.file_size : 0;
            writer.refresh_stat(article);
            ++summary.unchanged;
        }
        // What a written article adds to the summary; a new one may be a rename.
        auto account = [&](const Article& article, AddOutcome outcome, std::size_t written) {
            records.mark_seen(article.id);
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
                    if (writer.remove(old_id)) {
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
            const AddOutcome outcome = writer.add(analyzed, &written);
            account(analyzed.article, outcome, written);
        }
        const std::uint64_t bytes_before = pass.bytes_done.load(std::memory_order_relaxed);
        if (result.streamed) {
            // Read, analyzed and written here a window at a time; the bar moves with the bytes.
            try {
                detail::ArticleStream stream(items[i].file, result.streamed->format, read_options.cleaner,
                                             result.streamed->content_hash, context.window_bytes);
                std::size_t written = 0;
                const AddOutcome outcome = detail::add_streamed(
                    writer, stream,
                    [&](std::uint64_t bytes_read) {
                        pass.bytes_done.store(bytes_before + bytes_read, std::memory_order_relaxed);
                        hooks.report_progress(false);
                        return !hooks.stop();
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
        }
        pass.files_done.fetch_add(1, std::memory_order_relaxed);
        pass.bytes_done.store(bytes_before + items[i].size, std::memory_order_relaxed);
        hooks.report_progress(false);
    }
}

void add_counts(IndexSummary& total, const IndexSummary& part) {
    total.added += part.added;
    total.updated += part.updated;
    total.unchanged += part.unchanged;
    total.removed += part.removed;
    total.skipped += part.skipped;
    total.dropped_lines += part.dropped_lines;
    total.invalid_utf8_files += part.invalid_utf8_files;
    total.renamed += part.renamed;
    total.passages += part.passages;
    total.bytes_read += part.bytes_read;
    total.interrupted = total.interrupted || part.interrupted;
}

// Below this much text a build takes about a second, and the merge and the extra threads would
// eat what a second writer saves (docs/architecture.md).
constexpr std::uint64_t kParallelMinBytes = 4u << 20;
// Writers chosen by default: each holds its own batch in memory (peak RSS grows with them).
constexpr unsigned kMaxDefaultWriters = 4;

// Cuts `items` into at most `writers` runs of consecutive files holding about equal bytes. A file
// large enough to be streamed stays in the first run: searchers read the pending list of a
// streamed article in the first shard only (docs/index-format.md).
std::vector<std::vector<WorkItem>> split_into_runs(std::vector<WorkItem>& items, std::size_t writers,
                                                   std::uint64_t stream_above) {
    std::size_t first_free = 0;  // first item after the last one that streams
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].size > stream_above && items[i].file != "-") first_free = i + 1;
        total += items[i].size;
    }
    std::vector<std::size_t> ends;  // where each run ends
    std::uint64_t cumulative = 0;
    std::size_t i = 0;
    for (std::size_t run = 0; run + 1 < writers && i < items.size(); ++run) {
        const std::uint64_t goal = total / writers * (run + 1);
        while (i < items.size() && (cumulative < goal || i < first_free || i == (ends.empty() ? 0 : ends.back()))) {
            cumulative += items[i].size;
            ++i;
        }
        if (i < items.size()) ends.push_back(i);
    }
    ends.push_back(items.size());
    std::vector<std::vector<WorkItem>> runs;
    std::size_t begin = 0;
    for (std::size_t end : ends) {
        runs.emplace_back(std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(begin)),
                          std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(end)));
        begin = end;
    }
    items.clear();
    return runs;
}

// A build into an empty index by several writers (indexer/parallel_build.hpp); nullopt when this
// run is not one (the index is not empty, one writer is asked for, too little to gain), and the
// one-writer path does it.
std::optional<IndexSummary> run_parallel_build(const IndexerOptions& options, const IndexerCallbacks& callbacks,
                                               std::vector<std::string>& files, IndexSummary summary,
                                               Clock::time_point started, std::int64_t started_wall_ns) {
    const unsigned jobs = options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    const std::size_t writers = options.writers != 0 ? options.writers : std::min(jobs, kMaxDefaultWriters);
    if (writers < 2 || options.shards > 1) return std::nullopt;
    if (detail::is_unmerged_parallel_build(options.index_dir) ||
        !detail::can_build_in_parallel(options.index_dir, options.rebuild))
        return std::nullopt;
    // The configuration the new index gets, as IndexWriter gives it.
    const IndexConfig config = options.config ? *options.config : IndexConfig::defaults();
    auto warn = [&](const std::string& message) {
        if (callbacks.warn) callbacks.warn(message);
    };
    detail::KnownArticles no_records;
    no_records.seal();
    IndexProgress progress;
    // Unsharded and without records, the stat pass has nothing to warn about or skip. It takes
    // the paths it is given, so it gets a copy: the one-writer path needs `files` if this run
    // turns out not to be a parallel one.
    IndexSummary stat_summary;
    std::vector<std::string> candidates = files;
    std::vector<WorkItem> items =
        stat_pass(candidates, no_records, false, config.stream_above_mb, stat_summary, progress, [](const std::string&) {});
    if (options.writers == 0 && progress.bytes_total < kParallelMinBytes) return std::nullopt;
    const auto stream_above = static_cast<std::uint64_t>(config.stream_above_mb * (1 << 20));
    std::vector<std::vector<WorkItem>> runs = split_into_runs(items, writers, stream_above);
    if (runs.size() < 2) return std::nullopt;
    std::vector<WorkItem>().swap(items);  // moved into the runs

    std::vector<std::unique_ptr<IndexWriter>> shards = with_lock_wait(options, callbacks, [&] {
        return detail::start_parallel_build(options.index_dir, runs.size(), options.config, options.rebuild);
    });
    std::vector<std::string>().swap(files);  // the runs hold what is still needed
    // The writer threads allocate from malloc arenas of their own and would never reuse what
    // this thread freed of the file lists: given back, a 1 GB build's peak drops toward a
    // one-writer build's (bench/RESULTS.md, "Against issue 7's targets").
    ::malloc_trim(0);
    for (auto& shard : shards) shard->set_untrusted_mtime_after(started_wall_ns - kRacyWindowNs);

    std::optional<Cleaner> cleaner;
    if (options.clean && config.cleaning.enabled) cleaner.emplace(config.cleaning);
    const ReadOptions read_options{options.format, cleaner ? &*cleaner : nullptr};
    const PassContext context{options, no_records, config, read_options, detail::window_bytes(config.stream_above_mb)};

    std::vector<WritePass> passes(runs.size());
    std::vector<std::vector<std::string>> held_warnings(runs.size());
    std::vector<std::exception_ptr> errors(runs.size());
    std::atomic<bool> failed{false};
    std::atomic<std::size_t> running{runs.size()};
    ProgressReporter report_progress(callbacks, progress, passes.data(), passes.size(), started);
    auto run_pass = [&](std::size_t k) {
        PassHooks hooks;
        hooks.analysis_threads = std::max<unsigned>(1, jobs / static_cast<unsigned>(runs.size()));
        hooks.stream_above = k == 0 ? stream_above : UINT64_MAX;
        // The first writer's warnings are said as they come; later ones once every earlier run
        // is done, so they come in file order as from one writer.
        if (k == 0) hooks.warn = warn;
        else hooks.warn = [&, k](const std::string& message) { held_warnings[k].push_back(message); };
        if (k == 0) hooks.report_progress = [&](bool force) { report_progress(force); };
        else hooks.report_progress = [](bool) {};
        hooks.stop = [&] { return stop_requested(options) || failed.load(); };
        try {
            write_pass(*shards[k], runs[k], context, hooks, passes[k]);
            shards[k]->commit();
        } catch (...) {
            errors[k] = std::current_exception();
            failed = true;
        }
        std::vector<WorkItem>().swap(runs[k]);
        --running;
    };
    std::vector<std::thread> threads;
    for (std::size_t k = 1; k < runs.size(); ++k) threads.emplace_back(run_pass, k);
    run_pass(0);
    while (running.load() > 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        report_progress(false);
    }
    for (std::thread& thread : threads) thread.join();
    for (std::size_t k = 1; k < runs.size(); ++k)
        for (const std::string& message : held_warnings[k]) warn(message);
    for (const std::exception_ptr& error : errors)
        if (error) std::rethrow_exception(error);  // the shards stay, committed; the next run merges them

    add_counts(summary, stat_summary);
    for (const WritePass& pass : passes) add_counts(summary, pass.summary);
    report_progress(true);
    // Interrupted, the shards stay as they are (searchable through the stub) and the next run,
    // or pith-index --compact, merges them: a stop is not kept waiting for a merge.
    if (!summary.interrupted) {
        summary.compaction = detail::merge_parallel_build(options.index_dir, std::move(shards));
        summary.compacted = true;
    }
    summary.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return summary;
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

    if (std::optional<IndexSummary> parallel =
            run_parallel_build(options, callbacks, files, summary, started, started_wall_ns))
        return *parallel;

    std::unique_ptr<ShardedIndexWriter> writer = open_writer(options, callbacks);
    writer->set_untrusted_mtime_after(started_wall_ns - kRacyWindowNs);

    // One record at a time into the compact table: a vector of every ArticleRecord first would
    // hold all of them twice over at the start of the run.
    detail::KnownArticles records;
    writer->for_each_article([&](ArticleRecord&& record) { records.add(record); });
    records.seal();

    WritePass pass;
    IndexProgress progress;
    std::vector<WorkItem> items = stat_pass(files, records, writer->shard_count() > 1, writer->config().stream_above_mb,
                                            summary, progress, warn);

    const unsigned jobs = options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    const IndexConfig config = writer->config();
    std::optional<Cleaner> cleaner;
    if (options.clean && config.cleaning.enabled) cleaner.emplace(config.cleaning);
    const ReadOptions read_options{options.format, cleaner ? &*cleaner : nullptr};
    const PassContext context{options, records, config, read_options, detail::window_bytes(config.stream_above_mb)};

    ProgressReporter report_progress(callbacks, progress, &pass, 1, started);
    PassHooks hooks;
    hooks.analysis_threads = jobs > 1 ? jobs : 0;
    // A sharded index streams nothing: searchers read the pending list of its first shard only.
    hooks.stream_above = writer->shard_count() > 1 ? UINT64_MAX
                                                   : static_cast<std::uint64_t>(config.stream_above_mb * (1 << 20));
    hooks.warn = warn;
    hooks.report_progress = [&](bool force) { report_progress(force); };
    hooks.stop = [&] { return stop_requested(options); };
    write_pass(*writer, items, context, hooks, pass);
    add_counts(summary, pass.summary);

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
