#include "pith/passage_splitter.hpp"


#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include "flat_hash_map.hpp"
#include "hashing.hpp"
#include "pith/error.hpp"

namespace pith {
namespace {

constexpr std::string_view kBlank = " \t\r\f\v";

struct Range {
    std::size_t begin;
    std::size_t end;
};

Range trim(std::string_view text, Range r) {
    while (r.begin < r.end && kBlank.find(text[r.begin]) != std::string_view::npos) ++r.begin;
    while (r.end > r.begin && kBlank.find(text[r.end - 1]) != std::string_view::npos) --r.end;
    return r;
}

// Repeats are recognised on whitespace-collapsed text, so a copy that differs only in spacing
// or line endings still counts as the same paragraph. Only a 64-bit hash of that text is kept,
// so a streamed article of millions of paragraphs needs a few bytes per paragraph.
std::uint64_t repeat_hash(std::string_view paragraph) {
    detail::Fnv1a64 hash;
    bool space = false;
    bool any = false;
    for (char c : paragraph) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            space = true;
            continue;
        }
        if (space && any) hash.update(" ");
        space = false;
        any = true;
        hash.update(std::string_view(&c, 1));
    }
    return hash.value();
}

}  // namespace

struct PassageSplitter::Impl {
    const Analyzer* analyzer;
    std::size_t max_words;
    std::size_t min_words;
    std::unique_ptr<icu::BreakIterator> sentences;

    Impl(const Analyzer& a, std::size_t max, std::size_t min) : analyzer(&a), max_words(max), min_words(min) {
        UErrorCode status = U_ZERO_ERROR;
        sentences.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status) || !sentences)
            throw ConfigError(std::string("ICU sentence break iterator unavailable: ") + u_errorName(status));
    }

    std::vector<Range> sentence_ranges(std::string_view text, Range paragraph) const {
        std::vector<Range> out;
        UErrorCode status = U_ZERO_ERROR;
        std::string_view slice = text.substr(paragraph.begin, paragraph.end - paragraph.begin);
        UText* utext = utext_openUTF8(nullptr, slice.data(), static_cast<int64_t>(slice.size()), &status);
        if (U_FAILURE(status)) return {paragraph};
        sentences->setText(utext, status);
        int32_t start = sentences->first();
        for (int32_t end = sentences->next(); end != icu::BreakIterator::DONE; start = end, end = sentences->next())
            out.push_back({paragraph.begin + static_cast<std::size_t>(start), paragraph.begin + static_cast<std::size_t>(end)});
        sentences->setText(icu::UnicodeString());
        utext_close(utext);
        if (out.empty()) out.push_back(paragraph);
        return out;
    }

    // A sentence longer than the limit is cut between words, every max_words words.
    void split_long_sentence(std::string_view text, Range sentence, std::vector<Range>& chunks) const {
        auto tokens = analyzer->analyze(text.substr(sentence.begin, sentence.end - sentence.begin));
        std::size_t words = 0;
        std::size_t chunk_begin = sentence.begin;
        for (const Token& token : tokens) {
            if (token.variant) continue;
            if (words == max_words) {
                chunks.push_back({chunk_begin, sentence.begin + token.begin});
                chunk_begin = sentence.begin + token.begin;
                words = 0;
            }
            ++words;
        }
        chunks.push_back({chunk_begin, sentence.end});
    }

    // Packs whole sentences into chunks of at most max_words words.
    std::vector<Range> split_paragraph(std::string_view text, Range paragraph) const {
        std::vector<Range> chunks;
        std::size_t chunk_words = 0;
        Range chunk{paragraph.begin, paragraph.begin};
        for (Range sentence : sentence_ranges(text, paragraph)) {
            std::size_t words = analyzer->count_words(text.substr(sentence.begin, sentence.end - sentence.begin));
            if (chunk_words > 0 && chunk_words + words > max_words) {
                chunks.push_back(chunk);
                chunk = {sentence.begin, sentence.begin};
                chunk_words = 0;
            }
            if (words > max_words) {
                split_long_sentence(text, sentence, chunks);
                chunk = {sentence.end, sentence.end};
                continue;
            }
            chunk.end = sentence.end;
            chunk_words += words;
        }
        if (chunk_words > 0) chunks.push_back(chunk);
        return chunks;
    }

    // Where a split stands between two pieces of a streamed article (see PassageStream).
    struct SplitState {
        std::size_t emitted = 0;  // passages so far: the next ordinal
        bool first_paragraph_seen = false;
        std::size_t first_paragraph_begin = 0;  // absolute offset
        // Short paragraphs wait here until enough words have gathered to make a passage
        // (offsets relative to the text being processed).
        Range pending{0, 0};
        std::size_t pending_words = 0;
        detail::FlatHashMap64<bool> seen;
    };

    // Splits the complete lines of `text` (whose first byte is at offset `base` of the article),
    // from `pos` on; with `final`, the last line too and whatever waits in `pending`. Returns
    // where the unprocessed rest of `text` starts.
    std::size_t split_lines(std::string_view text, std::size_t base, std::size_t pos, bool final, SplitState& state,
                            std::vector<Passage>& passages) const {
        auto emit = [&](Range chunk) {
            chunk = trim(text, chunk);
            if (chunk.begin == chunk.end) return;
            Passage passage;
            passage.ordinal = state.emitted++;
            passage.begin = base + chunk.begin;
            passage.end = base + chunk.end;
            passage.text = std::string(text.substr(chunk.begin, chunk.end - chunk.begin));
            passages.push_back(std::move(passage));
        };
        auto flush = [&] {
            if (state.pending_words > 0) emit(state.pending);
            state.pending_words = 0;
        };
        while (pos < text.size()) {
            std::size_t eol = text.find('\n', pos);
            if (eol == std::string_view::npos) {
                if (!final) break;  // the rest of this line comes with the next piece
                eol = text.size();
            }
            Range paragraph = trim(text, {pos, eol});
            pos = eol + 1;
            if (paragraph.begin == paragraph.end) continue;
            std::string_view body = text.substr(paragraph.begin, paragraph.end - paragraph.begin);
            if (!state.seen.emplace(repeat_hash(body), true).second) continue;
            std::size_t words = analyzer->count_words(body);
            if (words == 0) continue;
            if (!state.first_paragraph_seen) {
                state.first_paragraph_seen = true;
                state.first_paragraph_begin = base + paragraph.begin;
            }

            if (words > max_words) {
                flush();
                for (Range chunk : split_paragraph(text, paragraph)) emit(chunk);
                continue;
            }
            if (state.pending_words > 0 && state.pending_words + words > max_words) flush();
            if (state.pending_words == 0) state.pending.begin = paragraph.begin;
            state.pending.end = paragraph.end;
            state.pending_words += words;
            // The title line alone is a poor passage to show; it always leads into the first
            // paragraph (and still boosts every passage through the title terms).
            bool title_line = state.emitted == 0 && base + paragraph.begin == state.first_paragraph_begin;
            if (state.pending_words >= min_words && !(title_line && min_words > 0)) flush();
        }
        if (final) {
            flush();
            pos = text.size();
        }
        return std::min(pos, text.size());
    }

    std::vector<Passage> split(std::string_view text) const {
        std::vector<Passage> passages;
        SplitState state;
        split_lines(text, 0, 0, true, state, passages);
        return passages;
    }
};

