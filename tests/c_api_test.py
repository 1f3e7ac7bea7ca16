"""The C API from Python through ctypes: index docs/samples/ with pith_writer_*, search with
pith_searcher_*, and get exactly what pith-search --json prints (passages, order, scores,
highlights); errors come back as status codes with messages, never as a crash.

Usage: c_api_test.py LIBPITH_SO PITH_SEARCH SAMPLES_DIR PITH_INDEX"""
import ctypes
import json
import pathlib
import subprocess
import sys
import tempfile

lib_path, pith_search, samples, pith_index = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3]), sys.argv[4]
pith = ctypes.CDLL(lib_path)

c_size = ctypes.c_size_t
handle = ctypes.c_void_p
pith.pith_version.restype = ctypes.c_char_p
pith.pith_status_to_string.restype = ctypes.c_char_p
pith.pith_last_error_message.restype = ctypes.c_char_p
pith.pith_last_error_column.restype = c_size
pith.pith_writer_open.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(handle)]
pith.pith_writer_add_file.argtypes = [handle, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
pith.pith_writer_close.argtypes = [handle]
pith.pith_searcher_open.argtypes = [ctypes.c_char_p, ctypes.POINTER(handle)]
pith.pith_searcher_close.argtypes = [handle]
pith.pith_searcher_search.argtypes = [handle, ctypes.c_char_p, c_size, c_size, ctypes.POINTER(handle)]
pith.pith_results_count.argtypes = [handle]
pith.pith_results_count.restype = c_size
pith.pith_results_free.argtypes = [handle]
for name in ("path", "title", "passage", "article_id"):
    function = getattr(pith, "pith_hit_" + name)
    function.argtypes = [handle, c_size]
    function.restype = ctypes.c_char_p
pith.pith_hit_score.argtypes = [handle, c_size]
pith.pith_hit_score.restype = ctypes.c_double
pith.pith_hit_passage_index.argtypes = [handle, c_size]
pith.pith_hit_passage_index.restype = c_size
pith.pith_hit_highlight_count.argtypes = [handle, c_size]
pith.pith_hit_highlight_count.restype = c_size
pith.pith_hit_highlight.argtypes = [handle, c_size, c_size, ctypes.POINTER(c_size), ctypes.POINTER(c_size)]

PITH_OK, INDEX_NOT_FOUND, QUERY_ERROR = 0, 1, 3


class PithError(Exception):
    def __init__(self, status):
        self.status = status
        self.column = pith.pith_last_error_column()
        super().__init__(f"{pith.pith_status_to_string(status).decode()}: {pith.pith_last_error_message().decode()}")


def check(status):
    if status != PITH_OK:
        raise PithError(status)


def search(index, query, limit=10):
    searcher, results = handle(), handle()
    check(pith.pith_searcher_open(str(index).encode(), ctypes.byref(searcher)))
    try:
        check(pith.pith_searcher_search(searcher, query.encode(), limit, 1, ctypes.byref(results)))
        hits = []
        for i in range(pith.pith_results_count(results)):
            highlights = []
            for j in range(pith.pith_hit_highlight_count(results, i)):
                begin, end = c_size(), c_size()
                check(pith.pith_hit_highlight(results, i, j, ctypes.byref(begin), ctypes.byref(end)))
                highlights.append([begin.value, end.value])
            hits.append({"path": pith.pith_hit_path(results, i).decode(),
                         "article": pith.pith_hit_article_id(results, i).decode(),
                         "passage": pith.pith_hit_passage(results, i).decode(),
                         "passage_index": pith.pith_hit_passage_index(results, i),
                         "score": pith.pith_hit_score(results, i),
                         "highlights": highlights})
        pith.pith_results_free(results)
        return hits
    finally:
        pith.pith_searcher_close(searcher)


def pith_search_json(index, query, limit=10):
    run = subprocess.run([pith_search, "--index", str(index), "--json", "-n", str(limit), "--", query],
                         capture_output=True, text=True, check=False)
    assert run.returncode in (0, 1), run.stderr
    keys = ("path", "article", "passage", "passage_index", "score", "highlights")
    return [{key: json.loads(line)[key] for key in keys} for line in run.stdout.splitlines()]


with tempfile.TemporaryDirectory() as temp:
    index = pathlib.Path(temp) / "index"
    try:
        search(index, "canola")
        raise AssertionError("searching a missing index succeeded")
    except PithError as error:
        assert error.status == INDEX_NOT_FOUND, error
        assert str(index) in str(error), error

    writer = handle()
    check(pith.pith_writer_open(str(index).encode(), None, 0, ctypes.byref(writer)))
    for article in sorted(samples.glob("*.txt")):
        outcome = ctypes.c_int(-1)
        check(pith.pith_writer_add_file(writer, str(article).encode(), ctypes.byref(outcome)))
        assert outcome.value == 0, f"{article} was not added (outcome {outcome.value})"
    check(pith.pith_writer_close(writer))

    for query in ("canola", '"Meng Wanzhou"', "canola OR rapeseed -tariffs", "Huawei 5G"):
        expected = pith_search_json(index, query)
        got = search(index, query)
        assert expected, f"pith-search found nothing for {query}; the comparison would be empty"
        assert got == expected, f"{query}:\nctypes:      {got}\npith-search: {expected}"

    # A sharded index (pith-index --shards 2) takes updates through the same writer calls.
    sharded = pathlib.Path(temp) / "sharded"
    subprocess.run([pith_index, "--quiet", "--shards", "2", "--index",
                    str(sharded), str(samples / "01-canola-tariffs.txt")], check=True)
    writer = handle()
    check(pith.pith_writer_open(str(sharded).encode(), None, 0, ctypes.byref(writer)))
    for article in sorted(samples.glob("*.txt")):
        check(pith.pith_writer_add_file(writer, str(article).encode(), None))
    check(pith.pith_writer_close(writer))
    assert (sharded / "XAPIANDB").exists() and not (sharded / "iamglass").exists()
    for query in ("canola", '"Meng Wanzhou"'):
        assert search(sharded, query) == search(index, query), query

    try:
        search(index, 'canola "Meng')
        raise AssertionError("a query with an unclosed quote succeeded")
    except PithError as error:
        assert error.status == QUERY_ERROR and error.column == 8, (error.status, error.column, str(error))

print(f"c_api_test.py: libpith {pith.pith_version().decode()} through ctypes agrees with pith-search")
