#include "pith/index_writer.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <bit>
#include <cerrno>
#include <cstdlib>
#include <cstdint>
#include <cstring>
#include <map>
#include <set>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "hashing.hpp"
#include "near_duplicates.hpp"
#include "passage_document.hpp"
#include "pending_articles.hpp"
#include "streamed_article_writer.hpp"
#include "document_language.hpp"
#include "pith/analyzer.hpp"
#include "pith/error.hpp"
#include "pith/passage_splitter.hpp"
#include "schema.hpp"
#include "schema_version.hpp"
#include "synonyms.hpp"

namespace pith {
namespace {

namespace fs = std::filesystem;

bool looks_like_xapian_db(const fs::path& dir) {
    std::error_code ec;
    return fs::exists(dir / "iamglass", ec) || fs::exists(dir / "iamchert", ec) ||
           fs::exists(dir / "iamhoney", ec);
}

// A writer killed while creating the index leaves Xapian's lock file and table files without
// the version file; a rerun must be able to finish the job there.
bool only_xapian_files(const fs::path& dir) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name != "flintlock" && !name.ends_with(".glass") && !name.ends_with(".tmp")) return false;
    }
    return !ec;
}

// Refuses to scatter index files into a directory that holds something else, such as the
// articles themselves after a mistyped --index.
void check_index_dir(const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) return;
    if (!fs::is_directory(dir, ec))
        throw IndexError("index path '" + dir.string() + "' exists and is not a directory; choose another --index");
    if (fs::is_empty(dir, ec) || looks_like_xapian_db(dir) || only_xapian_files(dir)) return;
    throw IndexError("'" + dir.string() +
                     "' is a non-empty directory that holds no Pith index; choose another --index directory");
}

// A batch is a transaction, which Xapian holds in memory until it commits; closing a batch after
// this much text as well as after batch_articles articles keeps memory bounded for corpora of
// large articles (1000 × 1 MB articles would otherwise sit in memory at once).
constexpr std::size_t kBatchBytes = 32u << 20;

std::string article_meta_key(const std::string& id) {
    return std::string(schema::kMetaArticlePrefix) + id;
}

bool is_valid_utf8(std::string_view text) {
    // nlohmann::json validates while dumping; asking it is the one definition of "valid" we need.
    try {
        (void)nlohmann::json(std::string(text)).dump();
        return true;
    } catch (const nlohmann::json::type_error&) {
        return false;
    }
}

std::string to_hex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += kDigits[c >> 4];
        out += kDigits[c & 0xf];
    }
    return out;
}

std::string from_hex(std::string_view hex) {
    auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out += static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1]));
    return out;
}


}  // namespace

struct IndexWriter::Impl {
    fs::path dir;
    Xapian::WritableDatabase db;
    IndexConfig config;
    std::unique_ptr<Analyzer> analyzer;
    std::unique_ptr<PassageSplitter> splitter;
    std::size_t pending = 0;
    std::size_t pending_bytes = 0;
    bool in_transaction = false;
    // Word counts of the whole open batch, written to the spelling table just before it commits:
    // one add_spelling per distinct word per batch instead of per passage took indexing from
    // 12.9 to 10.7 s of CPU on the 10 MB bench corpus (each call is a lookup in Xapian's maps).
    // Written inside the batch's transaction, so the table never runs ahead of the articles.
    SpellingCounts batch_spelling;
    std::int64_t untrusted_mtime_after = INT64_MAX;
    // Articles that declared their own language (lang: header) get an analyzer of that language;
    // the set is recorded so searchers also analyze queries in it.
    std::map<std::string, std::unique_ptr<Analyzer>> language_analyzers;
    std::set<std::string> languages;
    // Loaded from the article records on the first add.
    std::optional<NearDuplicateIndex> near_duplicates;
    // Markers of streamed articles hidden in the current batch (removed or replaced): their
    // passages are deleted in bounded batches once the batch is committed.
    std::vector<std::string> doomed_markers;
    // A parallel build's later runs: near-duplicates are decided when the shards are merged.
    bool defer_near_duplicates = false;
    std::size_t batch_share = 1;  // writers sharing one batch's memory (detail::share_batch)

