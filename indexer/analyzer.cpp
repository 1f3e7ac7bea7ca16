#include "pith/analyzer.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <xapian.h>

#include "address_terms.hpp"
#include "cjk_bigrams.hpp"
#include "diacritic_folding.hpp"
#include "pith/error.hpp"
#include "schema.hpp"

namespace pith {
namespace {

struct UTextCloser {
    void operator()(UText* text) const { utext_close(text); }
};

bool is_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Apostrophe look-alikes people and word processors type; folded to ' so that Beijing’s and
// Beijing's are one word.
constexpr UChar32 kApostrophes[] = {0x2019, 0x2018, 0x02BC, 0x02B9, 0xFF07, 0x00B4, 0x0060};

// Characters ICU keeps inside a letter word ("TrumpRx.gov", "a:b", "office@example") that people expect to
// separate words, unless the word is a dotted abbreviation like U.S. '@' splits an e-mail
// address into its parts (press.office@example.ca is found by "example" and by the phrase of
// all its parts) and frees a handle (@CanadaPost is the word canadapost).
bool is_inner_separator(char c) { return c == '.' || c == ':' || c == '@'; }

// Hyphens that join the parts of a compound (anti-dumping); en and em dashes separate words.
bool is_joining_hyphen(std::string_view gap) {
    return gap == "-" || gap == "\u2010" || gap == "\u2011";
}

// Thai, Lao, Khmer and Myanmar words come from ICU's dictionaries like Chinese ones; they, and
// Korean, have no Snowball stemmer, so they are never stemmed (ICU marks them as letters, not
// ideographs; a "stem" would only be the word again, one more posting per word).
bool is_dictionary_script(std::string_view text, std::size_t begin) {
    if (static_cast<unsigned char>(text[begin]) < 0x80) return false;  // ASCII: the common case
    int32_t offset = static_cast<int32_t>(begin);
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), offset, static_cast<int32_t>(text.size()), c);
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    return script == USCRIPT_THAI || script == USCRIPT_LAO || script == USCRIPT_KHMER || script == USCRIPT_MYANMAR ||
           script == USCRIPT_HANGUL;
}

struct Span {
    std::size_t begin;
    std::size_t end;
};

}  // namespace

struct Analyzer::Impl {
    IndexConfig config;
    std::set<std::string, std::less<>> stopwords;
    std::unique_ptr<icu::BreakIterator> words;
    const icu::Normalizer2* nfkc_casefold = nullptr;
    Xapian::Stem stemmer;
    bool stemming = false;

