// In-process query latency of pith::Searcher, for bench/perf/run.py: opens the index once, runs
// every query of a list (one warm-up pass, then --repeat timed passes) and prints one JSON
// object with the per-query timings. Timing inside one process leaves out process start-up and
// ICU/Xapian set-up, which the fresh-process figures of run.py include.

#include <pith/pith.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Measures pith::Searcher query latency in one process; prints JSON."};
    std::string index_dir;
    std::string queries_file;
    std::size_t repeat = 5;
    std::size_t limit = 10;
    app.add_option("--index", index_dir, "index directory")->required();
    app.add_option("--queries", queries_file, "file with one query a line (Pith syntax)")->required();
    app.add_option("--repeat", repeat, "timed passes over the query list")->check(CLI::PositiveNumber);
    app.add_option("--limit", limit, "hits per query, as pith-search -n")->check(CLI::PositiveNumber);
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
        const pith::SearchOptions options{.limit = limit};

        nlohmann::json hits = nlohmann::json::array();
        for (const std::string& query : queries)  // warm-up: page in the index, count answers
            hits.push_back(searcher.search(query, options).hits.size());

        nlohmann::json samples = nlohmann::json::array();
        for (std::size_t pass = 0; pass < repeat; ++pass) {
            for (const std::string& query : queries) {
                const auto start = Clock::now();
                const auto results = searcher.search(query, options);
                samples.push_back(milliseconds_since(start));
            }
        }
        std::cout << nlohmann::json{{"open_ms", open_ms}, {"hits", hits}, {"samples_ms", samples}}.dump()
                  << '\n';
    } catch (const pith::Error& error) {
        std::cerr << "query_latency: " << error.what() << '\n';
        return 2;
    }
    return 0;
}
