#include "rescore.hpp"

#include "xapian_query.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace pith {
namespace {

// One exact term of the boosts, walked once through the candidates in docid order.
struct BoostTerm {
    Xapian::PostingIterator posting;
    Xapian::PostingIterator end;
    double idf = 0;  // log((N + 1) / termfreq), as BM25PlusWeight::init computes it
    // The current candidate's view of the term.
    bool present = false;
    Xapian::termcount wdf = 0;
    bool positions_read = false;
    std::vector<Xapian::termpos> positions;
};

class CandidateScorer {
  public:
    CandidateScorer(const Xapian::Database& db, const std::vector<PositionalBoost>& boosts,
                    const std::vector<std::string>& typed_forms, const Bm25Parameters& bm25)
        : bm25_(bm25), typed_forms_(typed_forms) {
        for (const PositionalBoost& boost : boosts) add_terms(db, boost);
        for (const std::string& form : typed_forms) add_term(db, form);
    }

    // Moves every term to `docid` (candidates come in ascending docid order).
    void move_to(Xapian::docid docid) {
        for (auto& [name, term] : terms_) {
            term.present = false;
            term.positions_read = false;
            term.positions.clear();
            if (term.posting == term.end) continue;
            term.posting.skip_to(docid);
            if (term.posting == term.end || *term.posting != docid) continue;
            term.present = true;
            term.wdf = term.posting.get_wdf();
        }
    }

    // The weight `boost` and the boosts nested in it add to the current candidate.
    double weight(const PositionalBoost& boost) {
        std::vector<std::vector<Xapian::termpos>> positions;
        for (const std::vector<std::string>& forms : boost.words) {
            positions.push_back(word_positions(forms));
            if (positions.back().empty()) return 0;
        }
        const bool matched = boost.kind == PositionalBoost::Kind::phrase ? exact_phrase(positions)
                                                                         : near(positions, boost.window);
        if (!matched) return 0;
        double sum = 0;
        for (const std::vector<std::string>& forms : boost.words)
            for (const std::string& form : forms) sum += term_weight(terms_.at(form), boost.scale);
        for (const PositionalBoost& inner : boost.nested) sum += weight(inner);
        return sum;
    }

    // The weight the typed forms add to the current candidate.
    double typed_forms_weight() const {
        double sum = 0;
        for (const std::string& form : typed_forms_) sum += term_weight(terms_.at(form), kExactFormWeight);
        return sum;
    }

  private:
    void add_terms(const Xapian::Database& db, const PositionalBoost& boost) {
        for (const std::vector<std::string>& forms : boost.words)
            for (const std::string& form : forms) add_term(db, form);
        for (const PositionalBoost& inner : boost.nested) add_terms(db, inner);
    }

    void add_term(const Xapian::Database& db, const std::string& form) {
        if (terms_.count(form)) return;
        BoostTerm& term = terms_[form];
        term.posting = db.postlist_begin(form);
        term.end = db.postlist_end(form);
        const Xapian::doccount frequency = db.get_termfreq(form);
        term.idf = frequency == 0 ? 0 : std::log(double(db.get_doccount() + 1) / frequency);
    }

    // BM25PlusWeight::get_sumpart with b = 0, k2 = 0, k3 = 1, wqf = 1 and delta = 0, in its
    // order of operations, so the sum matches Xapian's to the last bits.
    double term_weight(const BoostTerm& term, double scale) const {
        if (!term.present) return 0;
        double termweight = term.idf;
        termweight *= scale;
        const double wdf = term.wdf;
        const double denom = bm25_.k1 + wdf;  // k1 * (normlen * 0 + 1) + wdf, exactly
        return termweight * ((bm25_.k1 + 1) * wdf / denom + 0.0);
    }

    // Where any of a word's forms stands in the current candidate, ascending, each once.
    std::vector<Xapian::termpos> word_positions(const std::vector<std::string>& forms) {
        std::vector<Xapian::termpos> out;
        for (const std::string& form : forms) {
            BoostTerm& term = terms_.at(form);
            if (!term.present) continue;
            if (!term.positions_read) {
                for (auto it = term.posting.positionlist_begin(); it != term.posting.positionlist_end(); ++it)
                    term.positions.push_back(*it);
                term.positions_read = true;
            }
            out.insert(out.end(), term.positions.begin(), term.positions.end());
        }
        if (forms.size() > 1) {
            std::sort(out.begin(), out.end());
            out.erase(std::unique(out.begin(), out.end()), out.end());
        }
        return out;
    }

    static bool holds(const std::vector<Xapian::termpos>& positions, Xapian::termpos at) {
        return std::binary_search(positions.begin(), positions.end(), at);
    }

    // OP_PHRASE with a window of its word count: word i at position p + i.
    static bool exact_phrase(const std::vector<std::vector<Xapian::termpos>>& words) {
        for (Xapian::termpos start : words[0]) {
            bool all = true;
            for (std::size_t i = 1; i < words.size() && all; ++i) all = holds(words[i], start + static_cast<Xapian::termpos>(i));
            if (all) return true;
        }
        return false;
    }

    // OP_NEAR: one position per word, all different, spanning fewer than `window` positions
    // (Xapian's NearPostList: last - first < window).
    static bool near(const std::vector<std::vector<Xapian::termpos>>& words, Xapian::termcount window) {
        std::vector<Xapian::termpos> starts;
        for (const auto& positions : words) starts.insert(starts.end(), positions.begin(), positions.end());
        std::sort(starts.begin(), starts.end());
        starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
        std::vector<Xapian::termpos> used;
        for (Xapian::termpos first : starts) {
            used.clear();
            if (assign(words, 0, first, first + window - 1, used)) return true;
        }
        return false;
    }

    // Whether words[i..] can each take a distinct position in [low, high] not yet in `used`
    // (a few words a boost: plain backtracking).
    static bool assign(const std::vector<std::vector<Xapian::termpos>>& words, std::size_t i, Xapian::termpos low,
                       Xapian::termpos high, std::vector<Xapian::termpos>& used) {
        if (i == words.size()) return true;
        for (auto it = std::lower_bound(words[i].begin(), words[i].end(), low); it != words[i].end() && *it <= high; ++it) {
            if (std::find(used.begin(), used.end(), *it) != used.end()) continue;
            used.push_back(*it);
            if (assign(words, i + 1, low, high, used)) return true;
            used.pop_back();
        }
        return false;
    }

    Bm25Parameters bm25_;
    const std::vector<std::string>& typed_forms_;
    std::map<std::string, BoostTerm> terms_;
};

}  // namespace

void add_positional_boosts(const Xapian::Database& db, const std::vector<PositionalBoost>& boosts,
                           const std::vector<std::string>& typed_forms, const Bm25Parameters& bm25,
                           std::vector<RescoreCandidate>& candidates) {
    if ((boosts.empty() && typed_forms.empty()) || candidates.empty()) return;
    std::vector<std::size_t> order(candidates.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return candidates[a].docid < candidates[b].docid; });
    CandidateScorer scorer(db, boosts, typed_forms, bm25);
    for (std::size_t index : order) {
        scorer.move_to(candidates[index].docid);
        double added = scorer.typed_forms_weight();
        for (const PositionalBoost& boost : boosts) added += scorer.weight(boost);
        candidates[index].score += added;
    }
}

}  // namespace pith
