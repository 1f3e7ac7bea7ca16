#pragma once
/// Articles (one input file each) and the passages they are cut into: the unit Pith indexes
/// and returns.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "pith/export.hpp"

namespace pith {

struct Article {
    /// Stable identifier derived from the absolute path (16 hex digits).
    std::string id;
    /// Absolute path of the source file.
    std::filesystem::path path;
    /// First non-empty line, trimmed.
    std::string title;
    /// The whole text as valid UTF-8 (invalid bytes replaced by U+FFFD).
    std::string text;
    /// Hash of the file's bytes, to skip unchanged articles on re-indexing.
    std::string content_hash;
    /// Number of invalid UTF-8 sequences that were replaced.
    std::size_t invalid_utf8 = 0;
    /// Size in bytes and modification time (ns since the epoch) of the file when it was read:
    /// a re-run that finds both unchanged skips the file without reading it.
    std::uint64_t file_size = 0;
    std::int64_t mtime_ns = 0;
    /// Publication date as YYYY-MM-DD, empty when unknown (date: queries, --sort date).
    std::string date;
    /// Publisher or feed name, empty when unknown (source: queries).
    std::string source;
    /// Stemmer language the article declared with a first line `lang: fr` (Xapian's name,
    /// "none" for unstemmed scripts); empty: the index's language.
    std::string language;

    // Metadata, from the format's own fields (HTML <meta>, Markdown front matter, JSON keys) or,
    // for the date, a dateline near the top (date and source are declared above). Empty when unknown.
    std::string url;
    std::string author;
    /// 1-based line of a JSON Lines record (the article is `path:line`); 0 for a whole file.
    std::size_t line = 0;
    /// Lines the cleaner dropped (see cleaner.hpp).
    std::size_t dropped_lines = 0;
};

struct Passage {
    /// 0-based ordinal among the article's indexed passages.
    std::size_t ordinal = 0;
    /// Byte range [begin, end) of the passage in Article::text.
    std::size_t begin = 0;
    std::size_t end = 0;
    /// The passage text (Article::text.substr(begin, end - begin)).
    std::string text;
};

/// Reads one UTF-8 text file as an article. Never blocks: FIFOs, sockets and devices are
/// refused by their type, checked on a descriptor opened with O_NONBLOCK.
/// @throws pith::InputError (one line naming the file) when the file cannot be read, is not a
///         regular file, is empty or looks binary.
PITH_EXPORT Article read_article(const std::filesystem::path& file);

/// `path` for a one-line message: control characters, backslashes and bytes that are not UTF-8
/// are escaped (`\n`, `\\`, `\xff`), everything else (spaces too) is kept as it is.
PITH_EXPORT std::string display_path(const std::filesystem::path& path);

/// Expands files and directories (recursively; `.txt` files only inside directories; a file
/// named directly is always taken) into a sorted, de-duplicated list of files to index.
/// Entries that are not directories are kept even when they are not regular files (FIFOs,
/// broken or looping links), so that read_article() names each of them in a warning.
/// Problems (missing path, unreadable directory) are reported through `warn` and skipped.
/// Thread-safe; `warn` is called on the calling thread.
PITH_EXPORT std::vector<std::filesystem::path> collect_article_files(
    const std::vector<std::filesystem::path>& paths,
    const std::function<void(const std::string& message)>& warn);

/// collect_article_files() as plain strings, in the same order: a std::filesystem::path also
/// keeps a list of its components (~600 bytes a file), which for hundreds of thousands of files
/// is most of an indexer's memory.
PITH_EXPORT std::vector<std::string> collect_article_paths(
    const std::vector<std::filesystem::path>& paths,
    const std::function<void(const std::string& message)>& warn);

}  // namespace pith
