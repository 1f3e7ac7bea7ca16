#pragma once
/// Ranks the passages of an index for a query.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pith/export.hpp"
#include "pith/config.hpp"
#include "pith/highlighter.hpp"

namespace pith {

enum class SortOrder {
    /// Best score first.
    relevance,
    /// Newest article first (articles without a date last), then by score.
    date,
};

struct SearchOptions {
    /// Maximum number of hits.
    std::size_t limit = 10;
    /// Passages shown per article (best first); 0 means no limit.
    std::size_t per_article = 1;
    /// Hits to skip before the first one returned (paging: --offset).
    std::size_t offset = 0;
    /// Every word optional, ranked by how many match (see QueryOptions::any_word).
    bool any_word = false;
    SortOrder sort = SortOrder::relevance;
    /// Fill Hit::explanation with the parts of each hit's score.
    bool explain = false;
    /// Fill Hit::highlights. Finding them analyzes every returned passage (a fifth of a fresh
    /// pith-search process at 10 MB), so a caller that shows no highlighting (plain text
    /// without colour, a count, a list of paths) turns this off; hits are otherwise the same.
    bool highlights = true;
    /// Neighbouring passages of the same article to return with each hit (--context N).
    std::size_t context = 0;
    /// Expand words and phrases with their synonym groups from the index's synonym table.
    bool synonyms = true;
    /// Count every match exactly (SearchResults::matches_estimated becomes exact).
    bool exact_count = false;
    /// Also return articles marked as near-duplicates of an earlier one (hidden by default).
    bool show_duplicates = false;
    /// Rescore window (Elasticsearch's rescore window_size): the phrase and proximity boosts
    /// are added to this many best passages of a match ranked without them, which are then
    /// re-sorted; passages below the window cannot gain them. Much faster than letting Xapian
    /// test word positions on every matching passage; 0 adds the boosts inside Xapian's match
    /// (exact for every passage, the behaviour before the window). Widened to offset + limit
    /// when a page reaches past it. Not used when sorting by date or when the index holds
    /// articles in several languages (the boosts are then added inside the match).
    /// 30 (3x a 10-hit page; Elasticsearch's default is 10): at 1 GB the window's last weight
    /// then rises past what a passage without a title word can weigh, and Xapian skips those
    /// (bench/RESULTS.md, "1 GB latency, fifth session").
    std::size_t rescore_window = 30;
    /// Passages of one article the rescore window keeps (Xapian collapses to this many), so
    /// another passage of an article can still win once the boosts are added; per_article
    /// is applied after rescoring. 0 keeps every passage in the window.
    std::size_t rescore_passages_per_article = 3;
    /// The window is used only when Xapian's own position tests could reach more passages
    /// than this (for each boost, the passages holding its rarer word, summed over the
    /// boosts); below it, testing inside the match costs less than a window (small indexes,
    /// rare words). 0 uses the window whenever there are boosts.
    std::size_t rescore_min_passages = 1000;
    /// Title-matching passages first: when the passages of articles whose title holds a query
    /// word fill the page with weights no other passage can reach (Xapian's bound on the
    /// query's weight without the title boost), Xapian ranks only those; the page is the same,
    /// and the match skips the position tests and posting lists of every other passage.
    /// Tried for pages without a rescore window (one word, phrases, a few words) when the
    /// query's estimated matches reach title_first_min_matches; false never tries it.
    bool title_first = true;
    std::size_t title_first_min_matches = 1000;
};

/// One part of a hit's score: a query word, phrase or title boost and the weight it added.
struct ScorePart {
    std::string label;
    double weight = 0;
};

struct Hit {
    /// 1-based rank.
    std::size_t rank = 0;
    /// BM25 score (plus the title boost).
    double score = 0;
    std::string article_id;
    std::string path;
    std::string title;
    /// The passage text.
    std::string passage;
    /// 0-based ordinal of the passage in its article.
    std::size_t passage_index = 0;
    /// Byte range of the passage in the source file's text.
    std::size_t passage_begin = 0;
    std::size_t passage_end = 0;
    /// Matched byte ranges within `passage`.
    std::vector<ByteRange> highlights;
    /// Article date as YYYY-MM-DD, empty when unknown.
    std::string date;
    /// Article source and URL (issue 8), empty when unknown.
    std::string source;
    std::string url;
    /// Id of the article this one nearly duplicates (only with SearchOptions::show_duplicates).
    std::string duplicate_of;
    /// With SearchOptions::context: up to that many passages before and after this one, in
    /// article order (fewer at the start or end of the article).
    std::vector<std::string> context_before;
    std::vector<std::string> context_after;
    /// With SearchOptions::explain: the weight each part of the query added (BM25 per term or
    /// phrase, title boost); parts that added nothing are left out.
    std::vector<ScorePart> explanation;
};

struct SearchResults {
    std::vector<Hit> hits;
    /// How many passages match (one per article unless per_article says otherwise): Xapian's
    /// estimate, exact with SearchOptions::exact_count.
    std::uint64_t matches_estimated = 0;
    /// When the query matched little (fewer than kSuggestBelow passages) and some of its words
    /// are not in the index: the query with those words replaced by the closest indexed words
    /// (Xapian's spelling table, filled at index time). Empty otherwise.
    std::string did_you_mean;
};

/// A query that matches fewer passages than this gets a spelling suggestion when it can.
inline constexpr std::uint64_t kSuggestBelow = 3;

/// Thread-safety: one Searcher per thread; any number may share an index, also while a writer
/// commits. A Searcher answers from the revision it opened (or a newer one when Xapian makes it
/// reopen); open a new Searcher to see later commits.
class PITH_EXPORT Searcher {
  public:
    /// Opens the index read-only and loads the analysis configuration stored in it.
    /// `index_dir` may also be a sharded index directory or a Xapian stub file listing local and
    /// remote shards (docs/scaling.md); they are searched as one index.
    /// @throws pith::IndexNotFound when there is no index at `index_dir`;
    ///         pith::IndexError when it is unreadable, of another schema version (the message
    ///         says whether to upgrade Pith or rebuild), or a remote shard cannot be reached.
    explicit Searcher(const std::filesystem::path& index_dir);
    ~Searcher();
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;

    /// Runs `query` (see query.hpp for the language).
    /// @throws pith::QueryError for a malformed query; pith::IndexError when the index cannot
    ///         be read.
    SearchResults search(std::string_view query, const SearchOptions& options = {});

    /// The configuration stored in the index.
    const IndexConfig& config() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace pith
