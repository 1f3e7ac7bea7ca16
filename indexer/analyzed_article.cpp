#include "pith/analyzed_article.hpp"

#include "near_duplicates.hpp"
#include "passage_document.hpp"

namespace pith {
namespace {

// Tokens take about ten times the bytes of their text; past this size an article's passages are
// analyzed one at a time by the writer instead of all at once here.
constexpr std::size_t kEagerAnalysisBytes = 4u << 20;
// A built document holds its terms and positions next to the tokens, so documents are built
// ahead of the writer only for articles up to this size: the reorder window of 8 articles per
// worker then holds at most a few tens of MB of them.
constexpr std::size_t kPreparedDocumentsBytes = 1u << 20;

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
    if (article.text.size() <= kPreparedDocumentsBytes) {
        auto prepared = std::make_shared<PreparedDocuments>();
        prepared->shared = article_terms(article, analyzed.title_tokens, analyzer);
        prepared->passages.reserve(analyzed.passages.size());
        for (std::size_t p = 0; p < analyzed.passages.size(); ++p)
            prepared->passages.push_back(passage_document(prepared->shared, analyzed.passages[p],
                                                          analyzed.passage_tokens[p], prepared->spelling));
        analyzed.documents = std::move(prepared);
    }
    analyzed.article = std::move(article);
    return analyzed;
}

}  // namespace pith
