#include "pith/index_writer.hpp"

#include <map>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "document_data.hpp"
#include "hashing.hpp"
#include "pith/analyzer.hpp"
#include "pith/error.hpp"
#include "pith/passage_splitter.hpp"
#include "schema.hpp"
#include "synonyms.hpp"

namespace pith {
namespace {

namespace fs = std::filesystem;

bool looks_like_xapian_db(const fs::path& dir) {
    std::error_code ec;
    return fs::exists(dir / "iamglass", ec) || fs::exists(dir / "iamchert", ec) ||
           fs::exists(dir / "iamhoney", ec);
}

// Refuses to scatter index files into a directory that holds something else, such as the
// articles themselves after a mistyped --index.
void check_index_dir(const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) return;
    if (!fs::is_directory(dir, ec))
        throw IndexError("index path '" + dir.string() + "' exists and is not a directory; choose another --index");
    if (fs::is_empty(dir, ec) || looks_like_xapian_db(dir)) return;
    throw IndexError("'" + dir.string() +
                     "' is a non-empty directory that holds no Pith index; choose another --index directory");
}

std::string article_meta_key(const std::string& id) {
    return std::string(schema::kMetaArticlePrefix) + id;
}

std::string bounded_term(std::string_view prefix, const std::string& value) {
    std::string term = std::string(prefix) + value;
    if (term.size() <= schema::kMaxTermBytes) return term;
    // Long paths are kept findable by a hash instead of a truncated (ambiguous) prefix.
    return std::string(prefix) + "#" + detail::hex64(detail::fnv1a64(value));
}

}  // namespace

struct IndexWriter::Impl {
    fs::path dir;
    Xapian::WritableDatabase db;
    IndexConfig config;
    std::unique_ptr<Analyzer> analyzer;
    std::unique_ptr<PassageSplitter> splitter;
    std::size_t pending = 0;
    bool in_transaction = false;

