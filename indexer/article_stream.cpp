#include "article_stream.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "article_bytes.hpp"
#include "pith/error.hpp"

namespace pith::detail {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kReadBlock = 1u << 16;
// Enough of a file's start to tell HTML and JSON Lines from text (detect_format()).
constexpr std::size_t kDetectBytes = 1u << 16;

// Reads up to `limit` more bytes into `out`; false at the end of the file.
bool read_some(int fd, std::string& out, std::size_t limit, const fs::path& file) {
    char buffer[kReadBlock];
    for (;;) {
        ssize_t n = ::read(fd, buffer, std::min(limit, sizeof buffer));
        if (n < 0) {
            if (errno == EINTR) continue;
            throw InputError(display_path(file) + ": read error: " + std::strerror(errno) + ", skipped");
        }
        if (n == 0) return false;
        out.append(buffer, static_cast<std::size_t>(n));
        return true;
    }
}

struct Descriptor {
    int fd;
    ~Descriptor() {
        if (fd >= 0) ::close(fd);
    }
};

bool is_blank_text(std::string_view text) { return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos; }

// Where to end a window of `raw` no longer than `limit`: after a blank line (Markdown: a
// paragraph boundary), else after a line break; a single line longer than the window is cut
// after a space, else before a UTF-8 lead byte, so no character is ever split.
std::size_t window_cut(std::string_view raw, std::size_t limit, bool blank_line) {
    std::string_view head = raw.substr(0, limit);
    if (blank_line) {
        std::size_t at = head.rfind("\n\n");
        if (at != std::string_view::npos) return at + 2;
    }
    std::size_t at = head.rfind('\n');
    if (at != std::string_view::npos) return at + 1;
    at = head.rfind(' ');
    if (at != std::string_view::npos) return at + 1;
    std::size_t cut = head.size();
    while (cut > 1 && cut < raw.size() && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80) --cut;
    return cut;
}

}  // namespace

bool can_stream(InputFormat format) { return format == InputFormat::text || format == InputFormat::markdown; }

InputFormat streamed_format(const fs::path& file, InputFormat format) {
    if (format != InputFormat::detect) return format;
    format = format_for_extension(file);
    if (format != InputFormat::detect) return format;
    struct stat info {};
    Descriptor descriptor{open_regular_file(file, info)};
    std::string start;
    while (start.size() < kDetectBytes && read_some(descriptor.fd, start, kDetectBytes - start.size(), file)) {
    }
    std::size_t replaced = 0;
    return detect_format(to_valid_utf8(start, &replaced, true));
}

std::string hash_file(const fs::path& file) {
    struct stat info {};
    Descriptor descriptor{open_regular_file(file, info)};
    Fnv1a64 hash;
    std::string block;
    bool first = true;
    for (;;) {
        block.clear();
        const bool more = read_some(descriptor.fd, block, kReadBlock, file);
        if (first) check_text_start(block, display_path(file));
        first = false;
        if (!more) break;
        hash.update(block);
    }
    return hex64(hash.value());
}

ArticleStream::ArticleStream(const fs::path& file, InputFormat format, const Cleaner* cleaner, std::string content_hash,
                             std::size_t window_bytes)
    : file_(file), format_(format), window_bytes_(std::max<std::size_t>(window_bytes, 1024)) {
    struct stat info {};
    fd_ = open_regular_file(file, info);
    article_.path = fs::absolute(file).lexically_normal();
    article_.id = hex64(fnv1a64(article_.path.string()));
    article_.content_hash = std::move(content_hash);
    article_.file_size = static_cast<std::uint64_t>(info.st_size);
    article_.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
    if (cleaner != nullptr) cleaner_.emplace(*cleaner);
    try {
        // The title is every passage's, so it must be known before the first passage is
        // written: read on to the first piece that holds text (blank pieces are cheap to keep).
        std::string start;
        while (auto piece = read_piece()) {
            start += *piece;
            if (!is_blank_text(start)) break;
        }
        if (format_ == InputFormat::markdown && !markdown_.titled) article_.title = markdown_.heading_title;
        if (article_.title.empty()) article_.title = first_line(start);
        if (article_.title.empty())
            throw InputError(display_path(file) + (cleaner ? ": no text left after cleaning (see pith-index --explain-clean), skipped"
                                                           : ": only blank lines, skipped"));
        primed_ = std::move(start);
    } catch (...) {
        ::close(fd_);
        throw;
    }
}

ArticleStream::~ArticleStream() {
    if (fd_ >= 0) ::close(fd_);
}

bool ArticleStream::fill_raw() {
    while (!eof_ && raw_.size() < window_bytes_) {
        if (!read_some(fd_, raw_, window_bytes_ - raw_.size(), file_)) eof_ = true;
    }
    return !raw_.empty();
}

std::optional<std::string> ArticleStream::next() {
    if (primed_) {
        std::optional<std::string> piece = std::move(primed_);
        primed_.reset();
        return piece;
    }
    return read_piece();
}

std::optional<std::string> ArticleStream::read_piece() {
    if (finished_) return std::nullopt;
    std::string text;
    if (fill_raw()) {
        if (first_) check_text_start(raw_, display_path(file_));
        const std::size_t cut = eof_ ? raw_.size() : window_cut(raw_, window_bytes_, format_ == InputFormat::markdown);
        const std::string_view bytes(raw_.data(), cut);
        hash_.update(bytes);
        bytes_read_ += cut;
        text = to_valid_utf8(bytes, &article_.invalid_utf8, first_);
        raw_.erase(0, cut);
        if (first_) {
            // As article_from_bytes() and the format readers do with the start of a whole file.
            article_.text = std::move(text);
            apply_language_header(article_, file_);
            text = std::move(article_.text);
            article_.text.clear();
            if (format_ == InputFormat::text) article_.date = find_dateline(text);
            first_ = false;
        }
        if (format_ == InputFormat::markdown) text = markdown_text(text, article_, markdown_);
        if (cleaner_) text = cleaner_->feed(text);
    } else if (first_) {
        check_text_start({}, display_path(file_));
    }
    if (eof_ && raw_.empty()) {
        if (cleaner_) text += cleaner_->finish();
        finished_ = true;
    }
    if (cleaner_) article_.dropped_lines = cleaner_->dropped();
    return text;
}

bool ArticleStream::unchanged_while_read() const { return hex64(hash_.value()) == article_.content_hash; }

}  // namespace pith::detail
