#include <iomanip>
#include <set>
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
        out << "   " << paint(kMagenta) << hit.path << paint(kReset) << paint(kDim);
        if (!hit.date.empty()) out << "  " << hit.date;
        if (!hit.source.empty()) out << (hit.date.empty() ? "  " : " \u00B7 ") << hit.source;  // issue 8
        out << " (passage " << hit.passage_index << ")" << paint(kReset) << '\n';
        if (!hit.explanation.empty()) {
            out << "   " << paint(kDim) << "score " << score.str() << " =";
            for (std::size_t i = 0; i < hit.explanation.size(); ++i) {
                std::ostringstream weight;
                weight << std::fixed << std::setprecision(2) << hit.explanation[i].weight;
                out << (i ? " + " : " ") << hit.explanation[i].label << " " << weight.str();
            }
            out << paint(kReset) << '\n';
        }
        for (const std::string& text : hit.context_before) {
            out << "   " << paint(kDim);
            write_indented(out, text);
            out << paint(kReset) << "\n   " << paint(kDim) << "…" << paint(kReset) << '\n';
        }
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
        for (const std::string& text : hit.context_after) {
            out << "\n   " << paint(kDim) << "…" << paint(kReset) << "\n   " << paint(kDim);
            write_indented(out, text);
            out << paint(kReset);
        }
        out << "\n\n";
    }
}

void print_summary(std::ostream& err, const SearchResults& results, double seconds) {
    std::set<std::string> articles;
    for (const Hit& hit : results.hits) articles.insert(hit.article_id);
    // Formatted first and written with one <<: stderr is unbuffered, and each << of the line
    // was a write() of its own (ten system calls a query).
    std::ostringstream line;
    line << results.hits.size() << (results.hits.size() == 1 ? " passage" : " passages") << " from " << articles.size()
         << (articles.size() == 1 ? " article" : " articles") << " shown (about " << results.matches_estimated
         << " matching) in " << std::fixed << std::setprecision(3) << seconds << " s\n";
    err << line.str();
}

}  // namespace pith::cli
