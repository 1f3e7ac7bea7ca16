#!/usr/bin/python3
"""Benchmarks Pith against SQLite FTS5, Xapian's omindex + quest, Recoll, Lucene and ripgrep on one corpus.

For each --size (MB) it makes the corpus (make_corpus.py, cached under --out), then in one run:
  build   pith-index, sqlite3 (FTS5, porter unicode61, optimize), omindex, recollindex, Lucene
          (bench/perf/lucene/BenchIndex): wall time, MB/s,
          peak RSS (wait4 rusage of the child), index size on disk;
  query   the fixed list (queries.txt) as fresh processes (pith-search, sqlite3 CLI with bm25
          and snippet, quest, recollq, one JVM of BenchSearch per query, rg) and inside one
          process (query_latency over pith::Searcher, Python's sqlite3 module, python3-xapian,
          python3-recoll, BenchSearch --latency): median, p95, p99 in ms.
It prints Pith/peer ratios, writes the raw numbers (results/perf-<size>MB.json, perf.csv), the
perf section of RESULTS.md and a gnuplot plot of build time and latency against size.

A peer that is not installed is skipped with a message (bench/perf/install-deps.sh installs
them all). Each engine must find a probe word taken from the corpus, so a broken translation or
a wrong path fails loudly instead of timing empty answers.
"""

import argparse
import csv
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parents[1]
RESULTS_BEGIN = "<!-- bench/perf: begin (written by bench/perf/run.py; edits here are overwritten) -->"
RESULTS_END = "<!-- bench/perf: end -->"
HITS_PER_QUERY = 10
ENGINES = ["pith", "fts5", "xapian", "recoll", "lucene", "ripgrep"]
ENGINE_NAMES = {"pith": "Pith", "fts5": "SQLite FTS5", "xapian": "Xapian omindex + quest",
                "recoll": "Recoll", "lucene": "Lucene", "ripgrep": "ripgrep (no index)"}


def fail(message):
    print(f"run.py: error: {message}", file=sys.stderr)
    sys.exit(2)


