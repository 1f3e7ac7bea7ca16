#include "pith/article_formats.hpp"

#include <algorithm>
#include <cctype>

#include "article_bytes.hpp"
#include "pith/cleaner.hpp"
#include "pith/error.hpp"
#include "readers/readers.hpp"

namespace pith {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim_left(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
    if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
    return s;
}

// Cleans the article's text (when a cleaner is given) and fills in what the format left empty.
void finish(Article& article, const ReadOptions& options) {
    if (options.cleaner != nullptr) {
        CleanedText cleaned = options.cleaner->clean(article.text);
        article.text = std::move(cleaned.text);
        article.dropped_lines = cleaned.dropped;
    }
    if (article.title.empty()) article.title = detail::first_line(article.text);
}

}  // namespace

std::string_view format_name(InputFormat format) {
    switch (format) {
        case InputFormat::text: return "text";
        case InputFormat::markdown: return "markdown";
        case InputFormat::html: return "html";
        case InputFormat::jsonl: return "jsonl";
        case InputFormat::detect: break;
    }
    return "auto";
}

InputFormat parse_format_name(std::string_view name) {
    const std::string n = lower(name);
    if (n == "auto") return InputFormat::detect;
    if (n == "text" || n == "txt") return InputFormat::text;
    if (n == "markdown" || n == "md") return InputFormat::markdown;
    if (n == "html" || n == "htm") return InputFormat::html;
    if (n == "jsonl" || n == "ndjson") return InputFormat::jsonl;
    throw ConfigError("unknown format '" + std::string(name) + "'; use one of: auto, text, markdown, html, jsonl");
}

InputFormat format_for_extension(const fs::path& path) {
    const std::string ext = lower(path.extension().string());
    if (ext == ".txt") return InputFormat::text;
    if (ext == ".md" || ext == ".markdown") return InputFormat::markdown;
    if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return InputFormat::html;
    if (ext == ".jsonl" || ext == ".ndjson") return InputFormat::jsonl;
    return InputFormat::detect;
}

InputFormat detect_format(std::string_view text) {
    std::string_view start = trim_left(text);
    const std::string head = lower(start.substr(0, 15));
    if (head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<!--") ||
        head.starts_with("<head") || head.starts_with("<body") || head.starts_with("<article"))
        return InputFormat::html;
    // JSON Lines: the first few non-blank lines are each an object.
    std::size_t objects = 0;
    for (std::size_t pos = 0; pos < text.size() && objects < 3;) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string_view line = trim_left(text.substr(pos, eol - pos));
        pos = eol + 1;
        if (line.empty()) continue;
        while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) line.remove_suffix(1);
        if (!line.starts_with("{") || !line.ends_with("}")) return InputFormat::text;
        ++objects;
    }
    return objects > 0 ? InputFormat::jsonl : InputFormat::text;
}

ReadResult read_articles_from_bytes(const fs::path& path, std::string_view bytes, const ReadOptions& options) {
    Article base = detail::article_from_bytes(path, bytes);
    InputFormat format = options.format;
    if (format == InputFormat::detect) format = format_for_extension(path);
    if (format == InputFormat::detect) format = detect_format(base.text);

    ReadResult result;
    switch (format) {
        case InputFormat::jsonl: {
            detail::read_jsonl(base, result.articles, result.warnings, result.notices);
            for (Article& article : result.articles) finish(article, options);
            if (result.articles.empty() && result.warnings.empty())
                throw InputError(display_path(path) + ": no JSON records, skipped");
            return result;
        }
        case InputFormat::markdown: detail::read_markdown(base); break;
        case InputFormat::html: detail::read_html(base); break;
        case InputFormat::text:
        case InputFormat::detect: detail::read_text(base); break;
    }
    finish(base, options);
    if (base.title.empty())
        throw InputError(display_path(path) + (options.cleaner ? ": no text left after cleaning (see pith-index --explain-clean), skipped"
                                                               : ": only blank lines, skipped"));
    result.articles.push_back(std::move(base));
    return result;
}

ReadResult read_articles(const fs::path& file, const ReadOptions& options) {
    detail::FileBytes bytes = file == "-" ? detail::read_standard_input() : detail::read_file_bytes(file);
    ReadResult result = read_articles_from_bytes(file, bytes.bytes, options);
    for (Article& article : result.articles) {
        article.file_size = bytes.size;
        article.mtime_ns = bytes.mtime_ns;
    }
    return result;
}

}  // namespace pith
