#include "pith/cleaner.hpp"

#include <algorithm>
#include <cstdint>
#include <regex>

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include "flat_hash_map.hpp"
#include "pith/error.hpp"

namespace pith {
namespace {

constexpr std::string_view kBlank = " \t\r\f\v";

std::string_view trim(std::string_view line) {
    auto first = line.find_first_not_of(kBlank);
    if (first == std::string_view::npos) return {};
    auto last = line.find_last_not_of(kBlank);
    return line.substr(first, last - first + 1);
}

std::size_t count_words(std::string_view line) {
    std::size_t words = 0;
    bool in_word = false;
    for (char c : line) {
        bool blank = c == ' ' || c == '\t';
        if (!blank && !in_word) ++words;
        in_word = !blank;
    }
    return words;
}

// True when the line ends a sentence: . ! ? … (also CJK 。！？), possibly followed by closing
// quotes or brackets. Headlines and section labels do not; news sentences do.
bool ends_sentence(std::string_view line) {
    static constexpr std::string_view kClosers[] = {"\"", "'", ")", "]", "\u201D", "\u2019", "\u00BB"};
    bool stripped = true;
    while (stripped && !line.empty()) {
        stripped = false;
        for (std::string_view closer : kClosers) {
            if (line.ends_with(closer)) {
                line.remove_suffix(closer.size());
                line = trim(line);
                stripped = true;
            }
        }
    }
    static constexpr std::string_view kEnders[] = {".", "!", "?", "\u2026", "\u3002", "\uFF01", "\uFF1F"};
    for (std::string_view ender : kEnders)
        if (line.ends_with(ender)) return true;
    return false;
}

// Repeats are recognised on whitespace-collapsed text (as PassageSplitter does).
std::string repeat_key(std::string_view line) {
    std::string key;
    bool space = false;
    for (char c : line) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            space = true;
            continue;
        }
        if (space && !key.empty()) key.push_back(' ');
        space = false;
        key.push_back(c);
    }
    return key;
}

struct Pattern {
    std::string source;
    std::regex regex;
};

std::vector<Pattern> compile(const std::vector<std::string>& patterns, const char* key) {
    std::vector<Pattern> out;
    for (const std::string& pattern : patterns) {
        try {
            out.push_back({pattern, std::regex(pattern, std::regex::ECMAScript | std::regex::icase | std::regex::optimize)});
        } catch (const std::regex_error& e) {
            throw ConfigError(std::string("[cleaning] ") + key + ": '" + pattern +
                              "' is not a valid regular expression (" + e.what() + ")");
        }
    }
    return out;
}

const Pattern* first_match(const std::vector<Pattern>& patterns, std::string_view line) {
    for (const Pattern& pattern : patterns)
        if (std::regex_match(line.begin(), line.end(), pattern.regex)) return &pattern;
    return nullptr;
}

}  // namespace

struct Cleaner::Impl {
    CleaningRules rules;
    std::vector<Pattern> drop_lines;
    std::vector<Pattern> end_markers;

    // A line that is clearly part of a story: a sentence of some length, or a long line.
    bool story_line(std::string_view line) const {
        std::size_t words = count_words(line);
        return words > rules.headline_max_words || (words >= 8 && ends_sentence(line));
    }

    bool headline_shaped(std::string_view line) const {
        return count_words(line) <= rules.headline_max_words && !ends_sentence(line);
    }

    // Hard-wrapped prose also gives short lines without final punctuation; its continuation
    // lines start in lower case, which headlines in a list do not.
    static bool starts_lowercase(std::string_view line) {
        const auto* data = reinterpret_cast<const std::uint8_t*>(line.data());
        auto length = static_cast<int32_t>(line.size());
        int32_t offset = 0;
        UChar32 c = 0;
        U8_NEXT(data, offset, length, c);
        return c > 0 && u_islower(c);
    }

    // What cleaning has decided about the lines before a piece of a streamed article.
    struct State {
        bool story_seen = false;
        std::string ended;  // the reason every further line is dropped, once an end marker was met
        // A run of headline-shaped lines already long enough to be dropped continues into the
        // next piece: its further lines are dropped however few they are.
        bool run_long = false;
        detail::FlatHashMap64<std::uint32_t> first_line;  // repeat hash → line number
        std::size_t line_base = 0;  // lines before the text being cleaned
    };