    bool batch_full() const {
        return pending >= std::max<std::size_t>(1, config.batch_articles / batch_share) ||
               pending_bytes >= kBatchBytes / batch_share;
    }

    // The article `simhash` nearly duplicates (the original, when the match is itself a
    // duplicate), or empty. Records are re-read so removed or changed articles do not count.
    std::string original_of(const std::string& id, std::uint64_t simhash) {
        if (simhash == 0) return {};
        if (!near_duplicates) {
            near_duplicates.emplace();
            // Record by record: a vector of every record first would hold all their paths at once.
            for_each_record([&](ArticleRecord&& record) { near_duplicates->add(record.id, record.simhash); });
        }
        for (const std::string& candidate : near_duplicates->candidates(simhash, id)) {
            std::optional<ArticleRecord> record = read_record(candidate);
            if (!record || record->simhash == 0 || std::popcount(record->simhash ^ simhash) > kMaxDuplicateDistance) continue;
            // An article whose file is gone is about to be pruned, or this one is its rename.
            struct stat info {};
            if (::lstat(record->path.c_str(), &info) != 0) continue;
            const std::string original = record->duplicate_of.empty() ? candidate : record->duplicate_of;
            if (original != id) return original;
        }
        return {};
    }

    Analyzer& analyzer_for(const Article& article) {
        if (article.language.empty() || article.language == config.language) return *analyzer;
        auto& own = language_analyzers[article.language];
        if (!own) own = std::make_unique<Analyzer>(config_for_language(config, article.language));
        if (languages.insert(article.language).second)
            db.set_metadata(std::string(schema::kMetaLanguages), format_language_list(languages));
        return *own;
    }

    Impl(const fs::path& index_dir, const std::optional<IndexConfig>& requested, OpenMode mode) : dir(index_dir) {
        check_index_dir(dir);
        std::error_code ec;
        fs::create_directories(dir, ec);  // Xapian creates only the last level itself
        if (ec)
            throw IndexError("cannot create index directory '" + dir.string() + "': " + ec.message() +
                             "; choose another --index or create it first");
        if (::access(dir.c_str(), W_OK) != 0)
            throw IndexError("index directory '" + dir.string() + "' is not writable (" + std::strerror(errno) +
                             "); fix its permissions or choose another --index");
        int flags = mode == OpenMode::rebuild ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN;
        try {
            db = Xapian::WritableDatabase(dir.string(), flags);
        } catch (const Xapian::DatabaseLockError& e) {
            // Xapian raises the same error when the lock file cannot be created at all.
            if (e.get_msg().find("already locked") == std::string::npos)
                throw IndexError("cannot lock index '" + dir.string() + "' for writing: " + e.get_msg() +
                                 "; check the directory's permissions and free space");
            throw IndexLocked("index '" + dir.string() + "' is being written by another pith-index, try again later");
        } catch (const Xapian::DatabaseCorruptError& e) {
            throw IndexError("index '" + dir.string() + "' is corrupt (" + e.get_msg() +
                             "); rebuild it with pith-index --rebuild");
        } catch (const Xapian::DatabaseCreateError& e) {
            throw IndexError("cannot create index '" + dir.string() + "': " + e.get_msg());
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot open index '" + dir.string() + "' for writing (" + e.get_description() +
                             "); if it is damaged, rebuild it with pith-index --rebuild");
        }

        std::string schema_version;
        try {
            schema_version = db.get_metadata(std::string(schema::kMetaSchema));
            (void)db.get_doccount();
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot read index '" + dir.string() + "' (" + e.get_description() +
                             "); it may be damaged: rebuild it with pith-index --rebuild");
        }
        if (schema_version.empty()) {
            if (db.get_doccount() != 0)
                throw IndexError("'" + dir.string() + "' is a Xapian database but not a Pith index; choose another --index");
            config = requested ? *requested : IndexConfig::defaults();
            db.set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
            db.set_metadata(std::string(schema::kMetaConfig), config.to_json());
            // Committed at once: an index killed before its first batch is still a valid, empty one.
            try {
                db.commit();
            } catch (const Xapian::Error& e) {
                throw IndexError("cannot write index '" + dir.string() + "': " + e.get_description());
            }
        } else {
            if (schema_version != schema::kSchemaVersion)
                throw IndexError(schema::version_mismatch_message(dir, schema_version, "pith-index"));
            IndexConfig stored = IndexConfig::from_json(db.get_metadata(std::string(schema::kMetaConfig)));
            if (requested && !requested->same_analysis(stored))
                throw IndexError("index '" + dir.string() +
                                 "' was built with other analysis settings (language, stopwords, passage size or BM25 b/reference_length) "
                                 "than the given config; rerun with --rebuild to rebuild it with the new config");
            config = requested ? *requested : stored;
            if (requested) db.set_metadata(std::string(schema::kMetaConfig), config.to_json());
            try {
                detail::finish_pending(db);  // a streamed article a killed writer left unfinished
            } catch (const Xapian::Error& e) {
                throw IndexError("cannot clean up index '" + dir.string() + "' (" + e.get_description() +
                                 "); it may be damaged: rebuild it with pith-index --rebuild");
            }
        }
        analyzer = std::make_unique<Analyzer>(config);
        // Synonyms are query-time expansions: a changed synonyms file takes effect without a
        // rebuild (groups are added; an entry removed from the file stays until --rebuild).
        if (requested || schema_version.empty()) store_synonyms(db, *analyzer, config.synonyms);
        languages = parse_language_list(db.get_metadata(std::string(schema::kMetaLanguages)));
        splitter = std::make_unique<PassageSplitter>(*analyzer, config.passage_max_words,
                                                     config.passage_min_words);
    }

