#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include <unicode/utf8.h>

#include "article_bytes.hpp"
#include "hashing.hpp"
#include "pith/article_formats.hpp"
#include "pith/article.hpp"
#include "document_language.hpp"
#include "pith/error.hpp"

namespace pith {
namespace {

namespace fs = std::filesystem;

// A NUL byte in the first block is how grep and ripgrep recognise binary files too.
constexpr std::size_t kBinaryProbeBytes = 8192;

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
    // Every format a directory walk picks up (see article_formats.hpp).
    return format_for_extension(path) != InputFormat::detect;
}

void read_all(int fd, std::string& bytes, const fs::path& file) {
    char buffer[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw InputError(display_path(file) + ": read error: " + std::strerror(errno) + ", skipped");
        }
        if (n == 0) break;
        bytes.append(buffer, static_cast<std::size_t>(n));
    }
}


}  // namespace

namespace detail {

std::string to_valid_utf8(std::string_view bytes, std::size_t* replaced, bool strip_bom) {
    std::string out;
    out.reserve(bytes.size());
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
    auto length = static_cast<int32_t>(bytes.size());
    int32_t offset = 0;
    if (strip_bom && bytes.starts_with("\xEF\xBB\xBF")) offset = 3;  // byte order mark
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

int open_regular_file(const fs::path& file, struct stat& info) {
    // The type is checked on the open descriptor, and the open never blocks: a FIFO or a device
    // that slipped in (or replaced a file after the walk) is refused instead of hanging the run.
    int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int error = errno;
        if (error == ENOENT) throw InputError(display_path(file) + ": no such file, skipped");
        if (error == ELOOP) throw InputError(display_path(file) + ": symbolic link loop, skipped");
        throw InputError(display_path(file) + ": cannot open: " + std::strerror(error) + ", skipped");
    }
    std::string fault;
    if (::fstat(fd, &info) != 0) fault = display_path(file) + ": cannot stat: " + std::strerror(errno);
    else if (S_ISDIR(info.st_mode)) fault = display_path(file) + ": is a directory, skipped";
    else if (!S_ISREG(info.st_mode)) fault = display_path(file) + ": not a regular file (FIFO, socket or device), skipped";
    if (!fault.empty()) {
        ::close(fd);
        throw InputError(fault);
    }
    return fd;
}

void check_text_start(std::string_view start, const std::string& name) {
    if (start.empty()) throw InputError(name + ": empty file, skipped");
    if (start.substr(0, kBinaryProbeBytes).find('\0') != std::string_view::npos)
        throw InputError(name + ": looks binary (NUL byte), skipped");
}

FileBytes read_file_bytes(const fs::path& file) {
    struct stat info {};
    int fd = open_regular_file(file, info);
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};

    FileBytes result;
    result.bytes.reserve(static_cast<std::size_t>(info.st_size));
    read_all(fd, result.bytes, file);
    check_text_start(result.bytes, display_path(file));
    result.size = static_cast<std::uint64_t>(info.st_size);
    result.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
    return result;
}

FileBytes read_standard_input() {
    FileBytes result;
    read_all(STDIN_FILENO, result.bytes, "-");
    check_text_start(result.bytes, "standard input");
    result.size = result.bytes.size();
    return result;
}

Article article_from_bytes(const fs::path& path, std::string_view bytes) {
    Article article;
    article.path = path == "-" ? path : fs::absolute(path).lexically_normal();
    article.id = hex64(fnv1a64(article.path.string()));
    article.content_hash = hex64(fnv1a64(bytes));
    article.file_size = bytes.size();
    article.text = to_valid_utf8(bytes, &article.invalid_utf8, true);
    apply_language_header(article, path);
    return article;
}

void apply_language_header(Article& article, const fs::path& path) {
    if (auto header = find_language_header(article.text)) {
        article.language = stemmer_for_language(header->value);
        if (article.language.empty())
            throw InputError(path.string() + ":1: unknown language '" + header->value +
                             "' in the lang: line; use an ISO 639-1 code (fr, de, zh…) or a stemmer name, skipped");
        // Blanked, not cut: offsets into the text stay offsets into the file.
        std::fill_n(article.text.begin(), header->length - (article.text[header->length - 1] == '\n'), ' ');
    }
}

std::string first_line(std::string_view text) { return first_nonempty_line(text); }

}  // namespace detail

Article read_article(const fs::path& file) {
    detail::FileBytes file_bytes = detail::read_file_bytes(file);
    Article article = detail::article_from_bytes(file, file_bytes.bytes);
    article.file_size = file_bytes.size;
    article.mtime_ns = file_bytes.mtime_ns;
    article.title = first_nonempty_line(article.text);
    if (article.title.empty()) throw InputError(display_path(file) + ": only blank lines, skipped");
    return article;
}

