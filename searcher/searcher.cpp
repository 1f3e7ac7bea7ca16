#include "pith/searcher.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include <xapian.h>

#include "document_data.hpp"
#include "document_language.hpp"
#include "pending_articles.hpp"
#include "pith/analyzer.hpp"
#include "pith/error.hpp"
#include "pith/query.hpp"
#include "length_normalisation.hpp"
#include "listed_databases.hpp"
#include "rescore.hpp"
#include "schema.hpp"
#include "schema_version.hpp"
#include "stored_passages.hpp"
#include "synonyms.hpp"
#include "xapian_query.hpp"

namespace pith {
namespace {

namespace fs = std::filesystem;

// A writer committing while we read can invalidate our revision; Xapian asks readers to reopen
// and retry. A few rounds are plenty: each commit takes far longer than a search.
constexpr int kModifiedRetries = 5;

// Compaction (index_compaction.hpp) swaps the index directory for its compacted copy in one
// rename; a reader opening its files at that very moment can pair one directory's version file
// with the other's tables, which Xapian reports as corruption. Opening again a moment later
// finds one whole index; only corruption that persists is reported.
constexpr int kCorruptRetries = 3;
constexpr auto kCorruptRetryDelay = std::chrono::milliseconds(30);

std::string corrupt_message(const fs::path& dir, const Xapian::Error& e) {
    return "index '" + dir.string() + "' is corrupt (" + e.get_msg() + "); rebuild it with pith-index --rebuild";
}

// Union of two sorted, non-overlapping highlight lists, overlaps merged.
std::vector<ByteRange> merge_ranges(std::vector<ByteRange> a, const std::vector<ByteRange>& b) {
    if (b.empty()) return a;
    a.insert(a.end(), b.begin(), b.end());
    std::sort(a.begin(), a.end(), [](const ByteRange& x, const ByteRange& y) { return x.begin < y.begin; });
    std::vector<ByteRange> merged;
    for (const ByteRange& range : a) {
        if (!merged.empty() && range.begin <= merged.back().end) merged.back().end = std::max(merged.back().end, range.end);
        else merged.push_back(range);
    }
    return merged;
}

}  // namespace

struct Searcher::Impl {
    fs::path dir;
    Xapian::Database db;
    IndexConfig config;
    std::unique_ptr<Analyzer> analyzer;
    // One per language that documents declared (pith.languages): each query is also analyzed
    // in those languages, so a French article in an English index is found by French stems.
    std::vector<std::unique_ptr<Analyzer>> language_analyzers;

    explicit Impl(const fs::path& index_dir) : dir(index_dir) {
        // A writer committing while we open can discard the revision we started reading (glass
        // recycles its blocks): open again on the newest, as search() does.
        for (int attempt = 0;; ++attempt) {
            try {
                open();
                return;
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt >= kModifiedRetries)
                    throw IndexError("index '" + dir.string() + "' kept changing while being opened; try again");
            } catch (const Xapian::DatabaseCorruptError& e) {
                if (attempt >= kCorruptRetries) throw IndexError(corrupt_message(dir, e));
                std::this_thread::sleep_for(kCorruptRetryDelay);
            } catch (const Xapian::Error& e) {
                throw IndexError("cannot read index '" + dir.string() + "': " + e.get_description());
            }
        }
    }

    void open() {
        std::error_code ec;
        if (!fs::exists(dir, ec))
            throw IndexNotFound("no index at '" + dir.string() + "'; build one with: pith-index --index " +
                                dir.string() + " DIR");
        try {
            db = Xapian::Database(dir.string());
        } catch (const Xapian::DatabaseCorruptError&) {
            throw;  // retried by the constructor
        } catch (const Xapian::DatabaseModifiedError&) {
            throw;  // retried by the constructor
        } catch (const Xapian::DatabaseOpeningError&) {
            throw IndexNotFound("'" + dir.string() + "' holds no Pith index; build one with: pith-index --index " +
                                dir.string() + " DIR");
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot open index '" + dir.string() + "': " + e.get_description());
        }
        std::string version = db.get_metadata(std::string(schema::kMetaSchema));
        // A database with nothing in it yet is one a pith-index is creating this very moment.
        if (version.empty() && db.get_doccount() == 0)
            throw IndexNotFound("no index at '" + dir.string() + "' yet (a pith-index may be creating it); try again or build one with: pith-index --index " +
                                dir.string() + " DIR");
        if (version.empty())
            throw IndexError("'" + dir.string() + "' is a Xapian database but not a Pith index");
        if (version != schema::kSchemaVersion)
            throw IndexError(schema::version_mismatch_message(dir, version, "pith-search"));
        config = IndexConfig::from_json(db.get_metadata(std::string(schema::kMetaConfig)));
        analyzer = std::make_unique<Analyzer>(config);
        load_synonyms();
        // Each shard records the languages of its own articles, and Xapian reads a stub's
        // metadata from its first shard only: the languages are those of every shard listed.
        std::set<std::string> languages = parse_language_list(db.get_metadata(std::string(schema::kMetaLanguages)));
        const std::vector<Xapian::Database> shards = detail::listed_databases(dir);
        for (const Xapian::Database& shard : shards)
            languages.merge(parse_language_list(shard.get_metadata(std::string(schema::kMetaLanguages))));
        language_analyzers.clear();
        for (const std::string& language : languages)
            if (language != config.language)
                language_analyzers.push_back(std::make_unique<Analyzer>(config_for_language(config, language)));
    }

