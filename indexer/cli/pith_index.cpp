// pith-index: a thin shell over pith::run_indexer. Exit status: 0 when every file was indexed,
// 1 when some were skipped with a warning, 2 on a fatal error or an interrupted run.

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

#include <CLI/CLI.hpp>

#include "pith/article_formats.hpp"
#include "pith/cleaner.hpp"
#include "pith/config.hpp"
#include "pith/error.hpp"
#include "pith/index_compaction.hpp"
#include "pith/indexer.hpp"
#include "pith/version.hpp"

namespace {

constexpr int kAllIndexed = 0;
constexpr int kSomeSkipped = 1;
constexpr int kFatal = 2;

// Set by SIGINT/SIGTERM; the indexer commits its batch and returns. A lock-free atomic is safe
// to store from a signal handler.
std::atomic<bool> g_stop{false};
volatile sig_atomic_t g_signal = 0;

void on_stop_signal(int signal_number) {
    g_signal = signal_number;
    g_stop.store(true);
    // A second Ctrl-C kills at once, as users expect when a commit takes long. Xapian's commits
    // are atomic, so even that loses only the uncommitted batch.
    ::signal(signal_number, SIG_DFL);
}

void install_stop_handlers() {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

std::string default_index() {
    const char* env = std::getenv("PITH_INDEX");
    return env && *env ? env : "./.pith";
}

void warn(const std::string& message) { std::cerr << "pith-index: warning: " << message << '\n'; }

constexpr double kMB = 1024.0 * 1024.0;

std::string format_duration(double seconds) {
    auto total = static_cast<long long>(seconds + 0.5);
    std::ostringstream out;
    if (total >= 3600) out << total / 3600 << ':' << std::setw(2) << std::setfill('0') << (total / 60) % 60;
    else out << total / 60;
    out << ':' << std::setw(2) << std::setfill('0') << total % 60;
    return out.str();
}

// One self-overwriting line on stderr: bar, files, MB, MB/s, ETA (from the bytes still to read).
void draw_progress(const pith::IndexProgress& p) {
    constexpr int kWidth = 24;
    double fraction = p.bytes_total > 0 ? static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total)
                      : p.files_total > 0 ? static_cast<double>(p.files_done) / static_cast<double>(p.files_total)
                                          : 1.0;
    int filled = static_cast<int>(fraction * kWidth);
    double rate = p.seconds > 0 ? static_cast<double>(p.bytes_done) / kMB / p.seconds : 0;
    std::ostringstream line;
    line << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
         << std::string(static_cast<std::size_t>(kWidth - filled), '.') << "] " << p.files_done << '/' << p.files_total
         << " files  " << std::fixed << std::setprecision(1) << static_cast<double>(p.bytes_done) / kMB << '/'
         << static_cast<double>(p.bytes_total) / kMB << " MB  " << rate << " MB/s";
    if (rate > 0 && p.bytes_done < p.bytes_total)
        line << "  ETA " << format_duration(static_cast<double>(p.bytes_total - p.bytes_done) / kMB / rate);
    line << "\x1b[K";
    std::cerr << line.str() << std::flush;
}

void clear_progress() { std::cerr << "\r\x1b[K" << std::flush; }

// At most `bytes` bytes of `text`, cut on a UTF-8 character boundary.
std::string shorten(const std::string& text, std::size_t bytes) {
    if (text.size() <= bytes) return text;
    std::size_t cut = bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "\u2026";
}

// --explain-clean: what the cleaner keeps and drops in each article of `file`, and why.
int explain_clean(const std::string& file, const pith::IndexConfig& config, pith::InputFormat format) {
    pith::ReadResult read = pith::read_articles(file, pith::ReadOptions{format, nullptr});
    for (const std::string& warning : read.warnings) warn(warning);
    for (const std::string& notice : read.notices) warn(notice);
    pith::CleaningRules rules = config.cleaning;
    rules.enabled = true;  // explaining the rules even where a config turns them off
    const pith::Cleaner cleaner(rules);
    for (const pith::Article& article : read.articles) {
        const pith::CleanedText cleaned = cleaner.clean(article.text);
        std::cout << pith::display_path(article.path);
        if (article.line > 0) std::cout << ':' << article.line;
        std::cout << ": " << cleaned.lines.size() - cleaned.dropped << " lines kept, " << cleaned.dropped << " dropped";
        if (!article.date.empty()) std::cout << "; date " << article.date;
        if (!article.source.empty()) std::cout << "; source " << article.source;
        std::cout << "\n";
        for (const pith::CleanedLine& line : cleaned.lines) {
            std::cout << (line.kept ? "  keep " : "  drop ") << std::setw(4) << line.line << "  "
                      << shorten(line.text, 100);
            if (!line.kept) std::cout << "    <- " << line.reason;
            std::cout << '\n';
        }
    }
    if (!config.cleaning.enabled)
        std::cout << "(the configuration disables cleaning: pith-index would keep every line)\n";
    return kAllIndexed;
}

std::string compaction_summary(const pith::CompactionReport& report) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(1) << "compacted " << static_cast<double>(report.bytes_before) / kMB
        << " MB to " << static_cast<double>(report.bytes_after) / kMB << " MB in " << std::setprecision(2)
        << report.seconds << " s";
    return out.str();
}

