#pragma once
/// Removes the boilerplate that saved news pages wrap around a story — section labels, bylines,
/// timestamps, disclaimers, lists of other stories' headlines, repeated paragraphs — so that it is
/// neither indexed nor shown. The rules come from IndexConfig::cleaning (index-config [cleaning]).

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pith/config.hpp"
#include "pith/export.hpp"

namespace pith {

/// The decision on one non-blank line of the input.
struct CleanedLine {
    /// 1-based line number in the text given to Cleaner::clean().
    std::size_t line = 0;
    /// The line, trimmed.
    std::string text;
    bool kept = true;
    /// Why it was dropped (empty when kept), e.g. `drop_lines pattern "opinion|editorial"`.
    std::string reason;
};

struct CleanedText {
    /// The text with dropped lines blanked by spaces: same length, so byte offsets into it are
    /// offsets into the input.
    std::string text;
    /// One entry per non-blank input line, in order.
    std::vector<CleanedLine> lines;
    std::size_t dropped = 0;
};

/// Thread-safety: clean() is const and may be called from several threads at once.
class PITH_EXPORT Cleaner {
  public:
    /// @throws pith::ConfigError when a pattern is not a valid regular expression.
    explicit Cleaner(const CleaningRules& rules);
    ~Cleaner();
    Cleaner(Cleaner&&) noexcept;
    Cleaner& operator=(Cleaner&&) noexcept;

    /// Applies the rules (all lines are kept when the rules are disabled).
    CleanedText clean(std::string_view text) const;

  private:
    friend class CleanerStream;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Cleaner::clean() for an article that arrives in pieces (a file streamed in windows): the
/// concatenated outputs equal clean() of the whole text. It holds back the last line of each
/// piece (the next line tells whether it is wrapped prose) and a headline run too short yet to
/// decide, and keeps a hash per distinct line to find repeats.
class PITH_EXPORT CleanerStream {
  public:
    /// `cleaner` must outlive the stream.
    explicit CleanerStream(const Cleaner& cleaner);
    ~CleanerStream();
    CleanerStream(const CleanerStream&) = delete;
    CleanerStream& operator=(const CleanerStream&) = delete;

    /// The cleaned text that the next piece settles (a prefix of what is not returned yet).
    std::string feed(std::string_view piece);
    /// The rest of the cleaned text.
    std::string finish();
    /// Lines dropped so far.
    std::size_t dropped() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace pith
