// pith-index: a thin shell over pith::IndexWriter. Exit status: 0 when every file was indexed,
// 1 when some were skipped with a warning, 2 on a fatal error.

#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>

#include "pith/article.hpp"
#include "pith/config.hpp"
#include "pith/error.hpp"
#include "pith/index_writer.hpp"
#include "pith/sharded_index_writer.hpp"
#include "pith/version.hpp"

namespace {

constexpr int kAllIndexed = 0;
constexpr int kSomeSkipped = 1;
constexpr int kFatal = 2;

std::string default_index() {
    const char* env = std::getenv("PITH_INDEX");
    return env && *env ? env : "./.pith";
}

void warn(const std::string& message) { std::cerr << "pith-index: warning: " << message << '\n'; }

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Index text articles into a Pith index, one searchable passage per paragraph."};
    app.footer(
        "\nDirectories are searched recursively for .txt files; a file named directly is always read.\n"
        "Re-running on the same files re-indexes only those whose content changed.\n"
        "Exit status: 0 if every file was indexed, 1 if some were skipped (see warnings), 2 on error.");
    std::vector<std::string> inputs;
    std::string index = default_index();
    std::string config_file;
    bool rebuild = false;
    bool quiet = false;
    std::size_t shards = 0;

    app.add_option("paths", inputs, "Files and directories to index")->required();
    app.add_option("--index", index, "Index directory (default: $PITH_INDEX or ./.pith)");
    app.add_option("--config", config_file, "Index configuration (TOML); default: the built-in index-config/default.toml");
    app.add_flag("--rebuild", rebuild, "Discard the index's content and build it afresh");
    app.add_flag("-q,--quiet", quiet, "Print warnings only, no summary");
    app.add_option("--shards", shards,
                   "Write N shard databases and a Xapian stub listing them (default: keep the index's layout)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1024}));
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

    auto started = std::chrono::steady_clock::now();
    try {
        std::optional<pith::IndexConfig> config;
        if (!config_file.empty()) config = pith::IndexConfig::load(config_file);

        std::size_t skipped = 0;
        std::vector<std::filesystem::path> paths(inputs.begin(), inputs.end());
        auto files = pith::collect_article_files(paths, [&](const std::string& message) {
            warn(message);
            ++skipped;
        });

        pith::ShardedIndexWriter writer(index, shards, config, rebuild ? pith::OpenMode::rebuild : pith::OpenMode::update);
        std::size_t added = 0, replaced = 0, unchanged = 0, passages = 0;
        for (const auto& file : files) {
            pith::Article article;
            try {
                article = pith::read_article(file);
            } catch (const pith::InputError& e) {
                warn(e.what());
                ++skipped;
                continue;
            }
            if (article.invalid_utf8 > 0)
                warn(file.string() + ": " + std::to_string(article.invalid_utf8) +
                     " invalid UTF-8 sequence(s) replaced by U+FFFD");
            std::size_t written = 0;
            switch (writer.add(article, &written)) {
                case pith::AddOutcome::added: ++added; break;
                case pith::AddOutcome::replaced: ++replaced; break;
                case pith::AddOutcome::unchanged: ++unchanged; break;
            }
            passages += written;
        }
        writer.commit();

        if (!quiet) {
            double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            std::cout << "pith-index: " << index << ": " << added << " added, " << replaced << " updated, " << unchanged
                      << " unchanged, " << skipped << " skipped; " << passages << " passages written in "
                      << std::fixed << std::setprecision(2) << seconds << " s\n";
        }
        if (files.empty() && skipped == 0) {
            warn("no .txt files found in the given paths");
            return kSomeSkipped;
        }
        return skipped > 0 ? kSomeSkipped : kAllIndexed;
    } catch (const pith::Error& e) {
        std::cerr << "pith-index: " << e.what() << '\n';
        return kFatal;
    } catch (const std::exception& e) {
        std::cerr << "pith-index: unexpected error: " << e.what() << '\n';
        return kFatal;
    }
}
