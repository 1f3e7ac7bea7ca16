#!/usr/bin/python3
"""Checks that the engines run.py measured answer the same questions: a peer that matches nothing,
or far less than the others, would be timed doing less work, and its figures would flatter it.

    check_answers.py --out OUT --size MB [--bin-dir BUILD] [--check]

For each query of queries.txt it counts the articles every engine's index under OUT/run-<MB>MB/
matches in all (not just the top 10 run.py counts): Pith (`pith-search -l`), SQLite FTS5
(count(*)), omindex's database (python3-xapian, AND, English stems, as run.py queries it), Recoll
(`recollq -E -Q`, the exact count) and Lucene (`BenchSearch --total`). Engines whose index is
absent are left out. The reference is FTS5 (its MATCH language is queries.txt's); where FTS5 is
not installed (the test suite on a machine without sqlite3), the most any engine matched. It
prints one row a query, with each count's ratio to the reference where it is off by more than a
third.

Faults (exit 1 with --check): an engine matching nothing for a single word the reference finds
(every engine stems single words alike), or nothing for every query of a kind (words, several
words, phrases) where the reference finds some: a broken translation of that kind. A multi-word
query or phrase with no match where the reference has some is only listed: the engines' rules
differ there (Pith ANDs the words within a passage, not a whole article; Pith, omindex and Recoll
do not stem the words of a phrase), which on a small corpus can leave nothing. bench/README.md
describes the differences.
"""

import argparse
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (run.py's queries, engine names and Lucene's compiled classes)

OFF_BY = 1 / 3  # a count further than this from the reference's is marked in the table


def pith_counts(index, bin_dir, queries):
    counts = []
    for query in queries:
        args = [bin_dir / "pith-search", "--index", index, "-l", "-n", "1000000000", query]
        completed = subprocess.run(args, capture_output=True, text=True)
        if completed.returncode not in (0, 1):  # 1: nothing matched (grep convention)
            run.fail(f"{' '.join(map(str, args))} exited with {completed.returncode}: {completed.stderr[-500:]}")
        counts.append(len(completed.stdout.splitlines()))
    return counts


def fts5_counts(database, queries):
    connection = sqlite3.connect(database)
    return [connection.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (q,)).fetchone()[0] for q in queries]


def xapian_counts(database, queries):
    try:
        import xapian
    except ImportError:
        run.note("omindex's counts skipped: no python3-xapian (apt-get install python3-xapian)")
        return None
    db = xapian.Database(str(database))
    parser = run.quest_query_parser(xapian, db)
    enquire = xapian.Enquire(db)
    counts = []
    for query in queries:
        enquire.set_query(parser.parse_query(query))
        counts.append(enquire.get_mset(0, db.get_doccount()).size())
    return counts


def recoll_counts(config, queries):
    counts = []
    for query in queries:
        out = subprocess.run(["recollq", "-c", config, "-E", "-Q", query], capture_output=True, text=True).stdout
        found = re.search(r"^(\d+) results", out, re.M)
        if not found:
            run.fail(f"recollq printed no result count for {query!r}: {out[-500:]!r}")
        counts.append(int(found.group(1)))
    return counts


def lucene_counts(out, index, queries):
    lucene = run.Lucene(out)
    reason = lucene.available()
    if reason:
        run.note(f"Lucene's counts skipped: {reason}")
        return None
    lucene.index = index
    _, _, printed = run.measured_run(lucene.java("BenchSearch", index, "--total", lucene.query_file(queries)))
    return [int(line) for line in printed.split()]


def main():
    parser = argparse.ArgumentParser(description="Compares the engines' total match counts on run.py's indexes.")
    parser.add_argument("--out", type=Path, required=True, help="run.py's --out directory")
    parser.add_argument("--size", type=float, required=True, help="the corpus size (MB) whose indexes to read")
    parser.add_argument("--bin-dir", type=Path, default=run.REPOSITORY / "build", help="holds pith-search")
    parser.add_argument("--check", action="store_true", help="exit 1 if an engine matches nothing where the reference (FTS5) matches")
    args = parser.parse_args()
    work = args.out.resolve() / f"run-{args.size:g}MB"
    if not work.is_dir():
        run.fail(f"no {work}: run bench/perf/run.py --size {args.size:g} --out {args.out} first")
    queries = [q["query"] for q in run.load_queries()]
    counts = {}
    if (work / "pith").is_dir():
        counts["pith"] = pith_counts(work / "pith", args.bin_dir.resolve(), queries)
    if (work / "fts5.sqlite").is_file():
        counts["fts5"] = fts5_counts(work / "fts5.sqlite", queries)
    if (work / "omindex").is_dir():
        counts["xapian"] = xapian_counts(work / "omindex", queries)
    if (work / "recoll" / "xapiandb").is_dir() and shutil.which("recollq"):
        counts["recoll"] = recoll_counts(work / "recoll", queries)
    if (work / "lucene").is_dir():
        counts["lucene"] = lucene_counts(args.out.resolve(), work / "lucene", queries)
    counts = {name: c for name, c in counts.items() if c is not None}
    if len(counts) < 2:
        print(f"check_answers.py: nothing to compare: only {', '.join(counts) or 'no engine'} has an index in {work}")
        return
    if "fts5" in counts:
        reference, reference_name = counts["fts5"], "FTS5"
    else:
        reference, reference_name = [max(c[i] for c in counts.values()) for i in range(len(queries))], "another engine"
    names = list(counts)
    width = max(map(len, queries))
    print(f"{'query':<{width}}  " + "  ".join(f"{run.ENGINE_NAMES[n].split()[0]:>14}" for n in names))
    kinds = [q["kind"] for q in run.load_queries()]
    faults, notes = [], []
    for i, query in enumerate(queries):
        cells = []
        for name in names:
            count, expected = counts[name][i], reference[i]
            mark = ""
            if expected and abs(count - expected) > OFF_BY * expected:
                mark = f" ({count / expected:.2f}×)"
            cells.append(f"{str(count) + mark:>14}")
            if count == 0 and expected:
                (faults if kinds[i] == "term" else notes).append(
                    f"{name} matches nothing for {query!r}; {reference_name} matches {expected}")
        print(f"{query:<{width}}  " + "  ".join(cells))
    for kind in sorted(set(kinds)):
        rows = [i for i, k in enumerate(kinds) if k == kind]
        for name in names:
            if any(reference[i] for i in rows) and not any(counts[name][i] for i in rows):
                faults.append(f"{name} matches nothing for every query of kind {kind!r}; {reference_name} matches some")
    if notes:
        print("check_answers.py: where the engines' rules differ (not a fault):\n  " + "\n  ".join(notes))
    if faults:
        print("check_answers.py: " + ("failed" if args.check else "warning") + ":\n  " + "\n  ".join(faults),
              file=sys.stderr)
        sys.exit(1 if args.check else 0)
    print(f"check_answers.py: every engine ({', '.join(names)}) matches every single word {reference_name} matches, "
          "and some query of every kind")


if __name__ == "__main__":
    main()
