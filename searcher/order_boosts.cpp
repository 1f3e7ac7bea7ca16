#include "order_boosts.hpp"

#include <optional>
#include <string>

namespace pith {
namespace {

// A group that is one word typed without quotes (its synonyms may follow it in the group).
const QueryClause* plain_word(const QueryGroup& group) {
    if (group.clauses.empty()) return nullptr;
    const QueryClause& c = group.clauses[0];
    if (c.field != QueryField::text || c.is_subquery() || c.quoted || c.prefix || c.words.size() != 1) return nullptr;
    return &c;
}

// A quoted phrase (not "…"~N, which is already a proximity clause of its own).
const QueryClause* quoted_phrase(const QueryGroup& group) {
    if (group.clauses.empty()) return nullptr;
    const QueryClause& c = group.clauses[0];
    if (c.field != QueryField::text || c.is_subquery() || !c.quoted || c.near || c.words.size() < 2) return nullptr;
    return &c;
}

PositionalBoost make_boost(std::string label, PositionalBoost::Kind kind, const std::vector<const QueryClause*>& words,
                           Xapian::termcount window, double scale) {
    PositionalBoost boost{std::move(label), kind, {}, window, scale, {}};
    for (const QueryClause* word : words) boost.words.push_back(exact_word_terms(*word, word->words[0]));
    return boost;
}

PositionalBoost quoted_phrase_boost(std::string label, const QueryClause& phrase, double scale) {
    PositionalBoost boost{std::move(label), PositionalBoost::Kind::phrase, {}, 0, scale, {}};
    for (const Token& word : phrase.words) boost.words.push_back(exact_word_terms(phrase, word));
    boost.window = static_cast<Xapian::termcount>(boost.words.size());
    return boost;
}

std::string joined(const std::vector<const QueryClause*>& words) {
    std::string text;
    for (const QueryClause* word : words) text += (text.empty() ? "" : " ") + word->words[0].term;
    return text;
}

std::string phrase_text(const QueryClause& phrase) {
    std::string text;
    for (const Token& word : phrase.words) text += (text.empty() ? "" : " ") + word.term;
    return text;
}

// Whether a passage holding `run` as a phrase necessarily holds the run's first pair of
// non-stopword words within the proximity window: their distance in the phrase is the number
// of words from one to the other, and OP_NEAR matches terms spanning at most `window`
// positions. Two identical words are left alone (OP_NEAR needs two occurrences of the term).
bool phrase_implies_first_pair(const std::vector<const QueryClause*>& run, const std::vector<bool>& stopword,
                               const IndexConfig& config) {
    std::optional<std::size_t> first;
    for (std::size_t i = 0; i < run.size(); ++i) {
        if (stopword[i]) continue;
        if (!first) {
            first = i;
            continue;
        }
        return i - *first + 1 <= config.proximity_window && run[i]->words[0].term != run[*first]->words[0].term;
    }
    return false;
}

}  // namespace

std::vector<PositionalBoost> positional_boosts(const ParsedQuery& query, const IndexConfig& config) {
    std::vector<PositionalBoost> boosts;
    // Runs of adjacent unquoted words as typed; an operator's group, a field, a prefix or a
    // quoted phrase ends a run.
    std::vector<std::vector<const QueryClause*>> runs(1);
    std::vector<std::vector<bool>> stopword_in_run(1);
    std::size_t phrases = 0;
    for (const QueryGroup& group : query.groups) {
        if (const QueryClause* word = plain_word(group)) {
            runs.back().push_back(word);
            stopword_in_run.back().push_back(group.stopwords);
            continue;
        }
        if (!runs.back().empty()) stopword_in_run.emplace_back();
        if (!runs.back().empty()) runs.emplace_back();
        if (quoted_phrase(group)) ++phrases;
    }
    // A run's phrase boost, nested inside the proximity boost of the run's first pair when the
    // phrase implies that pair is near (see below); otherwise added on its own.
    std::vector<std::optional<PositionalBoost>> run_phrase(runs.size());
    std::vector<bool> phrase_nested(runs.size(), false);
    if (config.phrase_weight > 0) {
        for (std::size_t r = 0; r < runs.size(); ++r)
            if (runs[r].size() >= 2)
                run_phrase[r] = make_boost("phrase boost \"" + joined(runs[r]) + "\"", PositionalBoost::Kind::phrase,
                                           runs[r], static_cast<Xapian::termcount>(runs[r].size()), config.phrase_weight);
        if (config.proximity_weight > 0)
            for (std::size_t r = 0; r < runs.size(); ++r)
                phrase_nested[r] = run_phrase[r] && phrase_implies_first_pair(runs[r], stopword_in_run[r], config);
        for (std::size_t r = 0; r < runs.size(); ++r)
            if (run_phrase[r] && !phrase_nested[r]) boosts.push_back(*run_phrase[r]);
        // A quoted phrase alone already decides the match; beside other clauses it also ranks
        // its passages above those that only hold the other words.
        if (query.groups.size() > 1 && phrases > 0)
            for (const QueryGroup& group : query.groups)
                if (const QueryClause* phrase = quoted_phrase(group))
                    boosts.push_back(
                        quoted_phrase_boost("phrase boost \"" + phrase_text(*phrase) + "\"", *phrase, config.phrase_weight));
    }
    if (config.proximity_weight > 0) {
        for (std::size_t r = 0; r < runs.size(); ++r) {
            // Stopwords ("of", "the") between two words count toward the window but are not
            // paired themselves: "models of aircraft" pairs models with aircraft.
            const QueryClause* previous = nullptr;
            bool first_pair = true;
            for (std::size_t i = 0; i < runs[r].size(); ++i) {
                const QueryClause* word = runs[r][i];
                if (stopword_in_run[r][i]) continue;
                if (previous) {
                    PositionalBoost near = make_boost("proximity boost " + joined({previous, word}),
                                                      PositionalBoost::Kind::near, {previous, word},
                                                      static_cast<Xapian::termcount>(config.proximity_window),
                                                      config.proximity_weight);
                    // Every passage holding the run as a phrase holds this pair near, so the
                    // phrase's positions are read only where the pair's matched: the same
                    // passages get the same two boosts, for fewer position-list reads.
                    if (first_pair && phrase_nested[r]) near.nested.push_back(*run_phrase[r]);
                    boosts.push_back(std::move(near));
                    first_pair = false;
                }
                previous = word;
            }
        }
    }
    return boosts;
}

Xapian::Query boost_query(const PositionalBoost& boost, std::vector<ScoredPart>* parts) {
    std::vector<Xapian::Query> words;
    for (const std::vector<std::string>& forms : boost.words) {
        if (forms.size() == 1) words.emplace_back(forms[0]);
        else words.emplace_back(Xapian::Query::OP_OR, forms.begin(), forms.end());
    }
    const auto op = boost.kind == PositionalBoost::Kind::near ? Xapian::Query::OP_NEAR : Xapian::Query::OP_PHRASE;
    Xapian::Query q(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(op, words.begin(), words.end(), boost.window),
                    boost.scale);
    if (parts) parts->push_back({boost.label, q});
    for (const PositionalBoost& inner : boost.nested)
        q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, boost_query(inner, parts));
    return q;
}

std::vector<Xapian::Query> order_boosts(const ParsedQuery& query, const IndexConfig& config,
                                        std::vector<ScoredPart>* parts) {
    std::vector<Xapian::Query> queries;
    for (const PositionalBoost& boost : positional_boosts(query, config)) queries.push_back(boost_query(boost, parts));
    return queries;
}

}  // namespace pith
