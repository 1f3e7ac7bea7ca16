#!/usr/bin/env bash
# Measures pith-index on a generated corpus: a full build with --jobs 1 and --jobs 2, a rerun with
# nothing changed (one stat per file), and a rerun after editing 1% of the files.
#   bench/incremental.sh [FILES]   (default 10000; needs build/pith-index)
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work/corpus" "$files" <<'PY'
import os, random, sys
random.seed(1)
words = ("canola tariff harvest prairie walrus colony river storm ice bridge council budget school union "
         "market export grain rail port minister court ruling appeal vote election trade deal China Canada "
         "the of and a to in on with after before said reported warned farmers growers prices").split()
root, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    d = os.path.join(root, f"d{i % 50}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"{i}.txt"), "w") as f:
        f.write("Report " + " ".join(random.choices(words, k=5)) + "\n\n")
        for _ in range(random.randint(2, 8)):
            f.write(" ".join(random.choices(words, k=random.randint(20, 120))) + ".\n\n")
PY
# Files must look older than the racy-clean window (2 s) for the stat fast path to trust them.
find "$work/corpus" -type f -exec touch -d '-1 hour' {} +
echo "corpus: $files files, $(du -sm "$work/corpus" | cut -f1) MB"

timed() {  # label, command...
    local label=$1; shift
    local start=$EPOCHREALTIME
    "$@" >/dev/null
    awk -v label="$label" -v s="$start" -v e="$EPOCHREALTIME" 'BEGIN { printf "%-38s %6.2f s\n", label, e - s }'
}

timed "full build, --jobs 1" build/pith-index --quiet --jobs 1 --index "$work/i1" "$work/corpus"
timed "full build, --jobs 2" build/pith-index --quiet --jobs 2 --index "$work/i2" "$work/corpus"
timed "rerun, nothing changed" build/pith-index --quiet --index "$work/i2" "$work/corpus"
find "$work/corpus" -path '*/d7/*' -name '*.txt' -exec sh -c 'echo "An added line about walrus colonies." >> "$1"' _ {} \;
timed "rerun, $(find "$work/corpus" -path '*/d7/*' -name '*.txt' | wc -l) files edited" \
      build/pith-index --quiet --index "$work/i2" "$work/corpus"
timed "rerun with --prune, nothing changed" build/pith-index --quiet --prune --index "$work/i2" "$work/corpus"
