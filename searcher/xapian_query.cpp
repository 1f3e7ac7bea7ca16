#include "xapian_query.hpp"

#include <algorithm>

#include "document_data.hpp"
#include "order_boosts.hpp"
#include "pith/error.hpp"
#include "schema.hpp"

namespace pith {
namespace {

// Boolean filters (path:, source:, date:) decide which passages match but add no weight.
Xapian::Query filter(const Xapian::Query& q) { return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0); }

Xapian::Query or_of(const std::vector<Xapian::Query>& parts);

// The terms a query word accepts: its own and those of the unaccented form (Québec also finds
// Quebec) and of the form without an elided article (l'été also finds été) made at its
// position. A document holding the exact accented word holds both forms, so it outranks one
// with the bare form only.
std::vector<std::string> accepted_terms(const QueryClause& clause, const Token& word, bool by_stem) {
    auto term_of = [by_stem](const Token& token) {
        return by_stem && !token.stem.empty() ? std::string(schema::kStemPrefix) + token.stem : token.term;
    };
    std::vector<std::string> terms{term_of(word)};
    for (const Token& variant : clause.variants)
        if ((variant.form == TokenForm::unaccented || variant.form == TokenForm::elided) &&
            variant.position == word.position)
            terms.push_back(term_of(variant));
    return terms;
}

Xapian::Query word_query(const QueryClause& clause, const Token& word, bool by_stem) {
    std::vector<Xapian::Query> forms;
    for (const std::string& term : accepted_terms(clause, word, by_stem)) forms.emplace_back(term);
    return or_of(forms);
}

// Chinese/Japanese/Thai/Korean: the clause's bigrams as an exact phrase also match (they take
// consecutive positions, cjk_bigrams.hpp), so 工具 finds 工具箱 even where the dictionary made one
// word of it, but not 工 and 具 apart. Exact words match both and rank first.
// A whole e-mail address or URL is also one term, weighted as all its parts together: one rare
// term alone scores below a phrase of several, yet holding the address itself is the stronger
// evidence, and a passage repeating the parts must not outrank it.
Xapian::Query with_fallbacks(const QueryClause& clause, Xapian::Query query) {
    std::vector<Xapian::Query> bigrams;
    for (const Token& variant : clause.variants)
        if (variant.form == TokenForm::bigram) bigrams.emplace_back(variant.term);
    if (!bigrams.empty())
        query = Xapian::Query(Xapian::Query::OP_OR, query,
                              Xapian::Query(Xapian::Query::OP_PHRASE, bigrams.begin(), bigrams.end(),
                                            static_cast<Xapian::termcount>(bigrams.size())));
    for (const Token& variant : clause.variants)
        if (variant.form == TokenForm::address)
            query = Xapian::Query(Xapian::Query::OP_OR, query,
                                  Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(variant.term),
                                                static_cast<double>(clause.words.size())));
    return query;
}

