#!/usr/bin/env python3
"""Ranking quality of Pith next to SQLite FTS5 on the Cranfield collection, in one run.

    bench/relevance/run.py [--collection ../shared/relevance/cranfield] [--build build]

Indexes the 1,400 Cranfield abstracts through Pith's library (build/pith-relevance, built here
if missing) and into an SQLite FTS5 table (porter unicode61), runs the 150 dev queries on both
as a search-box user would (all words optional, ranked; FTS5: OR of the words, bm25()), and
prints nDCG@10, MAP and recall@100 for each.

The collection's traps, handled the same way for both engines:
- cran.all.1400.xml is a sequence of <doc> elements without a root element, so it is not one
  XML document: each <doc> is parsed on its own (entities are decoded by the XML parser).
- Lines are hard-wrapped at ~70 columns and a paragraph starts with two spaces; Pith reads a
  line break as a paragraph end, so lines are re-joined into paragraphs first.
- The text repeats the title as its first sentence; the title is kept once (as the first line).
- Two documents (471, 995) have an empty text: they are indexed with their title only.
- qrels grade 0 means judged non-relevant (150 rows): only grades > 0 count as relevant, and
  the grade is the gain in nDCG.
"""

import argparse
import json
import math
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def unwrap(text):
    """Joins hard-wrapped lines; a line starting with two spaces starts a new paragraph."""
    paragraphs = re.split(r"\n[ \t]{2,}", "\n" + text.strip("\n"))
    return "\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def read_collection(path):
    raw = open(path, encoding="utf-8").read()
    docs = []
    seen = set()
    for chunk in re.findall(r"<doc>.*?</doc>", raw, re.S):
        element = ET.fromstring(chunk)
        docno = (element.findtext("docno") or "").strip()
        if not docno or docno in seen:
            print(f"run.py: skipping document without number or repeated: {docno!r}", file=sys.stderr)
            continue
        seen.add(docno)
        title = " ".join((element.findtext("title") or "").split())
        text = unwrap(element.findtext("text") or "")
        if text.startswith(title):
            text = text[len(title):].lstrip()
        docs.append({"docno": docno, "title": title, "text": (title + "\n" + text).strip()})
    return docs


def read_queries(path):
    queries = []
    for line in open(path, encoding="utf-8"):
        qid, _, text = line.rstrip("\n").partition("\t")
        if qid and text:
            queries.append((qid, text))
    return queries


def read_qrels(path):
    qrels = {}
    for line in open(path):
        fields = line.split()
        if len(fields) != 4:
            continue
        qid, _, docno, grade = fields
        if int(grade) > 0:
            qrels.setdefault(qid, {})[docno] = int(grade)
    return qrels


def evaluate(run, qrels, queries):
    ndcg = ap = recall = 0.0
    for qid, _ in queries:
        relevant = qrels.get(qid, {})
        ranked = run.get(qid, [])
        dcg = sum(relevant.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:10]))
        ideal = sum(g / math.log2(i + 2) for i, g in enumerate(sorted(relevant.values(), reverse=True)[:10]))
        ndcg += dcg / ideal if ideal else 0
        hits = 0
        precision_sum = 0.0
        for i, d in enumerate(ranked):
            if d in relevant:
                hits += 1
                precision_sum += hits / (i + 1)
        ap += precision_sum / len(relevant) if relevant else 0
        recall += len([d for d in ranked[:100] if d in relevant]) / len(relevant) if relevant else 0
    n = len(queries)
    return ndcg / n, ap / n, recall / n


def run_pith(build, docs, queries, workdir, config):
    binary = os.path.join(build, "bench", "relevance", "pith-relevance")
    if not os.path.exists(binary):
        subprocess.run(["cmake", "--build", build, "--target", "pith-relevance", "-j2"], check=True)
    docs_file = os.path.join(workdir, "docs.jsonl")
    with open(docs_file, "w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps(doc) + "\n")
    queries_file = os.path.join(workdir, "queries.tsv")
    with open(queries_file, "w", encoding="utf-8") as out:
        for qid, text in queries:
            out.write(f"{qid}\t{text}\n")
    run_file = os.path.join(workdir, "pith.run")
    started = time.monotonic()
    command = [binary, docs_file, queries_file, os.path.join(workdir, "index"), run_file]
    if config:
        command.append(config)
    subprocess.run(command, check=True)
    seconds = time.monotonic() - started
    run = {}
    for line in open(run_file):
        qid, docno, _, _ = line.split()
        run.setdefault(qid, []).append(docno)
    return run, seconds


def run_fts5(docs, queries):
    started = time.monotonic()
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(docno UNINDEXED, body, tokenize='porter unicode61')")
    db.executemany("INSERT INTO docs VALUES (?, ?)", [(d["docno"], d["text"]) for d in docs])
    run = {}
    for qid, text in queries:
        words = re.findall(r"\w+", text.lower())
        if not words:
            continue
        match = " OR ".join('"' + w + '"' for w in words)
        rows = db.execute("SELECT docno FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 100", (match,))
        run[qid] = [r[0] for r in rows]
    return run, time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--collection", default=os.path.join(ROOT, "..", "shared", "relevance", "cranfield"))
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--config", help="index configuration for Pith (default: the built-in one)")
    args = parser.parse_args()
    collection = os.path.normpath(args.collection)
    for name in ("cran.all.1400.xml", "queries.dev.tsv", "qrels.dev.txt"):
        if not os.path.exists(os.path.join(collection, name)):
            sys.exit(f"run.py: {os.path.join(collection, name)} is missing; pass --collection DIR")

    docs = read_collection(os.path.join(collection, "cran.all.1400.xml"))
    queries = read_queries(os.path.join(collection, "queries.dev.tsv"))
    qrels = read_qrels(os.path.join(collection, "qrels.dev.txt"))
    with tempfile.TemporaryDirectory(prefix="pith-relevance-") as workdir:
        pith_run, pith_seconds = run_pith(args.build, docs, queries, workdir, args.config)
    fts_run, fts_seconds = run_fts5(docs, queries)

    rows = [("SQLite FTS5 bm25 (porter unicode61, OR)", evaluate(fts_run, qrels, queries), fts_seconds),
            ("Pith (pith-search --any)", evaluate(pith_run, qrels, queries), pith_seconds)]
    print(f"Cranfield: {len(docs)} documents, {len(queries)} dev queries, "
          f"{sum(len(v) for v in qrels.values())} relevant judgments")
    print()
    print("| engine | nDCG@10 | MAP | recall@100 | index + queries |")
    print("|---|---|---|---|---|")
    for name, (ndcg, map_, recall), seconds in rows:
        print(f"| {name} | {ndcg:.3f} | {map_:.3f} | {recall:.3f} | {seconds:.2f} s |")
    ratio = rows[1][1][0] / rows[0][1][0]
    print()
    print(f"Pith / FTS5 nDCG@10 = {ratio:.3f} (goal >= 1.05)")


if __name__ == "__main__":
    main()