    static std::uint64_t repeat_hash(std::string_view line) {
        const std::string key = repeat_key(line);
        std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a 64
        for (unsigned char c : key) hash = (hash ^ c) * 0x100000001b3ULL;
        return hash;
    }

    CleanedText clean(std::string_view text) const {
        State state;
        std::size_t cut = 0;
        return clean_part(text, state, true, cut);
    }

    // Cleans `text`, continuing from `state`. Without `final`, the lines whose fate depends on
    // text still to come (the last line, whose successor decides whether it is wrapped prose,
    // and a headline run too short yet to be dropped) are left out: `cut` receives where they
    // start, the result holds the text before it, and `state` what the rest needs to know.
    CleanedText clean_part(std::string_view text, State& state, bool final, std::size_t& cut) const {
        struct Line {
            std::size_t begin, end;  // the trimmed line in `text`
            std::size_t number;
            std::size_t start;  // where the raw line starts
        };
        std::vector<Line> lines;
        std::size_t number = state.line_base;
        for (std::size_t pos = 0; pos < text.size();) {
            std::size_t eol = text.find('\n', pos);
            if (eol == std::string_view::npos) eol = text.size();
            ++number;
            std::string_view body = trim(text.substr(pos, eol - pos));
            if (!body.empty())
                lines.push_back({static_cast<std::size_t>(body.data() - text.data()),
                                 static_cast<std::size_t>(body.data() - text.data()) + body.size(), number, pos});
            pos = eol + 1;
        }

        CleanedText out;
        out.lines.reserve(lines.size());
        for (const Line& line : lines)
            out.lines.push_back({line.number, std::string(text.substr(line.begin, line.end - line.begin)), true, {}});
        auto view = [&](std::size_t i) { return std::string_view(out.lines[i].text); };
        auto drop = [&](std::size_t i, std::string reason) {
            if (!out.lines[i].kept) return;
            out.lines[i].kept = false;
            out.lines[i].reason = std::move(reason);
        };
        // Lines [0, settled) are decided here; the rest waits for the next piece.
        std::size_t settled = lines.size();
        if (!final && !lines.empty()) settled = lines.size() - 1;

        if (rules.enabled) {
            // 1. End markers: the rest of the page after "Must Read" or "Legal Disclaimer:" is
            //    not the story, whatever its shape.
            bool story_seen = state.story_seen;
            for (std::size_t i = 0; i < out.lines.size(); ++i) {
                if (!state.ended.empty()) {
                    drop(i, state.ended);
                    continue;
                }
                if (const Pattern* marker = first_match(end_markers, view(i))) {
                    if (!story_seen) {
                        drop(i, "end_markers pattern \"" + marker->source + "\" before any story text");
                        continue;
                    }
                    drop(i, "end_markers pattern \"" + marker->source + "\"");
                    const std::string after = "after the end marker on line " + std::to_string(out.lines[i].line);
                    for (std::size_t j = i + 1; j < out.lines.size(); ++j) drop(j, after);
                    break;
                }
                if (story_line(view(i))) story_seen = true;
            }
            // 2. Lines that are boilerplate wherever they stand.
            for (std::size_t i = 0; i < out.lines.size(); ++i) {
                if (!out.lines[i].kept) continue;
                if (const Pattern* pattern = first_match(drop_lines, view(i)))
                    drop(i, "drop_lines pattern \"" + pattern->source + "\"");
            }
            // 3. Runs of headline-shaped lines (dropped lines neither count nor break a run).
            if (rules.headline_run > 0) {
                std::vector<std::size_t> run;
                std::size_t inherited = state.run_long ? rules.headline_run : 0;
                auto close_run = [&] {
                    if (!run.empty() && run.size() + inherited >= rules.headline_run) {
                        const std::string reason = "one of " + std::to_string(run.size() + inherited) +
                                                   " short lines without sentence punctuation in a row (lines " +
                                                   std::to_string(out.lines[run.front()].line) + "-" +
                                                   std::to_string(out.lines[run.back()].line) + "): a headline list";
                        for (std::size_t i : run) drop(i, reason);
                    }
                    run.clear();
                    inherited = 0;
                };
                for (std::size_t i = 0; i < settled; ++i) {
                    if (!out.lines[i].kept) continue;
                    const bool wrapped = starts_lowercase(view(i)) ||
                                         (i + 1 < out.lines.size() && out.lines[i + 1].line == out.lines[i].line + 1 &&
                                          starts_lowercase(view(i + 1)));
                    if (headline_shaped(view(i)) && !wrapped) run.push_back(i);
                    else close_run();
                }
                if (final) {
                    close_run();
                } else {
                    // A run open at the cut: dropped already if long enough (later lines can
                    // only lengthen it), otherwise decided with the next piece.
                    state.run_long = (!run.empty() || inherited > 0) && run.size() + inherited >= rules.headline_run;
                    if (state.run_long) close_run();
                    else if (!run.empty()) settled = run.front();
                }
            }
            // What step 1 learnt from the settled lines, for the next piece.
            for (std::size_t i = 0; i < settled && state.ended.empty(); ++i) {
                if (first_match(end_markers, view(i))) {
                    if (state.story_seen) state.ended = "after the end marker on line " + std::to_string(out.lines[i].line);
                } else if (story_line(view(i))) {
                    state.story_seen = true;
                }
            }
            // 4. A paragraph repeated inside the article (a page that shows the story twice).
            for (std::size_t i = 0; i < settled; ++i) {
                if (!out.lines[i].kept) continue;
                auto [first, inserted] =
                    state.first_line.emplace(repeat_hash(view(i)), static_cast<std::uint32_t>(out.lines[i].line));
                if (!inserted) drop(i, "repeats line " + std::to_string(first));
            }
        }

        cut = settled < lines.size() ? lines[settled].start : text.size();
        if (!final) state.line_base = settled < lines.size() ? lines[settled].number - 1 : number;
        // Dropped lines are blanked, not cut: a passage's byte range stays a range of the file
        // (of the extracted text for HTML and Markdown), and paragraphs stay apart.
        out.text.assign(text.substr(0, cut));
        for (std::size_t i = 0; i < settled; ++i) {
            if (out.lines[i].kept) continue;
            ++out.dropped;
            std::fill(out.text.begin() + static_cast<std::ptrdiff_t>(lines[i].begin),
                      out.text.begin() + static_cast<std::ptrdiff_t>(lines[i].end), ' ');
        }
        out.lines.resize(settled);
        return out;
    }
};

