// Analyzer throughput against the floor no analyzer can beat: a bare ICU word-break loop over
// the same paragraphs (same iterator, same UText over UTF-8, rule status read, nothing kept).
//
//   cmake -S . -B build -DPITH_BUILD_BENCH=ON && make -C build pith-analyzer-bench
//   build/bench/pith-analyzer-bench --benchmark_min_time=2
//
// English text: the news articles in $PITH_BENCH_ENGLISH (default ../shared/seeds).
// Chinese text: linux-doc's Simplified Chinese translation, $PITH_BENCH_CHINESE (default
// /usr/share/doc/linux-doc/Documentation/translations/zh_CN; .rst.gz files are read as is).

#include <benchmark/benchmark.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include "pith/analyzer.hpp"

namespace {

namespace fs = std::filesystem;

std::string read_any(const fs::path& file) {
    if (file.extension() == ".gz") {
        std::string text;
        gzFile in = gzopen(file.c_str(), "rb");
        if (in == nullptr) return text;
        char buffer[65536];
        int n;
        while ((n = gzread(in, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(n));
        gzclose(in);
        return text;
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// The non-empty lines of every .txt/.rst/.rst.gz file under `dir`: the paragraphs an indexer
// would hand the analyzer one at a time.
std::vector<std::string> paragraphs_under(const char* variable, const char* fallback) {
    const char* configured = std::getenv(variable);
    const fs::path dir = configured ? configured : fallback;
    std::vector<std::string> paragraphs;
    if (!fs::is_directory(dir)) {
        std::cerr << "pith-analyzer-bench: no directory '" << dir.string() << "'; set " << variable << "\n";
        return paragraphs;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && (name.ends_with(".txt") || name.ends_with(".rst") || name.ends_with(".rst.gz")))
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
        std::istringstream lines(read_any(file));
        std::string line;
        while (std::getline(lines, line))
            if (line.find_first_not_of(" \t\r") != std::string::npos) paragraphs.push_back(line);
    }
    return paragraphs;
}

const std::vector<std::string>& english() {
    static const std::vector<std::string> paragraphs = paragraphs_under("PITH_BENCH_ENGLISH", PITH_SEEDS_DIR);
    return paragraphs;
}

const std::vector<std::string>& chinese() {
    static const std::vector<std::string> paragraphs =
        paragraphs_under("PITH_BENCH_CHINESE", "/usr/share/doc/linux-doc/Documentation/translations/zh_CN");
    return paragraphs;
}

std::int64_t total_bytes(const std::vector<std::string>& paragraphs) {
    std::int64_t bytes = 0;
    for (const std::string& p : paragraphs) bytes += static_cast<std::int64_t>(p.size());
    return bytes;
}

void bare_icu_word_break(benchmark::State& state, const std::vector<std::string>& (*corpus)()) {
    const std::vector<std::string>& paragraphs = corpus();
    if (paragraphs.empty()) return state.SkipWithError("no text");
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    UText* text = nullptr;
    std::int64_t kept = 0;
    for (auto _ : state) {
        for (const std::string& paragraph : paragraphs) {
            text = utext_openUTF8(text, paragraph.data(), static_cast<int64_t>(paragraph.size()), &status);
            words->setText(text, status);
            words->first();
            for (int32_t end = words->next(); end != icu::BreakIterator::DONE; end = words->next())
                kept += words->getRuleStatus() >= UBRK_WORD_NONE_LIMIT;
        }
    }
    benchmark::DoNotOptimize(kept);
    utext_close(text);
    state.SetBytesProcessed(state.iterations() * total_bytes(paragraphs));
}

void full_analyzer(benchmark::State& state, const std::vector<std::string>& (*corpus)()) {
    const std::vector<std::string>& paragraphs = corpus();
    if (paragraphs.empty()) return state.SkipWithError("no text");
    pith::Analyzer analyzer(pith::IndexConfig::defaults());
    std::size_t tokens = 0;
    for (auto _ : state)
        for (const std::string& paragraph : paragraphs) tokens += analyzer.analyze(paragraph).size();
    benchmark::DoNotOptimize(tokens);
    state.SetBytesProcessed(state.iterations() * total_bytes(paragraphs));
}

BENCHMARK_CAPTURE(bare_icu_word_break, english, english);
BENCHMARK_CAPTURE(full_analyzer, english, english);
BENCHMARK_CAPTURE(bare_icu_word_break, chinese, chinese);
BENCHMARK_CAPTURE(full_analyzer, chinese, chinese);

}  // namespace

BENCHMARK_MAIN();
