#include "pith/highlighter.hpp"

#include <algorithm>

namespace pith {
namespace {

// The forms a query word accepts: the word and the unaccented form made at its position.
std::vector<const Token*> accepted_forms(const QueryClause& clause, const Token& word) {
    std::vector<const Token*> forms{&word};
    for (const Token& variant : clause.variants)
        if ((variant.form == TokenForm::unaccented || variant.form == TokenForm::elided) &&
            variant.position == word.position)
            forms.push_back(&variant);
    return forms;
}

bool word_matches(const QueryClause& clause, const Token& token) {
    if (token.form == TokenForm::bigram) return false;
    if (clause.prefix) return token.term.compare(0, clause.words[0].term.size(), clause.words[0].term) == 0;
    for (const Token* form : accepted_forms(clause, clause.words[0])) {
        if (clause.matches_by_stem() ? token.stem == form->stem : token.term == form->term) return true;
    }
    return false;
}

// A passage word and its unaccented form, which share one position.
using Forms = std::vector<const Token*>;

bool forms_match(const Forms& passage_forms, const Forms& query_forms) {
    for (const Token* have : passage_forms)
        for (const Token* want : query_forms)
            if (have->term == want->term) return true;
    return false;
}

void mark_phrase(const QueryClause& clause, const std::vector<Forms>& words, std::vector<ByteRange>& out) {
    const std::size_t n = clause.words.size();
    std::vector<Forms> wanted;
    for (const Token& word : clause.words) wanted.push_back(accepted_forms(clause, word));
    for (std::size_t i = 0; i + n <= words.size(); ++i) {
        bool match = true;
        // Positions, not list order, decide adjacency: a skipped over-long word still holds a
        // position, and the index does not match a phrase across it either.
        for (std::size_t k = 0; k < n && match; ++k)
            match = forms_match(words[i + k], wanted[k]) && words[i + k][0]->position == words[i][0]->position + k;
        if (match) out.push_back({words[i][0]->begin, words[i + n - 1][0]->end});
    }
}

// The bigram fallback matched when the passage holds every bigram of the clause; then each of
// them is marked, which covers exactly the characters of the sub-word.
void mark_bigrams(const QueryClause& clause, const std::vector<Token>& tokens, std::vector<ByteRange>& out) {
    std::vector<std::string_view> wanted;
    for (const Token& variant : clause.variants)
        if (variant.form == TokenForm::bigram) wanted.push_back(variant.term);
    if (wanted.empty()) return;
    std::vector<ByteRange> found;
    std::vector<bool> seen(wanted.size(), false);
    for (const Token& token : tokens) {
        if (token.form != TokenForm::bigram) continue;
        for (std::size_t i = 0; i < wanted.size(); ++i) {
            if (token.term != wanted[i]) continue;
            seen[i] = true;
            found.push_back({token.begin, token.end});
        }
    }
    if (std::all_of(seen.begin(), seen.end(), [](bool s) { return s; })) out.insert(out.end(), found.begin(), found.end());
}

void mark_query(const ParsedQuery& query, const std::vector<Token>& tokens, const std::vector<Forms>& words,
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
            mark_bigrams(clause, tokens, ranges);
            if (clause.is_phrase() && !clause.near) {
                mark_phrase(clause, words, ranges);
                continue;
            }
            if (clause.near) {
                // Words near each other in any order: each of them is marked.
                for (const Token& token : tokens)
                    for (const Token& word : clause.words)
                        for (const Token* form : accepted_forms(clause, word))
                            if (token.form != TokenForm::bigram && token.term == form->term)
                                ranges.push_back({token.begin, token.end});
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
    std::vector<Forms> words;  // one per position, for phrase matching
    for (const Token& token : tokens) {
        if (!token.variant) words.push_back({&token});
        else if ((token.form == TokenForm::unaccented || token.form == TokenForm::elided) && !words.empty())
            words.back().push_back(&token);
    }

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
