#include "diacritic_folding.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

namespace pith {
namespace {

bool folds_diacritics(UScriptCode script) {
    switch (script) {
        case USCRIPT_LATIN:
        case USCRIPT_GREEK:
        case USCRIPT_CYRILLIC:
        case USCRIPT_ARABIC:
        case USCRIPT_HEBREW:
        case USCRIPT_COMMON:     // digits, apostrophes
        case USCRIPT_INHERITED:  // the combining marks themselves
            return true;
        default:
            return false;
    }
}

// Letters that carry their "accent" in the base letter, so decomposition leaves them whole,
// yet people type them without it (Łódź → lodz, København → kobenhavn).
UChar32 base_letter(UChar32 c) {
    switch (c) {
        case 0x00F8: return u'o';  // ø
        case 0x0142: return u'l';  // ł
        case 0x0111: return u'd';  // đ
        case 0x0127: return u'h';  // ħ
        case 0x0131: return u'i';  // dotless ı
        default: return c;
    }
}

}  // namespace

std::string strip_diacritics(std::string_view folded) {
    bool ascii = true;
    for (char c : folded) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) return {};

    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return {};
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(folded.data(), static_cast<int32_t>(folded.size())));
    icu::UnicodeString decomposed = nfd->normalize(text, status);
    if (U_FAILURE(status)) return {};

    icu::UnicodeString bare;
    bool changed = false;
    for (int32_t i = 0; i < decomposed.length();) {
        UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        UErrorCode script_status = U_ZERO_ERROR;
        if (!folds_diacritics(uscript_getScript(c, &script_status))) return {};
        if (u_charType(c) == U_NON_SPACING_MARK) {
            changed = true;
            continue;
        }
        UChar32 base = base_letter(c);
        changed = changed || base != c;
        bare.append(base);
    }
    if (!changed) return {};
    icu::UnicodeString composed = nfc->normalize(bare, status);
    if (U_FAILURE(status)) return {};
    std::string out;
    composed.toUTF8String(out);
    return out;
}

}  // namespace pith