struct PassageStream::Impl {
    const PassageSplitter::Impl* splitter;
    PassageSplitter::Impl::SplitState state;
    // Text not yet final: the paragraphs waiting in state.pending and a line without its end.
    std::string buffer;
    std::size_t buffer_base = 0;  // article offset of buffer[0]
    std::size_t scan = 0;         // where processing resumes in buffer

    std::vector<Passage> run(bool final) {
        std::vector<Passage> passages;
        scan = splitter->split_lines(buffer, buffer_base, scan, final, state, passages);
        // Keep only what a later piece can still change.
        std::size_t keep_from = state.pending_words > 0 ? std::min(state.pending.begin, scan) : scan;
        buffer.erase(0, keep_from);
        buffer_base += keep_from;
        scan -= keep_from;
        state.pending.begin -= std::min(state.pending.begin, keep_from);
        state.pending.end -= std::min(state.pending.end, keep_from);
        return passages;
    }
};

PassageStream::PassageStream(const PassageSplitter& splitter) : impl_(std::make_unique<Impl>()) {
    impl_->splitter = splitter.impl_.get();
}
PassageStream::~PassageStream() = default;

std::vector<Passage> PassageStream::feed(std::string_view piece) {
    impl_->buffer.append(piece);
    return impl_->run(false);
}

std::vector<Passage> PassageStream::finish() { return impl_->run(true); }

PassageSplitter::PassageSplitter(const Analyzer& analyzer, std::size_t max_words, std::size_t min_words)
    : impl_(std::make_unique<Impl>(analyzer, max_words, min_words)) {}
PassageSplitter::~PassageSplitter() = default;
PassageSplitter::PassageSplitter(PassageSplitter&&) noexcept = default;
PassageSplitter& PassageSplitter::operator=(PassageSplitter&&) noexcept = default;

std::vector<Passage> PassageSplitter::split(std::string_view text) const { return impl_->split(text); }

}  // namespace pith
