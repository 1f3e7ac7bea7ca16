import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.util.Version;

/**
 * The one analyzer, query parser and highlighter the benchmark's Lucene indexer and searchers
 * share, so index, query and snippet see the same words.
 *
 * The analyzer is EnglishAnalyzer without its stop list: Unicode word breaks (StandardTokenizer),
 * possessives dropped, lower case, Porter stems, every position kept. Pith, FTS5 (porter
 * unicode61) and omindex all index stop words, so removing them here would make Lucene's index
 * smaller and its phrase queries cheaper for a reason that has nothing to do with the engine.
 */
final class BenchAnalysis {
    static final Version VERSION = Version.LUCENE_4_10_4;
    static final String PATH = "path";
    static final String TITLE = "title";
    static final String BODY = "body";
    static final int HITS = 10;

    private BenchAnalysis() {}

    static Analyzer analyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field, Reader reader) {
                StandardTokenizer source = new StandardTokenizer(reader);
                TokenStream stream = new EnglishPossessiveFilter(VERSION, source);
                stream = new LowerCaseFilter(stream);
                stream = new PorterStemFilter(stream);
                return new TokenStreamComponents(source, stream);
            }
        };
    }

    /** Words ANDed and "..." as phrases over title and body, like the other engines' queries. */
    static Query parse(String text, Analyzer analyzer) throws ParseException {
        QueryParser parser = new MultiFieldQueryParser(new String[] {TITLE, BODY}, analyzer);
        parser.setDefaultOperator(QueryParser.Operator.AND);
        return parser.parse(text);
    }

    /** The best fragment of the body with the matches in [brackets], as FTS5's snippet(). */
    static String snippet(Query query, Analyzer analyzer, String body)
            throws IOException, InvalidTokenOffsetsException {
        Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter("[", "]"), new QueryScorer(query, BODY));
        String fragment = highlighter.getBestFragment(analyzer, BODY, body);
        return fragment == null ? "" : fragment.replace('\n', ' ');
    }

    /** The query file of the in-process loop: one query a line, blank lines skipped. */
    static List<String> nonBlankLines(List<String> lines) {
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                kept.add(line);
            }
        }
        return kept;
    }
}
