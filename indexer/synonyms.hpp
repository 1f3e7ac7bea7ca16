#pragma once
// Synonym groups (index-config/synonyms/*.txt) in the index's Xapian synonym table.
// Key: an entry's analyzed exact terms joined by spaces ("rapeseed", "electric vehicle").
// Value: each other entry of the group, as written; the searcher analyzes it like a query word.

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "pith/analyzer.hpp"

namespace pith {

// The entries of one group line: words separated by spaces, a multi-word entry in quotes.
// @throws pith::ConfigError for an unclosed quote.
std::vector<std::string> synonym_entries(std::string_view line);

// The synonym-table key of an entry or of a query clause's words.
std::string synonym_key(const std::vector<Token>& words);

// Adds every pair of entries of every group, both ways.
void store_synonyms(Xapian::WritableDatabase& db, const Analyzer& analyzer, const std::vector<std::string>& groups);

}  // namespace pith
