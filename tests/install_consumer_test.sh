#!/usr/bin/env bash
# Installs Pith into a temporary prefix with `cmake --install`, then builds the README's "Use
# Pith from your program" example against that prefix three ways — find_package(Pith) with the
# shared and the static library, and pkg-config — runs each on an index of docs/samples/ and
# checks that it prints the same passages, in the same order and with the same scores, as
# pith-search.
# Usage: install_consumer_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source_dir=$1
build_dir=$2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

fail() { echo "install_consumer_test: $*" >&2; exit 1; }

cmake --install "$build_dir" --prefix "$prefix" >/dev/null
for installed in bin/pith-index bin/pith-search include/pith/pith.hpp include/pith/pith.h \
                 include/pith/version_number.hpp; do
    [ -e "$prefix/$installed" ] || fail "cmake --install did not install $installed"
done
config=$(find "$prefix" -name PithConfig.cmake)
pc=$(find "$prefix" -name pith.pc)
[ -n "$config" ] || fail "no PithConfig.cmake under $prefix"
[ -n "$pc" ] || fail "no pith.pc under $prefix"
libdir=$(dirname "$(dirname "$pc")")

# The example is the first C++ block of the README section, verbatim.
awk '/^## Use Pith from your program/ {section = 1; next}
     section && /^## / {exit}
     section && /^```cpp$/ {code = 1; next}
     code && /^```$/ {exit}
     code {print}' "$source_dir/README.md" >"$work/consumer.cpp"
[ -s "$work/consumer.cpp" ] || fail "README.md has no C++ block under 'Use Pith from your program'"

cmake -S "$source_dir/tests/consumer" -B "$work/consumer-build" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCONSUMER_SOURCE="$work/consumer.cpp" -DCMAKE_BUILD_RPATH="$libdir" >/dev/null
cmake --build "$work/consumer-build" >/dev/null || fail "the consumer does not build with find_package(Pith)"

export PKG_CONFIG_PATH=$libdir/pkgconfig
[ "$(pkg-config --modversion pith)" = "$("$prefix/bin/pith-index" --version | awk '{print $2}')" ] ||
    fail "pith.pc's version differs from pith-index --version"
# shellcheck disable=SC2046 # pkg-config's output is a list of flags
c++ -std=c++20 -o "$work/consumer_pkgconfig" "$work/consumer.cpp" $(pkg-config --cflags --libs pith) \
    -Wl,-rpath,"$libdir" || fail "the consumer does not build with pkg-config"

# The shared consumers must load the installed libpith, not the build tree's. ldd's output is
# captured first: under pipefail, `ldd | grep -q` fails at random when grep exits at its first
# match and ldd dies of SIGPIPE.
shared_libs=$(ldd "$work/consumer-build/consumer_shared")
static_libs=$(ldd "$work/consumer-build/consumer_static")
grep -q "$libdir/libpith.so" <<<"$shared_libs" || fail "consumer_shared does not load $libdir/libpith.so"
if grep -q libpith <<<"$static_libs"; then
    fail "consumer_static loads libpith.so instead of linking libpith.a"
fi

mkdir "$work/run"
cd "$work/run"
"$prefix/bin/pith-index" --quiet --index .pith "$source_dir/docs/samples"
"$prefix/bin/pith-search" --json -n 5 '"Meng Wanzhou"' >expected.jsonl
# The example prints, per hit, "score path", the passage, and a blank line.
/usr/bin/python3 - expected.jsonl >expected.txt <<'PY'
import json, sys
for line in open(sys.argv[1]):
    hit = json.loads(line)
    print(f'{hit["score"]:.6g} {hit["path"]}\n{hit["passage"]}\n')
PY
[ "$(grep -c . expected.txt)" -ge 4 ] || fail "pith-search found fewer than two passages; the check would be empty"
for consumer in "$work/consumer-build/consumer_shared" "$work/consumer-build/consumer_static" \
                "$work/consumer_pkgconfig"; do
    "$consumer" >actual.txt || fail "$(basename "$consumer") exited with $?"
    diff -u expected.txt actual.txt || fail "$(basename "$consumer") printed other hits than pith-search"
done
echo "install_consumer_test: find_package (shared, static) and pkg-config consumers agree with pith-search"
