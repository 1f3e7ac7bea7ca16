#pragma once
/// Cuts an article into passages: paragraphs (split on line breaks), long paragraphs split on
/// sentence boundaries, paragraphs already seen in the same article dropped.

#include <memory>
#include <string_view>
#include <vector>

#include "pith/analyzer.hpp"
#include "pith/article.hpp"

namespace pith {

/// Thread-safety: like Analyzer, one per thread.
class PassageSplitter {
  public:
    /// `analyzer` must outlive the splitter; it counts words, so passage sizes agree with what
    /// is indexed.
    PassageSplitter(const Analyzer& analyzer, std::size_t max_words);
    ~PassageSplitter();
    PassageSplitter(PassageSplitter&&) noexcept;
    PassageSplitter& operator=(PassageSplitter&&) noexcept;

    /// Passages of `text` in order. Paragraphs without any word are skipped; a paragraph whose
    /// whitespace-normalized text repeats an earlier one is skipped.
    std::vector<Passage> split(std::string_view text) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace pith
