// Indexes a test collection through Pith's library and writes the ranking of each query, for
// bench/relevance/run.py to score. Input: JSON Lines documents {"docno","title","text"} and a
// TSV of queries (id, text). Output: a run file "query-id docno rank score" per line.
//
// Queries are run as a user types them into pith-search --any: every word optional, ranked.

#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "pith/pith.hpp"

namespace {

int usage() {
    std::cerr << "usage: pith-relevance DOCS.jsonl QUERIES.tsv INDEX_DIR RUN_OUT [CONFIG.toml]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 5 || argc > 6) return usage();
    const std::string docs_file = argv[1], queries_file = argv[2], index_dir = argv[3], run_file = argv[4];
    // Run files hold the top 100: recall@100 needs no more.
    const std::size_t depth = 100;
    try {
        {
            const pith::IndexConfig config = argc == 6 ? pith::IndexConfig::load(argv[5]) : pith::IndexConfig::defaults();
            pith::IndexWriter writer(index_dir, config, pith::OpenMode::rebuild);
            std::ifstream docs(docs_file);
            if (!docs) throw std::runtime_error("cannot read " + docs_file);
            std::string line;
            while (std::getline(docs, line)) {
                auto doc = nlohmann::json::parse(line);
                pith::Article article;
                const std::string docno = doc["docno"];
                article.id = std::string(16 - std::min<std::size_t>(16, docno.size()), '0') + docno;
                article.path = "/cranfield/" + docno;
                article.title = doc["title"];
                article.text = doc["text"];
                article.content_hash = article.id;
                writer.add(article);
            }
            writer.commit();
        }
        pith::Searcher searcher(index_dir);
        std::ifstream queries(queries_file);
        std::ofstream run(run_file);
        if (!queries) throw std::runtime_error("cannot read " + queries_file);
        std::string line;
        pith::SearchOptions options;
        options.limit = depth;
        options.any_word = true;
        while (std::getline(queries, line)) {
            const auto tab = line.find('\t');
            if (tab == std::string::npos) continue;
            const std::string id = line.substr(0, tab);
            pith::SearchResults results;
            try {
                results = searcher.search(line.substr(tab + 1), options);
            } catch (const pith::QueryError& e) {
                std::cerr << "pith-relevance: query " << id << ": " << e.what() << '\n';
                continue;
            }
            for (const pith::Hit& hit : results.hits)
                run << id << ' ' << hit.path.substr(hit.path.rfind('/') + 1) << ' ' << hit.rank << ' ' << hit.score << '\n';
        }
    } catch (const std::exception& e) {
        std::cerr << "pith-relevance: " << e.what() << '\n';
        return 2;
    }
    return 0;
}