// pith-index --compact with no paths: compacts the index and indexes nothing; with --wait, waits
// for another writer to finish first, as an indexing run does.
int compact_only(const std::string& index, bool quiet, double wait_seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                                  std::chrono::duration<double>(wait_seconds));
    bool announced = false;
    try {
        std::optional<pith::CompactionReport> report;
        while (!report) {
            try {
                report = pith::compact_index(index);
            } catch (const pith::IndexLocked& e) {
                if (std::chrono::steady_clock::now() >= deadline || g_stop.load()) throw;
                if (!announced && !quiet) std::cerr << "pith-index: " << e.what() << "; waiting\n";
                announced = true;
                std::this_thread::sleep_for(std::chrono::milliseconds(200));
            }
        }
        if (!quiet) std::cout << "pith-index: " << index << ": " << compaction_summary(*report) << '\n';
        return kAllIndexed;
    } catch (const pith::Error& e) {
        std::cerr << "pith-index: " << e.what() << '\n';
        return kFatal;
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Index text articles into a Pith index, one searchable passage per paragraph."};
    app.footer(
        "\nDirectories are searched recursively for .txt, .md, .html/.htm and .jsonl files; a file named\n"
        "directly is always read (its format detected by content when the extension names none).\n"
        "Re-running on the same files re-indexes only those whose content changed.\n"
        "Exit status: 0 if every file was indexed, 1 if some were skipped (see warnings),\n"
        "2 on error or when interrupted (what was committed stays; run again to finish).");
    std::vector<std::string> inputs;
    std::string index = default_index();
    std::string config_file;
    bool rebuild = false;
    bool prune = false;
    bool quiet = false;
    std::size_t shards = 0;
    unsigned jobs = 0;
    unsigned writers = 0;
    double wait_seconds = 0;
    std::string format_name = "auto";
    bool no_clean = false;
    bool compact = false;
    bool no_compact = false;
    std::string explain_file;

    auto* paths_option = app.add_option("paths", inputs, "Files and directories to index; - reads standard input");
    app.add_option("--format", format_name,
                   "Input format: auto (by extension, then content), text, markdown, html, jsonl");
    app.add_flag("--no-clean", no_clean, "Index every line: do not drop boilerplate ([cleaning] in the config)");
    auto* explain_option = app.add_option(
        "--explain-clean", explain_file, "Print which lines of FILE cleaning keeps and drops, and why; index nothing");
    explain_option->excludes(paths_option);
    app.add_option("--index", index, "Index directory (default: $PITH_INDEX or ./.pith)");
    app.add_option("--config", config_file, "Index configuration (TOML); default: the built-in index-config/default.toml");
    app.add_flag("--rebuild", rebuild, "Discard the index's content and build it afresh");
    app.add_flag("--prune", prune, "Remove articles whose files under the given paths are gone or unreadable");
    app.add_option("-j,--jobs", jobs, "Threads that read and analyze (default: number of cores)")
        ->check(CLI::Range(1u, 1024u));
    app.add_option("--writers", writers,
                   "Writers of a build into an empty index, merged into one database at the end; 1 turns "
                   "parallel writing off (default: the number of --jobs, at most 4, from 4 MB of input on)")
        ->check(CLI::Range(1u, 64u));
    app.add_option("--wait", wait_seconds, "Wait up to SECONDS for another pith-index to finish (default: fail at once)")
        ->check(CLI::Range(0.0, 1e9));
    app.add_flag("-q,--quiet", quiet, "Print warnings only: no progress bar, no summary");
    app.add_option("--shards", shards,
                   "Write N shard databases and a Xapian stub listing them (default: keep the index's layout)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1024}));
    auto* compact_option = app.add_flag(
        "--compact", compact,
        "Compact the index at the end (done by default after a build into an empty index); with no paths, only compact");
    app.add_flag("--no-compact", no_compact, "Do not compact, not even after a build into an empty index")
        ->excludes(compact_option);
    app.set_version_flag("--version", std::string("pith-index ") + std::string(pith::version()));

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "pith-index: " << e.what() << "\nRun 'pith-index --help' for usage.\n";
        return kFatal;
    }

    if (compact && inputs.empty() && explain_file.empty()) {
        install_stop_handlers();
        return compact_only(index, quiet, wait_seconds);
    }
    if (explain_file.empty() && inputs.empty()) {
        std::cerr << "pith-index: no paths given; name files or directories to index (- reads standard input)\n"
                     "Run 'pith-index --help' for usage.\n";
        return kFatal;
    }
    if (!explain_file.empty()) {
        try {
            pith::IndexConfig config = config_file.empty() ? pith::IndexConfig::defaults() : pith::IndexConfig::load(config_file);
            return explain_clean(explain_file, config, pith::parse_format_name(format_name));
        } catch (const pith::Error& e) {
            std::cerr << "pith-index: " << e.what() << '\n';
            return kFatal;
        }
    }

    install_stop_handlers();
    const bool show_progress = !quiet && ::isatty(STDERR_FILENO);
    bool progress_drawn = false;
    try {
        pith::IndexerOptions options;
        options.inputs.assign(inputs.begin(), inputs.end());
        options.index_dir = index;
        if (!config_file.empty()) options.config = pith::IndexConfig::load(config_file);
        options.rebuild = rebuild;
        options.format = pith::parse_format_name(format_name);
        options.clean = !no_clean;
        options.shards = shards;
        options.prune = prune;
        options.jobs = jobs;
        options.writers = writers;
        options.lock_wait_seconds = wait_seconds;
        options.stop = &g_stop;
        if (compact) options.compaction = pith::IndexerOptions::Compaction::always;
        if (no_compact) options.compaction = pith::IndexerOptions::Compaction::never;

        pith::IndexerCallbacks callbacks;
        callbacks.warn = [&](const std::string& message) {
            if (progress_drawn) clear_progress();
            warn(message);
        };
        if (!quiet)
            callbacks.waiting = [](const std::string& message) { std::cerr << "pith-index: " << message << '\n'; };
        if (show_progress)
            callbacks.progress = [&](const pith::IndexProgress& progress) {
                draw_progress(progress);
                progress_drawn = true;
            };

        const pith::IndexSummary s = pith::run_indexer(options, callbacks);
        if (progress_drawn) clear_progress();

        if (!quiet) {
            std::cout << "pith-index: " << index << ": " << s.added << " added, " << s.updated << " updated, "
                      << s.unchanged << " unchanged, " << s.removed + s.renamed << " removed";
            if (s.renamed > 0) std::cout << " (" << s.renamed << " renamed)";
            std::cout << ", " << s.skipped << " skipped";
            if (s.dropped_lines > 0)
                std::cout << ", " << s.dropped_lines << (s.dropped_lines == 1 ? " boilerplate line" : " boilerplate lines")
                          << " dropped";
            if (s.invalid_utf8_files > 0) std::cout << ", " << s.invalid_utf8_files << " with invalid UTF-8";
            std::cout << "; " << s.passages << " passages, " << std::fixed
                      << std::setprecision(1) << static_cast<double>(s.bytes_read) / kMB << " MB read in "
                      << std::setprecision(2) << s.seconds << " s";
            if (s.compacted) std::cout << "; " << compaction_summary(s.compaction);
            std::cout << '\n' << std::flush;
        }
        if (s.interrupted) {
            std::cerr << "pith-index: interrupted by " << (g_signal == SIGTERM ? "SIGTERM" : "SIGINT")
                      << "; everything indexed so far is committed; run the same command again to finish\n";
            return kFatal;
        }
        if (s.files_found == 0 && s.skipped == 0) {
            warn("no .txt, .md, .html or .jsonl files found in the given paths");
            return kSomeSkipped;
        }
        return s.skipped > 0 ? kSomeSkipped : kAllIndexed;
    } catch (const pith::Error& e) {
        if (progress_drawn) clear_progress();
        std::cerr << "pith-index: " << e.what() << '\n';
        return kFatal;
    } catch (const std::exception& e) {
        if (progress_drawn) clear_progress();
        std::cerr << "pith-index: unexpected error: " << e.what() << '\n';
        return kFatal;
    }
}
