#!/usr/bin/env bash
# docs/index-format.md's "Querying without Pith" script, run with Debian's python3-xapian on an
# index of docs/samples/, must return the same passages, order and scores as pith-search --json.
# Usage: index_format_test.sh SOURCE_DIR PITH_INDEX PITH_SEARCH
set -euo pipefail
source_dir=$1 pith_index=$2 pith_search=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "index_format_test: $*" >&2; exit 1; }

/usr/bin/python3 -c 'import xapian' 2>/dev/null ||
    fail "python3-xapian is missing; run scripts/install-deps.sh"
awk '/^## Querying without Pith/ {section = 1; next}
     section && /^```python$/ {code = 1; next}
     code && /^```$/ {exit}
     code {print}' "$source_dir/docs/index-format.md" >"$work/query.py"
[ -s "$work/query.py" ] || fail "docs/index-format.md has no python block under 'Querying without Pith'"

"$pith_index" --quiet --index "$work/index" "$source_dir/docs/samples"
# The same script on a sharded index (Xapian opens its stub) must rank like the single index.
"$pith_index" --quiet --shards 3 --index "$work/sharded" "$source_dir/docs/samples"
# An index caught in the middle of writing a streamed article: every sample is streamed (a
# 1 KB threshold), then the canola article's marker is put back on pith.pending, as during
# its writing. The script must hide it exactly as pith-search does.
printf '[indexing]\nstream_above_mb = 0.001\n' >"$work/stream.toml"
"$pith_index" --quiet --index "$work/pending" --config "$work/stream.toml" "$source_dir/docs/samples"
/usr/bin/python3 - "$work/pending" <<'PY' || fail "could not mark an article pending"
import json, sys, xapian
db = xapian.WritableDatabase(sys.argv[1])
for key in db.metadata_keys("pith.article."):
    record = json.loads(db.get_metadata(key))
    if record["path"].endswith("01-canola-tariffs.txt"):
        db.set_metadata("pith.pending", json.dumps([record["stream"]]))
db.commit()
assert db.get_metadata("pith.pending"), "no streamed canola article"
PY
compared=0
for query in "canola" "canola exports" "Meng extradition" "ice storm" "tariffs"; do
  for xapian_index in "$work/index" "$work/sharded" "$work/pending"; do
    pith_index_dir=$work/index
    [ "$xapian_index" = "$work/pending" ] && pith_index_dir=$work/pending
    # shellcheck disable=SC2086 # the query's words are separate arguments on purpose
    /usr/bin/python3 "$work/query.py" "$xapian_index" $query >"$work/xapian.jsonl"
    "$pith_search" --index "$pith_index_dir" --json -- "$query" >"$work/pith.jsonl" ||
        fail "pith-search found nothing for '$query'; the comparison would be empty"
    /usr/bin/python3 - "$work/xapian.jsonl" "$work/pith.jsonl" "$query" "$xapian_index" <<'PY' || exit 1
import json, sys
keys = ("path", "passage_index", "passage")
xapian_hits = [json.loads(line) for line in open(sys.argv[1])]
pith_hits = [json.loads(line) for line in open(sys.argv[2])]
if sys.argv[4].endswith("/pending") and any(h["path"].endswith("01-canola-tariffs.txt") for h in xapian_hits):
    print("index_format_test: the script shows a passage of a pending (unfinished) article", file=sys.stderr)
    sys.exit(1)
ok = [{k: h[k] for k in keys} for h in xapian_hits] == [{k: h[k] for k in keys} for h in pith_hits] and all(
    abs(a["score"] - b["score"]) < 1e-9 for a, b in zip(xapian_hits, pith_hits))
if not ok:
    print(f"index_format_test: '{sys.argv[3]}' on {sys.argv[4]}: python3-xapian and pith-search disagree", file=sys.stderr)
    for a, b in zip(xapian_hits, pith_hits):
        print(f"  xapian {a['score']:.6f} {a['path']} #{a['passage_index']}  |  pith {b['score']:.6f} {b['path']} #{b['passage_index']}", file=sys.stderr)
    sys.exit(1)
PY
    compared=$((compared + 1))
  done
done
echo "index_format_test: the documented python3-xapian query matches pith-search in $compared comparisons (single, sharded and mid-stream index)"
