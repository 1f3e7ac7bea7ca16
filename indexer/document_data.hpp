#pragma once
// Document data of a passage: one line of JSON (the header), a newline, then the passage text.
// Only an article's first passage (ordinal 0) holds the article's fields (title, path, date…);
// stored_passages.hpp reads them back for any passage. docs/index-format.md documents it for
// programs that read the index without Pith.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pith/analyzer.hpp"

namespace pith {

struct DocumentHeader {
    std::string article_id;
    std::size_t ordinal = 0;
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string title;
    std::string path;
    // Article metadata (article.hpp); empty when unknown, and then left out of the JSON.
    std::string date;
    std::string source;
    std::string url;
    std::string author;
    // Article id of the article this one nearly duplicates (see near_duplicates.hpp).
    std::string duplicate_of;
};

// The article's fields of `header` are stored only when its ordinal is 0.
std::string encode_document_data(const DocumentHeader& header, std::string_view passage);

// The article's fields are left empty unless the data is an article's first passage
// (stored_passages.hpp fills them in for any passage).
// @throws pith::IndexError when the data is not in this format.
void decode_document_data(std::string_view data, DocumentHeader& header, std::string& passage);

// The title term a token makes: the stem when it has one, else the exact term, behind the
// title prefix. Index and query both call this.
std::string title_term(const Token& token);

// The source term (K…) of a source name, from its analyzed words joined by spaces: index and
// query (source:NAME) both call this, so "Globe and Mail" and "globe AND mail" agree.
std::string source_term(const std::vector<Token>& words);

// "2025-03-31" → "20250331" (the D term and the value of the date slot); empty when `date` is
// not a YYYY-MM-DD date.
std::string compact_date(std::string_view date);

}  // namespace pith