    void begin_batch() {
        // A transaction per batch keeps Xapian from flushing on its own in the middle of an
        // article, so a crash can lose only whole uncommitted articles.
        if (!in_transaction) {
            db.begin_transaction();
            in_transaction = true;
        }
    }

    void commit() {
        try {
            for (const auto& [word, count] : batch_spelling) db.add_spelling(word, count);
            batch_spelling.clear();
            if (in_transaction) {
                db.commit_transaction();
                in_transaction = false;
            }
            db.commit();
            pending = 0;
            pending_bytes = 0;
            delete_doomed();
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot commit index '" + dir.string() + "': " + e.get_description());
        }
    }

    // Hides a streamed article's passages in the current batch; they are deleted after it commits.
    void doom(const std::string& marker) {
        detail::add_pending(db, marker);
        doomed_markers.push_back(marker);
    }

    void delete_doomed() {
        for (const std::string& marker : doomed_markers) {
            detail::delete_marked_passages(db, marker);
            db.begin_transaction();
            detail::drop_pending(db, marker);
            db.commit_transaction();
        }
        doomed_markers.clear();
    }

    // The stored record when `article` is indexed with this very content, else nullopt.
    std::optional<ArticleRecord> same_content(const Article& article) const {
        std::optional<ArticleRecord> record = read_record(article.id);
        if (record && record->content_hash == article.content_hash && record->path == article.path.string())
            return record;
        return std::nullopt;
    }

    std::optional<ArticleRecord> read_record(const std::string& id) const {
        std::string stored = db.get_metadata(article_meta_key(id));
        if (stored.empty()) return std::nullopt;
        return parse_record(id, stored);
    }