std::string display_path(const fs::path& path) {
    // A file name may hold a newline or bytes that are not UTF-8; escaping them keeps every
    // warning on one line and readable, while ordinary names (spaces included) print as they are.
    const std::string& raw = path.native();
    std::string out;
    const auto* data = reinterpret_cast<const std::uint8_t*>(raw.data());
    auto length = static_cast<int32_t>(raw.size());
    int32_t offset = 0;
    static constexpr char kHex[] = "0123456789abcdef";
    while (offset < length) {
        int32_t start = offset;
        UChar32 c;
        U8_NEXT(data, offset, length, c);
        if (c < 0) {
            for (int32_t i = start; i < offset; ++i) {
                out += "\\x";
                out += kHex[data[i] >> 4];
                out += kHex[data[i] & 0xf];
            }
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7f) {
            out += "\\x";
            out += kHex[(c >> 4) & 0xf];
            out += kHex[c & 0xf];
        } else if (c == '\\') {
            out += "\\\\";
        } else {
            out.append(raw, static_cast<std::size_t>(start), static_cast<std::size_t>(offset - start));
        }
    }
    return out;
}

namespace {

// The order of std::filesystem::path (element by element) on normalized absolute paths held as
// strings: bytes compare unsigned, except that the separator sorts before every other byte, so a
// directory's files come before "dir-2/" as they do for path. The order of the list is the order
// articles are written in, which decides which of two near-duplicates is the original: it must
// not change with the representation.
bool path_order(const std::string& a, const std::string& b) {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (a[i] == b[i]) continue;
        if (a[i] == '/') return true;
        if (b[i] == '/') return false;
        return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
    }
    return a.size() < b.size();
}

std::string normal_absolute(const fs::path& path) { return fs::absolute(path).lexically_normal().native(); }

// Walks `root` depth-first without following directory symlinks (so a link loop cannot trap the
// walk). A subdirectory that cannot be read is named in a warning instead of vanishing silently.
void walk_directory(const fs::path& root, std::vector<std::string>& files,
                    const std::function<void(const std::string&)>& warn) {
    std::vector<fs::path> pending{root};
    while (!pending.empty()) {
        const fs::path dir = std::move(pending.back());
        pending.pop_back();
        std::error_code ec;
        fs::directory_iterator it(dir, ec);
        if (ec) {
            warn(display_path(dir) + ": cannot read directory: " + ec.message() + ", skipped");
            continue;
        }
        for (; it != fs::directory_iterator(); it.increment(ec)) {
            std::error_code entry_ec;
            const fs::file_status own = it->symlink_status(entry_ec);
            if (fs::is_directory(own)) {
                pending.push_back(it->path());
                continue;
            }
            if (!has_txt_extension(it->path())) continue;
            // A link to a directory is not followed; any other entry named *.txt (a FIFO, a
            // broken or looping link) reaches read_article, which names it in a warning.
            if (fs::is_symlink(own) && fs::is_directory(it->status(entry_ec))) continue;
            files.push_back(normal_absolute(it->path()));
        }
        if (ec) warn(display_path(dir) + ": error while reading directory: " + ec.message());
    }
}

}  // namespace

std::vector<std::string> collect_article_paths(const std::vector<fs::path>& paths,
                                               const std::function<void(const std::string&)>& warn) {
    // Plain strings, sorted once at the end: a std::set of std::filesystem::path spent ~630 bytes
    // a file (a path keeps a list of its components), 170 MB for the 269,248 files of the 1 GB
    // bench corpus, and its copy into the returned vector as much again.
    std::vector<std::string> files;
    for (const auto& path : paths) {
        std::error_code ec;
        auto status = fs::status(path, ec);
        if (!fs::exists(status)) {
            std::error_code link_ec;
            if (fs::is_symlink(fs::symlink_status(path, link_ec)))
                files.push_back(normal_absolute(path));  // read_article names the fault
            else
                warn(display_path(path) + ": no such file or directory");
            continue;
        }
        if (!fs::is_directory(status)) {
            files.push_back(normal_absolute(path));
            continue;
        }
        walk_directory(path, files, warn);
    }
    std::sort(files.begin(), files.end(), path_order);
    files.erase(std::unique(files.begin(), files.end()), files.end());
    files.shrink_to_fit();
    return files;
}

std::vector<fs::path> collect_article_files(const std::vector<fs::path>& paths,
                                            const std::function<void(const std::string&)>& warn) {
    std::vector<std::string> files = collect_article_paths(paths, warn);
    return {files.begin(), files.end()};
}

}  // namespace pith
