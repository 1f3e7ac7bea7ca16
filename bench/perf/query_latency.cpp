// In-process query latency of pith::Searcher, for bench/perf/run.py: opens the index once, runs
// every query of a list (one warm-up pass, then --repeat timed passes) and prints one JSON
// object with the per-query timings (wall: samples_ms; the thread's CPU time: cpu_samples_ms).
// Timing inside one process leaves out process start-up and ICU/Xapian set-up, which the
// fresh-process figures of run.py include.

#include <pith/pith.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of this thread: on a machine shared with other work, wall time measures the
// scheduler and the page cache as much as the query; CPU time does not.
double thread_cpu_ms() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Measures pith::Searcher query latency in one process; prints JSON."};
    std::string index_dir;
    std::string queries_file;
    std::size_t repeat = 5;
    std::size_t limit = 10;
    std::size_t rescore_window = pith::SearchOptions{}.rescore_window;
    std::size_t rescore_per_article = pith::SearchOptions{}.rescore_passages_per_article;
    std::size_t rescore_min_passages = pith::SearchOptions{}.rescore_min_passages;
    app.add_option("--index", index_dir, "index directory")->required();
    app.add_option("--queries", queries_file, "file with one query a line (Pith syntax)")->required();
    app.add_option("--repeat", repeat, "timed passes over the query list")->check(CLI::PositiveNumber);
    app.add_option("--limit", limit, "hits per query, as pith-search -n")->check(CLI::PositiveNumber);
    app.add_option("--rescore-window", rescore_window, "as pith-search --rescore-window (0: boosts inside the match)")
        ->capture_default_str();
    app.add_option("--rescore-per-article", rescore_per_article, "as pith-search --rescore-per-article")
        ->capture_default_str();
    app.add_option("--rescore-min-passages", rescore_min_passages,
                   "use the window only above this many position tests (SearchOptions::rescore_min_passages)")
        ->capture_default_str();
    bool no_title_first = false;
    app.add_flag("--no-title-first", no_title_first,
                 "rank every matching passage at once, not the title-matching ones first (SearchOptions::title_first)");
    CLI11_PARSE(app, argc, argv);

    std::ifstream input(queries_file);
    if (!input) {
        std::cerr << "query_latency: cannot read the query list '" << queries_file << "'\n";
        return 2;
    }
    std::vector<std::string> queries;
    for (std::string line; std::getline(input, line);)
        if (!line.empty()) queries.push_back(line);
    if (queries.empty()) {
        std::cerr << "query_latency: the query list '" << queries_file << "' is empty\n";
        return 2;
    }

    try {
        const auto open_start = Clock::now();
        pith::Searcher searcher(index_dir);
        const double open_ms = milliseconds_since(open_start);
        const pith::SearchOptions options{.limit = limit,
                                          .rescore_window = rescore_window,
                                          .rescore_passages_per_article = rescore_per_article,
                                          .rescore_min_passages = rescore_min_passages,
                                          .title_first = !no_title_first};

        nlohmann::json hits = nlohmann::json::array();
        for (const std::string& query : queries)  // warm-up: page in the index, count answers
            hits.push_back(searcher.search(query, options).hits.size());

        nlohmann::json samples = nlohmann::json::array();
        nlohmann::json cpu_samples = nlohmann::json::array();
        for (std::size_t pass = 0; pass < repeat; ++pass) {
            for (const std::string& query : queries) {
                const double cpu_start = thread_cpu_ms();
                const auto start = Clock::now();
                const auto results = searcher.search(query, options);
                samples.push_back(milliseconds_since(start));
                cpu_samples.push_back(thread_cpu_ms() - cpu_start);
            }
        }
        std::cout << nlohmann::json{{"open_ms", open_ms},
                                    {"hits", hits},
                                    {"samples_ms", samples},
                                    {"cpu_samples_ms", cpu_samples}}
                         .dump()
                  << '\n';
    } catch (const pith::Error& error) {
        std::cerr << "query_latency: " << error.what() << '\n';
        return 2;
    }
    return 0;
}