    Impl(const fs::path& index_dir, const std::optional<IndexConfig>& requested, OpenMode mode) : dir(index_dir) {
        check_index_dir(dir);
        std::error_code ec;
        fs::create_directories(dir, ec);  // Xapian creates only the last level itself
        int flags = mode == OpenMode::rebuild ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN;
        try {
            db = Xapian::WritableDatabase(dir.string(), flags);
        } catch (const Xapian::DatabaseLockError&) {
            throw IndexError("index '" + dir.string() + "' is being written by another pith-index, try again later");
        } catch (const Xapian::DatabaseCorruptError& e) {
            throw IndexError("index '" + dir.string() + "' is corrupt (" + e.get_msg() +
                             "); rebuild it with pith-index --rebuild");
        } catch (const Xapian::DatabaseCreateError& e) {
            throw IndexError("cannot create index '" + dir.string() + "': " + e.get_msg());
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot open index '" + dir.string() + "' for writing: " + e.get_description());
        }

        std::string schema_version = db.get_metadata(std::string(schema::kMetaSchema));
        if (schema_version.empty()) {
            if (db.get_doccount() != 0)
                throw IndexError("'" + dir.string() + "' is a Xapian database but not a Pith index; choose another --index");
            config = requested ? *requested : IndexConfig::defaults();
            db.set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
            db.set_metadata(std::string(schema::kMetaConfig), config.to_json());
        } else {
            if (schema_version != schema::kSchemaVersion)
                throw IndexError("index '" + dir.string() + "' has schema version " + schema_version +
                                 ", this pith-index writes version " + std::string(schema::kSchemaVersion) +
                                 "; rebuild it with pith-index --rebuild");
            IndexConfig stored = IndexConfig::from_json(db.get_metadata(std::string(schema::kMetaConfig)));
            if (requested && !requested->same_analysis(stored))
                throw IndexError("index '" + dir.string() +
                                 "' was built with other analysis settings (language, stopwords or passage size) "
                                 "than the given config; rerun with --rebuild to rebuild it with the new config");
            config = requested ? *requested : stored;
            if (requested) db.set_metadata(std::string(schema::kMetaConfig), config.to_json());
        }
        analyzer = std::make_unique<Analyzer>(config);
        // Synonyms are query-time expansions: a changed synonyms file takes effect without a
        // rebuild (groups are added; an entry removed from the file stays until --rebuild).
        if (requested || schema_version.empty()) store_synonyms(db, *analyzer, config.synonyms);
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
            if (in_transaction) {
                db.commit_transaction();
                in_transaction = false;
            }
            db.commit();
            pending = 0;
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot commit index '" + dir.string() + "': " + e.get_description());
        }
    }

    AddOutcome add(const Article& article, std::size_t* passage_count) {
        const std::string meta_key = article_meta_key(article.id);
        std::string previous = db.get_metadata(meta_key);
        if (!previous.empty()) {
            auto meta = nlohmann::json::parse(previous, nullptr, false);
            if (!meta.is_discarded() && meta.value("hash", "") == article.content_hash &&
                meta.value("path", "") == article.path.string()) {
                if (passage_count) *passage_count = 0;
                return AddOutcome::unchanged;
            }
        }

        std::vector<Passage> passages = splitter->split(article.text);
        std::vector<Token> title_tokens = analyzer->analyze(article.title);

        try {
            begin_batch();
            const std::string article_term = std::string(schema::kArticleIdPrefix) + article.id;
            if (!previous.empty()) db.delete_document(article_term);
            const std::string path_term = bounded_term(schema::kPathPrefix, article.path.string());
            const std::string date = compact_date(article.date);
            const std::string source = article.source.empty() ? "" : source_term(analyzer->analyze(article.source));
            for (const Passage& passage : passages) {
                Xapian::Document doc;
                DocumentHeader header{article.id, passage.ordinal, passage.begin, passage.end,
                                      article.title, article.path.string(), date.empty() ? "" : article.date};
                doc.set_data(encode_document_data(header, passage.text));
                // The spelling table feeds "Did you mean" from the index's own words; one call
                // per distinct word of the passage, as each call costs a lookup in Xapian.
                std::map<std::string, Xapian::termcount> spelling;
                for (const Token& token : analyzer->analyze(passage.text)) {
                    doc.add_posting(token.term, token.position + 1);
                    if (!token.variant && !token.stem.empty()) ++spelling[token.term];
                    if (!token.stem.empty()) doc.add_term(std::string(schema::kStemPrefix) + token.stem);
                }
                for (const auto& [word, count] : spelling) db.add_spelling(word, count);
                for (const Token& token : title_tokens) doc.add_term(title_term(token));
                doc.add_boolean_term(article_term);
                doc.add_boolean_term(path_term);
                doc.add_boolean_term(std::string(schema::kPassageIdPrefix) + article.id + ":" +
                                     std::to_string(passage.ordinal));
                doc.add_value(schema::kSlotArticleId, article.id);
                if (!date.empty()) {
                    doc.add_boolean_term(std::string(schema::kDatePrefix) + date);
                    doc.add_value(schema::kSlotDate, date);
                }
                if (source.size() > schema::kSourcePrefix.size()) doc.add_boolean_term(source);
                doc.add_value(schema::kSlotPassageOrdinal, Xapian::sortable_serialise(static_cast<double>(passage.ordinal)));
                db.add_document(doc);
            }
            nlohmann::json meta = {{"path", article.path.string()},
                                   {"hash", article.content_hash},
                                   {"size", article.text.size()},
                                   {"passages", passages.size()}};
            db.set_metadata(meta_key, meta.dump());
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot write '" + article.path.string() + "' to index '" + dir.string() +
                             "': " + e.get_description());
        }
        if (passage_count) *passage_count = passages.size();
        if (++pending >= config.batch_articles) commit();
        return previous.empty() ? AddOutcome::added : AddOutcome::replaced;
    }
};

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

void IndexWriter::commit() { impl_->commit(); }

const IndexConfig& IndexWriter::config() const { return impl_->config; }

}  // namespace pith
