#include "pith/searcher.hpp"

#include <algorithm>

#include <xapian.h>

#include "document_data.hpp"
#include "document_language.hpp"
#include "pith/analyzer.hpp"
#include "pith/error.hpp"
#include "pith/query.hpp"
#include "schema.hpp"
#include "schema_version.hpp"
#include "xapian_query.hpp"

namespace pith {
namespace {

namespace fs = std::filesystem;

// A writer committing while we read can invalidate our revision; Xapian asks readers to reopen
// and retry. A few rounds are plenty: each commit takes far longer than a search.
constexpr int kModifiedRetries = 5;

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
        } catch (const Xapian::DatabaseCorruptError& e) {
            throw IndexError("index '" + dir.string() + "' is corrupt (" + e.get_msg() +
                             "); rebuild it with pith-index --rebuild");
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
        for (const std::string& language : parse_language_list(db.get_metadata(std::string(schema::kMetaLanguages))))
            if (language != config.language)
                language_analyzers.push_back(std::make_unique<Analyzer>(config_for_language(config, language)));
    }

    // The query as each language analyzes it; a document matches under its own language.
    // OP_MAX, not OR: a passage matching in two analyses is not counted twice.
    Xapian::Query query_in_every_language(const ParsedQuery& parsed, std::string_view text,
                                          std::vector<ParsedQuery>& per_language) {
        Xapian::Query query = build_xapian_query(parsed, config);
        if (language_analyzers.empty()) return query;
        std::vector<Xapian::Query> alternatives{query};
        for (const auto& other : language_analyzers) {
            per_language.push_back(parse_query(text, *other));
            alternatives.push_back(build_xapian_query(per_language.back(), config));
        }
        return Xapian::Query(Xapian::Query::OP_MAX, alternatives.begin(), alternatives.end());
    }

    // Near-duplicate articles (issue 8) carry a boolean term; they are left out unless asked for.
    static Xapian::Query without_duplicates(Xapian::Query query, const SearchOptions& options) {
        if (options.show_duplicates) return query;
        return Xapian::Query(Xapian::Query::OP_AND_NOT, query, Xapian::Query(std::string(schema::kDuplicateTerm)));
    }

    SearchResults run(const ParsedQuery& parsed, std::string_view text, const SearchOptions& options) {
        Xapian::Enquire enquire(db);
        std::vector<ParsedQuery> per_language;
        enquire.set_query(without_duplicates(query_in_every_language(parsed, text, per_language), options));
        enquire.set_weighting_scheme(Xapian::BM25Weight(config.bm25_k1, 0, 1, config.bm25_b, 0.5));
        if (options.per_article > 0)
            enquire.set_collapse_key(schema::kSlotArticleId, static_cast<Xapian::doccount>(options.per_article));
        Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(options.limit));

        SearchResults results;
        results.matches_estimated = mset.get_matches_estimated();
        std::size_t rank = 0;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            Hit hit;
            hit.rank = ++rank;
            hit.score = it.get_weight();
            DocumentHeader header;
            decode_document_data(it.get_document().get_data(), header, hit.passage);
            hit.article_id = std::move(header.article_id);
            hit.path = std::move(header.path);
            hit.title = std::move(header.title);
            hit.date = std::move(header.date);
            hit.source = std::move(header.source);
            hit.url = std::move(header.url);
            hit.duplicate_of = std::move(header.duplicate_of);
            hit.passage_index = header.ordinal;
            hit.passage_begin = header.begin;
            hit.passage_end = header.end;
            hit.highlights = highlight_ranges(*analyzer, parsed, hit.passage);
            for (std::size_t i = 0; i < per_language.size(); ++i)
                hit.highlights = merge_ranges(hit.highlights,
                                              highlight_ranges(*language_analyzers[i], per_language[i], hit.passage));
            results.hits.push_back(std::move(hit));
        }
        return results;
    }

    SearchResults search(std::string_view query, const SearchOptions& options) {
        ParsedQuery parsed = parse_query(query, *analyzer);
        if (options.limit == 0) return {};
        for (int attempt = 0;; ++attempt) {
            try {
                return run(parsed, query, options);
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt >= kModifiedRetries)
                    throw IndexError("index '" + dir.string() + "' kept changing during the search; try again");
                db.reopen();
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