    // Synonym groups as the index's synonym table holds them, read from the configuration
    // stored in the index: Xapian's remote backend (shards behind xapian-tcpsrv) serves
    // metadata but not the synonym table.
    std::map<std::string, std::vector<std::string>> synonyms;

    void load_synonyms() {
        for (const std::string& group : config.synonyms) {
            std::vector<std::string> entries = synonym_entries(group);
            std::vector<std::string> keys;
            for (const std::string& entry : entries) keys.push_back(synonym_key(analyzer->analyze(entry)));
            for (std::size_t i = 0; i < entries.size(); ++i)
                for (std::size_t j = 0; j < entries.size(); ++j)
                    if (i != j && !keys[i].empty() && !keys[j].empty() && keys[i] != keys[j]) {
                        std::vector<std::string>& list = synonyms[keys[i]];
                        if (std::find(list.begin(), list.end(), entries[j]) == list.end()) list.push_back(entries[j]);
                    }
        }
    }

    // BM25 with the idf log((N+1)/n) of Xapian's BM25+ (delta 0: no BM25+ floor). Robertson's
    // idf log((N-n+0.5)/(n+0.5)) falls to zero or below for a word in half the passages or more,
    // so a common but meaningful word ("flow" in an aerodynamics corpus) barely counts.
    // Cranfield dev nDCG@10 0.377 -> 0.380 (bench/relevance/run.py).
    // b = 0: the index holds wdfs already normalised by passage length (length_normalisation.hpp),
    // so Xapian never reads the document-length list; k1 scaled to the stored wdf units.
    Xapian::BM25PlusWeight weighting() const {
        return Xapian::BM25PlusWeight(query_k1(config.bm25_k1), 0, 1, 0, kMinNormalisedLength, 0.0);
    }
    // Xapian's weights times this are BM25's on raw counts, the scores Pith shows.
    double shown_score(double weight) const { return weight * score_scale(config.bm25_k1); }

