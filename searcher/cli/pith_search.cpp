// pith-search: a thin shell over pith::Searcher. Exit status like grep: 0 when something
// matched, 1 when nothing did, 2 on any error.

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <limits>

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

// Ends the process once the output is written, without destroying the Searcher, the results
// and the option parser: the kernel frees their memory and closes the index (opened read-only,
// nothing to write back), and tearing them down by hand was 0.2 M instructions, 3 % of a fresh
// query at 10 MB (bench/RESULTS.md, "Fresh-process start-up").
// Output that could not be written (a full disk, /dev/full) is an error, as in rg: the hits
// would otherwise be lost with exit status 0. A reader that closed the pipe early (| head)
// wanted no more, so EPIPE (when SIGPIPE is ignored) stays quiet.
[[noreturn]] void exit_now(int status) {
    // errno is the failed write's: the stream fails on its first failed write, here or earlier.
    std::cout.flush();
    if (!std::cout && errno != EPIPE) {
        std::cerr << "pith-search: error writing the results: " << std::strerror(errno != 0 ? errno : EIO) << '\n';
        status = kError;
    }
    std::cerr.flush();
    std::_Exit(status);
}

const char* kQuerySyntax = R"(
Query syntax:
  canola tariffs        passages containing both words (matched by stem: tariff, tariffs);
                        with --any either may match, more matches rank higher
  canola AND tariffs    the same (AND is optional)
  canola OR rapeseed    either word (OR in capitals; lower-case "or" is a word)
  canola -tariff        canola but not tariff (quote the whole query so the shell
  canola NOT tariff     passes -tariff as part of it, or put the query after --)
  +canola exports       + keeps a word required, also with --any and for stopwords
  (canola OR rapeseed) AND (china OR beijing)
                        parentheses group; OR binds tighter than AND: a b OR c = a (b OR c)
  "Meng Wanzhou"        the exact phrase, words adjacent and in order
  "canola china"~5      the words within 5 positions of each other, in any order
  tarif*                words starting with tarif (at most 1000 of them)
  title:canola          articles with canola in the title (title:"two words" too)
  path:2024/            articles whose file path contains 2024/
  source:reuters        articles from this source (when the indexer knows it)
  date:2025-01-01..2025-06-30   articles dated in the range; date:2025-03.. and
                        date:..2025 leave an end open
Stopwords (the, of, to…) are optional unless the query has nothing else.
A query may hold at most 1000 words and 32 levels of parentheses.

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
    std::size_t offset = 0;
    bool any_word = false;
    bool count = false;
    bool files = false;
    bool explain = false;
    std::string sort = "relevance";
    bool no_synonyms = false;
    std::size_t context = 0;
    std::size_t rescore_window = pith::SearchOptions{}.rescore_window;
    std::size_t rescore_per_article = pith::SearchOptions{}.rescore_passages_per_article;

    app.add_option("query", words, "The query (several arguments are joined with spaces)")->required();
    app.add_option("--index", index, "Index directory (default: $PITH_INDEX or ./.pith)");
    auto* limit_option = app.add_option("-n,--limit", limit, "Maximum number of passages to print")->capture_default_str();
    app.add_flag("--show-duplicates", show_duplicates,
                 "Also show articles that nearly duplicate one indexed before them (hidden by default)");
    app.add_option("--offset", offset, "Skip this many passages first (the next page: --offset 10)");
    app.add_flag("--any", any_word, "Every word optional: passages matching more of them rank higher (+word stays required)");
    app.add_option("--sort", sort, "Order of the hits: relevance or date (newest first)")
        ->check(CLI::IsMember({"relevance", "date"}))
        ->capture_default_str();
    app.add_option("-C,--context", context, "Also show N neighbouring passages before and after each hit");
    app.add_flag("--no-synonyms", no_synonyms, "Match only the words typed, not their synonym groups");
    app.add_flag("--explain", explain, "Show the parts of each hit's score (words, title, phrase and proximity boosts)");
    auto* count_option = app.add_flag("-c,--count", count, "Print only the number of matching passages");
    app.add_flag("-l,--files", files, "Print only the paths of matching articles, best first (like rg -l)")
        ->excludes(count_option);
    app.add_option("--per-article", per_article, "Passages shown per article, best first (0: no limit)")
        ->capture_default_str();
    app.add_option("--rescore-window", rescore_window,
                   "Add the phrase and proximity boosts to this many best passages, then re-sort "
                   "(0: to every matching passage, slower)")
        ->capture_default_str();
    app.add_option("--rescore-per-article", rescore_per_article,
                   "Passages of one article the rescore window holds, so another of its passages can still "
                   "win once boosted (0: all)")
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
        const auto started = std::chrono::steady_clock::now();
        pith::Searcher searcher(index);
        pith::SearchOptions options;
        options.limit = limit;
        options.per_article = per_article;
        options.offset = offset;
        options.any_word = any_word;
        options.sort = sort == "date" ? pith::SortOrder::date : pith::SortOrder::relevance;
        options.explain = explain;
        options.synonyms = !no_synonyms;
        options.context = context;
        options.show_duplicates = show_duplicates;
        options.rescore_window = rescore_window;
        options.rescore_passages_per_article = rescore_per_article;
        // Highlights only change what is printed in colour or as JSON; plain text, counts and
        // paths print the same without them.
        const bool colored = use_color(color);
        options.highlights = json || (!count && !files && colored);
        if (count) {
            options.limit = 0;
            options.exact_count = true;
            options.offset = 0;
        }
        if (files) {
            // Like rg -l: every matching article unless -n says otherwise.
            options.per_article = 1;
            if (limit_option->count() == 0) options.limit = std::numeric_limits<unsigned>::max();
        }
        pith::SearchResults results = searcher.search(query, options);
        // Like a search box: a likely misspelling is pointed out, on stderr so that scripts
        // reading stdout see hits only (--json carries it as a line of its own).
        if (!results.did_you_mean.empty() && !json)
            std::cerr << "pith-search: Did you mean: " << results.did_you_mean << '\n';
        if (count) {
            std::cout << results.matches_estimated << '\n';
            exit_now(results.matches_estimated == 0 ? kNothing : kFound);
        }
        if (files) {
            for (const pith::Hit& hit : results.hits) std::cout << hit.path << '\n';
        } else if (json) {
            pith::cli::print_json(std::cout, results);
        } else {
            pith::cli::print_terminal(std::cout, results, {colored});
            const double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            pith::cli::print_summary(std::cerr, results, seconds);
        }
        exit_now(results.hits.empty() ? kNothing : kFound);
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
