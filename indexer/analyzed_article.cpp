#include "pith/analyzed_article.hpp"

namespace pith {

AnalyzedArticle analyze_article(Article article, const Analyzer& analyzer, const PassageSplitter& splitter) {
    AnalyzedArticle analyzed;
    analyzed.passages = splitter.split(article.text);
    analyzed.passage_tokens.reserve(analyzed.passages.size());
    for (const Passage& passage : analyzed.passages) analyzed.passage_tokens.push_back(analyzer.analyze(passage.text));
    analyzed.title_tokens = analyzer.analyze(article.title);
    analyzed.article = std::move(article);
    return analyzed;
}

}  // namespace pith
