#!/bin/sh
# Peak memory and time of pith-index on one large plain-text file: 20 MB and 200 MB, streamed
# (the default indexing.stream_above_mb = 8), and the 20 MB file read whole (stream_above_mb =
# 1000, the path every file took before streaming) as the peer in the same run.
#
# Usage: bench/large_file.sh [BUILD_DIR] [WORK_DIR] [SIZES_MB...]
#   defaults: build, /tmp/pith-large-file, "20 200". The files are generated deterministically
#   by bench/make_large_file.py (same bytes every time) and kept in WORK_DIR for reruns.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
work=${2:-/tmp/pith-large-file}
shift 2 2>/dev/null || shift $#
sizes=${*:-20 200}
index_bin=$build/pith-index
[ -x "$index_bin" ] || { echo "large_file.sh: no $index_bin; build first (cmake --build $build)" >&2; exit 2; }
mkdir -p "$work"
printf '[indexing]\nstream_above_mb = 1000\n' > "$work/whole.toml"

run() {  # run LABEL FILE [CONFIG]
    rm -rf "$work/index"
    config=${3:+--config $3}
    # %M: peak resident set size of pith-index itself, in KB.
    /usr/bin/time -f "%M %U %S %e" -o "$work/time.out" "$index_bin" --quiet --index "$work/index" $config "$2" >/dev/null
    read -r rss user sys wall < "$work/time.out"
    printf '| %s | %s MB | %s | %s s | %s s |\n' "$1" "$(($(stat -c %s "$2") >> 20))" "$((rss / 1024)) MB" \
        "$(awk "BEGIN { print $user + $sys }")" "$wall"
}

echo "| path | file | peak RSS | CPU (user+sys) | wall |"
echo "|---|---|---|---|---|"
for size in $sizes; do
    file=$work/article-$size.txt
    [ -f "$file" ] || /usr/bin/python3 "$here/make_large_file.py" "$size" "$file"
    run streamed "$file"
done
first=$(echo "$sizes" | cut -d' ' -f1)
run "read whole" "$work/article-$first.txt" "$work/whole.toml"
