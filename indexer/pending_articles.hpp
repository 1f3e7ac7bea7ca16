#pragma once
// Streamed articles are written over several commits, so their passages reach the index before
// the article is complete. Each carries a marker term (schema::kStreamMarkerPrefix), and the
// metadata entry pith.pending lists the markers whose passages no searcher may see: those of an
// article still being written and those of an old version being deleted in batches. The final
// commit of an article writes its record and takes its marker off the list in one transaction.
// docs/index-format.md documents the list for programs that read an index without Pith.

#include <string>
#include <vector>

#include <xapian.h>

namespace pith::detail {

// The marker of the version of article `id` whose content hash is `content_hash`: the same for
// the same file and content in every run, so an index stays equal to a fresh build.
std::string stream_marker(const std::string& id, const std::string& content_hash);

// The markers listed in pith.pending (empty when none).
std::vector<std::string> pending_markers(const Xapian::Database& db);

// Add a marker to, or take it off, pith.pending (inside the caller's transaction, if any).
void add_pending(Xapian::WritableDatabase& db, const std::string& marker);
void drop_pending(Xapian::WritableDatabase& db, const std::string& marker);

// Deletes every passage carrying `marker`, committing every few thousand so the deletion needs
// bounded memory; the marker must be listed as pending (hidden) all along. Must be called
// outside a transaction; leaves the marker on the list.
void delete_marked_passages(Xapian::WritableDatabase& db, const std::string& marker);

// What a writer killed in the middle of a streamed article left: deletes the passages of every
// listed marker and empties the list. Called when a writer opens an index.
void finish_pending(Xapian::WritableDatabase& db);

// `query` without the passages of pending articles; `query` itself when there are none, so the
// common case costs one metadata lookup.
Xapian::Query without_pending(const Xapian::Query& query, const Xapian::Database& db);

// The first document indexed under `term` that no pending marker hides; 0 when none.
Xapian::docid first_visible_document(const Xapian::Database& db, const std::string& term);

}  // namespace pith::detail
