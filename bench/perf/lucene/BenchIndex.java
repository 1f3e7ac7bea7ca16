import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/**
 * Indexes every *.txt file under a directory as one Lucene document: path (stored, not analyzed),
 * title = the first line, body = the whole file (both analyzed with positions and stored, so the
 * searcher can print a title and highlight a snippet, as Pith stores its passages' text).
 *
 *     java -cp CLASSES:JARS BenchIndex INDEX_DIR CORPUS_DIR
 *
 * One adding thread per core (IndexWriter is made for that, and pith-index analyses on every core
 * too), Lucene's default RAM buffer and merge policy, then forceMerge(1): one segment, as FTS5's
 * 'optimize' and Pith's compaction leave their indexes after a full build.
 */
public final class BenchIndex {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: BenchIndex INDEX_DIR CORPUS_DIR");
            System.exit(2);
        }
        Path corpus = Paths.get(args[1]);
        if (!Files.isDirectory(corpus)) {
            System.err.println("BenchIndex: " + corpus + " is not a directory; give the corpus directory");
            System.exit(2);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(p -> p.toString().endsWith(".txt") && Files.isRegularFile(p)).sorted()
                        .collect(Collectors.toList());
        }
        IndexWriterConfig config = new IndexWriterConfig(BenchAnalysis.VERSION, BenchAnalysis.analyzer());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        try (FSDirectory directory = FSDirectory.open(new File(args[0]));
             IndexWriter writer = new IndexWriter(directory, config)) {
            AtomicInteger next = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            List<Exception> failures = new ArrayList<>();
            for (int t = 0; t < Runtime.getRuntime().availableProcessors(); ++t) {
                Thread thread = new Thread(() -> {
                    try {
                        for (int i; (i = next.getAndIncrement()) < files.size(); ) {
                            writer.addDocument(document(files.get(i)));
                        }
                    } catch (IOException e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
            writer.forceMerge(1);
        }
        System.out.println(files.size() + " documents");
    }

    private static Document document(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        Document document = new Document();
        document.add(new StringField(BenchAnalysis.PATH, file.toString(), Field.Store.YES));
        document.add(new TextField(BenchAnalysis.TITLE, newline < 0 ? text : text.substring(0, newline), Field.Store.YES));
        document.add(new TextField(BenchAnalysis.BODY, text, Field.Store.YES));
        return document;
    }
}
