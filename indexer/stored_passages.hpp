#pragma once
// Reads passages back from an index: a passage's own fields and text from its document, its
// article's fields (title, path, date, source, url, author, duplicate_of) from the article's
// first passage, the only one that stores them (document_data.hpp).

#include <map>
#include <optional>
#include <string>
#include <utility>

#include <xapian.h>

#include "document_data.hpp"

namespace pith {

/// One per search (or other short read): it caches each article's fields, so a page of hits
/// reads every distinct article's first passage once. Not for use across a reopen().
class StoredPassages {
  public:
    explicit StoredPassages(Xapian::Database db) : db_(std::move(db)) {}

    /// The passage stored in `doc`: its header with the article's fields filled in, and its text.
    /// @throws pith::IndexError when the document is not in Pith's format.
    void read(const Xapian::Document& doc, DocumentHeader& header, std::string& text);

    /// The text of passage `ordinal` of article `article_id`, or nullopt when there is none.
    std::optional<std::string> text(const std::string& article_id, std::size_t ordinal);

  private:
    // The stored header and text of passage `ordinal` of an article; false when there is none.
    bool fetch(const std::string& article_id, std::size_t ordinal, DocumentHeader& header, std::string& text);
    const DocumentHeader& article_fields(const std::string& article_id);

    Xapian::Database db_;
    std::map<std::string, DocumentHeader> articles_;
    // Article id → the document id its passage 0 has if the ids are consecutive (see fetch()).
    std::map<std::string, Xapian::docid> first_docid_;
};

}  // namespace pith
