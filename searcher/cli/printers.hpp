#pragma once
// Output formats of pith-search. The library returns Hits; these turn them into text.

#include <ostream>

#include "pith/searcher.hpp"

namespace pith::cli {

struct TerminalStyle {
    bool color = false;
};

// Human-readable: rank, score, title, path, and the passage with matches marked.
void print_terminal(std::ostream& out, const SearchResults& results, const TerminalStyle& style);

// One line for stderr: how many passages and articles were shown, of how many, and the time.
void print_summary(std::ostream& err, const SearchResults& results, double seconds);

// JSON Lines: one object per hit (fields documented in the README).
void print_json(std::ostream& out, const SearchResults& results);

}  // namespace pith::cli
