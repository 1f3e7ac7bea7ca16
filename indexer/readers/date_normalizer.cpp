#include <array>
#include <cctype>
#include <regex>
#include <string>

#include "pith/article_formats.hpp"

namespace pith {
namespace {

int month_number(std::string name) {
    static const std::array<const char*, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                        "jul", "aug", "sep", "oct", "nov", "dec"};
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name.size() < 3) return 0;
    for (std::size_t i = 0; i < kMonths.size(); ++i) {
        std::string_view full_prefix = kMonths[i];
        if (name.compare(0, 3, full_prefix) != 0) continue;
        // "Sept" and full names are fine; "Marchxyz" is not a month.
        static const std::array<const char*, 12> kFull = {"january", "february", "march",     "april",   "may",      "june",
                                                          "july",    "august",   "september", "october", "november", "december"};
        std::string_view full = kFull[i];
        if (name.size() == 3 || full.starts_with(name) || name == "sept") return static_cast<int>(i) + 1;
    }
    return 0;
}

std::string format_date(int year, int month, int day) {
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return {};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && day == 29 && !leap) return {};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}

}  // namespace

std::string normalize_date(std::string_view text) {
    // std::regex is slow, but this runs on a few short lines per article.
    static const std::regex iso(R"((\d{4})[-/](\d{1,2})[-/](\d{1,2})(?![\d]))");
    static const std::regex month_first(R"(\b([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b)");
    static const std::regex day_first(R"(\b(\d{1,2}) ([A-Za-z]{3,9})\.?,? (\d{4})\b)");
    std::string s(text);
    std::smatch m;
    if (std::regex_search(s, m, iso)) return format_date(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
    if (std::regex_search(s, m, month_first)) {
        if (int month = month_number(m[1])) return format_date(std::stoi(m[3]), month, std::stoi(m[2]));
    }
    if (std::regex_search(s, m, day_first)) {
        if (int month = month_number(m[2])) return format_date(std::stoi(m[3]), month, std::stoi(m[1]));
    }
    return {};
}

}  // namespace pith
