#include "pith/analyzed_article.hpp"

#include "near_duplicates.hpp"

namespace pith {
namespace {

// Tokens take about ten times the bytes of their text; past this size an article's passages are
// analyzed one at a time by the writer instead of all at once here.
constexpr std::size_t kEagerAnalysisBytes = 4u << 20;

}  // namespace

AnalyzedArticle analyze_article(Article article, const Analyzer& analyzer, const PassageSplitter& splitter) {
    AnalyzedArticle analyzed;
    analyzed.passages = splitter.split(article.text);
    if (article.text.size() <= kEagerAnalysisBytes) {
        analyzed.passage_tokens.reserve(analyzed.passages.size());
        SimHasher hasher;
        for (const Passage& passage : analyzed.passages) {
            analyzed.passage_tokens.push_back(analyzer.analyze(passage.text));
            hasher.add(analyzed.passage_tokens.back());
        }
        analyzed.simhash = hasher.value();
    }
    analyzed.title_tokens = analyzer.analyze(article.title);
    analyzed.article = std::move(article);
    return analyzed;
}

}  // namespace pith
