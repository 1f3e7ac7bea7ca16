#pragma once
// The byte-level half of reading an article, shared by every format reader: safe reading of a
// file (or standard input) and the conversion of its bytes into an Article's UTF-8 text, id and
// content hash.

#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "pith/article.hpp"

namespace pith::detail {

struct FileBytes {
    std::string bytes;
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
};

// @throws pith::InputError naming the file (missing, not regular, empty, binary…).
FileBytes read_file_bytes(const std::filesystem::path& file);
FileBytes read_standard_input();

// An article whose text is `bytes` as valid UTF-8 (a `lang:` first line applied and blanked),
// with id and content hash; no title, no stat. `path` "-" stands for standard input.
Article article_from_bytes(const std::filesystem::path& path, std::string_view bytes);

std::string first_line(std::string_view text);

// The pieces of read_file_bytes() and article_from_bytes() that a streamed article
// (article_stream.hpp) uses on its windows.
// Opens `file` without blocking and fills `info`; the caller closes the descriptor.
// @throws pith::InputError naming the file when it cannot be opened or is not a regular file.
int open_regular_file(const std::filesystem::path& file, struct stat& info);
// @throws pith::InputError when `start` (the first bytes of a file) is empty or looks binary.
void check_text_start(std::string_view start, const std::string& name);
// `bytes` with invalid UTF-8 replaced by U+FFFD (counted in `replaced`); a leading byte order
// mark dropped when `strip_bom` (the start of a file).
std::string to_valid_utf8(std::string_view bytes, std::size_t* replaced, bool strip_bom);
// Applies and blanks a `lang:` first line of article.text.
// @throws pith::InputError for an unknown language.
void apply_language_header(Article& article, const std::filesystem::path& path);

}  // namespace pith::detail
