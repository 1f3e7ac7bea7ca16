#include "order_boosts.hpp"

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

class BoostCollector {
  public:
    BoostCollector(const IndexConfig& config, std::vector<ScoredPart>* parts) : config_(config), parts_(parts) {}

    void add(const std::string& label, Xapian::Query::op op, const std::vector<const QueryClause*>& words,
             Xapian::termcount window, double weight) {
        std::vector<Xapian::Query> terms;
        for (const QueryClause* word : words) terms.push_back(exact_word_query(*word, word->words[0]));
        Xapian::Query q(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(op, terms.begin(), terms.end(), window), weight);
        boosts_.push_back(q);
        if (parts_) parts_->push_back({label, q});
    }

    void add_phrase(const std::string& label, const QueryClause& phrase) {
        std::vector<Xapian::Query> terms;
        for (const Token& word : phrase.words) terms.push_back(exact_word_query(phrase, word));
        Xapian::Query q(Xapian::Query::OP_SCALE_WEIGHT,
                        Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                                      static_cast<Xapian::termcount>(terms.size())),
                        config_.phrase_weight);
        boosts_.push_back(q);
        if (parts_) parts_->push_back({label, q});
    }

    std::vector<Xapian::Query> take() { return std::move(boosts_); }

  private:
    const IndexConfig& config_;
    std::vector<ScoredPart>* parts_;
    std::vector<Xapian::Query> boosts_;
};

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

}  // namespace

std::vector<Xapian::Query> order_boosts(const ParsedQuery& query, const IndexConfig& config,
                                        std::vector<ScoredPart>* parts) {
    BoostCollector boosts(config, parts);
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
    if (config.phrase_weight > 0) {
        for (const auto& run : runs)
            if (run.size() >= 2)
                boosts.add("phrase boost \"" + joined(run) + "\"", Xapian::Query::OP_PHRASE, run,
                           static_cast<Xapian::termcount>(run.size()), config.phrase_weight);
        // A quoted phrase alone already decides the match; beside other clauses it also ranks
        // its passages above those that only hold the other words.
        if (query.groups.size() > 1 && phrases > 0)
            for (const QueryGroup& group : query.groups)
                if (const QueryClause* phrase = quoted_phrase(group))
                    boosts.add_phrase("phrase boost \"" + phrase_text(*phrase) + "\"", *phrase);
    }
    if (config.proximity_weight > 0) {
        for (std::size_t r = 0; r < runs.size(); ++r) {
            // Stopwords ("of", "the") between two words count toward the window but are not
            // paired themselves: "models of aircraft" pairs models with aircraft.
            const QueryClause* previous = nullptr;
            for (std::size_t i = 0; i < runs[r].size(); ++i) {
                const QueryClause* word = runs[r][i];
                if (stopword_in_run[r][i]) continue;
                if (previous)
                    boosts.add("proximity boost " + joined({previous, word}), Xapian::Query::OP_NEAR, {previous, word},
                               static_cast<Xapian::termcount>(config.proximity_window), config.proximity_weight);
                previous = word;
            }
        }
    }
    return boosts.take();
}

}  // namespace pith
