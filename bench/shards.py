#!/usr/bin/python3
"""Sharding bench: index the Cranfield collection (1,400 abstracts, ../shared/relevance/cranfield)
as 1, 2 and 4 shards, and as 2 shards served by two local xapian-tcpsrv; report build time, index
size and in-process query latency (the 225 Cranfield queries through libpith's C API), and check
that every layout returns the same top 10 as the single index.

Usage: bench/shards.py [BUILD_DIR]   (default: build; run after scripts/build.sh)"""
import ctypes
import pathlib
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

root = pathlib.Path(__file__).resolve().parent.parent
build = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else root / "build").resolve()
cranfield = root.parent / "shared" / "relevance" / "cranfield"
pith = ctypes.CDLL(str(build / "libpith.so"))
handle = ctypes.c_void_p
pith.pith_searcher_open.argtypes = [ctypes.c_char_p, ctypes.POINTER(handle)]
pith.pith_searcher_search.argtypes = [handle, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_size_t,
                                      ctypes.POINTER(handle)]
pith.pith_results_count.argtypes = [handle]
pith.pith_results_count.restype = ctypes.c_size_t
pith.pith_hit_path.argtypes = [handle, ctypes.c_size_t]
pith.pith_hit_path.restype = ctypes.c_char_p
pith.pith_hit_score.argtypes = [handle, ctypes.c_size_t]
pith.pith_hit_score.restype = ctypes.c_double
pith.pith_results_free.argtypes = [handle]
pith.pith_searcher_close.argtypes = [handle]


def write_articles(directory):
    xml = (cranfield / "cran.all.1400.xml").read_text()
    for doc in re.findall(r"<doc>(.*?)</doc>", xml, re.S):
        number = re.search(r"<docno>\s*(\d+)", doc).group(1)
        title = " ".join(re.search(r"<title>(.*?)</title>", doc, re.S).group(1).split())
        text = re.search(r"<text>(.*?)</text>", doc, re.S).group(1).strip()
        if not title and not text:
            continue  # two Cranfield records are empty
        (directory / f"{int(number):04d}.txt").write_text(f"{title}\n\n{text}\n")


def queries():
    # Cranfield's queries are sentences; Pith's default is AND of every word, which matches
    # almost nothing, so the bench asks for any of the words (OR), ranked by BM25.
    for line in (cranfield / "queries.dev.tsv").read_text().splitlines():
        words = [w for w in re.findall(r"[a-z0-9]+", line.split("\t", 1)[1].lower()) if w != "or"]
        yield " OR ".join(words)


ROUNDS = 3


def run_queries(index):
    """Top 10 of every query, and each query's best latency over ROUNDS runs (the machine is
    shared, so the minimum is the figure least disturbed by other work)."""
    searcher = handle()
    assert pith.pith_searcher_open(str(index).encode(), ctypes.byref(searcher)) == 0, index
    tops, latencies = [], []
    for query in queries():
        results = handle()
        best = float("inf")
        for _ in range(ROUNDS):
            if results:
                pith.pith_results_free(results)
            started = time.perf_counter()
            status = pith.pith_searcher_search(searcher, query.encode(), 10, 1, ctypes.byref(results))
            best = min(best, time.perf_counter() - started)
        latencies.append(best)
        if status != 0:
            tops.append(None)
            continue
        tops.append([(pith.pith_hit_path(results, i).decode(), pith.pith_hit_score(results, i))
                     for i in range(pith.pith_results_count(results))])
        pith.pith_results_free(results)
    pith.pith_searcher_close(searcher)
    return tops, latencies


def same_tops(tops, reference):
    """'yes' when every query has the reference's top 10 with the same scores; hits with equal
    scores (Cranfield has duplicate abstracts) may swap places, since Xapian breaks ties by
    document id and shards number documents differently."""
    ties = 0
    for query, (got, expected) in enumerate(zip(tops, reference)):
        if [path for path, _ in got] == [path for path, _ in expected]:
            continue
        by_score = lambda hits: sorted((round(score, 9), path) for path, score in hits)
        cut = round(min(score for _, score in expected), 9)
        # Only tied hits may differ, including a tie at the cut-off of the top 10.
        if [s for s, _ in by_score(got)] != [s for s, _ in by_score(expected)] or \
                [h for h in by_score(got) if h[0] > cut] != [h for h in by_score(expected) if h[0] > cut]:
            return f"NO: query #{query}: {got} vs {expected}"
        ties += 1
    return "yes" + (f" ({ties} queries order tied scores differently)" if ties else "")


def size_mb(path):
    return sum(f.stat().st_size for f in pathlib.Path(path).rglob("*") if f.is_file()) / 1e6


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(database):
    port = free_port()
    server = subprocess.Popen(["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(port), "--quiet",
                               str(database)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    for _ in range(500):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return server, port
        except OSError:
            time.sleep(0.01)
    raise RuntimeError("xapian-tcpsrv did not start")


with tempfile.TemporaryDirectory() as temp:
    temp = pathlib.Path(temp)
    articles = temp / "articles"
    articles.mkdir()
    write_articles(articles)
    print(f"{len(list(articles.iterdir()))} Cranfield articles (non-empty); {len(list(queries()))} queries; "
          f"pith {subprocess.run([build / 'pith-index', '--version'], capture_output=True, text=True).stdout.strip()}")
    print(f"{'layout':<22}{'build s':>9}{'size MB':>9}{'query ms, mean':>16}{'p95':>8}  same top 10 as 1 shard")
    reference = None
    for shards in (1, 2, 4):
        index = temp / f"index-{shards}"
        started = time.perf_counter()
        subprocess.run([build / "pith-index", "--quiet", "--shards", str(shards), "--index", index, articles],
                       check=True)
        build_seconds = time.perf_counter() - started
        run_queries(index)  # warm the page cache
        tops, latencies = run_queries(index)
        if reference is None:
            reference = tops
            answered = sum(1 for top in tops if top)
            print(f"({answered} of {len(tops)} queries have hits; the others fail to parse or match nothing)")
        latencies.sort()
        print(f"{f'{shards} local shard(s)':<22}{build_seconds:>9.2f}{size_mb(index):>9.1f}"
              f"{statistics.mean(latencies) * 1e3:>16.2f}{latencies[int(len(latencies) * 0.95)] * 1e3:>8.2f}"
              f"  {same_tops(tops, reference)}")
    servers = [serve(temp / "index-2" / f"shard-{i}") for i in range(2)]
    try:
        stub = temp / "remote.stub"
        stub.write_text("".join(f"remote 127.0.0.1:{port}\n" for _, port in servers))
        run_queries(stub)
        tops, latencies = run_queries(stub)
        latencies.sort()
        print(f"{'2 remote (tcpsrv)':<22}{'':>9}{'':>9}{statistics.mean(latencies) * 1e3:>16.2f}"
              f"{latencies[int(len(latencies) * 0.95)] * 1e3:>8.2f}  {same_tops(tops, reference)}")
    finally:
        for server, _ in servers:
            server.terminate()
            server.wait()
