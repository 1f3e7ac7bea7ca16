#include "cjk_bigrams.hpp"

#include <unicode/utf8.h>

#include "schema.hpp"

namespace pith {
namespace {

// Hiragana, katakana and the CJK ideograph blocks (plus the iteration mark 々). NFKC and case
// folding leave all of them unchanged, so a bigram can be cut straight from the source text.
bool is_bigram_character(UChar32 c) {
    return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           c == 0x3005;
}

struct Character {
    std::size_t begin;
    std::size_t end;
    std::uint32_t position;
};

// Appends the characters of `word` to `run`; false (and nothing appended) when the word holds
// anything but bigram characters.
bool append_characters(std::string_view text, const Token& word, std::vector<Character>& run) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    // U+3040..U+9FFF all start with a lead byte E3..E9: anything else is no CJK word.
    if (word.begin >= word.end || bytes[word.begin] < 0xE3 || bytes[word.begin] > 0xE9) return false;
    std::vector<Character> characters;
    int32_t offset = static_cast<int32_t>(word.begin);
    const auto end = static_cast<int32_t>(word.end);
    while (offset < end) {
        const int32_t start = offset;
        UChar32 c;
        U8_NEXT(bytes, offset, end, c);
        if (!is_bigram_character(c)) return false;
        characters.push_back({static_cast<std::size_t>(start), static_cast<std::size_t>(offset), word.position});
    }
    run.insert(run.end(), characters.begin(), characters.end());
    return !characters.empty();
}

void emit_run(std::string_view text, const std::vector<Character>& run, std::vector<Token>& out) {
    if (run.size() < 2) return;
    for (std::size_t i = 0; i + 1 < run.size(); ++i) {
        Token bigram;
        bigram.term.reserve(schema::kBigramPrefix.size() + run[i + 1].end - run[i].begin);
        bigram.term.append(schema::kBigramPrefix);
        bigram.term.append(text.substr(run[i].begin, run[i + 1].end - run[i].begin));
        bigram.position = run[i].position;
        bigram.begin = run[i].begin;
        bigram.end = run[i + 1].end;
        bigram.variant = true;
        bigram.form = TokenForm::bigram;
        out.push_back(std::move(bigram));
    }
}

}  // namespace

void append_cjk_bigrams(std::string_view text, std::vector<Token>& tokens) {
    std::vector<Token> bigrams;
    std::vector<Character> run;
    std::size_t run_end = 0;
    for (const Token& token : tokens) {
        if (token.form != TokenForm::word) continue;
        if (run.empty() || token.begin != run_end) {
            emit_run(text, run, bigrams);
            run.clear();
        }
        if (append_characters(text, token, run)) {
            run_end = token.end;
        } else {
            emit_run(text, run, bigrams);
            run.clear();
        }
    }
    emit_run(text, run, bigrams);
    tokens.insert(tokens.end(), std::make_move_iterator(bigrams.begin()), std::make_move_iterator(bigrams.end()));
}

}  // namespace pith
