#include "cjk_bigrams.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "schema.hpp"

namespace pith {
namespace {

// Script families whose words are cut into bigrams; a run never mixes two of them.
enum class Family : std::uint8_t { none, han_kana, hangul, southeast_asian };

// Halfwidth katakana (ｶﾒﾗ), which NFKC turns into the fullwidth kana people type (カメラ).
bool is_halfwidth_katakana(UChar32 c) { return c >= 0xFF66 && c <= 0xFF9F; }

// NFKC and case folding leave Han, kana and precomposed Hangul unchanged, so their bigrams can
// be cut straight from the source text; only halfwidth katakana is normalised (see emit_run).
// (Thai SARA AM has a compatibility decomposition; text and queries both type the precomposed
// form, and both sides cut from what was typed.)
Family family_of(UChar32 c) {
    if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || c == 0x3005 ||
        is_halfwidth_katakana(c))
        return Family::han_kana;
    // Korean writes compounds without spaces (대한민국, 서울시청) and glues particles to words
    // (서울에서): syllable bigrams find the parts.
    if (c >= 0xAC00 && c <= 0xD7A3) return Family::hangul;
    // Thai, Myanmar, Lao, Khmer: ICU's dictionaries cut words, as for Chinese.
    if ((c >= 0x0E00 && c <= 0x0EFF) || (c >= 0x1000 && c <= 0x109F) || (c >= 0x1780 && c <= 0x17FF))
        return Family::southeast_asian;
    return Family::none;
}

// A vowel sign or tone mark belongs to the consonant before it: a bigram that started or ended
// inside a cluster would match text where the mark sits on another consonant.
bool is_combining_mark(UChar32 c) {
    const int8_t type = u_charType(c);
    return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

struct Unit {
    std::size_t begin;
    std::size_t end;
};

struct Run {
    std::vector<Unit> units;
    Family family = Family::none;
    std::size_t end = 0;  // byte after the run's last word
};

// Appends the units of `word` to `run` when the word is made only of units of the run's family
// (or starts a run); false, with nothing appended, otherwise.
bool append_units(std::string_view text, const Token& word, Run& run, std::vector<Unit>& scratch) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    // Every family above starts with lead byte E0..ED or EF: ASCII and Latin/Cyrillic words leave here.
    if (word.begin >= word.end || bytes[word.begin] < 0xE0 || bytes[word.begin] > 0xEF) return false;
    scratch.clear();
    Family family = Family::none;
    int32_t offset = static_cast<int32_t>(word.begin);
    const auto end = static_cast<int32_t>(word.end);
    while (offset < end) {
        const int32_t start = offset;
        UChar32 c;
        U8_NEXT(bytes, offset, end, c);
        const Family f = family_of(c);
        if (f == Family::none) return false;
        if (family == Family::none) family = f;
        if (f != family) return false;
        // A halfwidth (semi-)voiced sound mark (ｶﾞ) is part of the kana before it, as ゛ is of ガ.
        const bool attaches = f == Family::southeast_asian ? is_combining_mark(c) : c == 0xFF9E || c == 0xFF9F;
        if (attaches && !scratch.empty()) {
            scratch.back().end = static_cast<std::size_t>(offset);
        } else {
            scratch.push_back({static_cast<std::size_t>(start), static_cast<std::size_t>(offset)});
        }
    }
    if (scratch.empty() || (!run.units.empty() && family != run.family)) return false;
    run.family = family;
    run.units.insert(run.units.end(), scratch.begin(), scratch.end());
    run.end = word.end;
    return true;
}

void emit_run(std::string_view text, Run& run, std::uint32_t& next_position, std::vector<Token>& out) {
    const std::vector<Unit>& units = run.units;
    if (units.size() >= 2) {
        for (std::size_t i = 0; i + 1 < units.size(); ++i) {
            Token bigram;
            bigram.term.reserve(schema::kBigramPrefix.size() + units[i + 1].end - units[i].begin);
            bigram.term.append(schema::kBigramPrefix);
            const std::string_view surface = text.substr(units[i].begin, units[i + 1].end - units[i].begin);
            // Halfwidth katakana (lead byte EF) becomes the fullwidth kana a query holds: NFKC.
            if (surface.find('\xEF') != std::string_view::npos) {
                UErrorCode status = U_ZERO_ERROR;
                const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
                if (U_SUCCESS(status))
                    nfkc->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(surface.data(), static_cast<int32_t>(surface.size()))),
                                    status).toUTF8String(bigram.term);
                if (U_FAILURE(status)) bigram.term.append(surface);
            } else {
                bigram.term.append(surface);
            }
            bigram.position = next_position++;
            bigram.begin = units[i].begin;
            bigram.end = units[i + 1].end;
            bigram.variant = true;
            bigram.form = TokenForm::bigram;
            if (bigram.term.size() <= schema::kMaxTermBytes) out.push_back(std::move(bigram));
        }
        ++next_position;  // a gap: no phrase of bigrams spans two runs
    }
    run.units.clear();
    run.family = Family::none;
}

}  // namespace

void append_cjk_bigrams(std::string_view text, std::vector<Token>& tokens) {
    std::vector<Token> bigrams;
    std::vector<Unit> scratch;
    Run run;
    std::uint32_t next_position = schema::kBigramPositionBase;
    for (const Token& token : tokens) {
        if (token.form != TokenForm::word) continue;
        if (!run.units.empty() && token.begin != run.end) emit_run(text, run, next_position, bigrams);
        if (!append_units(text, token, run, scratch)) {
            emit_run(text, run, next_position, bigrams);
            // A word of another family may start the next run.
            append_units(text, token, run, scratch);
        }
    }
    emit_run(text, run, next_position, bigrams);
    tokens.insert(tokens.end(), std::make_move_iterator(bigrams.begin()), std::make_move_iterator(bigrams.end()));
}

}  // namespace pith