struct CleanerStream::Impl {
    const Cleaner::Impl* cleaner;
    Cleaner::Impl::State state;
    std::string carry;  // lines not decided yet
    std::size_t dropped = 0;

    std::string run(std::string_view piece, bool final) {
        carry.append(piece);
        std::size_t cut = 0;
        CleanedText cleaned = cleaner->clean_part(carry, state, final, cut);
        carry.erase(0, cut);
        dropped += cleaned.dropped;
        return std::move(cleaned.text);
    }
};

CleanerStream::CleanerStream(const Cleaner& cleaner) : impl_(std::make_unique<Impl>()) {
    impl_->cleaner = cleaner.impl_.get();
}
CleanerStream::~CleanerStream() = default;
std::string CleanerStream::feed(std::string_view piece) { return impl_->run(piece, false); }
std::string CleanerStream::finish() { return impl_->run({}, true); }
std::size_t CleanerStream::dropped() const { return impl_->dropped; }

Cleaner::Cleaner(const CleaningRules& rules) : impl_(std::make_unique<Impl>()) {
    impl_->rules = rules;
    impl_->drop_lines = compile(rules.drop_lines, "drop_lines");
    impl_->end_markers = compile(rules.end_markers, "end_markers");
}
Cleaner::~Cleaner() = default;
Cleaner::Cleaner(Cleaner&&) noexcept = default;
Cleaner& Cleaner::operator=(Cleaner&&) noexcept = default;

CleanedText Cleaner::clean(std::string_view text) const { return impl_->clean(text); }

}  // namespace pith
