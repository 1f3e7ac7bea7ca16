#pragma once
/// The index configuration: how text is analyzed, cut into passages and ranked.
/// Loaded from TOML (index-config/default.toml documents every key) and stored in each index,
/// so a searcher analyzes queries exactly as the index's text was analyzed.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "pith/export.hpp"

namespace pith {

/// What the cleaner (see cleaner.hpp) removes from an article before it is indexed: the
/// navigation, disclaimers and headline lists that saved news pages wrap around the story.
struct CleaningRules {
    /// false keeps every line (pith-index --no-clean does the same for one run).
    bool enabled = true;
    /// ECMAScript regular expressions matched (case-insensitively) against a whole trimmed line:
    /// such a line is dropped ("Opinion", "Updated: 0:00", "Comments").
    std::vector<std::string> drop_lines;
    /// Whole trimmed lines (case-insensitive regular expressions) after which nothing belongs to
    /// the story ("Must Read", "Legal Disclaimer:"): the line and the rest of the article are
    /// dropped, unless no story text came before it (then only the line goes).
    std::vector<std::string> end_markers;
    /// A run of at least this many consecutive short lines without sentence punctuation (a list
    /// of other stories' headlines) is dropped; 0 turns the rule off.
    std::size_t headline_run = 5;
    /// "Short" for headline_run: at most this many words.
    std::size_t headline_max_words = 18;
};

/// A plain value: copy it freely; concurrent reads from several threads are safe.
struct PITH_EXPORT IndexConfig {
    /// Snowball stemmer language as Xapian names it ("english", "french"…), or "none".
    std::string language = "english";
    /// Also index every accented word without its diacritics (Montréal → montreal), so that
    /// `Montreal` finds Montréal and `Québec` finds Quebec; the exact form still ranks first.
    bool fold_diacritics = true;
    /// Case-folded words made optional at query time; they are always indexed.
    std::vector<std::string> stopwords;
    /// Synonym groups, one line of the synonyms file each (`canola rapeseed`,
    /// `ev "electric vehicle"`); stored in the index's synonym table, expanded at query time.
    std::vector<std::string> synonyms;
    /// A paragraph longer than this many words is split on sentence boundaries.
    std::size_t passage_max_words = 120;
    /// A paragraph with fewer words (a headline, a one-line quote) is joined with the
    /// paragraphs after it until the passage has this many words; 0 keeps every paragraph apart.
    std::size_t passage_min_words = 12;
    /// BM25 parameters. k1 is applied when searching; b and bm25_reference_length when
    /// indexing (each term's stored frequency is normalised by its passage's length), so they
    /// are analysis settings: changing them needs a rebuild.
    double bm25_k1 = 1.2;
    double bm25_b = 0.5;
    /// The passage length (in weighed terms: words, their stems and the title's stems) that
    /// BM25's length normalisation treats as average. A fixed reference rather than the index's
    /// own average, which moves as articles are added: an index updated in steps stays equal
    /// to one built at once.
    double bm25_reference_length = 120;
    /// Scale of the title-match boost added to every passage of a matching article.
    double title_weight = 0.7;
    /// Scale of the boost for passages holding adjacent query words near each other (within
    /// proximity_window positions); it reorders matches, never changes which passages match.
    double proximity_weight = 0.1;
    /// Largest span, in word positions, of two query words that counts as near.
    std::size_t proximity_window = 4;
    /// Scale of the boost for passages holding a quoted phrase of a larger query, or the words
    /// typed without quotes in the exact order typed.
    double phrase_weight = 0.25;
    /// Articles per Xapian commit.
    std::size_t batch_articles = 250;
    /// Files larger than this (MB; fractions allowed) are streamed: read, analyzed and written
    /// in windows of at most this size (never above 1 MB), over several commits, so memory does
    /// not grow with the file (docs/index-format.md, pith.pending).
    double stream_above_mb = 4;
    /// Boilerplate removal ([cleaning] in the TOML).
    CleaningRules cleaning;

    /// The built-in configuration: index-config/default.toml and its stopword list, compiled
    /// into the library.
    static IndexConfig defaults();

    /// Reads a TOML file; relative paths inside it (the stopwords file) are resolved against
    /// the file's directory.
    /// @throws pith::ConfigError naming the file, the line and the key at fault.
    static IndexConfig load(const std::filesystem::path& file);

    /// The configuration as stored in an index (JSON, metadata key pith.config).
    std::string to_json() const;

    /// Reads the JSON written by to_json().
    /// @throws pith::IndexError when the stored configuration is unreadable.
    static IndexConfig from_json(std::string_view json);

    /// True when an index built with `other` tokenizes, stems, splits and length-normalises
    /// text exactly like one built with this configuration (query-time ranking keys such as
    /// k1 and the boosts may differ).
    bool same_analysis(const IndexConfig& other) const;
};

}  // namespace pith
