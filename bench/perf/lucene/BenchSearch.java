import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TotalHitCountCollector;
import org.apache.lucene.store.FSDirectory;

/**
 * Searches the benchmark's Lucene index (BenchIndex) in one of two modes:
 *
 *     java -cp CLASSES:JARS BenchSearch INDEX_DIR QUERY
 *         one query, as a fresh process would: the top 10 as "path \t title \t snippet" lines;
 *     java -cp CLASSES:JARS BenchSearch INDEX_DIR --count QUERY_FILE
 *         every query of the file (one a line) in one JVM: how many of the top 10 it printed, one
 *         number a line (run.py's answer check, without a JVM start per query);
 *     java -cp CLASSES:JARS BenchSearch INDEX_DIR --total QUERY_FILE
 *         every query of the file: how many documents match it in all, one number a line
 *         (check_answers.py compares that with the other engines');
 *     java -cp CLASSES:JARS BenchSearch INDEX_DIR --latency QUERY_FILE REPEAT
 *         every query of the file (one a line) once to warm up, then REPEAT timed passes, each
 *         query doing the same work as the first mode (top 10, stored fields, snippet); prints
 *         {"samples_ms": [...]} as bench/perf/query_latency.cpp does for Pith.
 */
public final class BenchSearch {
    public static void main(String[] args) throws Exception {
        boolean latency = args.length == 4 && args[1].equals("--latency");
        boolean count = args.length == 3 && args[1].equals("--count");
        boolean total = args.length == 3 && args[1].equals("--total");
        if (!(args.length == 2 && !args[1].startsWith("--") || count || total || latency)) {
            System.err.println("usage: BenchSearch INDEX_DIR QUERY | BenchSearch INDEX_DIR --count|--total QUERY_FILE"
                               + " | BenchSearch INDEX_DIR --latency QUERY_FILE REPEAT");
            System.exit(2);
        }
        Analyzer analyzer = BenchAnalysis.analyzer();
        try (FSDirectory directory = FSDirectory.open(new File(args[0]));
             DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            if (!count && !total && !latency) {
                StringBuilder out = new StringBuilder();
                search(searcher, analyzer, args[1], out);
                System.out.print(out);
                return;
            }
            List<String> queries = BenchAnalysis.nonBlankLines(
                Files.readAllLines(Paths.get(args[2]), StandardCharsets.UTF_8));
            if (total) {
                for (String query : queries) {
                    TotalHitCountCollector matches = new TotalHitCountCollector();
                    searcher.search(BenchAnalysis.parse(query, analyzer), matches);
                    System.out.println(matches.getTotalHits());
                }
                return;
            }
            if (count) {
                for (String query : queries) {
                    StringBuilder out = new StringBuilder();
                    search(searcher, analyzer, query, out);
                    System.out.println(out.chars().filter(c -> c == '\n').count());
                }
                return;
            }
            int repeat = Integer.parseInt(args[3]);
            if (repeat < 1) {
                System.err.println("BenchSearch: REPEAT must be at least 1, got " + repeat);
                System.exit(2);
            }
            StringBuilder discarded = new StringBuilder();
            for (String query : queries) {  // warm-up: JIT and page cache
                search(searcher, analyzer, query, discarded);
            }
            StringBuilder json = new StringBuilder("{\"samples_ms\": [");
            for (int pass = 0; pass < repeat; ++pass) {
                for (String query : queries) {
                    discarded.setLength(0);
                    long start = System.nanoTime();
                    search(searcher, analyzer, query, discarded);
                    double ms = (System.nanoTime() - start) / 1e6;
                    json.append(json.charAt(json.length() - 1) == '[' ? "" : ", ").append(ms);
                }
            }
            System.out.println(json.append("]}"));
        }
    }

    private static void search(IndexSearcher searcher, Analyzer analyzer, String text, StringBuilder out)
            throws Exception {
        Query query = BenchAnalysis.parse(text, analyzer);
        for (ScoreDoc hit : searcher.search(query, BenchAnalysis.HITS).scoreDocs) {
            Document document = searcher.doc(hit.doc);
            out.append(document.get(BenchAnalysis.PATH)).append('\t')
               .append(document.get(BenchAnalysis.TITLE)).append('\t')
               .append(BenchAnalysis.snippet(query, analyzer, document.get(BenchAnalysis.BODY))).append('\n');
        }
    }
}
