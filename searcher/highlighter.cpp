#include "pith/highlighter.hpp"

#include <algorithm>
#include <array>

namespace pith {
namespace {

// The forms of one word that share its position: the word and its unaccented and elided forms
// (at most four; a hyphen chain's joined form can add its unaccented form to its first part).
// Highlighting builds one per passage word and query word, so they live inline rather than in
// a heap-allocated vector each (a third of the highlighter's time went to malloc and free).
class Forms {
  public:
    explicit Forms(const Token* first) { push_back(first); }
    void push_back(const Token* form) {
        if (size_ < kInline) inline_[size_] = form;
        else overflow_.push_back(form);
        ++size_;
    }
    const Token* operator[](std::size_t i) const { return i < kInline ? inline_[i] : overflow_[i - kInline]; }
    std::size_t size() const { return size_; }

  private:
    static constexpr std::size_t kInline = 6;
    std::array<const Token*, kInline> inline_{};
    std::vector<const Token*> overflow_;
    std::size_t size_ = 0;
};

// The forms a query word accepts: the word and the unaccented form made at its position.
Forms accepted_forms(const QueryClause& clause, const Token& word) {
    Forms forms(&word);
    for (const Token& variant : clause.variants)
        if ((variant.form == TokenForm::unaccented || variant.form == TokenForm::elided) &&
            variant.position == word.position)
            forms.push_back(&variant);
    return forms;
}

// `forms`: accepted_forms(clause, clause.words[0]), computed once per clause, not per token.
bool word_matches(const QueryClause& clause, const Forms& forms, const Token& token) {
    if (token.form == TokenForm::bigram) return false;
    if (clause.prefix) return token.term.compare(0, clause.words[0].term.size(), clause.words[0].term) == 0;
    const bool by_stem = clause.matches_by_stem();
    for (std::size_t i = 0; i < forms.size(); ++i)
        if (by_stem ? token.stem == forms[i]->stem : token.term == forms[i]->term) return true;
    return false;
}

bool forms_match(const Forms& passage_forms, const Forms& query_forms) {
    for (std::size_t i = 0; i < passage_forms.size(); ++i)
        for (std::size_t j = 0; j < query_forms.size(); ++j)
            if (passage_forms[i]->term == query_forms[j]->term) return true;
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

// The bigram fallback matched where the clause's bigrams stand at consecutive positions, in
// order (the index's phrase of bigrams); each such run is marked, which covers exactly the
// characters of the sub-word and nothing where its bigrams are merely scattered.
void mark_bigrams(const QueryClause& clause, const std::vector<Token>& tokens, std::vector<ByteRange>& out) {
    std::vector<std::string_view> wanted;
    for (const Token& variant : clause.variants)
        if (variant.form == TokenForm::bigram) wanted.push_back(variant.term);
    if (wanted.empty()) return;
    std::vector<const Token*> bigrams;  // in position order, as the analyzer returns them
    for (const Token& token : tokens)
        if (token.form == TokenForm::bigram) bigrams.push_back(&token);
    for (std::size_t i = 0; i + wanted.size() <= bigrams.size(); ++i) {
        bool match = true;
        for (std::size_t k = 0; k < wanted.size() && match; ++k)
            match = bigrams[i + k]->term == wanted[k] && bigrams[i + k]->position == bigrams[i]->position + k;
        if (match) out.push_back({bigrams[i]->begin, bigrams[i + wanted.size() - 1]->end});
    }
}

// A whole e-mail address or URL marks the whole address where the passage holds it.
void mark_addresses(const QueryClause& clause, const std::vector<Token>& tokens, std::vector<ByteRange>& out) {
    for (const Token& variant : clause.variants) {
        if (variant.form != TokenForm::address) continue;
        for (const Token& token : tokens)
            if (token.form == TokenForm::address && token.term == variant.term) out.push_back({token.begin, token.end});
    }
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
            mark_addresses(clause, tokens, ranges);
            if (clause.is_phrase() && !clause.near) {
                mark_phrase(clause, words, ranges);
                continue;
            }
            if (clause.near) {
                // Words near each other in any order: each of them is marked.
                std::vector<Forms> wanted;
                for (const Token& word : clause.words) wanted.push_back(accepted_forms(clause, word));
                for (const Token& token : tokens)
                    for (const Forms& forms : wanted)
                        for (std::size_t i = 0; i < forms.size(); ++i)
                            if (token.form != TokenForm::bigram && token.term == forms[i]->term)
                                ranges.push_back({token.begin, token.end});
                continue;
            }
            const Forms forms = accepted_forms(clause, clause.words[0]);
            for (const Token& token : tokens)
                if (word_matches(clause, forms, token)) ranges.push_back({token.begin, token.end});
        }
    }
}

}  // namespace

std::vector<ByteRange> highlight_ranges(const Analyzer& analyzer, const ParsedQuery& query, std::string_view passage) {
    std::vector<Token> tokens = analyzer.analyze(passage);
    std::vector<Forms> words;  // one per position, for phrase matching
    words.reserve(tokens.size());
    for (const Token& token : tokens) {
        if (!token.variant) words.emplace_back(&token);
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
