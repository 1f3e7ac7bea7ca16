#pragma once
// Whole e-mail addresses and URLs, one step of the Analyzer chain. The word breaker cuts them
// into their parts (press, office, example, ca), which a phrase finds; this step adds the whole
// address as one term, so a query for the address matches it as typed and ranks it first.

#include <string_view>
#include <vector>

#include "pith/analyzer.hpp"

namespace pith {

/// Inserts a TokenForm::address token for every e-mail address (local@host.tld) and URL
/// (scheme://… or www.…) of `text`, right after the forms of the word holding the address's
/// first part, at that word's position and spanning the whole address. `tokens` are the words
/// of `text` in position order. The term is the normalised address (see TokenForm::address);
/// addresses longer than Xapian's term limit are skipped.
void insert_address_terms(std::string_view text, std::vector<Token>& tokens);

/// The normalised whole form of one address (the text of an e-mail address or URL, without
/// surrounding punctuation): e-mail lower-cased; URL without scheme, "www." and a final '/',
/// host lower-cased.
std::string normalise_address(std::string_view address);

}  // namespace pith
