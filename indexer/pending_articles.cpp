#include "pending_articles.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "schema.hpp"

namespace pith::detail {
namespace {

// Passages deleted per commit: a transaction holds its changes in memory, and a passage
// document has a few hundred postings.
constexpr std::size_t kDeleteBatch = 2000;

void store(Xapian::WritableDatabase& db, const std::vector<std::string>& markers) {
    db.set_metadata(std::string(schema::kMetaPending), markers.empty() ? std::string() : nlohmann::json(markers).dump());
}

}  // namespace

std::string stream_marker(const std::string& id, const std::string& content_hash) {
    return std::string(schema::kStreamMarkerPrefix) + id + content_hash;
}

std::vector<std::string> pending_markers(const Xapian::Database& db) {
    const std::string stored = db.get_metadata(std::string(schema::kMetaPending));
    if (stored.empty()) return {};
    auto json = nlohmann::json::parse(stored, nullptr, false);
    std::vector<std::string> markers;
    if (!json.is_array()) return markers;
    for (const auto& item : json)
        if (item.is_string()) markers.push_back(item.get<std::string>());
    return markers;
}

void add_pending(Xapian::WritableDatabase& db, const std::string& marker) {
    std::vector<std::string> markers = pending_markers(db);
    if (std::find(markers.begin(), markers.end(), marker) != markers.end()) return;
    markers.push_back(marker);
    store(db, markers);
}

void drop_pending(Xapian::WritableDatabase& db, const std::string& marker) {
    std::vector<std::string> markers = pending_markers(db);
    auto it = std::find(markers.begin(), markers.end(), marker);
    if (it == markers.end()) return;
    markers.erase(it);
    store(db, markers);
}

void delete_marked_passages(Xapian::WritableDatabase& db, const std::string& marker) {
    for (;;) {
        std::vector<Xapian::docid> batch;
        for (auto it = db.postlist_begin(marker); it != db.postlist_end(marker) && batch.size() < kDeleteBatch; ++it)
            batch.push_back(*it);
        if (batch.empty()) return;
        db.begin_transaction();
        for (Xapian::docid docid : batch) db.delete_document(docid);
        db.commit_transaction();
    }
}

void finish_pending(Xapian::WritableDatabase& db) {
    const std::vector<std::string> markers = pending_markers(db);
    if (markers.empty()) return;
    for (const std::string& marker : markers) delete_marked_passages(db, marker);
    db.begin_transaction();
    store(db, {});
    db.commit_transaction();
}

Xapian::Query without_pending(const Xapian::Query& query, const Xapian::Database& db) {
    const std::vector<std::string> markers = pending_markers(db);
    if (markers.empty()) return query;
    return Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                         Xapian::Query(Xapian::Query::OP_OR, markers.begin(), markers.end()));
}

Xapian::docid first_visible_document(const Xapian::Database& db, const std::string& term) {
    const std::vector<std::string> markers = pending_markers(db);
    if (markers.empty()) {
        auto it = db.postlist_begin(term);
        return it == db.postlist_end(term) ? 0 : *it;
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(without_pending(Xapian::Query(term), db));
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet mset = enquire.get_mset(0, 1);
    return mset.empty() ? 0 : *mset.begin();
}

}  // namespace pith::detail
