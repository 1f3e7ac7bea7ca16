#pragma once
// A large plain-text or Markdown file read as a sequence of windows instead of one string, so
// that indexing it needs memory for a window, not for the file (docs/architecture.md,
// "Streamed articles"). Everything the whole-file path does per article works per window here:
// the content hash, UTF-8 repair, the `lang:` line, the title, the dateline, the Markdown
// conversion and the cleaner (CleanerStream), so the text it yields is, piece by piece, the text
// read_articles() would give for the whole file.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "hashing.hpp"
#include "pith/article.hpp"
#include "pith/article_formats.hpp"
#include "pith/cleaner.hpp"
#include "readers/readers.hpp"

namespace pith::detail {

// The most of a streamed file held at once (a window), however high indexing.stream_above_mb.
// A window is one Xapian transaction, which Xapian holds in memory: on a 20 MB file, windows of
// 4 / 1 / 0.5 MB peaked at 197 / 74 / 53 MB RSS and took 45 / 36 / 32 s of CPU (whole file:
// 252 MB, 45 s); 1 MB keeps commits (each an fsync) few on slow disks.
inline constexpr std::size_t kMaxWindowBytes = 1u << 20;

// The window for a threshold of `stream_above_mb`.
inline std::size_t window_bytes(double stream_above_mb) {
    const double bytes = stream_above_mb * (1 << 20);
    return bytes < static_cast<double>(kMaxWindowBytes) ? static_cast<std::size_t>(bytes) : kMaxWindowBytes;
}

// The formats that can be read a window at a time: plain text and Markdown. HTML needs its
// whole tree; a JSON Lines file is many small records.
bool can_stream(InputFormat format);

// The format a file of `format` (possibly InputFormat::detect) is read as: by extension, else by
// the content of its first bytes.
InputFormat streamed_format(const std::filesystem::path& file, InputFormat format);

// FNV-1a 64 of the whole file (read in windows), as 16 hex digits: the content hash the index
// records. @throws pith::InputError as read_file_bytes() does.
std::string hash_file(const std::filesystem::path& file);

class ArticleStream {
  public:
    // Opens `file` and reads up to its first line of text, so article() is complete (title,
    // language, date). `content_hash`: hash_file() of it, taken just before. `window_bytes`:
    // how much is read at once.
    // @throws pith::InputError naming the file (unreadable, not regular, empty, binary, no
    //         text), as read_articles() would.
    ArticleStream(const std::filesystem::path& file, InputFormat format, const Cleaner* cleaner,
                  std::string content_hash, std::size_t window_bytes);
    ~ArticleStream();
    ArticleStream(const ArticleStream&) = delete;
    ArticleStream& operator=(const ArticleStream&) = delete;

    // The article without its text; content_hash is that of the file when it was opened
    // (hash_file()), and invalid_utf8 and dropped_lines grow as windows are read.
    const Article& article() const { return article_; }

    // The next piece of the article's text (cleaned), in order; nullopt at the end.
    // @throws pith::InputError on a read error.
    std::optional<std::string> next();

    // Bytes of the file read so far.
    std::uint64_t bytes_read() const { return bytes_read_; }

    // Whether the bytes read hash to article().content_hash (false: the file changed while it
    // was read). Meaningful once next() has returned nullopt.
    bool unchanged_while_read() const;

  private:
    std::optional<std::string> read_piece();
    bool fill_raw();

    std::filesystem::path file_;
    InputFormat format_;
    int fd_ = -1;
    std::size_t window_bytes_;
    Article article_;
    std::string raw_;  // bytes read but not yet converted
    bool eof_ = false;
    bool first_ = true;
    bool finished_ = false;
    std::uint64_t bytes_read_ = 0;
    Fnv1a64 hash_;
    MarkdownState markdown_;
    std::optional<CleanerStream> cleaner_;
    std::optional<std::string> primed_;  // the first piece, read by the constructor
};

}  // namespace pith::detail
