// How often a Chinese sub-word someone might type is findable, with dictionary words alone and
// with the bigram fallback. Samples N random 2- and 3-character Han runs from real text (every
// one of them occurs in its paragraph, so a perfect engine finds all) and checks, as pith-search
// does, whether the paragraph matches: by words (the query's words appear consecutively among
// the paragraph's words) or by bigrams (the query's bigrams at consecutive positions of the paragraph's).
//
//   build/bench/pith-cjk-subword-recall [DIR] [N]   (DIR default: linux-doc's zh_CN translation)

#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <unicode/utf8.h>

#include "pith/analyzer.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_gz(const fs::path& file) {
    std::string text;
    gzFile in = gzopen(file.c_str(), "rb");
    if (in == nullptr) return text;
    char buffer[65536];
    int n;
    while ((n = gzread(in, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(n));
    gzclose(in);
    return text;
}

bool is_han(UChar32 c) { return c >= 0x4E00 && c <= 0x9FFF; }

// Byte ranges of the characters of `line`, and whether each is Han.
struct Character {
    std::size_t begin, end;
    bool han;
};
std::vector<Character> characters(const std::string& line) {
    std::vector<Character> out;
    int32_t at = 0;
    const auto length = static_cast<int32_t>(line.size());
    while (at < length) {
        const int32_t start = at;
        UChar32 c;
        U8_NEXT(reinterpret_cast<const uint8_t*>(line.data()), at, length, c);
        out.push_back({static_cast<std::size_t>(start), static_cast<std::size_t>(at), is_han(c)});
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    const fs::path dir = argc > 1 ? argv[1] : "/usr/share/doc/linux-doc/Documentation/translations/zh_CN";
    const int samples = argc > 2 ? std::stoi(argv[2]) : 2000;
    std::vector<std::string> lines;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".gz") continue;
        std::string text = read_gz(entry.path());
        std::size_t start = 0;
        while (start < text.size()) {
            std::size_t end = text.find('\n', start);
            if (end == std::string::npos) end = text.size();
            if (end - start > 30) lines.push_back(text.substr(start, end - start));
            start = end + 1;
        }
    }
    pith::Analyzer analyzer(pith::IndexConfig::defaults());
    std::mt19937 random(42);
    int taken = 0, by_words = 0, by_bigrams = 0, by_either = 0;
    for (int attempt = 0; taken < samples && attempt < samples * 50; ++attempt) {
        const std::string& line = lines[std::uniform_int_distribution<std::size_t>(0, lines.size() - 1)(random)];
        const std::vector<Character> chars = characters(line);
        const std::size_t length = std::uniform_int_distribution<std::size_t>(2, 3)(random);
        if (chars.size() < length) continue;
        const std::size_t first = std::uniform_int_distribution<std::size_t>(0, chars.size() - length)(random);
        if (!std::all_of(chars.begin() + static_cast<long>(first), chars.begin() + static_cast<long>(first + length),
                         [](const Character& c) { return c.han; }))
            continue;
        const std::string query = line.substr(chars[first].begin, chars[first + length - 1].end - chars[first].begin);
        ++taken;

        std::vector<std::string> line_words, query_words;
        std::vector<const pith::Token*> line_bigrams;  // in position order
        std::vector<std::string> query_bigrams;
        const std::vector<pith::Token> line_tokens = analyzer.analyze(line);
        for (const pith::Token& t : line_tokens) {
            if (t.form == pith::TokenForm::word) line_words.push_back(t.term);
            if (t.form == pith::TokenForm::bigram) line_bigrams.push_back(&t);
        }
        for (const pith::Token& t : analyzer.analyze(query)) {
            if (t.form == pith::TokenForm::word) query_words.push_back(t.term);
            if (t.form == pith::TokenForm::bigram) query_bigrams.push_back(t.term);
        }
        const bool words = std::search(line_words.begin(), line_words.end(), query_words.begin(), query_words.end()) !=
                           line_words.end();
        // As pith-search matches: the query's bigrams at consecutive positions (an exact phrase).
        bool bigrams = false;
        for (std::size_t i = 0; !query_bigrams.empty() && !bigrams && i + query_bigrams.size() <= line_bigrams.size(); ++i) {
            bigrams = true;
            for (std::size_t k = 0; k < query_bigrams.size() && bigrams; ++k)
                bigrams = line_bigrams[i + k]->term == query_bigrams[k] &&
                          line_bigrams[i + k]->position == line_bigrams[i]->position + k;
        }
        by_words += words;
        by_bigrams += bigrams;
        by_either += words || bigrams;
    }
    auto percent = [&](int n) { return 100.0 * n / std::max(taken, 1); };
    std::cout << "samples: " << taken << " random 2-3 character Han substrings of " << dir.string() << "\n"
              << "found by dictionary words alone: " << by_words << " (" << percent(by_words) << "%)\n"
              << "found with the bigram fallback:  " << by_either << " (" << percent(by_either) << "%)\n";
    return 0;
}
