#pragma once
// The byte-level half of reading an article, shared by every format reader: safe reading of a
// file (or standard input) and the conversion of its bytes into an Article's UTF-8 text, id and
// content hash.

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

}  // namespace pith::detail
