#include <iomanip>
#include <sstream>

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
        out << paint(kBold) << hit.rank << ". " << hit.title << paint(kReset) << "  " << paint(kDim) << "[" << score.str()
            << "]" << paint(kReset) << '\n';
        out << "   " << paint(kMagenta) << hit.path << paint(kReset) << paint(kDim) << " (passage " << hit.passage_index
            << ")" << paint(kReset) << '\n';
        out << "   ";
        std::size_t at = 0;
        for (const ByteRange& range : hit.highlights) {
            out.write(hit.passage.data() + at, static_cast<std::streamsize>(range.begin - at));
            out << paint(kMatch);
            out.write(hit.passage.data() + range.begin, static_cast<std::streamsize>(range.end - range.begin));
            out << paint(kReset);
            at = range.end;
        }
        out.write(hit.passage.data() + at, static_cast<std::streamsize>(hit.passage.size() - at));
        out << "\n\n";
    }
}

}  // namespace pith::cli