Xapian::Query or_of(const std::vector<Xapian::Query>& parts) {
    if (parts.size() == 1) return parts[0];
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

class Builder {
  public:
    Builder(const IndexConfig& config, const Xapian::Database* db, std::vector<ScoredPart>* parts,
            const QueryShape& shape)
        : config_(config), db_(db), parts_(parts), shape_(shape) {}

    Xapian::Query build(const ParsedQuery& query, bool top) {
        std::vector<Xapian::Query> required;
        std::vector<Xapian::Query> exact_forms;  // typed forms of required words, added after the match
        std::vector<Xapian::Query> optional;
        std::vector<Xapian::Query> stopwords;
        std::vector<Xapian::Query> title_terms;
        std::vector<std::string> title_labels;
        for (const QueryGroup& group : query.groups) {
            std::vector<Xapian::Query> alternatives;
            std::vector<Xapian::Query> synonyms;  // the clause being expanded and its synonyms
            std::string synonym_label;
            std::size_t parts_before = 0;
            auto close_synonyms = [&] {
                if (synonyms.size() == 1) alternatives.push_back(synonyms[0]);
                // A passage with both canola and rapeseed is not twice as relevant to either:
                // OP_SYNONYM weights the set as one word.
                if (synonyms.size() > 1) {
                    alternatives.emplace_back(Xapian::Query::OP_SYNONYM, synonyms.begin(), synonyms.end());
                    if (parts_) {
                        parts_->resize(parts_before);
                        parts_->push_back({synonym_label, alternatives.back()});
                    }
                }
                synonyms.clear();
            };
            if (!group.optional && !group.stopwords && group.clauses.size() == 1 &&
                stem_matches_alone(group.clauses[0])) {
                const QueryClause& clause = group.clauses[0];
                required.push_back(word_query(clause, clause.words[0], true));
                const Xapian::Query bonus = exact_form_bonus(clause.words[0]);
                // Only the top level's required words are in every matching passage; inside a
                // parenthesized alternative the form counts only where that alternative matched.
                if (shape_.exact_forms_out && top) shape_.exact_forms_out->push_back(clause.words[0].term);
                else exact_forms.push_back(bonus);
                scored(clause.words[0].term, Xapian::Query(Xapian::Query::OP_OR, required.back(), bonus), true);
                add_title_term(clause.words[0], title_terms, title_labels);
                continue;
            }
            for (const QueryClause& clause : group.clauses) {
                if (!clause.synonym) {
                    close_synonyms();
                    parts_before = parts_ ? parts_->size() : 0;
                    synonym_label = clause.text + " (or a synonym)";
                }
                synonyms.push_back(clause_query(clause, !clause.synonym));
                if (!group.stopwords && clause.field == QueryField::text && !clause.prefix && !clause.is_subquery())
                    for (const Token& word : clause.words) add_title_term(word, title_terms, title_labels);
            }
            close_synonyms();
            if (group.stopwords && group.optional)
                stopwords.push_back(or_of(alternatives));
            else
                (group.optional ? optional : required).push_back(or_of(alternatives));
        }
        Xapian::Query result;
        if (!required.empty()) {
            result = Xapian::Query(Xapian::Query::OP_AND, required.begin(), required.end());
            if (!exact_forms.empty()) result = Xapian::Query(Xapian::Query::OP_AND_MAYBE, result, or_of(exact_forms));
            if (!optional.empty()) result = Xapian::Query(Xapian::Query::OP_AND_MAYBE, result, or_of(optional));
        } else if (!optional.empty()) {
            result = or_of(optional);
        } else {
            // All words optional and all stopwords (--any "what is the"): they are all there is.
            result = or_of(stopwords);
            stopwords.clear();
        }
        // Stopwords never make a passage match on their own, and next to other words they add no
        // weight either: "what", "is", "the" in a question only add noise to BM25 (Cranfield dev
        // nDCG@10 0.363 → 0.372). They stay in the query, so a query of stopwords alone works.
        if (!stopwords.empty())
            result = Xapian::Query(Xapian::Query::OP_AND_MAYBE, result,
                                   Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, or_of(stopwords), 0.0));
        if (!query.excluded.empty()) {
            std::vector<Xapian::Query> excluded;
            for (const QueryClause& clause : query.excluded) excluded.push_back(clause_query(clause, false));
            result = Xapian::Query(Xapian::Query::OP_AND_NOT, result, or_of(excluded));
        }
        // Title matches only add weight: which passages match is decided by their own text.
        if (top && config_.title_weight > 0 && !title_terms.empty()) {
            Xapian::Query titles(Xapian::Query::OP_SCALE_WEIGHT, or_of(title_terms), config_.title_weight);
            if (parts_)
                for (std::size_t i = 0; i < title_terms.size(); ++i)
                    parts_->push_back({title_labels[i], Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, title_terms[i],
                                                                      config_.title_weight)});
            if (shape_.title_boost) *shape_.title_boost = titles;
            else result = Xapian::Query(Xapian::Query::OP_AND_MAYBE, result, titles);
        }
        // Phrase and proximity boosts likewise only add weight (order_boosts.hpp).
        if (top)
            for (const Xapian::Query& boost : order_boosts(query, config_, parts_))
                if (shape_.with_order_boosts) result = Xapian::Query(Xapian::Query::OP_AND_MAYBE, result, boost);
        return result;
    }

  private:
    static void add_title_term(const Token& word, std::vector<Xapian::Query>& terms, std::vector<std::string>& labels) {
        terms.emplace_back(title_term(word));
        labels.push_back("title boost " + word.term);
    }

    // Whether a required clause may match by its stem alone (QueryShape::exact_forms_after_match):
    // a plain word with no other forms. A term with digits is left out: a hyphen chain with a
    // number part ("mp-3") is indexed joined ("mp3") without a stem, so its typed form can stand
    // in a passage that lacks the stem.
    bool stem_matches_alone(const QueryClause& clause) const {
        if (!shape_.exact_forms_after_match) return false;
        if (clause.field != QueryField::text || clause.is_subquery() || clause.synonym || !clause.matches_by_stem() ||
            !clause.variants.empty())
            return false;
        const std::string& term = clause.words[0].term;
        return std::none_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; });
    }

    // The typed form ranks a little above the word's other inflections (see clause_query).
    static Xapian::Query exact_form_bonus(const Token& word) {
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(word.term), kExactFormWeight);
    }

    void scored(const std::string& label, const Xapian::Query& q, bool positive) {
        if (parts_ && positive) parts_->push_back({label, q});
    }

    Xapian::Query clause_query(const QueryClause& clause, bool positive) {
        if (clause.is_subquery()) return build(clause.subquery[0], false);
        switch (clause.field) {
            case QueryField::title: {
                std::vector<Xapian::Query> terms;
                for (const Token& word : clause.words) {
                    terms.emplace_back(title_term(word));
                    scored("title:" + word.term, terms.back(), positive);
                }
                return Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
            }
            case QueryField::path:
                return filter(path_query(clause.value));
            case QueryField::source:
                return filter(Xapian::Query(source_term(clause.words)));
            case QueryField::date:
                if (clause.date_from.empty())
                    return filter(Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotDate, clause.date_to));
                if (clause.date_to.empty())
                    return filter(Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotDate, clause.date_from));
                return filter(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, clause.date_from, clause.date_to));
            case QueryField::text:
                break;
        }
        if (clause.prefix) return prefix_query(clause, positive);
        if (clause.is_phrase()) {
            std::vector<Xapian::Query> terms;
            std::string label;
            for (const Token& word : clause.words) {
                terms.push_back(word_query(clause, word, false));
                label += (label.empty() ? "" : " ") + word.term;
            }
            const auto size = static_cast<Xapian::termcount>(terms.size());
            Xapian::Query q = clause.near
                                  ? Xapian::Query(Xapian::Query::OP_NEAR, terms.begin(), terms.end(),
                                                  size + static_cast<Xapian::termcount>(clause.slop))
                                  : Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), size);
            std::string quoted = "\"";
            quoted.append(label).append("\"");
            if (clause.near) quoted.append("~").append(std::to_string(clause.slop));
            q = with_fallbacks(clause, q);
            scored(quoted, q, positive);
            return q;
        }
        if (clause.matches_by_stem()) {
            Xapian::Query q = word_query(clause, clause.words[0], true);
            // The typed form ranks a little above its other inflections (kExactFormWeight).
            q = Xapian::Query(Xapian::Query::OP_OR, q, exact_form_bonus(clause.words[0]));
            q = with_fallbacks(clause, q);
            scored(clause.words[0].term, q, positive);
            return q;
        }
        Xapian::Query q = with_fallbacks(clause, word_query(clause, clause.words[0], false));
        std::string quoted = "\"";
        quoted.append(clause.words[0].term).append("\"");
        scored(quoted, q, positive);
        return q;
    }

    Xapian::Query prefix_query(const QueryClause& clause, bool positive) {
        const std::string& prefix = clause.words[0].term;
        // Content terms have no prefix and are case-folded, so no prefixed term (Z…, S…) can
        // start with a folded word.
        Xapian::Query q(Xapian::Query::OP_WILDCARD, prefix, static_cast<Xapian::termcount>(kMaxPrefixExpansion),
                        Xapian::Query::WILDCARD_LIMIT_ERROR);
        if (db_) {
            // Expanded here over the whole index's term list, into the OP_SYNONYM Xapian's
            // OP_WILDCARD would make: over shards, Xapian expands a wildcard in each shard apart
            // and weighs each shard's synonym by the words that shard holds, so `tarif*` scored
            // 4.5557 over 4 shards against 3.7813 in one index (docs/samples).
            std::vector<std::string> words;
            for (auto it = db_->allterms_begin(prefix); it != db_->allterms_end(prefix); ++it) {
                if (words.size() == kMaxPrefixExpansion)
                    throw QueryError("'" + clause.text + "*' at column " + std::to_string(clause.column) +
                                         " matches more than " + std::to_string(kMaxPrefixExpansion) +
                                         " words; make the prefix longer",
                                     clause.column);
                words.push_back(*it);
            }
            q = words.empty() ? Xapian::Query::MatchNothing
                              : Xapian::Query(Xapian::Query::OP_SYNONYM, words.begin(), words.end());
        }
        scored(prefix + "*", q, positive);
        return q;
    }

    // path:TEXT matches the articles whose absolute path contains TEXT. One pass over the path
    // terms: their number is the number of articles, far below the number of postings a word
    // query reads.
    Xapian::Query path_query(const std::string& text) {
        if (!db_) return Xapian::Query::MatchNothing;
        std::vector<Xapian::Query> matches;
        const std::string prefix(schema::kPathPrefix);
        for (auto it = db_->allterms_begin(prefix); it != db_->allterms_end(prefix); ++it) {
            const std::string term = *it;
            if (term.find(text, prefix.size()) != std::string::npos) matches.emplace_back(term);
        }
        if (matches.empty()) return Xapian::Query::MatchNothing;
        return or_of(matches);
    }

    const IndexConfig& config_;
    const Xapian::Database* db_;
    std::vector<ScoredPart>* parts_;
    QueryShape shape_;
};

}  // namespace

Xapian::Query exact_word_query(const QueryClause& clause, const Token& word) {
    return word_query(clause, word, false);
}

std::vector<std::string> exact_word_terms(const QueryClause& clause, const Token& word) {
    return accepted_terms(clause, word, false);
}

Xapian::Query build_xapian_query(const ParsedQuery& query, const IndexConfig& config, const Xapian::Database* db,
                                 std::vector<ScoredPart>* parts, const QueryShape& shape) {
    if (shape.title_boost) *shape.title_boost = Xapian::Query();
    if (shape.exact_forms_out) shape.exact_forms_out->clear();
    return Builder(config, db, parts, shape).build(query, true);
}

}  // namespace pith
