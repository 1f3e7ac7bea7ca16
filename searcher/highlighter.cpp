#include "pith/highlighter.hpp"

#include <algorithm>

namespace pith {
namespace {

bool word_matches(const QueryClause& clause, const Token& token) {
    if (clause.prefix) return token.term.compare(0, clause.words[0].term.size(), clause.words[0].term) == 0;
    if (clause.matches_by_stem()) return token.stem == clause.words[0].stem;
    return token.term == clause.words[0].term;
}

void mark_phrase(const QueryClause& clause, const std::vector<const Token*>& words, std::vector<ByteRange>& out) {
    const std::size_t n = clause.words.size();
    for (std::size_t i = 0; i + n <= words.size(); ++i) {
        bool match = true;
        // Positions, not list order, decide adjacency: a skipped over-long word still holds a
        // position, and the index does not match a phrase across it either.
        for (std::size_t k = 0; k < n && match; ++k)
            match = words[i + k]->term == clause.words[k].term && words[i + k]->position == words[i]->position + k;
        if (match) out.push_back({words[i]->begin, words[i + n - 1]->end});
    }
}

void mark_query(const ParsedQuery& query, const std::vector<Token>& tokens, const std::vector<const Token*>& words,
                std::vector<ByteRange>& ranges) {
    for (const QueryGroup& group : query.groups) {
        for (const QueryClause& clause : group.clauses) {
            if (clause.is_subquery()) {
                mark_query(clause.subquery[0], tokens, words, ranges);
                continue;
            }
            // Title, path, source and date restrict which passages match; the passage text
            // holds nothing of theirs to mark.
            if (clause.field != QueryField::text) continue;
            if (clause.is_phrase() && !clause.near) {
                mark_phrase(clause, words, ranges);
                continue;
            }
            if (clause.near) {
                // Words near each other in any order: each of them is marked.
                for (const Token& token : tokens)
                    for (const Token& word : clause.words)
                        if (token.term == word.term) ranges.push_back({token.begin, token.end});
                continue;
            }
            for (const Token& token : tokens)
                if (word_matches(clause, token)) ranges.push_back({token.begin, token.end});
        }
    }
}

}  // namespace

std::vector<ByteRange> highlight_ranges(const Analyzer& analyzer, const ParsedQuery& query, std::string_view passage) {
    std::vector<Token> tokens = analyzer.analyze(passage);
    std::vector<const Token*> words;  // one per position, for phrase matching
    for (const Token& token : tokens)
        if (!token.variant) words.push_back(&token);

    std::vector<ByteRange> ranges;
    mark_query(query, tokens, words, ranges);
    std::sort(ranges.begin(), ranges.end(),
              [](const ByteRange& a, const ByteRange& b) { return a.begin < b.begin || (a.begin == b.begin && a.end > b.end); });
    std::vector<ByteRange> merged;
    for (const ByteRange& range : ranges) {
        if (!merged.empty() && range.begin < merged.back().end) {
            merged.back().end = std::max(merged.back().end, range.end);
        } else {
            merged.push_back(range);
        }
    }
    return merged;
}

}  // namespace pith