    static ArticleRecord parse_record(const std::string& id, const std::string& stored) {
        ArticleRecord record;
        record.id = id;
        auto meta = nlohmann::json::parse(stored, nullptr, false);
        if (meta.is_discarded() || !meta.is_object()) return record;  // unreadable: re-index it
        record.path = meta.contains("path_bytes") ? from_hex(meta.value("path_bytes", "")) : meta.value("path", "");
        record.content_hash = meta.value("hash", "");
        record.file_size = meta.value("size", std::uint64_t{0});
        record.mtime_ns = meta.value("mtime", std::int64_t{0});
        record.passages = meta.value("passages", std::size_t{0});
        record.simhash = std::strtoull(meta.value("simhash", "0").c_str(), nullptr, 16);
        record.duplicate_of = meta.value("duplicate_of", "");
        record.stream_marker = meta.value("stream", "");
        return record;
    }

    std::string record_json(const Article& article, std::size_t passages, std::uint64_t simhash,
                            const std::string& duplicate_of, const std::string& stream_marker = {}) const {
        std::int64_t mtime = article.mtime_ns >= untrusted_mtime_after ? 0 : article.mtime_ns;
        nlohmann::json meta = {{"path", article.path.string()},
                               {"hash", article.content_hash},
                               {"size", article.file_size},
                               {"mtime", mtime},
                               {"passages", passages}};
        if (simhash != 0) meta["simhash"] = detail::hex64(simhash);
        if (!duplicate_of.empty()) meta["duplicate_of"] = duplicate_of;
        if (!stream_marker.empty()) meta["stream"] = stream_marker;
        // JSON holds only UTF-8; a file name that is not keeps its exact bytes in hex, so the
        // next run still recognises (and --prune still finds) the very same file.
        if (!is_valid_utf8(article.path.string())) meta["path_bytes"] = to_hex(article.path.string());
        return meta.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }

    void refresh_stat(const Article& article) {
        std::optional<ArticleRecord> record = same_content(article);
        if (!record) return;
        std::string updated =
            record_json(article, record->passages, record->simhash, record->duplicate_of, record->stream_marker);
        if (updated == db.get_metadata(article_meta_key(article.id))) return;
        try {
            begin_batch();
            db.set_metadata(article_meta_key(article.id), updated);
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot write to index '" + dir.string() + "': " + e.get_description());
        }
    }

    bool remove(const std::string& id) {
        std::optional<ArticleRecord> record = read_record(id);
        if (!record) return false;
        try {
            begin_batch();
            if (!record->stream_marker.empty()) doom(record->stream_marker);
            else db.delete_document(std::string(schema::kArticleIdPrefix) + id);
            db.set_metadata(article_meta_key(id), "");
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot remove article " + id + " from index '" + dir.string() + "': " + e.get_description());
        }
        ++pending;
        if (batch_full()) commit();
        return true;
    }