def note(message):
    print(f"run.py: {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- measuring

def measured_run(args, stdin_text=None, cwd=None, ok_codes=(0,)):
    """Runs a command to completion; returns (seconds, peak RSS in MB, stdout). The RSS is the
    child's own maximum resident set from wait4, not this script's. Output goes to temporary
    files, not pipes: reading one pipe while the child fills the other could deadlock, and
    communicate() would reap the child before wait4 could collect its rusage."""
    with tempfile.TemporaryFile() as stdin, tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        if stdin_text is not None:
            stdin.write(stdin_text.encode())
            stdin.seek(0)
        start = time.perf_counter()
        process = subprocess.Popen(args, stdin=stdin, stdout=stdout, stderr=stderr, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        out, err = stdout.read(), stderr.read()
    if process.returncode not in ok_codes:
        fail(f"{' '.join(map(str, args))} exited with {process.returncode}:\n{err.decode(errors='replace')[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, out.decode(errors="replace")


def timed(args):
    """Wall time of a fresh process, output discarded (as a user piping it somewhere)."""
    start = time.perf_counter()
    completed = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if completed.returncode not in (0, 1):  # 1: nothing matched (grep convention)
        fail(f"{' '.join(map(str, args))} exited with {completed.returncode}: {completed.stderr.decode(errors='replace')[-500:]}")
    return seconds * 1000


def percentile(samples, fraction):
    ordered = sorted(samples)
    rank = max(1, -(-int(fraction * len(ordered) * 1000) // 1000))  # nearest-rank, ceil
    return ordered[min(rank, len(ordered)) - 1]


def summary(samples):
    return {"median_ms": statistics.median(samples), "p95_ms": percentile(samples, 0.95),
            "p99_ms": percentile(samples, 0.99), "mean_ms": statistics.fmean(samples),
            "samples": len(samples)}


def fresh_output(path):
    """Removes an engine's index from an earlier run before it builds again: each engine owns its
    own path under the size's work directory, so measuring one engine leaves the others' indexes
    in place (and an index built over an old one would be an incremental update, not a build)."""
    path = Path(path)
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
    return path


def directory_bytes(path):
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# ---------------------------------------------------------------- the corpus and queries

def corpus_for(size, out):
    corpus = out / f"corpus-{size:g}MB"
    manifest_path = out / f"corpus-{size:g}MB.manifest.json"
    maker = HERE / "make_corpus.py"
    stamp = hashlib.sha256(maker.read_bytes()).hexdigest()
    stamp_path = out / f"corpus-{size:g}MB.stamp"
    if not (manifest_path.exists() and stamp_path.exists() and stamp_path.read_text() == stamp):
        note(f"making the {size:g} MB corpus in {corpus}")
        subprocess.run([sys.executable, str(maker), "--size", str(size), "--out", str(corpus)], check=True)
        stamp_path.write_text(stamp)
    # Resolved: OUT may link to corpora made elsewhere, and not every engine follows a symbolic
    # link given as its top directory (Java's Files.walk, which BenchIndex uses, does not).
    return corpus.resolve(), json.loads(manifest_path.read_text())


def warm_page_cache(corpus):
    """Reads every corpus file once, so each builder starts with the text in the page cache and
    none pays for the disk reads of the one before it."""
    for path in corpus.rglob("*.txt"):
        path.read_bytes()


def load_queries():
    queries = []
    for line in (HERE / "queries.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            kind, query = line.split("\t", 1)
            queries.append({"kind": kind, "query": query})
    return queries


def probe_word(corpus):
    """A word that certainly occurs in the corpus: the longest alphabetic word of the first
    article's first paragraph."""
    first = sorted(corpus.rglob("*.txt"))[0].read_text(errors="replace")
    words = re.findall(r"\b[a-z]{5,12}\b", first.split("\n\n", 1)[-1])
    if not words:
        fail(f"no probe word in {first[:200]!r}")
    return max(words, key=len)


def query_words(query):
    return re.findall(r"[^\s\"]+", query)


def rg_args(query, corpus):
    """ripgrep has no AND across a file: a phrase is one regex (words separated by whitespace),
    several words an alternation; like a grep user, it lists the matching files."""
    phrases = re.findall(r'"([^"]+)"', query)
    if phrases:
        patterns = [r"\b" + r"\s+".join(map(re.escape, phrase.split())) + r"\b" for phrase in phrases]
    else:
        patterns = [r"\b" + re.escape(word) + r"\b" for word in query_words(query)]
    args = ["rg", "-i", "-l", "--no-config"]
    for pattern in patterns:
        args += ["-e", pattern]
    return args + [str(corpus)]


def fts5_sql(query):
    escaped = query.replace("'", "''")
    return (f"SELECT path, snippet(docs, 2, '[', ']', '…', 16) FROM docs WHERE docs MATCH '{escaped}' "
            f"ORDER BY bm25(docs) LIMIT {HITS_PER_QUERY};")


# ---------------------------------------------------------------- engines

class Engine:
    name = ""
    in_process_skipped = None  # why an engine with an in-process driver could not run it here

    def available(self):
        return None  # None: available; else the reason it is skipped

    def build(self, corpus, work):
        return None

    def fresh_args(self, query):
        raise NotImplementedError

    def count_hits(self, query):
        raise NotImplementedError

    def hit_counts(self, queries):
        """How many of the top hits each query returned; an engine whose process start is costly
        (a JVM) answers them all in one process."""
        return [self.count_hits(query) for query in queries]

    def in_process(self, queries, repeat):
        return None


class Pith(Engine):
    name = "pith"

    def __init__(self, bin_dir, query_latency):
        self.index_bin = bin_dir / "pith-index"
        self.search_bin = bin_dir / "pith-search"
        self.query_latency = query_latency

    def available(self):
        for binary in (self.index_bin, self.search_bin):
            if not os.access(binary, os.X_OK):
                fail(f"no {binary}; build Pith first (cmake -S . -B build && make -C build) or pass --bin-dir")
        return None

    def build(self, corpus, work):
        self.index = fresh_output(work / "pith")
        # Exit 1 means some files were skipped with a warning, e.g. a documentation page that
        # cleaning emptied: the build itself succeeded, as a user running it would see.
        seconds, rss, _ = measured_run([self.index_bin, "--index", self.index, "--quiet", corpus], ok_codes=(0, 1))
        return {"seconds": seconds, "peak_rss_mb": rss, "index_bytes": directory_bytes(self.index)}

    def fresh_args(self, query):
        return [self.search_bin, "--index", self.index, "-n", str(HITS_PER_QUERY), "--color", "never", query]

    def count_hits(self, query):
        completed = subprocess.run([self.search_bin, "--index", self.index, "-n", str(HITS_PER_QUERY), "--json", query],
                                   capture_output=True, text=True)
        return len(completed.stdout.splitlines())

    def in_process(self, queries, repeat):
        if not self.query_latency or not os.access(self.query_latency, os.X_OK):
            self.in_process_skipped = f"no query_latency tool at {self.query_latency}"
            note(f"in-process Pith latency skipped: {self.in_process_skipped}")
            return None
        query_file = self.index.parent / "pith-queries.txt"
        query_file.write_text("".join(q + "\n" for q in queries))
        _, _, out = measured_run([self.query_latency, "--index", self.index, "--queries", query_file,
                                  "--repeat", str(repeat), "--limit", str(HITS_PER_QUERY)])
        return json.loads(out)["samples_ms"]


class Fts5(Engine):
    name = "fts5"

    def available(self):
        return None if shutil.which("sqlite3") else "no sqlite3 command (apt-get install sqlite3)"

    def build(self, corpus, work):
        self.database = fresh_output(work / "fts5.sqlite")
        corpus_literal = str(corpus).replace("'", "''")
        # One transaction, then 'optimize' (merge all segments into one b-tree), as one would
        # after a bulk load; the title column is the file's first line.
        script = f"""
CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, title, body, tokenize='porter unicode61');
BEGIN;
INSERT INTO docs(path, title, body)
  SELECT name, substr(CAST(data AS TEXT), 1, instr(CAST(data AS TEXT), char(10)) - 1), CAST(data AS TEXT)
  FROM fsdir('{corpus_literal}') WHERE name GLOB '*.txt';
COMMIT;
INSERT INTO docs(docs) VALUES('optimize');
"""
        seconds, rss, _ = measured_run(["sqlite3", self.database], stdin_text=script)
        return {"seconds": seconds, "peak_rss_mb": rss, "index_bytes": directory_bytes(self.database)}

    def fresh_args(self, query):
        return ["sqlite3", self.database, fts5_sql(query)]

    def count_hits(self, query):
        completed = subprocess.run(["sqlite3", "-json", self.database, fts5_sql(query)], capture_output=True, text=True)
        return len(json.loads(completed.stdout)) if completed.stdout.strip() else 0

    def in_process(self, queries, repeat):
        import sqlite3
        connection = sqlite3.connect(self.database)
        samples = []
        for timed_pass in range(repeat + 1):  # the first pass warms up
            for query in queries:
                start = time.perf_counter()
                connection.execute(fts5_sql(query)).fetchall()
                if timed_pass:
                    samples.append((time.perf_counter() - start) * 1000)
        return samples


def quest_query_parser(xapian, database):
    """A query parser set up as quest -o and parses: English stems, AND between words."""
    parser = xapian.QueryParser()
    parser.set_stemmer(xapian.Stem("english"))
    parser.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    parser.set_database(database)
    parser.set_default_op(xapian.Query.OP_AND)
    return parser


class Xapian(Engine):
    name = "xapian"

    def available(self):
        missing = [tool for tool in ("omindex", "quest") if not shutil.which(tool)]
        return f"no {' '.join(missing)} (apt-get install xapian-omega xapian-tools)" if missing else None

    def build(self, corpus, work):
        self.database = fresh_output(work / "omindex")
        seconds, rss, _ = measured_run(["omindex", "--db", self.database, "--url", "/", corpus])
        return {"seconds": seconds, "peak_rss_mb": rss, "index_bytes": directory_bytes(self.database)}

    def fresh_args(self, query):
        # AND like the others; quest's default is OR.
        return ["quest", "-d", self.database, "-m", str(HITS_PER_QUERY), "-o", "and", query]

    def count_hits(self, query):
        out = subprocess.run(self.fresh_args(query), capture_output=True, text=True).stdout
        return len(re.findall(r"^\d+: \[", out, re.M))

    def in_process(self, queries, repeat):
        try:
            import xapian
        except ImportError:
            self.in_process_skipped = "no python3-xapian (apt-get install python3-xapian)"
            note(f"in-process Xapian latency skipped: {self.in_process_skipped}")
            return None
        database = xapian.Database(str(self.database))
        parser = quest_query_parser(xapian, database)
        enquire = xapian.Enquire(database)
        samples = []
        for timed_pass in range(repeat + 1):
            for query in queries:
                start = time.perf_counter()
                enquire.set_query(parser.parse_query(query))
                for match in enquire.get_mset(0, HITS_PER_QUERY):
                    match.document.get_data()  # what quest prints: the stored sample
                if timed_pass:
                    samples.append((time.perf_counter() - start) * 1000)
        return samples


class Ripgrep(Engine):
    name = "ripgrep"

    def available(self):
        return None if shutil.which("rg") else "no rg (apt-get install ripgrep)"

    def build(self, corpus, work):
        self.corpus = corpus
        return None

    def fresh_args(self, query):
        return rg_args(query, self.corpus)

    def count_hits(self, query):
        return len(subprocess.run(rg_args(query, self.corpus), capture_output=True, text=True).stdout.splitlines())


class Recoll(Engine):
    """recollindex + recollq over a private configuration directory, so the user's own Recoll
    set-up is neither read nor touched. The configuration says what a fair comparison needs:
    the corpus as the only top directory, English stems, no aspell dictionary (the other engines
    build no spelling data), and the indexer at normal priority (Recoll's default is nice 19,
    which on a shared machine would measure the scheduler). Multithreading stays autoconfigured
    (one thread per stage, sized to the cores) and the flush threshold at its default."""
    name = "recoll"

    def available(self):
        missing = [tool for tool in ("recollindex", "recollq") if not shutil.which(tool)]
        return f"no {' '.join(missing)} (apt-get install recollcmd)" if missing else None

    def build(self, corpus, work):
        self.config = fresh_output(work / "recoll")
        self.config.mkdir()
        (self.config / "recoll.conf").write_text(
            f"topdirs = {corpus}\n"
            "indexstemminglanguages = english\n"
            "noaspell = 1\n"
            "idxniceprio = 0\n"
            "loglevel = 2\n")
        # -z: reset the index, so this is a full build even if an old one survived somehow.
        seconds, rss, _ = measured_run(["recollindex", "-c", self.config, "-z"])
        return {"seconds": seconds, "peak_rss_mb": rss, "index_bytes": directory_bytes(self.config / "xapiandb")}

    def fresh_args(self, query):
        # recollq's language ANDs words and takes "..." as a phrase, as queries.txt does; stems are
        # expanded with the index's language. -A -g 3: three snippets per hit, with line numbers.
        return ["recollq", "-c", self.config, "-n", str(HITS_PER_QUERY), "-A", "-g", "3", query]

    def count_hits(self, query):
        out = subprocess.run(self.fresh_args(query), capture_output=True, text=True).stdout
        return len(re.findall(r"^\S+\t\[file://", out, re.M))

    def in_process(self, queries, repeat):
        try:
            from recoll import recoll
        except ImportError:
            self.in_process_skipped = "no python3-recoll (apt-get install python3-recoll)"
            note(f"in-process Recoll latency skipped: {self.in_process_skipped}")
            return None
        database = recoll.connect(confdir=str(self.config))
        samples = []
        for timed_pass in range(repeat + 1):  # the first pass warms up
            for query in queries:
                start = time.perf_counter()
                search = database.query()
                search.execute(query, stemming=1, stemlang="english")
                for document in search.fetchmany(HITS_PER_QUERY):
                    search.makedocabstract(document)  # what recollq -A prints: snippets
                if timed_pass:
                    samples.append((time.perf_counter() - start) * 1000)
        return samples


class Lucene(Engine):
    """Lucene 4.10 (Debian's liblucene4.10-java) driven by the small Java programs in
    bench/perf/lucene/: BenchIndex builds the index, BenchSearch answers one query per JVM (the
    fresh process) or loops over the query list in one JVM. run.py compiles them with javac into
    OUT/lucene-classes the first time, and again when a source changes."""
    name = "lucene"
    MODULES = ("core", "analyzers-common", "queryparser", "highlighter", "memory")  # memory: the highlighter's MemoryIndex
    JAR_DIRECTORY = Path("/usr/share/java")

    def __init__(self, out):
        self.classes = out / "lucene-classes"

    def available(self):
        missing = [tool for tool in ("java", "javac") if not shutil.which(tool)]
        if missing:
            return f"no {' '.join(missing)} (apt-get install default-jdk-headless)"
        jars = []
        for module in self.MODULES:
            found = sorted(self.JAR_DIRECTORY.glob(f"lucene-{module}-4.10*.jar"))
            if not found:
                return f"no {self.JAR_DIRECTORY}/lucene-{module}-4.10*.jar (apt-get install liblucene4.10-java)"
            jars.append(found[-1])
        self.classpath = ":".join(map(str, [self.classes] + jars))
        self.compile()
        return None

    def compile(self):
        sources = sorted((HERE / "lucene").glob("*.java"))
        stamp = hashlib.sha256(b"".join(s.read_bytes() for s in sources) + self.classpath.encode()).hexdigest()
        stamp_path = self.classes / "sources.sha256"
        if stamp_path.exists() and stamp_path.read_text() == stamp:
            return
        fresh_output(self.classes).mkdir(parents=True)
        completed = subprocess.run(["javac", "-Xlint:all", "-Werror", "-cp", self.classpath, "-d", self.classes]
                                   + sources, capture_output=True, text=True)
        if completed.returncode != 0:
            fail(f"javac could not compile bench/perf/lucene/ against {self.classpath}:\n{completed.stderr[-2000:]}")
        stamp_path.write_text(stamp)

    def java(self, main, *args):
        return ["java", "-cp", self.classpath, main] + [str(a) for a in args]

    def build(self, corpus, work):
        self.index = fresh_output(work / "lucene")
        seconds, rss, _ = measured_run(self.java("BenchIndex", self.index, corpus))
        return {"seconds": seconds, "peak_rss_mb": rss, "index_bytes": directory_bytes(self.index)}

    def fresh_args(self, query):
        return self.java("BenchSearch", self.index, query)

    def count_hits(self, query):
        completed = subprocess.run(self.fresh_args(query), capture_output=True, text=True)
        if completed.returncode != 0:
            fail(f"BenchSearch failed on {query!r}: {completed.stderr[-1000:]}")
        return len(completed.stdout.splitlines())

    def hit_counts(self, queries):
        _, _, out = measured_run(self.java("BenchSearch", self.index, "--count", self.query_file(queries)))
        return [int(line) for line in out.split()]

    def in_process(self, queries, repeat):
        _, _, out = measured_run(self.java("BenchSearch", self.index, "--latency", self.query_file(queries), repeat))
        return json.loads(out)["samples_ms"]

    def query_file(self, queries):
        path = self.index.parent / "lucene-queries.txt"
        path.write_text("".join(q + "\n" for q in queries))
        return path


# ---------------------------------------------------------------- one size

def run_size(size, engines, args, previous=None, save=lambda result: None):
    """Measures the engines on one corpus. `previous` is the size's earlier result: the entries of
    engines not measured now are kept from it, so one size can be measured engine by engine in
    separate runs (a 1 GB build of every engine would hold the machine for hours). `save` is
    called with the result after each engine, so an interrupted run keeps what it measured."""
    corpus, manifest = corpus_for(size, args.out)
    corpus_mb = manifest["bytes"] / 1e6
    work = args.out / f"run-{size:g}MB"
    work.mkdir(parents=True, exist_ok=True)
    queries = load_queries()
    texts = [q["query"] for q in queries]
    probe = probe_word(corpus)
    result = {"size_mb": size, "corpus": {k: manifest[k] for k in
              ("bytes", "articles", "real_bytes", "generated_bytes", "generator", "real_sources_exhausted")},
              "probe": probe, "queries": queries, "engines": {}}
    measured_now = {engine.name for engine in engines}
    for name, entry in kept_entries(previous, result, measured_now).items():
        result["engines"][name] = entry
    for engine in engines:
        # Other work on the machine slows every engine; each entry records when it was measured
        # and the load at that moment, since entries of one size may come from different runs.
        entry = result["engines"][engine.name] = {"measured": args.run_date, "run": args.run_id,
                                                  "load_average": os.getloadavg()[0]}
        warm_page_cache(corpus)
        note(f"{size:g} MB: building {engine.name}")
        build = engine.build(corpus, work)
        if build:
            build["mb_per_s"] = corpus_mb / build["seconds"]
            build["index_to_text"] = build["index_bytes"] / manifest["bytes"]
            entry["build"] = build
        if engine.count_hits(probe) == 0:
            fail(f"{engine.name} found nothing for the probe word '{probe}', which the corpus holds: "
                 f"the harness or the engine is broken")
        entry["hits"] = engine.hit_counts(texts)
        note(f"{size:g} MB: querying {engine.name} (fresh processes)")
        samples = []
        for _ in range(args.repeat):
            for query in texts:
                samples.append(timed(engine.fresh_args(query)))
        entry["fresh"] = summary(samples)
        in_process = engine.in_process(texts, args.repeat * 4)
        if in_process:
            entry["in_process"] = summary(in_process)
        save(finished(result))
    return finished(result)


def finished(result):
    """The result with its engines in the usual order and their index sizes summed up."""
    result["engines"] = {name: result["engines"][name] for name in ENGINES if name in result["engines"]}
    result["index_bytes"] = {name: (e.get("build") or {}).get("index_bytes") for name, e in result["engines"].items()}
    return result


def kept_entries(previous, result, measured_now):
    """The previous run's entries for the engines not measured now, if that run used the same
    corpus and queries (otherwise its figures would not be comparable and are dropped)."""
    if not previous:
        return {}
    others = {name: entry for name, entry in previous.get("engines", {}).items() if name not in measured_now}
    if not others:
        return {}
    if previous.get("corpus") != result["corpus"] or previous.get("queries") != result["queries"]:
        note(f"{result['size_mb']:g} MB: dropping the earlier figures of {', '.join(sorted(others))}: "
             "they were measured on a different corpus or query list")
        return {}
    for entry in others.values():
        # Entries from before per-engine dates took the run's date and load.
        entry.setdefault("measured", previous.get("machine", {}).get("date"))
        entry.setdefault("load_average", previous.get("load_average_at_start"))
    note(f"{result['size_mb']:g} MB: keeping the earlier figures of {', '.join(sorted(others))}")
    return others


# ---------------------------------------------------------------- reporting

def version_of(args):
    try:
        out = subprocess.run(args, capture_output=True, text=True, timeout=10)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "not installed"


def recoll_version():
    """recollindex and recollq print no version; the Debian package names it."""
    version = version_of(["dpkg-query", "-W", "-f", "${Version}", "recollcmd"])
    return "not installed" if version in ("", "not installed") or "no packages" in version else f"recollcmd {version}"


def lucene_version():
    """Lucene's version from its jar's name (the jars carry no command), with the JVM's."""
    jars = sorted(Lucene.JAR_DIRECTORY.glob("lucene-core-*.jar"))
    if not jars:
        return "Lucene not installed"
    return f"Lucene {jars[-1].stem.removeprefix('lucene-core-')} on {version_of(['java', '-version'])}"


def machine_info(bin_dir):
    model = "unknown"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    memory_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory_kb = int(line.split()[1])
    try:
        import xapian
        python_xapian = xapian.version_string()
    except ImportError:
        python_xapian = "not installed"
    import sqlite3
    return {
        "cpu": model, "cores": os.cpu_count(), "memory_gib": round(memory_kb / 1024 / 1024, 1),
        "os": platform.platform(), "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "versions": {
            "pith": version_of([str(bin_dir / "pith-index"), "--version"]),
            "sqlite3": "sqlite3 " + version_of(["sqlite3", "--version"]).split(" 20")[0],
            "python sqlite3 module": f"Python's sqlite3 module on SQLite {sqlite3.sqlite_version}",
            "omindex": version_of(["omindex", "--version"]),
            "quest": version_of(["quest", "--version"]),
            "python3-xapian": f"python3-xapian {python_xapian}",
            "recoll": recoll_version(),
            "lucene": lucene_version(),
            "ripgrep": version_of(["rg", "--version"]),
        },
    }


def ratio(a, b):
    return f"{a / b:.2f}×" if a and b else "–"


def fmt(value, digits=1):
    return "–" if value is None else f"{value:.{digits}f}"


def measured_when(result):
    """When the size was measured: one date if every engine was measured in one run, else each
    run's engines and date, so a reader knows the figures did not share the machine's state. The
    load average is the one at the start of each engine's measurement."""
    cores = result.get("machine", {}).get("cores", "?")
    runs = {}
    for name, entry in result["engines"].items():
        date = entry.get("measured") or result.get("machine", {}).get("date") or "at an unrecorded date"
        load = entry.get("load_average", result.get("load_average_at_start"))
        # Grouped by run, not by the date shown: two short runs can start within one second.
        runs.setdefault(entry.get("run", date), (date, []))[1].append((ENGINE_NAMES[name], load))

    def loads(engines):
        values = [load for _, load in engines if load is not None]
        if not values:
            return ""
        spread = f"{min(values):.1f}" if f"{min(values):.1f}" == f"{max(values):.1f}" else f"{min(values):.1f}–{max(values):.1f}"
        return f"load average {spread} on {cores} cores"

    if len(runs) == 1:
        (date, engines), = runs.values()
        return f", measured {date}" + (f", {loads(engines)} at the start" if loads(engines) else "")
    parts = [f"{', '.join(name for name, _ in engines)} on {date}" + (f" ({loads(engines)})" if loads(engines) else "")
             for date, engines in sorted(runs.values(), key=lambda run: run[0])]
    return "; **engines measured in separate runs**: " + "; ".join(parts)


def render_size(result):
    corpus = result["corpus"]
    real = corpus["real_bytes"] / 1e6
    lines = [f"### {result['size_mb']:g} MB corpus ({corpus['articles']} articles, {corpus['bytes'] / 1e6:.1f} MB: "
             f"{real:.1f} MB real prose" + (f", {corpus['generated_bytes'] / 1e6:.1f} MB generated from its word bigrams"
                                            if corpus["generated_bytes"] else "") + ")"
             + measured_when(result), ""]
    lines.append("| engine | build s | build MB/s | peak RSS MB | index MB (× text) | fresh median / p95 / p99 ms | in-process median / p95 / p99 ms | queries answered |")
    lines.append("|---|---|---|---|---|---|---|---|")
    for name, entry in result["engines"].items():
        build = entry.get("build")
        fresh, inproc = entry.get("fresh"), entry.get("in_process")
        answered = sum(1 for h in entry["hits"] if h) if "hits" in entry else 0
        lines.append("| " + " | ".join([
            ENGINE_NAMES[name],
            fmt(build and build["seconds"], 2), fmt(build and build["mb_per_s"], 2), fmt(build and build["peak_rss_mb"], 0),
            f"{build['index_bytes'] / 1e6:.1f} ({build['index_to_text']:.2f}×)" if build else "–",
            f"{fresh['median_ms']:.1f} / {fresh['p95_ms']:.1f} / {fresh['p99_ms']:.1f}" if fresh else "–",
            f"{inproc['median_ms']:.2f} / {inproc['p95_ms']:.2f} / {inproc['p99_ms']:.2f}" if inproc else "–",
            f"{answered}/{len(entry.get('hits', []))}"]) + " |")
    pith = result["engines"].get("pith", {})
    ratios = []
    for name, entry in result["engines"].items():
        if name == "pith":
            continue
        parts = []
        if entry.get("build") and pith.get("build"):
            parts.append(f"build MB/s {ratio(pith['build']['mb_per_s'], entry['build']['mb_per_s'])}")
            parts.append(f"peak RSS {ratio(pith['build']['peak_rss_mb'], entry['build']['peak_rss_mb'])}")
            parts.append(f"index size {ratio(pith['build']['index_bytes'], entry['build']['index_bytes'])}")
        if entry.get("fresh") and pith.get("fresh"):
            parts.append(f"fresh median {ratio(pith['fresh']['median_ms'], entry['fresh']['median_ms'])}")
        if entry.get("in_process") and pith.get("in_process"):
            parts.append(f"in-process median {ratio(pith['in_process']['median_ms'], entry['in_process']['median_ms'])}")
        ratios.append(f"- Pith / {ENGINE_NAMES[name]}: " + ", ".join(parts))
    if not pith:
        lines += ["", "Pith has not been measured on this corpus yet (`run.py --engines pith` adds it), so there are no ratios."]
    elif ratios:
        lines += ["", "Ratios, Pith ÷ peer (build MB/s: above 1× favours Pith; RSS, index size and latency: below 1× does):",
                  ""] + ratios
    else:
        lines += ["", "No peer was installed, so there are no ratios (bench/perf/install-deps.sh installs them)."]
    missing = [q["query"] for q, h in zip(result["queries"], pith.get("hits", [])) if not h]
    if missing:
        lines += ["", "Queries Pith answered with nothing on this corpus: " + ", ".join(f"`{m}`" for m in missing)]
    return "\n".join(lines)


def write_reports(results_dir, results_md, machine):
    results = sorted((json.loads(p.read_text()) for p in results_dir.glob("perf-*MB.json")),
                     key=lambda r: r["size_mb"])
    with open(results_dir / "perf.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["size_mb", "engine", "build_s", "build_mb_per_s", "peak_rss_mb", "index_bytes",
                         "fresh_median_ms", "fresh_p95_ms", "fresh_p99_ms",
                         "in_process_median_ms", "in_process_p95_ms", "in_process_p99_ms"])
        for result in results:
            for name, entry in result["engines"].items():
                build, fresh, inproc = entry.get("build") or {}, entry.get("fresh") or {}, entry.get("in_process") or {}
                writer.writerow([result["size_mb"], name, build.get("seconds"), build.get("mb_per_s"),
                                 build.get("peak_rss_mb"), build.get("index_bytes"),
                                 fresh.get("median_ms"), fresh.get("p95_ms"), fresh.get("p99_ms"),
                                 inproc.get("median_ms"), inproc.get("p95_ms"), inproc.get("p99_ms")])
    plot = plot_scaling(results, results_dir)
    versions = "; ".join(machine["versions"].values())
    relative = os.path.relpath(results_dir, results_md.parent)
    size_arguments = " ".join(f"--size {r['size_mb']:g}" for r in results)
    section = [
        RESULTS_BEGIN,
        "## Build and query speed against the peers (bench/perf)",
        "",
        f"Produced by `bench/perf/run.py {size_arguments}` (sizes, and engines of one size, may come from "
        f"separate runs: each has its date and load average below). Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB RAM, "
        f"{machine['os']}. Versions: {versions}.",
        "",
        "Build: wall time of one process with the corpus in the page cache, peak RSS from wait4. Queries: the "
        f"{len(results[0]['queries']) if results else 0} queries of bench/perf/queries.txt (single words, several "
        f"words ANDed, phrases), top {HITS_PER_QUERY} with text (Pith: passages with highlights; FTS5: bm25 + snippet; "
        "quest: the stored sample; Recoll: three snippets per hit; Lucene 4.10: stored fields + the highlighter's "
        "best fragment), each run several times; fresh = a new process per query, including its "
        "start-up (for Lucene, a JVM's); in-process = one open index, after a warm-up pass. ripgrep scans the files with every query "
        "(phrase as one regex, words as alternatives: no AND across a file).",
        "",
        f"Raw numbers: [{relative}/perf.csv]({relative}/perf.csv) and `{relative}/perf-<size>MB.json`."
        + (f" Plot: [{relative}/{plot.name}]({relative}/{plot.name})." if plot else ""),
        "",
    ]
    for result in results:
        section += [render_size(result), ""]
    if plot:
        section += [f"![build time and query latency against corpus size]({relative}/{plot.name})", ""]
    section.append(RESULTS_END)
    text = results_md.read_text() if results_md.exists() else "# Pith benchmark results\n\n"
    if RESULTS_BEGIN in text and RESULTS_END in text:
        head, rest = text.split(RESULTS_BEGIN, 1)
        text = head + "\n".join(section) + rest.split(RESULTS_END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(section) + "\n"
    results_md.write_text(text)
    note(f"wrote {results_md}, {results_dir}/perf.csv" + (f", {plot}" if plot else ""))


def plot_scaling(results, results_dir):
    if not shutil.which("gnuplot"):
        note("plot skipped: no gnuplot (apt-get install gnuplot-nox)")
        return None
    data = results_dir / "perf-scaling.dat"
    series = {}
    for result in results:
        for name, entry in result["engines"].items():
            series.setdefault(name, []).append((result["corpus"]["bytes"] / 1e6,
                                                (entry.get("build") or {}).get("seconds"),
                                                (entry.get("fresh") or {}).get("median_ms"),
                                                (entry.get("in_process") or {}).get("median_ms")))
    blocks = []
    # The usual engine order, whatever size an engine first appears at (a size may lack Pith).
    series = {name: series[name] for name in ENGINES if name in series}
    for name in series:
        rows = [" ".join("NaN" if v is None else f"{v:.6g}" for v in row) for row in series[name]]
        blocks.append(f"# {name}\n" + "\n".join(rows))
    data.write_text("\n\n\n".join(blocks) + "\n")
    names = list(series)
    output = results_dir / "perf-scaling.png"

    def plots(column, only_built=False):
        parts = []
        for index, name in enumerate(names):
            if only_built and not any(row[1] for row in series[name]):
                continue
            if column == 4 and not any(row[3] for row in series[name]):
                continue
            parts.append(f"'{data}' index {index} using 1:{column} with linespoints lw 2 "
                         f"lt {ENGINES.index(name) + 1} title '{ENGINE_NAMES[name]}'")
        return ", ".join(parts)

    script = f"""
set terminal pngcairo size 1500,560 font ',10'
set output '{output}'
set multiplot layout 1,3
set logscale xy
set grid
set key below  # six engines: inside, the key would hide the lines
set xlabel 'corpus MB'
set ylabel 'seconds'
set title 'Build time'
plot {plots(2, only_built=True)}
set ylabel 'ms'
set title 'Query latency, fresh process (median)'
plot {plots(3)}
set title 'Query latency, in one process (median)'
plot {plots(4)}
unset multiplot
"""
    completed = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True)
    if completed.returncode != 0:
        note(f"plot failed: {completed.stderr.strip()[-500:]}")
        return None
    return output


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description="Benchmarks Pith against SQLite FTS5, omindex + quest, Recoll, Lucene and ripgrep.")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: rewrite RESULTS.md, the CSV and the plot from the JSON files")
    parser.add_argument("--size", type=float, action="append", default=[],
                        help="corpus size in MB; repeat for several sizes")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the query list as fresh processes "
                        "(in-process: 4× as many)")
    parser.add_argument("--out", type=Path, default=REPOSITORY / "bench" / "out",
                        help="work directory for corpora and indexes (default: bench/out)")
    parser.add_argument("--bin-dir", type=Path, default=REPOSITORY / "build",
                        help="directory holding pith-index and pith-search (default: build)")
    parser.add_argument("--query-latency", type=Path, help="the query_latency tool "
                        "(default: BIN_DIR/bench/perf/pith-query-latency)")
    parser.add_argument("--results-dir", type=Path, default=REPOSITORY / "bench" / "results",
                        help="where the JSON, CSV and plot go (default: bench/results)")
    parser.add_argument("--results-md", type=Path, default=REPOSITORY / "bench" / "RESULTS.md",
                        help="the Markdown file whose perf section is rewritten (default: bench/RESULTS.md)")
    parser.add_argument("--check", action="store_true",
                        help="verify the outputs afterwards (the CTest smoke test); exit 1 on a fault")
    parser.add_argument("--engines", default=",".join(ENGINES), help=f"comma-separated subset of {','.join(ENGINES)}")
    args = parser.parse_args()
    for size in args.size:
        if size <= 0:
            parser.error(f"--size must be positive, got {size:g}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.report_only:
        machine = json.loads(sorted(args.results_dir.glob("perf-*MB.json"))[-1].read_text())["machine"] \
            if list(args.results_dir.glob("perf-*MB.json")) else fail(f"no perf-*MB.json in {args.results_dir}")
        write_reports(args.results_dir, args.results_md, machine)
        return
    if not args.size:
        parser.error("give at least one --size (MB), or --report-only")
    wanted = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = set(wanted) - set(ENGINES)
    if unknown or not wanted:
        parser.error(f"--engines takes a subset of {','.join(ENGINES)}; got {args.engines}")
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    args.results_dir.mkdir(parents=True, exist_ok=True)
    query_latency = args.query_latency or args.bin_dir / "bench" / "perf" / "pith-query-latency"

    candidates = {"pith": Pith(args.bin_dir.resolve(), query_latency.resolve()), "fts5": Fts5(),
                  "xapian": Xapian(), "recoll": Recoll(), "lucene": Lucene(args.out), "ripgrep": Ripgrep()}
    engines = []
    for name in wanted:
        reason = candidates[name].available()
        if reason:
            note(f"skipping {ENGINE_NAMES[name]}: {reason}; bench/perf/install-deps.sh installs every peer")
        else:
            engines.append(candidates[name])

    machine = machine_info(args.bin_dir.resolve())
    # Seconds, so two runs of different engines within one minute still read as separate runs.
    args.run_date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    args.run_id = f"{datetime.datetime.now(datetime.timezone.utc).isoformat()}/{os.getpid()}"
    for size in args.size:
        result_path = args.results_dir / f"perf-{size:g}MB.json"
        previous = json.loads(result_path.read_text()) if result_path.exists() else None

        def save(result, path=result_path):
            result["machine"] = machine
            path.write_text(json.dumps(result, indent=1) + "\n")

        result = run_size(size, engines, args, previous, save)
        save(result)
        print(render_size(result), flush=True)
    write_reports(args.results_dir, args.results_md, machine)
    if args.check:
        check_outputs(args, engines)


def check_outputs(args, engines):
    """What the smoke test asserts: every available engine produced every figure."""
    faults = []
    query_count = len(load_queries())
    for size in args.size:
        result = json.loads((args.results_dir / f"perf-{size:g}MB.json").read_text())
        for engine in engines:
            entry = result["engines"].get(engine.name)
            if entry is None:
                faults.append(f"{engine.name}: no figures at {size:g} MB")
                continue
            build = entry.get("build")
            if engine.name != "ripgrep" and not (build and build["seconds"] > 0 and build["index_bytes"] > 0
                                                 and build["peak_rss_mb"] > 0):
                faults.append(f"{engine.name}: incomplete build figures {build}")
            if entry["fresh"]["samples"] != query_count * args.repeat or entry["fresh"]["median_ms"] <= 0:
                faults.append(f"{engine.name}: fresh-process figures {entry['fresh']}")
            if len(entry["hits"]) != query_count:
                faults.append(f"{engine.name}: hit counts for {len(entry['hits'])} of {query_count} queries")
            has_driver = type(engine).in_process is not Engine.in_process
            if has_driver and not engine.in_process_skipped and not (entry.get("in_process") or {}).get("samples"):
                faults.append(f"{engine.name}: no in-process figures")
        if "pith" in {engine.name for engine in engines} and "in_process" not in result["engines"]["pith"]:
            faults.append("pith: no in-process figures")
    report = args.results_md.read_text()
    if RESULTS_BEGIN not in report or "| Pith |" not in report:
        faults.append(f"{args.results_md} lacks the perf table")
    if not (args.results_dir / "perf.csv").exists():
        faults.append("no perf.csv")
    if faults:
        print("run.py: check failed:\n  " + "\n  ".join(faults), file=sys.stderr)
        sys.exit(1)
    wanted = [e.strip() for e in args.engines.split(",") if e.strip()]
    skipped = sorted(set(wanted) - {e.name for e in engines})
    print(f"run.py: check passed: {', '.join(e.name for e in engines)} measured"
          + (f"; skipped (not installed): {', '.join(skipped)}" if skipped else ""))


if __name__ == "__main__":
    main()
