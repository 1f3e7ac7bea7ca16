// Markdown → plain paragraphs: the structure (heading marks, emphasis, link targets, list
// bullets, code fences, front matter) goes, the words stay. A paragraph soft-wrapped over several
// lines becomes one line, because the splitter and the cleaner both read one paragraph a line.

#include <regex>
#include <string>
#include <vector>

#include "readers.hpp"

namespace pith::detail {
namespace {

constexpr std::string_view kBlank = " \t\r";

std::string_view trim(std::string_view s) {
    auto first = s.find_first_not_of(kBlank);
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(kBlank) - first + 1);
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    for (std::size_t pos = 0; pos <= text.size();) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        lines.push_back(text.substr(pos, eol - pos));
        pos = eol + 1;
    }
    return lines;
}

bool is_rule(std::string_view line) {
    // ---, ***, ___ (thematic breaks) and === / --- setext underlines.
    if (line.size() < 3) return false;
    char c = line[0];
    if (c != '-' && c != '*' && c != '_' && c != '=') return false;
    for (char x : line)
        if (x != c && x != ' ') return false;
    return true;
}

std::string inline_text(std::string_view line) {
    static const std::regex image(R"(!\[([^\]]*)\]\([^)]*\))");
    static const std::regex link(R"(\[([^\]]+)\](\([^)]*\)|\[[^\]]*\]))");
    static const std::regex autolink(R"(<((https?|mailto):[^>]+)>)");
    static const std::regex html_tag(R"(</?[A-Za-z][^>]*>)");
    static const std::regex code(R"(`+([^`]*)`+)");
    static const std::regex strong(R"((\*\*|__|~~)(.+?)\1)");
    static const std::regex emphasis(R"((^|[^\w*])[*_]([^*_]+)[*_](?![\w*]))");
    std::string s(line);
    s = std::regex_replace(s, image, "$1");
    s = std::regex_replace(s, link, "$1");
    s = std::regex_replace(s, autolink, "$1");
    s = std::regex_replace(s, html_tag, "");
    s = std::regex_replace(s, code, "$1");
    s = std::regex_replace(s, strong, "$2");
    s = std::regex_replace(s, emphasis, "$1$2");
    return s;
}

// Front matter (YAML between --- lines at the very top): title, date, author, source, url.
std::size_t read_front_matter(const std::vector<std::string_view>& lines, Article& article) {
    if (lines.empty() || trim(lines[0]) != "---") return 0;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        std::string_view line = trim(lines[i]);
        if (line == "---" || line == "...") return i + 1;
        auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        std::string key(trim(line.substr(0, colon)));
        std::string value(trim(line.substr(colon + 1)));
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
            value = value.substr(1, value.size() - 2);
        for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (key == "title") article.title = value;
        else if (key == "date" || key == "published") article.date = normalize_date(value);
        else if (key == "author") article.author = value;
        else if (key == "source" || key == "site") article.source = value;
        else if (key == "url" || key == "link") article.url = value;
    }
    return 0;  // an unclosed block is not front matter
}

}  // namespace

void read_markdown(Article& article) {
    const std::string source = std::move(article.text);
    MarkdownState state;
    article.text = markdown_text(source, article, state);
    if (!state.titled) article.title = state.heading_title;
}

std::string markdown_text(std::string_view source, Article& article, MarkdownState& state) {
    const std::vector<std::string_view> lines = split_lines(source);
    std::size_t i = 0;
    if (state.first) {
        i = read_front_matter(lines, article);
        state.titled = !article.title.empty();
        state.first = false;
    }

    std::string out;
    std::string paragraph;
    auto end_paragraph = [&] {
        if (!paragraph.empty()) out += paragraph + "\n\n";
        paragraph.clear();
    };
    std::string& heading_title = state.heading_title;
    bool& in_fence = state.in_fence;
    for (; i < lines.size(); ++i) {
        std::string_view line = trim(lines[i]);
        if (line.starts_with("```") || line.starts_with("~~~")) {
            end_paragraph();
            in_fence = !in_fence;
            continue;
        }
        if (in_fence) {  // code is text too, kept line by line
            if (!line.empty()) out += std::string(line) + "\n";
            continue;
        }
        if (line.empty()) {
            end_paragraph();
            continue;
        }
        if (is_rule(line)) {
            end_paragraph();
            continue;
        }
        static const std::regex link_definition(R"(^\[[^\]]+\]:\s*\S+.*$)");
        if (std::regex_match(line.begin(), line.end(), link_definition)) continue;
        while (line.starts_with(">")) line = trim(line.substr(1));
        if (line.starts_with("#")) {
            std::size_t level = line.find_first_not_of('#');
            if (level != std::string_view::npos && level <= 6 && line[level] == ' ') {
                end_paragraph();
                std::string_view text = trim(line.substr(level));
                while (text.ends_with("#")) text = trim(text.substr(0, text.size() - 1));
                std::string heading = inline_text(text);
                if (heading_title.empty() && level == 1) heading_title = heading;
                out += heading + "\n\n";  // headings stay as text, a paragraph of their own
                continue;
            }
        }
        static const std::regex bullet(R"(^([-*+]|\d{1,9}[.)])\s+)");
        std::string text(line);
        std::smatch m;
        if (std::regex_search(text, m, bullet)) {
            end_paragraph();  // each item is a paragraph of its own
            text = m.suffix();
        }
        if (!paragraph.empty()) paragraph += ' ';
        paragraph += inline_text(text);
    }
    end_paragraph();
    return out;
}

}  // namespace pith::detail
