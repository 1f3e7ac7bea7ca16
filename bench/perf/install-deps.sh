#!/usr/bin/env bash
# Installs what bench/perf needs beyond Pith's own build dependencies (scripts/install-deps.sh):
# the peers (SQLite FTS5, Xapian's omindex and quest, Recoll, Lucene 4.10 with a JDK to compile
# bench/perf/lucene/, ripgrep), the in-process drivers (python3-xapian, python3-recoll; Python's
# sqlite3 module has FTS5), gnuplot for the plot, and the Debian
# packages whose English prose make_corpus.py turns into the corpus. Kept apart from
# scripts/install-deps.sh on purpose: the test suite must not need these ~400 MB of packages
# (its smoke test of the harness skips absent peers). Idempotent.
set -euo pipefail

packages=(
  # peers and drivers
  sqlite3 xapian-omega xapian-tools python3-xapian ripgrep python3 gnuplot-nox
  recollcmd python3-recoll liblucene4.10-java default-jdk-headless
  # prose sources (see make_corpus.py for what each contributes)
  linux-doc python3-doc perl-doc postgresql-doc-15 git-doc manpages manpages-dev
  bible-kjv bible-kjv-text
  # profiling (bench/README.md)
  linux-perf valgrind heaptrack
)

exec "$(dirname "$0")/../../scripts/apt-install.sh" "${packages[@]}"
