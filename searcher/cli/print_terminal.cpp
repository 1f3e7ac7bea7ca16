#include <iomanip>
#include <sstream>
#include <string>

#include "printers.hpp"

namespace pith::cli {
namespace {

// The colours ripgrep uses by default, so results look familiar: magenta paths, bold red
// matches.
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kMagenta = "\x1b[35m";
constexpr const char* kMatch = "\x1b[1;31m";
constexpr const char* kDim = "\x1b[2m";
constexpr const char* kReset = "\x1b[0m";

// Many articles have no headline, so their "title" is a whole first paragraph; the terminal
// shows its start only (JSON keeps it whole).
constexpr std::size_t kTitleDisplayBytes = 100;

std::string display_title(const std::string& title) {
    if (title.size() <= kTitleDisplayBytes) return title;
    std::size_t cut = kTitleDisplayBytes;
    while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    std::size_t space = title.rfind(' ', cut);
    if (space != std::string::npos && space > cut / 2) cut = space;
    return title.substr(0, cut) + "…";
}

// Continuation lines of a passage (joined paragraphs) keep the passage's indent; blank lines
// between them are dropped, since the passage is already set apart by one.
void write_indented(std::ostream& out, std::string_view text) {
    std::size_t at = 0;
    for (std::size_t nl = text.find('\n'); nl != std::string_view::npos; nl = text.find('\n', at)) {
        out << text.substr(at, nl - at) << "\n   ";
        at = text.find_first_not_of(" \t\r\n", nl);
        if (at == std::string_view::npos) at = text.size();
    }
    out << text.substr(at);
}

class Painter {
  public:
    explicit Painter(bool enabled) : enabled_(enabled) {}
    const char* operator()(const char* code) const { return enabled_ ? code : ""; }

  private:
    bool enabled_;
};

}  // namespace

void print_terminal(std::ostream& out, const SearchResults& results, const TerminalStyle& style) {
    Painter paint(style.color);
    for (const Hit& hit : results.hits) {
        std::ostringstream score;
        score << std::fixed << std::setprecision(2) << hit.score;
        out << paint(kBold) << hit.rank << ". " << display_title(hit.title) << paint(kReset) << "  " << paint(kDim) << "[" << score.str()
            << "]" << paint(kReset) << '\n';
        out << "   " << paint(kMagenta) << hit.path << paint(kReset) << paint(kDim) << " (passage " << hit.passage_index
            << ")";
        // Article metadata when known (issue 8): "  2025-06-30 · Reuters".
        if (!hit.date.empty() || !hit.source.empty())
            out << "  " << hit.date << (!hit.date.empty() && !hit.source.empty() ? " \u00B7 " : "") << hit.source;
        out << paint(kReset) << '\n';
        out << "   ";
        std::size_t at = 0;
        for (const ByteRange& range : hit.highlights) {
            std::string_view passage = hit.passage;
            write_indented(out, passage.substr(at, range.begin - at));
            out << paint(kMatch);
            write_indented(out, passage.substr(range.begin, range.end - range.begin));
            out << paint(kReset);
            at = range.end;
        }
        write_indented(out, std::string_view(hit.passage).substr(at));
        out << "\n\n";
    }
}

}  // namespace pith::cli