    explicit Impl(const IndexConfig& c) : config(c), stopwords(c.stopwords.begin(), c.stopwords.end()) {
        UErrorCode status = U_ZERO_ERROR;
        // The root locale's word rules plus ICU's dictionaries segment every script,
        // including Chinese, Japanese and Thai, into words.
        words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status) || !words)
            throw ConfigError(std::string("ICU word break iterator unavailable: ") + u_errorName(status));
        nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
        if (U_FAILURE(status))
            throw ConfigError(std::string("ICU NFKC_Casefold data unavailable: ") + u_errorName(status));
        if (config.language != "none") {
            try {
                stemmer = Xapian::Stem(config.language);
                stemming = true;
            } catch (const Xapian::InvalidArgumentError&) {
                throw ConfigError("unknown language '" + config.language +
                                  "' in [analysis] language; use \"none\" or one of: " +
                                  Xapian::Stem::get_available_languages());
            }
        }
    }

    // NFKC + full case folding, apostrophes unified, possessive 's dropped.
    std::string fold(std::string_view raw) const {
        std::string out;
        if (is_ascii(raw)) {
            out.assign(raw);
            for (char& c : out)
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        } else {
            icu::UnicodeString text = icu::UnicodeString::fromUTF8(
                icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size())));
            for (UChar32 apostrophe : kApostrophes) text.findAndReplace(icu::UnicodeString(apostrophe), u"'");
            UErrorCode status = U_ZERO_ERROR;
            icu::UnicodeString folded = nfkc_casefold->normalize(text, status);
            if (U_FAILURE(status)) folded = text.foldCase();
            folded.toUTF8String(out);
        }
        if (out.size() > 2 && out.ends_with("'s")) out.resize(out.size() - 2);
        while (!out.empty() && out.back() == '\'') out.pop_back();
        std::size_t lead = 0;
        while (lead < out.size() && out[lead] == '\'') ++lead;
        out.erase(0, lead);
        return out;
    }

    // A letter word ICU kept whole across '.' or ':' is split into its parts, except a dotted
    // abbreviation (U.S, e.g) whose parts are single characters: that becomes one word "us".
    // Fills `parts` (a buffer reused across words: one allocation per analyzer, not per word).
    static void split_inner(std::string_view text, Span word, bool* abbreviation, std::vector<Span>& parts) {
        parts.clear();
        std::size_t start = word.begin;
        for (std::size_t i = word.begin; i < word.end; ++i) {
            if (is_inner_separator(text[i])) {
                parts.push_back({start, i});
                start = i + 1;
            }
        }
        parts.push_back({start, word.end});
        const bool dotted_only = std::none_of(text.begin() + static_cast<std::ptrdiff_t>(word.begin),
                                              text.begin() + static_cast<std::ptrdiff_t>(word.end),
                                              [](char c) { return c == ':' || c == '@'; });
        *abbreviation = dotted_only && parts.size() > 1 && std::all_of(parts.begin(), parts.end(), [&](Span p) {
            if (p.end <= p.begin) return false;
            int32_t offset = 0;
            UChar32 c;
            U8_NEXT(reinterpret_cast<const uint8_t*>(text.data() + p.begin), offset,
                    static_cast<int32_t>(p.end - p.begin), c);
            return static_cast<std::size_t>(offset) == p.end - p.begin && u_isalpha(c);
        });
        std::erase_if(parts, [](Span p) { return p.end <= p.begin; });
    }

    // A number glued to its unit ("5km", "20mg", "3GB"): the number and the unit as two words.
    // Empty unless `parts` is one such span.
    static std::vector<Span> split_number_unit(std::string_view text, const std::vector<Span>& parts) {
        if (parts.size() != 1) return {};
        const Span word = parts[0];
        std::size_t i = word.begin;
        while (i < word.end && text[i] >= '0' && text[i] <= '9') ++i;
        if (i == word.begin || i == word.end) return {};
        for (std::size_t j = i; j < word.end; ++j) {
            const char c = static_cast<char>(text[j] | 0x20);
            if (c < 'a' || c > 'z') return {};
        }
        return {{word.begin, i}, {i, word.end}};
    }

    std::string abbreviation_term(std::string_view text, Span word) const {
        std::string joined;
        for (std::size_t i = word.begin; i < word.end; ++i)
            if (!is_inner_separator(text[i])) joined.push_back(text[i]);
        return fold(joined);
    }

    // The forms a plain word yields depend only on its bytes (and whether ICU called it letters),
    // so they are computed once per distinct word and copied after: folding, stemming and the
    // variants cost a hash lookup for the words text repeats (bench/analyzer/RESULTS.md).
    struct WordForms {
        std::vector<Token> tokens;  // positions and offsets filled in per occurrence
        bool uses_position = false;
    };
    mutable std::unordered_map<std::string, WordForms> word_cache;
    mutable std::string word_key;
    static constexpr std::size_t kWordCacheLimit = 50000;

    bool emit_cached(std::vector<Token>& out, std::string_view surface, Span span, std::uint32_t position,
                     bool letters) const {
        word_key.assign(1, letters ? 'L' : 'O');
        word_key.append(surface);
        auto found = word_cache.find(word_key);
        if (found == word_cache.end()) {
            if (word_cache.size() >= kWordCacheLimit) word_cache.clear();
            WordForms forms;
            forms.uses_position = emit(forms.tokens, fold(surface), Span{0, 0}, 0, letters, false);
            found = word_cache.emplace(word_key, std::move(forms)).first;
        }
        for (const Token& form : found->second.tokens) {
            out.push_back(form);
            out.back().position = position;
            out.back().begin = span.begin;
            out.back().end = span.end;
        }
        return found->second.uses_position;
    }

    // Stems of the forms the word cache does not cover (parts, joined forms, abbreviations):
    // text repeats those too. Bounded so a huge vocabulary cannot grow it without limit.
    mutable std::unordered_map<std::string, std::string> stem_cache;
    std::vector<Span> parts;  // the current word's parts (split_inner)
    static constexpr std::size_t kStemCacheLimit = 50000;

    const std::string& stem(const std::string& term) const {
        auto found = stem_cache.find(term);
        if (found != stem_cache.end()) return found->second;
        if (stem_cache.size() >= kStemCacheLimit) stem_cache.clear();
        return stem_cache.emplace(term, stemmer(term)).first->second;
    }

    // Appends a token unless its term is empty or too long for Xapian; returns whether a word
    // position was used (too-long words still use one, so phrases never bridge the gap). A word
    // or joined form is followed by its unaccented form (when folding is on) and by its form
    // without an elided article, all at the same position.
    bool emit(std::vector<Token>& out, std::string term, Span span, std::uint32_t position,
              bool stemmable, bool variant) const {
        if (term.empty()) return false;
        if (term.size() > schema::kMaxTermBytes) return !variant;
        std::string unaccented = config.fold_diacritics ? strip_diacritics(term) : std::string();
        push(out, std::move(term), span, position, stemmable, variant ? TokenForm::joined : TokenForm::word);
        // A copy: the pushes below may move the vector's strings.
        const std::string bare(variant ? std::string_view() : without_elision(out.back().term));
        if (!unaccented.empty() && unaccented.size() <= schema::kMaxTermBytes)
            push(out, std::move(unaccented), span, position, stemmable, TokenForm::unaccented);
        if (!bare.empty() && bare.find('\'') == std::string_view::npos) {
            std::string bare_unaccented = config.fold_diacritics ? strip_diacritics(bare) : std::string();
            push(out, bare, span, position, stemmable, TokenForm::elided);
            if (!bare_unaccented.empty()) push(out, std::move(bare_unaccented), span, position, stemmable, TokenForm::elided);
        }
        return !variant;
    }

    // French, Italian and Catalan glue an elided article or pronoun to the next word with an
    // apostrophe (l'été, d'Ottawa, qu'il, dell'anno); the word alone is what people search for.
    static std::string_view without_elision(std::string_view term) {
        static constexpr std::string_view kElisions[] = {"l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'", "qu'",
                                                         "jusqu'", "lorsqu'", "puisqu'", "dell'", "nell'", "all'",
                                                         "dall'", "sull'", "un'"};
        if (term.find('\'') == std::string_view::npos) return {};
        for (std::string_view elision : kElisions)
            if (term.size() > elision.size() && term.starts_with(elision)) return term.substr(elision.size());
        return {};
    }

    void push(std::vector<Token>& out, std::string term, Span span, std::uint32_t position, bool stemmable,
              TokenForm form) const {
        Token token;
        token.stem = stemming && stemmable ? stem(term) : std::string();
        if (token.stem.size() + schema::kStemPrefix.size() > schema::kMaxTermBytes) token.stem.clear();
        token.term = std::move(term);
        token.position = position;
        token.begin = span.begin;
        token.end = span.end;
        token.variant = form != TokenForm::word;
        token.form = form;
        out.push_back(std::move(token));
    }

    std::vector<Token> analyze(std::string_view text, std::uint32_t first_position) {
        std::vector<Token> tokens;
        if (text.empty()) return tokens;
        tokens.reserve(text.size() / 5 + 4);  // about one token per 6 bytes of English
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<UText, UTextCloser> utext(
            utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status));
        if (U_FAILURE(status)) return tokens;
        words->setText(utext.get(), status);
        if (U_FAILURE(status)) return tokens;

        std::uint32_t position = first_position;
        // Hyphen chain being collected: index in `tokens` of its first part, and its parts.
        std::size_t chain_first = 0;
        std::size_t chain_length = 0;
        std::string chain_term;
        bool chain_stemmable = true;
        auto close_chain = [&] {
            if (chain_length >= 2) {
                Span span{tokens[chain_first].begin, tokens.back().end};
                // Inserted right after the first part's forms, so the list stays in position
                // order without a sort.
                std::vector<Token> joined;
                emit(joined, chain_term, span, tokens[chain_first].position, chain_stemmable, true);
                std::size_t after_first = chain_first + 1;
                while (after_first < tokens.size() && tokens[after_first].form != TokenForm::word) ++after_first;
                tokens.insert(tokens.begin() + static_cast<std::ptrdiff_t>(after_first),
                              std::make_move_iterator(joined.begin()), std::make_move_iterator(joined.end()));
            }
            chain_length = 0;
            chain_term.clear();
            chain_stemmable = true;
        };

        int32_t start = words->first();
        for (int32_t end = words->next(); end != icu::BreakIterator::DONE; start = end, end = words->next()) {
            int32_t rule = words->getRuleStatus();
            if (rule < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation, symbols
            Span word{static_cast<std::size_t>(start), static_cast<std::size_t>(end)};
            bool letters = rule >= UBRK_WORD_LETTER && rule < UBRK_WORD_LETTER_LIMIT &&
                           !is_dictionary_script(text, word.begin);

            // Hyphen chains join only single-piece words; anything else ends the chain.
            bool continues_chain = chain_length > 0 && !tokens.empty() &&
                                   is_joining_hyphen(text.substr(tokens.back().end, word.begin - tokens.back().end));
            if (!continues_chain) close_chain();

            bool abbreviation = false;
            if (letters && std::any_of(text.begin() + static_cast<std::ptrdiff_t>(word.begin),
                                       text.begin() + static_cast<std::ptrdiff_t>(word.end), is_inner_separator)) {
                split_inner(text, word, &abbreviation, parts);
            } else {
                parts.assign(1, word);
            }
            if (abbreviation) parts.assign(1, word);
            std::vector<Span> number_unit = split_number_unit(text, parts);
            if (!number_unit.empty()) parts = number_unit;

            if (parts.size() == 1) {
                if (!abbreviation) word = parts[0];  // "@handle" without its '@'
                std::size_t before = tokens.size();
                const bool used_position =
                    abbreviation ? emit(tokens, abbreviation_term(text, word), word, position, letters, false)
                                 : emit_cached(tokens, text.substr(word.begin, word.end - word.begin), word, position, letters);
                if (used_position) ++position;
                if (tokens.size() > before) {
                    if (chain_length == 0) chain_first = before;
                    ++chain_length;
                    // Most words are no chain: the first part's term is kept by index only.
                    if (chain_length == 2) chain_term = tokens[chain_first].term;
                    if (chain_length >= 2) chain_term += tokens[before].term;
                    chain_stemmable = chain_stemmable && letters;
                }
            } else {
                close_chain();
                const std::uint32_t first = position;
                for (Span part : parts) {
                    const bool number = text[part.begin] >= '0' && text[part.begin] <= '9';
                    if (emit(tokens, fold(text.substr(part.begin, part.end - part.begin)), part, position, !number, false))
                        ++position;
                }
                // "5km" is the phrase 5 km and, as typed, the joined word at the first position.
                if (!number_unit.empty())
                    emit(tokens, fold(text.substr(word.begin, word.end - word.begin)), word, first, false, true);
            }
        }
        close_chain();
        words->setText(icu::UnicodeString());  // drop the reference to `text`
        append_cjk_bigrams(text, tokens);
        // Only joined forms are appended out of order (bigrams number positions of their own,
        // after every word's); most text needs no sort.
        auto by_position = [](const Token& a, const Token& b) { return a.position < b.position; };
        if (!std::is_sorted(tokens.begin(), tokens.end(), by_position))
            std::stable_sort(tokens.begin(), tokens.end(), by_position);
        insert_address_terms(text, tokens);
        return tokens;
    }
};

Analyzer::Analyzer(const IndexConfig& config) : impl_(std::make_unique<Impl>(config)) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::vector<Token> Analyzer::analyze(std::string_view text, std::uint32_t first_position) const {
    return impl_->analyze(text, first_position);
}

std::size_t Analyzer::count_words(std::string_view text) const {
    auto tokens = impl_->analyze(text, 0);
    return static_cast<std::size_t>(
        std::count_if(tokens.begin(), tokens.end(), [](const Token& t) { return !t.variant; }));
}

bool Analyzer::is_stopword(std::string_view term) const { return impl_->stopwords.count(term) > 0; }

const IndexConfig& Analyzer::config() const { return impl_->config; }

}  // namespace pith
