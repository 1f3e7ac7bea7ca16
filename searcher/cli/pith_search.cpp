// pith-search: a thin shell over pith::Searcher. Exit status like grep: 0 when something
// matched, 1 when nothing did, 2 on any error.

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>

#include "pith/error.hpp"
#include "pith/searcher.hpp"
#include "pith/version.hpp"
#include "printers.hpp"

namespace {

constexpr int kFound = 0;
constexpr int kNothing = 1;
constexpr int kError = 2;

std::string default_index() {
    const char* env = std::getenv("PITH_INDEX");
    return env && *env ? env : "./.pith";
}

bool use_color(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    return isatty(STDOUT_FILENO) && !(no_color && *no_color) && !(term && std::string(term) == "dumb");
}

const char* kQuerySyntax = R"(
Query syntax:
  canola tariffs        passages containing both words (matched by stem: tariff, tariffs)
  "Meng Wanzhou"        the exact phrase, words adjacent and in order
  canola OR rapeseed    either word (OR in capitals; lower-case "or" is a word)
  canola -tariff        canola but not tariff (quote the whole query so the shell
                        passes -tariff as part of it, or put the query after --)
Stopwords (the, of, to…) are optional unless the query has nothing else.

Exit status: 0 if a passage matched, 1 if none did, 2 on error.)";

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Search a Pith index and print the best passages, matches highlighted."};
    app.footer(kQuerySyntax);
    std::vector<std::string> words;
    std::string index = default_index();
    std::size_t limit = 10;
    std::size_t per_article = 1;
    bool show_duplicates = false;
    bool json = false;
    std::string color = "auto";

    app.add_option("query", words, "The query (several arguments are joined with spaces)")->required();
    app.add_option("--index", index, "Index directory (default: $PITH_INDEX or ./.pith)");
    app.add_option("-n,--limit", limit, "Maximum number of passages to print")->capture_default_str();
    app.add_flag("--show-duplicates", show_duplicates,
                 "Also show articles that nearly duplicate one indexed before them (hidden by default)");
    app.add_option("--per-article", per_article, "Passages shown per article, best first (0: no limit)")
        ->capture_default_str();
    app.add_flag("--json", json, "Print JSON Lines, one object per passage");
    app.add_option("--color", color, "When to colour matches")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    app.set_version_flag("--version", std::string("pith-search ") + std::string(pith::version()));

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ExtrasError& e) {
        std::cerr << "pith-search: " << e.what()
                  << "\npith-search: to exclude a word, quote the whole query (pith-search 'canola -tariff') "
                     "or put the query after --\n";
        return kError;
    } catch (const CLI::ParseError& e) {
        std::cerr << "pith-search: " << e.what() << "\nRun 'pith-search --help' for usage.\n";
        return kError;
    }

    std::string query;
    for (const std::string& word : words) query += (query.empty() ? "" : " ") + word;

    try {
        pith::Searcher searcher(index);
        pith::SearchResults results = searcher.search(query, {limit, per_article, show_duplicates});
        if (json) {
            pith::cli::print_json(std::cout, results);
        } else {
            pith::cli::print_terminal(std::cout, results, {use_color(color)});
        }
        std::cout.flush();
        return results.hits.empty() ? kNothing : kFound;
    } catch (const pith::QueryError& e) {
        std::cerr << "pith-search: error: " << e.what() << '\n';
        return kError;
    } catch (const pith::Error& e) {
        std::cerr << "pith-search: " << e.what() << '\n';
        return kError;
    } catch (const std::exception& e) {
        std::cerr << "pith-search: unexpected error: " << e.what() << '\n';
        return kError;
    }
}
