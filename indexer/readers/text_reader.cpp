#include "readers.hpp"

namespace pith::detail {
namespace {

// A dateline sits near the top and is short; a date inside a sentence further down is about
// something else (the day of a meeting, a court ruling).
constexpr std::size_t kDatelineLines = 12;
constexpr std::size_t kDatelineMaxBytes = 80;

}  // namespace

std::string find_dateline(std::string_view text) {
    std::size_t pos = 0;
    for (std::size_t seen = 0; pos < text.size() && seen < kDatelineLines;) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        pos = eol + 1;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        ++seen;
        if (line.size() > kDatelineMaxBytes) continue;
        std::string date = normalize_date(line);
        if (!date.empty()) return date;
    }
    return {};
}

void read_text(Article& article) { article.date = find_dateline(article.text); }

}  // namespace pith::detail
