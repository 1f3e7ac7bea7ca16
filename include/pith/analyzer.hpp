#pragma once
/// The Analyzer turns text into terms. One Analyzer, built from the index's configuration,
/// serves indexing, query parsing and highlighting, so a term the query makes is exactly a term
/// the index holds, and a highlight covers exactly the bytes that produced a matching term.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pith/export.hpp"
#include "pith/config.hpp"

namespace pith {

/// What a token is: the word itself, or one of the extra forms indexed at the word's position.
enum class TokenForm : std::uint8_t {
    /// The word as written (folded): one per position.
    word,
    /// The joined form of a hyphenated word: anti-dumping → antidumping.
    joined,
    /// The word (or joined form) without diacritics: montréal → montreal.
    unaccented,
    /// The word without an elided article or pronoun: l'été → été, qu'il → il.
    elided,
    /// Two adjacent Chinese/Japanese characters, Hangul syllables or Thai/Lao/Khmer/Myanmar
    /// character clusters; `term` carries the prefix "G" (index schema), so a bigram never
    /// collides with a one-word term of the same text and a query for a sub-word the dictionary
    /// did not cut out (工具 inside 工具箱) still matches. Bigrams take consecutive positions
    /// in a range of their own (from 2^30), not their word's: a sub-word is the exact phrase of
    /// its bigrams.
    bigram,
    /// A whole e-mail address or URL, at the position of its first part: lower-cased address,
    /// or URL without its scheme and "www.", host lower-cased, path as written
    /// (https://www.Example.com/a → example.com/a). Its parts are words of their own.
    address,
};

/// One term produced from the text.
struct Token {
    /// NFKC-normalized, fully case-folded form: the exact term stored with positions.
    std::string term;
    /// Snowball stem of `term` (without the index prefix); empty when the token is not
    /// stemmed (numbers, ideographs, language "none").
    std::string stem;
    /// Word position; tokens that share a position are variants of one word (the joined form
    /// of a hyphenated word sits at the position of its first part). Bigrams are the exception:
    /// they number their own positions (TokenForm::bigram).
    std::uint32_t position = 0;
    /// Byte range [begin, end) of the source text this token came from.
    std::size_t begin = 0;
    std::size_t end = 0;
    /// True for an extra form of a word already emitted at this position.
    bool variant = false;
    /// Which form this is (`variant` is false exactly for TokenForm::word).
    TokenForm form = TokenForm::word;

    bool operator==(const Token&) const = default;
};

/// Thread-safety: an Analyzer holds ICU break iterators and is not safe to share between
/// threads; give each thread its own (construction is cheap).
class PITH_EXPORT Analyzer {
  public:
    /// @throws pith::ConfigError when the configured language has no stemmer.
    explicit Analyzer(const IndexConfig& config);
    ~Analyzer();
    Analyzer(Analyzer&&) noexcept;
    Analyzer& operator=(Analyzer&&) noexcept;
    Analyzer(const Analyzer&) = delete;
    Analyzer& operator=(const Analyzer&) = delete;

    /// Tokens of `text` in order, with positions counted from `first_position`.
    /// Invalid UTF-8 is read as U+FFFD; offsets always lie on the original bytes.
    std::vector<Token> analyze(std::string_view text, std::uint32_t first_position = 0) const;

    /// Number of words (non-variant tokens) in `text`.
    std::size_t count_words(std::string_view text) const;

    /// True when `term` (already folded) is in the configured stopword list.
    bool is_stopword(std::string_view term) const;

    /// The configuration this analyzer was built from.
    const IndexConfig& config() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace pith