    template <typename Visit>
    void for_each_record(Visit&& visit) const {
        const std::string prefix(schema::kMetaArticlePrefix);
        try {
            for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
                const std::string key = *it;
                visit(parse_record(key.substr(prefix.size()), db.get_metadata(key)));
            }
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot read index '" + dir.string() + "' (" + e.get_description() +
                             "); it may be damaged: rebuild it with pith-index --rebuild");
        }
    }

    std::vector<ArticleRecord> articles() const {
        std::vector<ArticleRecord> records;
        for_each_record([&](ArticleRecord&& record) { records.push_back(std::move(record)); });
        return records;
    }

    AddOutcome add(const Article& article, std::size_t* passage_count) {
        if (same_content(article)) {
            refresh_stat(article);
            if (passage_count) *passage_count = 0;
            return AddOutcome::unchanged;
        }
        return add(analyze_article(article, *analyzer, *splitter), passage_count);
    }

    AddOutcome add(const AnalyzedArticle& analyzed, std::size_t* passage_count) {
        const Article& article = analyzed.article;
        if (same_content(article)) {
            refresh_stat(article);
            if (passage_count) *passage_count = 0;
            return AddOutcome::unchanged;
        }
        const std::string meta_key = article_meta_key(article.id);
        const std::optional<ArticleRecord> previous_record = read_record(article.id);
        const bool previous = previous_record.has_value();
        const std::vector<Passage>& passages = analyzed.passages;
        // An article that declared its own language is analyzed here with that language's
        // analyzer; workers analyze with the index's language only.
        Analyzer& article_analyzer = analyzer_for(article);
        const bool own_language = &article_analyzer != analyzer.get();
        const std::vector<Token> own_title_tokens =
            own_language ? article_analyzer.analyze(article.title) : std::vector<Token>{};
        const std::vector<Token>& title_tokens = own_language ? own_title_tokens : analyzed.title_tokens;
        // Workers hash the tokens they made; an article re-analyzed here in its own language is
        // hashed here, from the tokens it is indexed with.
        const bool precomputed_simhash = analyzed.simhash.has_value() && !own_language;
        const PreparedDocuments* prepared = own_language ? nullptr : analyzed.documents.get();
        SimHasher hasher;
        std::vector<Xapian::docid> docids;
        std::uint64_t simhash = 0;
        std::string duplicate_of;

        try {
            begin_batch();
            const ArticleTerms shared = prepared ? ArticleTerms{} : article_terms(article, title_tokens, *analyzer);
            const std::string& article_term = prepared ? prepared->shared.article_term : shared.article_term;
            // A streamed previous version is too large for one transaction: hidden now, deleted
            // in batches after the commit.
            if (previous && !previous_record->stream_marker.empty()) doom(previous_record->stream_marker);
            else if (previous) db.delete_document(article_term);
            if (prepared) {
                for (const Xapian::Document& document : prepared->passages) docids.push_back(db.add_document(document));
                for (const auto& [word, count] : prepared->spelling) batch_spelling[word] += count;
            }
            std::vector<Token> lazy_tokens;
            for (std::size_t p = 0; !prepared && p < passages.size(); ++p) {
                // A huge article arrives unanalyzed (see analyze_article): analyze it passage by passage here.
                const std::vector<Token>& tokens = p < analyzed.passage_tokens.size() && !own_language
                                                       ? analyzed.passage_tokens[p]
                                                       : (lazy_tokens = article_analyzer.analyze(passages[p].text));
                if (!precomputed_simhash) hasher.add(tokens);
                docids.push_back(db.add_document(passage_document(shared, passages[p], tokens, batch_spelling)));
            }
            // Known only once every passage is hashed: a near-duplicate's passages are marked
            // afterwards (rare, so the second write costs little).
            simhash = precomputed_simhash ? *analyzed.simhash : hasher.value();
            duplicate_of = defer_near_duplicates ? std::string() : original_of(article.id, simhash);
            if (!duplicate_of.empty()) {
                for (Xapian::docid docid : docids) mark_duplicate_passage(db, docid, duplicate_of);
            }
            db.set_metadata(meta_key, record_json(article, passages.size(), simhash, duplicate_of));
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot write '" + article.path.string() + "' to index '" + dir.string() +
                             "': " + e.get_description());
        }
        if (near_duplicates) near_duplicates->add(article.id, simhash);
        if (passage_count) *passage_count = passages.size();
        pending_bytes += article.text.size();
        ++pending;
        if (batch_full()) commit();
        return previous ? AddOutcome::replaced : AddOutcome::added;
    }
};

AddOutcome detail::add_streamed(IndexWriter& writer, ArticleStream& stream,
                                const std::function<bool(std::uint64_t)>& keep_going, std::size_t* passages) {
    IndexWriter::Impl& impl = *writer.impl_;
    const Article& article = stream.article();
    if (impl.same_content(article)) {
        impl.refresh_stat(article);
        if (passages) *passages = 0;
        return AddOutcome::unchanged;
    }
    impl.commit();  // the streamed article's commits must not carry half a batch
    StreamTarget target{
        impl.db,
        *impl.analyzer,
        *impl.splitter,
        [&](const Article& a) -> Analyzer& { return impl.analyzer_for(a); },
        [&](const std::string& id, std::uint64_t simhash) { return impl.original_of(id, simhash); },
        [&](const Article& a, std::size_t count, std::uint64_t simhash, const std::string& original,
            const std::string& marker) { return impl.record_json(a, count, simhash, original, marker); },
        impl.read_record(article.id),
    };
    StreamedWrite written;
    try {
        written = write_streamed_article(target, stream, keep_going);
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot write '" + article.path.string() + "' to index '" + impl.dir.string() +
                         "': " + e.get_description());
    }
    if (written.outcome != AddOutcome::interrupted && impl.near_duplicates)
        impl.near_duplicates->add(article.id, written.simhash);
    if (passages) *passages = written.passages;
    return written.outcome;
}

