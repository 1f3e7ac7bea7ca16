#pragma once
/// Input formats: plain text, Markdown, HTML and JSON Lines (one article per line), detected by
/// extension and content or chosen explicitly, turned into Articles with their metadata and,
/// unless disabled, cleaned of boilerplate (cleaner.hpp).

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "pith/article.hpp"
#include "pith/export.hpp"

namespace pith {

class Cleaner;

enum class InputFormat {
    /// By extension (.txt, .md/.markdown, .html/.htm, .jsonl/.ndjson), else by content.
    detect,
    text,
    markdown,
    html,
    jsonl,
};

/// "text", "markdown", "html", "jsonl" or "auto".
PITH_EXPORT std::string_view format_name(InputFormat format);

/// The format named `name` (as format_name() spells it; also "txt", "md", "htm", "ndjson").
/// @throws pith::ConfigError listing the known names.
PITH_EXPORT InputFormat parse_format_name(std::string_view name);

/// The format a file's extension implies, or InputFormat::detect when it implies none.
PITH_EXPORT InputFormat format_for_extension(const std::filesystem::path& path);

/// The format of `text` judged by its content: HTML when it starts with a tag or doctype,
/// JSON Lines when every non-blank line of its start is a JSON object, else plain text.
PITH_EXPORT InputFormat detect_format(std::string_view text);

struct ReadOptions {
    InputFormat format = InputFormat::detect;
    /// Applied to every article's text; nullptr keeps every line.
    const Cleaner* cleaner = nullptr;
};

struct ReadResult {
    /// One article for a text, Markdown or HTML file; one per valid line of a JSON Lines file.
    std::vector<Article> articles;
    /// Records skipped with a reason (a JSON Lines line that is not valid JSON, names its line).
    std::vector<std::string> warnings;
    /// Problems that did not cost a record (a date that is not a date: indexed without one).
    std::vector<std::string> notices;
};

/// Reads `file` ("-": standard input, read to its end) in `options.format`.
/// @throws pith::InputError (one line naming the file) when the whole file cannot be used.
PITH_EXPORT ReadResult read_articles(const std::filesystem::path& file, const ReadOptions& options);

/// As read_articles(), on bytes already read; `path` names them ("-" for standard input).
PITH_EXPORT ReadResult read_articles_from_bytes(const std::filesystem::path& path, std::string_view bytes,
                                                const ReadOptions& options);

/// A date found in `text` as YYYY-MM-DD: ISO 8601 (2025-06-30, 2025-06-30T08:00:00Z, 2025/06/30),
/// "June 30, 2025", "30 Jun 2025", "30 Jun, 2025". Empty when there is none or it is impossible.
PITH_EXPORT std::string normalize_date(std::string_view text);

}  // namespace pith