    // The weight each scored part of the query gives one passage: the same BM25 the search
    // used, restricted to that passage, so the parts add up to the hit's score.
    std::vector<ScorePart> explain(const std::vector<ScoredPart>& parts, const std::string& passage_term) {
        std::vector<ScorePart> out;
        for (const ScoredPart& part : parts) {
            Xapian::Enquire enquire(db);
            enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, part.query, Xapian::Query(passage_term)));
            enquire.set_weighting_scheme(weighting());
            Xapian::MSet mset = enquire.get_mset(0, 1);
            if (!mset.empty() && mset.begin().get_weight() > 0)
                out.push_back({part.label, shown_score(mset.begin().get_weight())});
        }
        return out;
    }

    void add_context(Hit& hit, std::size_t context, StoredPassages& stored) {
        for (std::size_t k = std::min(context, hit.passage_index); k >= 1; --k)
            if (auto text = stored.text(hit.article_id, hit.passage_index - k)) hit.context_before.push_back(std::move(*text));
        for (std::size_t k = 1; k <= context; ++k) {
            auto text = stored.text(hit.article_id, hit.passage_index + k);
            if (!text) break;
            hit.context_after.push_back(std::move(*text));
        }
    }

    // The query as each language analyzes it (synonyms expanded in each); a document matches
    // under its own language. OP_MAX, not OR: a passage matching in two analyses is not counted
    // twice. --explain lists the parts of the index language's analysis only.
    Xapian::Query query_in_every_language(const ParsedQuery& parsed, std::string_view text, const SearchOptions& options,
                                          std::vector<ScoredPart>& parts, std::vector<ParsedQuery>& per_language,
                                          bool with_order_boosts, Xapian::Query* title_boost,
                                          std::vector<std::string>* typed_forms) {
        // One language: every passage holding a typed form also holds its stem, so words match
        // by stem alone (QueryShape::exact_forms_after_match). The title boost comes apart only
        // then too: with several languages it is inside each OP_MAX alternative.
        const bool one_language = language_analyzers.empty();
        QueryShape shape{.with_order_boosts = with_order_boosts,
                         .exact_forms_after_match = one_language,
                         .exact_forms_out = one_language ? typed_forms : nullptr,
                         .title_boost = one_language ? title_boost : nullptr};
        Xapian::Query query = build_xapian_query(parsed, config, &db, options.explain ? &parts : nullptr, shape);
        if (language_analyzers.empty()) return query;
        std::vector<Xapian::Query> alternatives{query};
        for (const auto& other : language_analyzers) {
            per_language.push_back(prepare(text, *other, options));
            alternatives.push_back(build_xapian_query(per_language.back(), config, &db, nullptr));
        }
        return Xapian::Query(Xapian::Query::OP_MAX, alternatives.begin(), alternatives.end());
    }

    // Near-duplicate articles (issue 8) carry a boolean term; they are left out unless asked for.
    static Xapian::Query without_duplicates(Xapian::Query query, const SearchOptions& options) {
        if (options.show_duplicates) return query;
        return Xapian::Query(Xapian::Query::OP_AND_NOT, query, Xapian::Query(std::string(schema::kDuplicateTerm)));
    }

    // Passages of a streamed article still being written, or of the old version of one being
    // deleted, are never shown (pith.pending; indexer/pending_articles.hpp). Read from the same
    // revision the search runs on, so the list and the passages always agree.
    Xapian::Query without_unfinished(const Xapian::Query& query) const { return detail::without_pending(query, db); }

    // The positional boosts are added by Pith to a window of the best passages (rescore.hpp)
    // unless the window is off, the page is by date (the boosts then only break ties) or the
    // query runs in several languages (OP_MAX of whole alternatives, boosts included).
    bool rescores(const SearchOptions& options) const {
        return options.rescore_window > 0 && options.limit > 0 && options.sort == SortOrder::relevance &&
               language_analyzers.empty();
    }

    // Whether Xapian tests the boosts' positions on at most `limit` passages: OP_NEAR and
    // OP_PHRASE test only passages holding every word of the boost, so a boost's tests are
    // bounded by its rarest word (any of its forms). Measured at 10 MB (bench/RESULTS.md):
    // queries bounded by about 800 passages ran faster with the boosts inside the match.
    bool in_match_tests_bounded(const std::vector<PositionalBoost>& boosts, std::size_t limit) const {
        if (limit == 0) return false;
        std::size_t tests = 0;
        for (const PositionalBoost& boost : boosts) {
            std::size_t rarest = std::numeric_limits<std::size_t>::max();
            for (const std::vector<std::string>& forms : boost.words) {
                std::size_t holding = 0;
                for (const std::string& form : forms) holding += db.get_termfreq(form);
                rarest = std::min(rarest, holding);
            }
            tests += rarest;
            if (tests > limit) return false;
        }
        return true;
    }

    static bool enquire_collapses(const SearchOptions& options) {
        return options.per_article > 0 && options.rescore_passages_per_article > 0;
    }

    // A page of (docid, weight) with the boosts added to the window's passages: Xapian ranks
    // without them and keeps up to rescore_passages_per_article passages per article; Pith
    // adds the boosts, re-sorts (ties by docid, as Xapian orders them) and keeps per_article
    // passages per article.
    std::vector<RescoreCandidate> rescored_page(Xapian::Enquire& enquire, const std::vector<PositionalBoost>& boosts,
                                                const std::vector<std::string>& typed_forms,
                                                const SearchOptions& options, std::uint64_t& matches_estimated) {
        const bool collapsed = enquire_collapses(options);
        if (collapsed)
            enquire.set_collapse_key(schema::kSlotArticleId,
                                     static_cast<Xapian::doccount>(
                                         std::max(options.per_article, options.rescore_passages_per_article)));
        else
            enquire.set_collapse_key(Xapian::BAD_VALUENO);
        const std::size_t wanted = options.offset + options.limit;
        constexpr std::size_t kMaxWindow = std::numeric_limits<Xapian::doccount>::max();
        std::size_t window = std::min(std::max(options.rescore_window, wanted), kMaxWindow);
        std::vector<RescoreCandidate> candidates;
        for (;;) {
            Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(window));
            candidates.clear();
            candidates.reserve(mset.size());
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                std::string article;
                if (options.per_article > 0)
                    article = collapsed ? it.get_collapse_key() : it.get_document().get_value(schema::kSlotArticleId);
                candidates.push_back({*it, it.get_weight(), std::move(article)});
            }
            add_positional_boosts(db, boosts, typed_forms, Bm25Parameters{query_k1(config.bm25_k1)}, candidates);
            std::sort(candidates.begin(), candidates.end(), [](const RescoreCandidate& a, const RescoreCandidate& b) {
                return a.score != b.score ? a.score > b.score : a.docid < b.docid;
            });
            if (options.per_article > 0) {
                std::map<std::string, std::size_t> shown;
                std::erase_if(candidates,
                              [&](const RescoreCandidate& c) { return ++shown[c.collapse_key] > options.per_article; });
            }
            const bool saw_every_match = mset.size() < window;
            // The window saw every match: the count is exact. Otherwise Xapian's estimate, which
            // counts up to rescore_passages_per_article passages per article.
            matches_estimated = saw_every_match ? candidates.size() : mset.get_matches_estimated();
            // Several passages per article in the window leave fewer articles than passages:
            // a page reaching past them needs a wider window.
            if (saw_every_match || candidates.size() >= wanted || window == kMaxWindow) break;
            window = std::min(window * 2, kMaxWindow);
        }
        if (options.per_article > 0)
            enquire.set_collapse_key(schema::kSlotArticleId, static_cast<Xapian::doccount>(options.per_article));
        if (candidates.size() > options.offset)
            candidates.erase(candidates.begin(), candidates.begin() + static_cast<long>(options.offset));
        else
            candidates.clear();
        if (candidates.size() > options.limit) candidates.resize(options.limit);
        return candidates;
    }

    // Xapian's query over the passages that may be shown.
    Xapian::Query visible(const Xapian::Query& query, const SearchOptions& options) const {
        return without_unfinished(without_duplicates(query, options));
    }

    Xapian::Enquire enquire_for(const Xapian::Query& query) const {
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        enquire.set_weighting_scheme(weighting());
        return enquire;
    }

    // The page from the passages whose article title holds a query word (SearchOptions::
    // title_first), or nothing when they do not fill it. Exact: every other passage weighs at
    // most `body`'s maximum possible weight (Xapian's own bound, the one its pruning trusts),
    // and only title-matching passages above that bound are ranked, so the page holds no
    // passage another could displace; collapsing keeps an article's best passages, which are
    // among them. Xapian's pruning then skips the rest: OP_AND_MAYBE(phrase, title) otherwise
    // tests the phrase's positions on every passage holding its words, because the title's
    // possible weight keeps the phrase's own weight from being a reason to skip any.
    std::optional<std::vector<RescoreCandidate>> title_first_page(const Xapian::Query& body,
                                                                  const Xapian::Query& title_boost,
                                                                  Xapian::Enquire& full, const SearchOptions& options,
                                                                  std::uint64_t& matches_estimated) {
        if (!options.title_first || title_boost.empty() || options.sort != SortOrder::relevance) return std::nullopt;
        // Where the title words are common (stopwords in a phrase), most passages hold one and
        // ranking them costs what the full match does; the full match is then run alone.
        // Measured at 1 GB: "the children of israel" (title terms in half the passages) 9.1 ms
        // full, 5.4 ms more for a first pass that did not fill the page.
        constexpr double kMaxTitleShare = 0.25;
        double title_postings = 0;
        for (auto term = title_boost.get_terms_begin(); term != title_boost.get_terms_end(); ++term)
            title_postings += db.get_termfreq(*term);
        if (title_postings > kMaxTitleShare * db.get_doccount()) return std::nullopt;
        // Xapian's estimate from the posting lists' statistics, without matching: what the page
        // reports as the count, since the first pass sees only the title-matching passages.
        const Xapian::doccount estimate = full.get_mset(0, 0).get_matches_estimated();
        if (estimate < options.title_first_min_matches) return std::nullopt;
        const double others_at_most = enquire_for(visible(body, options)).get_mset(0, 0).get_max_possible();
        Xapian::Enquire first =
            enquire_for(visible(Xapian::Query(Xapian::Query::OP_AND, body, title_boost), options));
        if (options.per_article > 0)
            first.set_collapse_key(schema::kSlotArticleId, static_cast<Xapian::doccount>(options.per_article));
        // Strictly above the bound (with a margin for its rounding): a weight cutoff lets
        // Xapian prune whatever cannot reach it.
        first.set_cutoff(0, std::nextafter(others_at_most * (1 + 1e-9), std::numeric_limits<double>::infinity()));
        const Xapian::MSet mset = first.get_mset(static_cast<Xapian::doccount>(options.offset),
                                                 static_cast<Xapian::doccount>(options.limit));
        if (mset.size() < options.limit) return std::nullopt;
        matches_estimated = estimate;
        std::vector<RescoreCandidate> page;
        for (auto it = mset.begin(); it != mset.end(); ++it) page.push_back({*it, it.get_weight(), {}});
        return page;
    }

    // The page as two disjoint matches merged (SearchOptions::title_first), when the
    // title-first pass did not fill it or was not tried: the passages of articles whose title
    // holds one of the query's rarer title words, ranked by the full query, and all the others,
    // ranked by the query with the common title words' boost only (the rarer ones are in none
    // of their titles, so weigh nothing there). Each passage is in exactly one of the two and
    // weighs there what it weighs in the full match, so the merged page is the full match's.
    // Why: OP_AND_MAYBE(body, title) makes Xapian skip the title lists for every passage the
    // body matches; the rare-title half is small, and the other half drops the rare words'
    // lists and, once the first half fills the page, is cut off at its last weight.
    // Measured with python3-xapian at 1 GB: "the children of israel" 10.1 -> 0.8 + 6.5 ms,
    // "hash table" 5.5 -> 0.6 + 2.3 ms, "foreign key" 3.1 -> 0.7 + 1.2 ms.
    // Not for bodies holding phrase or proximity boosts or optional words (`complex_body`):
    // Xapian then gave a passage another weight in the split halves than in the full match
    // (Cranfield --any queries: 60 of 150 rankings changed; tests/query_shape_test.cpp's
    // `the prime minister budget` with --any), so only required words and phrases split.
    std::optional<std::vector<RescoreCandidate>> split_title_page(const Xapian::Query& body,
                                                                  const Xapian::Query& title_boost,
                                                                  Xapian::Enquire& full, const SearchOptions& options,
                                                                  bool complex_body, std::uint64_t& matches_estimated) {
        if (!options.title_first || title_boost.empty() || options.sort != SortOrder::relevance || complex_body)
            return std::nullopt;
        // A title word in more than this share of the passages is "common": its boost stays
        // in the second half's query. The rarer ones make the first half, which costs about
        // what their posting lists hold.
        constexpr double kCommonTitleShare = 0.05;
        std::vector<Xapian::Query> rare;
        std::vector<Xapian::Query> common;
        Xapian::termcount title_words = 0;
        for (auto term = title_boost.get_unique_terms_begin(); term != title_boost.get_unique_terms_end(); ++term) {
            ++title_words;
            const Xapian::doccount holding = db.get_termfreq(*term);
            (holding > kCommonTitleShare * db.get_doccount() ? common : rare).emplace_back(*term);
        }
        // A title word typed twice weighs twice in the boost's OR; rebuilding the halves from
        // the unique words would lose that, so such queries run whole.
        if (rare.empty() || title_words != title_boost.get_length()) return std::nullopt;
        // Gated on the most passages the match may weigh, not on the estimate: a phrase's
        // estimate is 5-50x low (its words assumed independent), while what the split saves
        // grows with the passages holding the phrase's words.
        const Xapian::MSet statistics = full.get_mset(0, 0);
        if (statistics.get_matches_upper_bound() < options.title_first_min_matches) return std::nullopt;
        const Xapian::doccount estimate = statistics.get_matches_estimated();

        const Xapian::Query rare_titles = Xapian::Query(Xapian::Query::OP_OR, rare.begin(), rare.end());
        const auto wanted = static_cast<Xapian::doccount>(options.offset + options.limit);
        // The full query filtered: the weights are the full match's own subtree's.
        Xapian::Enquire with_rare = enquire_for(visible(
            Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_AND_MAYBE, body, title_boost),
                          rare_titles),
            options));
        // The boost as xapian_query.cpp builds it, over the common words only.
        const Xapian::Query others_query =
            common.empty() ? body
                           : Xapian::Query(Xapian::Query::OP_AND_MAYBE, body,
                                           Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                                         Xapian::Query(Xapian::Query::OP_OR, common.begin(), common.end()),
                                                         config.title_weight));
        Xapian::Enquire others =
            enquire_for(visible(Xapian::Query(Xapian::Query::OP_AND_NOT, others_query, rare_titles), options));
        if (options.per_article > 0) {
            const auto kept = static_cast<Xapian::doccount>(options.per_article);
            with_rare.set_collapse_key(schema::kSlotArticleId, kept);
            others.set_collapse_key(schema::kSlotArticleId, kept);
        }
        const Xapian::MSet first = with_rare.get_mset(0, wanted);
        Xapian::MSet second;
        if (first.size() < wanted) {
            second = others.get_mset(0, wanted);
        } else if (const double last = first[wanted - 1].get_weight();
                   others.get_mset(0, 0).get_max_possible() >= last) {
            // A passage of the second half below the first half's last weight cannot reach
            // the page (ties stay: Xapian keeps weights equal to the cutoff, ordered by docid).
            // When none can even reach it the second half is not run at all: Xapian's match
            // would still walk its lists (2 ms for "hash table" at 1 GB).
            others.set_cutoff(0, last);
            second = others.get_mset(0, wanted);
        }

        std::vector<RescoreCandidate> page;
        for (const Xapian::MSet* half : {&first, static_cast<const Xapian::MSet*>(&second)})
            for (auto it = half->begin(); it != half->end(); ++it)
                page.push_back({*it, it.get_weight(), options.per_article > 0 ? it.get_collapse_key() : std::string()});
        std::sort(page.begin(), page.end(), [](const RescoreCandidate& a, const RescoreCandidate& b) {
            return a.score != b.score ? a.score > b.score : a.docid < b.docid;
        });
        // Each half keeps per_article passages of an article; should an article have passages
        // in both (its passages' titles differing), the merged page still keeps its best ones.
        if (options.per_article > 0) {
            std::map<std::string, std::size_t> shown;
            std::erase_if(page, [&](const RescoreCandidate& c) { return ++shown[c.collapse_key] > options.per_article; });
        }
        page.erase(page.begin(), page.begin() + static_cast<long>(std::min(options.offset, page.size())));
        if (page.size() > options.limit) page.resize(options.limit);
        matches_estimated = estimate;
        return page;
    }

    // Xapian 1.4.22 mis-prunes OP_MAX, the per-language alternatives: over several databases
    // (a sharded index) get_mset reads freed memory and crashes (SIGSEGV) once the MSet fills
    // and the matcher prunes by weight, when alternatives share their terms (one language
    // analyzing the query as another: "canola growers" in English and French), with or
    // without a collapse key (scripts/xapian-op-max-crash.py, Xapian alone); in one database
    // the pruned page misses passages (`canola -n 5` lost the 4th best passage of a test
    // corpus that `-n 300` ranks). An MSet large enough for every match never prunes: the page
    // is cut from it here. Only indexes whose articles declared another language pay for it
    // (every match is ranked); the one-language path is Xapian's pruned match.
    bool unpruned_page() const { return !language_analyzers.empty(); }

    std::vector<RescoreCandidate> xapian_page(Xapian::Enquire& enquire, const SearchOptions& options,
                                              std::uint64_t& matches_estimated) {
        if (unpruned_page()) {
            const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
            matches_estimated = mset.size();
            std::vector<RescoreCandidate> page;
            for (auto it = mset.begin(); it != mset.end(); ++it)
                if (page.size() < options.limit && it.get_rank() >= options.offset)
                    page.push_back({*it, it.get_weight(), {}});
            return page;
        }
        Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(options.offset),
                                             static_cast<Xapian::doccount>(options.limit));
        matches_estimated = mset.get_matches_estimated();
        std::vector<RescoreCandidate> page;
        for (auto it = mset.begin(); it != mset.end(); ++it) page.push_back({*it, it.get_weight(), {}});
        return page;
    }

    SearchResults run(const ParsedQuery& parsed, std::string_view text, const SearchOptions& options) {
        Xapian::Enquire enquire(db);
        std::vector<ScoredPart> parts;
        std::vector<ParsedQuery> per_language;
        // Without phrase or proximity boosts (one word, a phrase alone) there is nothing to
        // rescore; boosts whose words few passages hold cost less inside the match.
        std::vector<PositionalBoost> boosts;
        if (rescores(options)) {
            boosts = positional_boosts(parsed, config);
            if (in_match_tests_bounded(boosts, options.rescore_min_passages)) boosts.clear();
        }
        const bool rescore = !boosts.empty();
        Xapian::Query title_boost;
        // With a window, the words' typed forms are weighed there too (QueryShape::exact_forms_out).
        std::vector<std::string> typed_forms;
        const Xapian::Query body = query_in_every_language(parsed, text, options, parts, per_language, !rescore,
                                                           &title_boost, rescore ? &typed_forms : nullptr);
        enquire.set_query(visible(
            title_boost.empty() ? body : Xapian::Query(Xapian::Query::OP_AND_MAYBE, body, title_boost), options));
        enquire.set_weighting_scheme(weighting());
        if (options.per_article > 0)
            enquire.set_collapse_key(schema::kSlotArticleId, static_cast<Xapian::doccount>(options.per_article));
        if (options.sort == SortOrder::date) enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);

        SearchResults results;
        std::optional<std::vector<RescoreCandidate>> page;
        if (rescore) page = rescored_page(enquire, boosts, typed_forms, options, results.matches_estimated);
        if (!page) page = title_first_page(body, title_boost, enquire, options, results.matches_estimated);
        if (!page)
            page = split_title_page(body, title_boost, enquire, options,
                                    options.any_word || (!rescore && !positional_boosts(parsed, config).empty()),
                                    results.matches_estimated);
        if (!page) page = xapian_page(enquire, options, results.matches_estimated);
        // With collapsing, Xapian's counts stay estimates even when it sees every match, so an
        // exact count lists the matches (document ids and weights only, no documents read).
        if (options.exact_count) results.matches_estimated = enquire.get_mset(0, db.get_doccount()).size();
        std::size_t rank = 0;
        StoredPassages stored(db);
        for (const RescoreCandidate& candidate : *page) {
            Hit hit;
            hit.rank = options.offset + ++rank;
            hit.score = shown_score(candidate.score);
            DocumentHeader header;
            // The docid comes from this revision's match: skip the existence check (as the MSet's
            // own get_document() does).
            stored.read(db.get_document(candidate.docid, Xapian::DOC_ASSUME_VALID), header, hit.passage);
            hit.article_id = std::move(header.article_id);
            hit.path = std::move(header.path);
            hit.title = std::move(header.title);
            hit.source = std::move(header.source);
            hit.url = std::move(header.url);
            hit.duplicate_of = std::move(header.duplicate_of);
            hit.passage_index = header.ordinal;
            hit.passage_begin = header.begin;
            hit.passage_end = header.end;
            hit.date = std::move(header.date);
            if (options.context > 0) add_context(hit, options.context, stored);
            if (options.explain)
                hit.explanation = explain(parts, std::string(schema::kPassageIdPrefix) + hit.article_id + ":" +
                                                     std::to_string(hit.passage_index));
            if (options.highlights) {
                hit.highlights = highlight_ranges(*analyzer, parsed, hit.passage);
                for (std::size_t i = 0; i < per_language.size(); ++i)
                    hit.highlights = merge_ranges(
                        hit.highlights, highlight_ranges(*language_analyzers[i], per_language[i], hit.passage));
            }
            results.hits.push_back(std::move(hit));
        }
        return results;
    }

    // Words of the query that the index does not hold, each replaced by the closest word the
    // index does hold; empty when there is nothing to correct.
    std::string suggest(std::string_view query, const ParsedQuery& parsed) {
        std::string corrected(query);
        bool changed = false;
        std::size_t search_from = 0;
        for (const QueryGroup& group : parsed.groups) {
            for (const QueryClause& clause : group.clauses) {
                if (clause.field != QueryField::text || clause.quoted || clause.prefix || clause.words.size() != 1) continue;
                const std::string& term = clause.words[0].term;
                // A word the index holds in another inflection ("exports" beside "export") is
                // spelled right: it matches by stem.
                if (db.term_exists(term)) continue;
                if (!clause.words[0].stem.empty() &&
                    db.term_exists(std::string(schema::kStemPrefix) + clause.words[0].stem))
                    continue;
                const std::string better = db.get_spelling_suggestion(term, 2);
                if (better.empty() || better == term) continue;
                const std::size_t at = corrected.find(clause.text, search_from);
                if (at == std::string::npos) continue;
                corrected.replace(at, clause.text.size(), better);
                search_from = at + better.size();
                changed = true;
            }
        }
        return changed ? corrected : std::string();
    }

    // Adds each clause's synonyms (from the index's synonym table) as alternatives in its OR
    // group, so they match, rank and highlight like words the user typed.
    static bool plain_word(const QueryGroup& group) {
        if (group.clauses.size() != 1) return false;
        const QueryClause& c = group.clauses[0];
        return c.field == QueryField::text && !c.is_subquery() && !c.quoted && !c.prefix && c.words.size() == 1;
    }

    // Two typed words that form a multi-word synonym entry (electric vehicle → ev) become one
    // group: (electric AND vehicle) OR ev.
    void join_two_word_synonyms(ParsedQuery& parsed, const Analyzer& language) {
        for (std::size_t i = 0; i + 1 < parsed.groups.size(); ++i) {
            if (!plain_word(parsed.groups[i]) || !plain_word(parsed.groups[i + 1])) continue;
            const std::string key =
                parsed.groups[i].clauses[0].words[0].term + " " + parsed.groups[i + 1].clauses[0].words[0].term;
            auto found = synonyms.find(key);
            if (found == synonyms.end()) continue;
            QueryClause pair;
            pair.text = parsed.groups[i].clauses[0].text + " " + parsed.groups[i + 1].clauses[0].text;
            pair.column = parsed.groups[i].clauses[0].column;
            ParsedQuery both;
            both.groups = {parsed.groups[i], parsed.groups[i + 1]};
            for (QueryGroup& g : both.groups) g.optional = g.stopwords = false;
            pair.subquery.push_back(std::move(both));
            QueryGroup joined;
            joined.optional = parsed.groups[i].optional && parsed.groups[i + 1].optional;
            joined.clauses.push_back(std::move(pair));
            for (const std::string& entry : found->second) {
                QueryClause synonym;
                synonym.text = entry;
                synonym.column = joined.clauses[0].column;
                for (Token& token : language.analyze(synonym.text))
                    (token.variant ? synonym.variants : synonym.words).push_back(std::move(token));
                if (!synonym.words.empty()) joined.clauses.push_back(std::move(synonym));
            }
            parsed.groups[i] = std::move(joined);
            parsed.groups.erase(parsed.groups.begin() + static_cast<long>(i) + 1);
        }
    }

    void expand_synonyms(ParsedQuery& parsed, const Analyzer& language) {
        for (QueryGroup& group : parsed.groups) {
            std::vector<QueryClause> expanded;
            for (QueryClause& original : group.clauses) {
                expanded.push_back(std::move(original));
                QueryClause& clause = expanded.back();
                if (clause.is_subquery()) {
                    expand_synonyms(clause.subquery[0], language);
                    continue;
                }
                if (clause.field != QueryField::text || clause.prefix || clause.near || clause.words.empty()) continue;
                std::vector<QueryClause> added;
                const std::string key = synonym_key(clause.words);
                auto found = synonyms.find(key);
                if (found == synonyms.end()) continue;
                for (const std::string& entry : found->second) {
                    QueryClause synonym;
                    synonym.text = entry;
                    synonym.column = clause.column;
                    synonym.quoted = clause.quoted;
                    for (Token& token : language.analyze(synonym.text))
                        (token.variant ? synonym.variants : synonym.words).push_back(std::move(token));
                    synonym.synonym = true;
                    if (!synonym.words.empty()) added.push_back(std::move(synonym));
                }
                // Synonyms follow the clause they expand: the query builder weights the run as
                // one word (OP_SYNONYM).
                for (QueryClause& synonym : added) expanded.push_back(std::move(synonym));
            }
            group.clauses = std::move(expanded);
        }
    }

    // The query parsed with one language's analyzer, synonyms expanded.
    ParsedQuery prepare(std::string_view query, const Analyzer& language, const SearchOptions& options) {
        ParsedQuery parsed = parse_query(query, language, QueryOptions{options.any_word});
        if (options.synonyms) {
            // Top level only: the pairs it makes are sub-queries that must not be paired again.
            join_two_word_synonyms(parsed, language);
            expand_synonyms(parsed, language);
        }
        return parsed;
    }

    SearchResults search(std::string_view query, const SearchOptions& options) {
        ParsedQuery parsed = prepare(query, *analyzer, options);
        if (options.limit == 0 && !options.exact_count) return {};
        for (int attempt = 0;; ++attempt) {
            try {
                SearchResults results = run(parsed, query, options);
                if (results.matches_estimated < kSuggestBelow && options.offset == 0)
                    results.did_you_mean = suggest(query, parsed);
                return results;
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt >= kModifiedRetries)
                    throw IndexError("index '" + dir.string() + "' kept changing during the search; try again");
                db.reopen();
            } catch (const Xapian::DatabaseCorruptError& e) {
                // A reopen that met a compaction's swap (see kCorruptRetries): open it afresh.
                if (attempt >= kCorruptRetries) throw IndexError(corrupt_message(dir, e));
                std::this_thread::sleep_for(kCorruptRetryDelay);
                try {
                    db = Xapian::Database(dir.string());
                } catch (const Xapian::Error&) {
                    // The next attempt reports what persists.
                }
            } catch (const Xapian::WildcardError&) {
                throw QueryError("a prefix (word*) matches more than " + std::to_string(kMaxPrefixExpansion) +
                                     " words; make it longer",
                                 0);
            } catch (const Xapian::Error& e) {
                throw IndexError("cannot search index '" + dir.string() + "': " + e.get_description());
            }
        }
    }
};

Searcher::Searcher(const fs::path& index_dir) : impl_(std::make_unique<Impl>(index_dir)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(std::string_view query, const SearchOptions& options) {
    return impl_->search(query, options);
}

const IndexConfig& Searcher::config() const { return impl_->config; }

}  // namespace pith
