#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include <unicode/utf8.h>

#include "hashing.hpp"
#include "pith/article.hpp"
#include "document_language.hpp"
#include "pith/error.hpp"

namespace pith {
namespace {

namespace fs = std::filesystem;

// A NUL byte in the first block is how grep and ripgrep recognise binary files too.
constexpr std::size_t kBinaryProbeBytes = 8192;

std::string to_valid_utf8(std::string_view bytes, std::size_t* replaced) {
    std::string out;
    out.reserve(bytes.size());
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
    auto length = static_cast<int32_t>(bytes.size());
    int32_t offset = 0;
    if (bytes.starts_with("\xEF\xBB\xBF")) offset = 3;  // byte order mark
    while (offset < length) {
        int32_t start = offset;
        UChar32 c;
        U8_NEXT(data, offset, length, c);
        if (c < 0) {
            out += "\xEF\xBF\xBD";
            ++*replaced;
        } else {
            out.append(bytes.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(offset - start)));
        }
    }
    return out;
}

std::string first_nonempty_line(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        auto first = line.find_first_not_of(" \t\r\f\v");
        if (first != std::string_view::npos) {
            auto last = line.find_last_not_of(" \t\r\f\v");
            return std::string(line.substr(first, last - first + 1));
        }
        pos = eol + 1;
    }
    return {};
}

bool has_txt_extension(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".txt";
}

}  // namespace

Article read_article(const fs::path& file) {
    std::error_code ec;
    if (fs::is_directory(file, ec)) throw InputError(file.string() + ": is a directory");
    if (!fs::is_regular_file(file, ec)) {
        if (!fs::exists(file, ec)) throw InputError(file.string() + ": no such file");
        throw InputError(file.string() + ": not a regular file, skipped");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file.string() + ": cannot read: " + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw InputError(file.string() + ": read error: " + std::strerror(errno));
    std::string bytes = std::move(buffer).str();
    if (bytes.empty()) throw InputError(file.string() + ": empty file, skipped");
    if (bytes.find('\0') < kBinaryProbeBytes) throw InputError(file.string() + ": looks binary (NUL byte), skipped");

    Article article;
    article.path = fs::absolute(file).lexically_normal();
    article.id = detail::hex64(detail::fnv1a64(article.path.string()));
    article.content_hash = detail::hex64(detail::fnv1a64(bytes));
    article.text = to_valid_utf8(bytes, &article.invalid_utf8);
    if (auto header = find_language_header(article.text)) {
        article.language = stemmer_for_language(header->value);
        if (article.language.empty())
            throw InputError(file.string() + ":1: unknown language '" + header->value +
                             "' in the lang: line; use an ISO 639-1 code (fr, de, zh…) or a stemmer name, skipped");
        // Blanked, not cut: offsets into the text stay offsets into the file.
        std::fill_n(article.text.begin(), header->length - (article.text[header->length - 1] == '\n'), ' ');
    }
    article.title = first_nonempty_line(article.text);
    if (article.title.empty()) throw InputError(file.string() + ": only blank lines, skipped");
    return article;
}

std::vector<fs::path> collect_article_files(const std::vector<fs::path>& paths,
                                            const std::function<void(const std::string&)>& warn) {
    std::set<fs::path> files;
    for (const auto& path : paths) {
        std::error_code ec;
        auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            warn(path.string() + ": no such file or directory");
            continue;
        }
        if (!fs::is_directory(status)) {
            files.insert(fs::absolute(path).lexically_normal());
            continue;
        }
        // Directory symlinks are not followed, so a link loop cannot trap the walk.
        fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
        if (ec) {
            warn(path.string() + ": cannot read directory: " + ec.message());
            continue;
        }
        for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec) {
                warn(path.string() + ": " + ec.message());
                break;
            }
            std::error_code entry_ec;
            if (it->is_regular_file(entry_ec) && has_txt_extension(it->path()))
                files.insert(fs::absolute(it->path()).lexically_normal());
        }
    }
    return {files.begin(), files.end()};
}

}  // namespace pith
