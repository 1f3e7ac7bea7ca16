#pragma once
/// Cuts an article into passages: paragraphs (split on line breaks), long paragraphs split on
/// sentence boundaries, short paragraphs joined with the ones after them, paragraphs already
/// seen in the same article dropped.

#include <memory>
#include <string_view>
#include <vector>

#include "pith/export.hpp"
#include "pith/analyzer.hpp"
#include "pith/article.hpp"

namespace pith {

/// Thread-safety: like Analyzer, one per thread.
class PITH_EXPORT PassageSplitter {
  public:
    /// `analyzer` must outlive the splitter; it counts words, so passage sizes agree with what
    /// is indexed. Paragraphs of fewer than `min_words` words are joined with the following
    /// ones (never beyond `max_words`); min_words 0 keeps every paragraph a passage of its own.
    PassageSplitter(const Analyzer& analyzer, std::size_t max_words, std::size_t min_words = 0);
    ~PassageSplitter();
    PassageSplitter(PassageSplitter&&) noexcept;
    PassageSplitter& operator=(PassageSplitter&&) noexcept;

    /// Passages of `text` in order. Paragraphs without any word are skipped; a paragraph whose
    /// whitespace-normalized text repeats an earlier one is skipped. A joined passage's text
    /// keeps the line breaks between its paragraphs.
    std::vector<Passage> split(std::string_view text) const;

  private:
    friend class PassageStream;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// PassageSplitter::split() for an article that arrives in pieces (a file streamed in windows):
/// the passages, ordinals and byte ranges are exactly those of split() on the whole text. It
/// holds the words of at most one passage being gathered, the unfinished last line, and an
/// 8-byte hash per distinct paragraph (to drop repeats).
class PITH_EXPORT PassageStream {
  public:
    /// `splitter` must outlive the stream.
    explicit PassageStream(const PassageSplitter& splitter);
    ~PassageStream();
    PassageStream(const PassageStream&) = delete;
    PassageStream& operator=(const PassageStream&) = delete;

    /// The passages completed by the next piece of the text.
    std::vector<Passage> feed(std::string_view piece);
    /// The passages left at the end of the text.
    std::vector<Passage> finish();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace pith