void detail::defer_near_duplicates(IndexWriter& writer) { writer.impl_->defer_near_duplicates = true; }

void detail::share_batch(IndexWriter& writer, std::size_t writers) {
    writer.impl_->batch_share = std::max<std::size_t>(1, writers);
}

void detail::settle_near_duplicates(IndexWriter& writer, const std::set<std::string>& unsettled) {
    IndexWriter::Impl& impl = *writer.impl_;
    // Articles enter the index of hashes in document order, as a single writer adds them after
    // writing each; candidates() then lists them in the same order, so the same original wins.
    impl.near_duplicates.emplace();
    auto settle = [&](const std::string& id, const std::vector<Xapian::docid>& docids) {
        std::optional<ArticleRecord> record = impl.read_record(id);
        if (!record) return;
        if (unsettled.count(id)) {
            const std::string original = impl.original_of(id, record->simhash);
            if (!original.empty()) {
                impl.begin_batch();
                for (Xapian::docid docid : docids) mark_duplicate_passage(impl.db, docid, original);
                // The stored record with duplicate_of added; dumped as record_json() dumps it.
                auto meta = nlohmann::json::parse(impl.db.get_metadata(article_meta_key(id)));
                meta["duplicate_of"] = original;
                impl.db.set_metadata(article_meta_key(id), meta.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
            }
        }
        impl.near_duplicates->add(id, record->simhash);
    };
    try {
        // Read whole before any passage is marked: the value stream is not to be iterated while
        // the documents it walks are replaced.
        std::vector<std::pair<std::string, std::vector<Xapian::docid>>> articles;
        for (auto it = impl.db.valuestream_begin(schema::kSlotArticleId); it != impl.db.valuestream_end(schema::kSlotArticleId); ++it) {
            if (articles.empty() || articles.back().first != *it) articles.emplace_back(*it, std::vector<Xapian::docid>{});
            if (unsettled.count(articles.back().first)) articles.back().second.push_back(it.get_docid());
        }
        for (const auto& [id, docids] : articles) settle(id, docids);
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot mark near-duplicates in index '" + impl.dir.string() + "': " + e.get_description());
    }
    impl.commit();
}

IndexWriter::IndexWriter(const fs::path& index_dir, const std::optional<IndexConfig>& config, OpenMode mode)
    : impl_(std::make_unique<Impl>(index_dir, config, mode)) {}

IndexWriter::~IndexWriter() {
    try {
        impl_->commit();
    } catch (...) {
        // A destructor cannot report; callers that care call commit() first.
    }
}

AddOutcome IndexWriter::add(const Article& article, std::size_t* passages) { return impl_->add(article, passages); }

AddOutcome IndexWriter::add(const AnalyzedArticle& analyzed, std::size_t* passages) {
    return impl_->add(analyzed, passages);
}

void IndexWriter::refresh_stat(const Article& article) { impl_->refresh_stat(article); }

bool IndexWriter::remove(const std::string& article_id) { return impl_->remove(article_id); }

std::vector<ArticleRecord> IndexWriter::articles() const { return impl_->articles(); }

void IndexWriter::for_each_article(const std::function<void(ArticleRecord&&)>& visit) const {
    impl_->for_each_record(visit);
}

void IndexWriter::set_untrusted_mtime_after(std::int64_t mtime_ns) { impl_->untrusted_mtime_after = mtime_ns; }

void IndexWriter::commit() { impl_->commit(); }

const IndexConfig& IndexWriter::config() const { return impl_->config; }

}  // namespace pith
