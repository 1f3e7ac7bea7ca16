#!/usr/bin/env bash
# From a fresh Debian 12 machine: install dependencies, build, index the bundled sample
# articles (docs/samples/) and run two searches.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh -DPITH_BUILD_TESTS=OFF

index=./.pith
echo
echo "\$ pith-index --index $index --rebuild docs/samples"
build/pith-index --index "$index" --rebuild docs/samples
for query in canola '"Meng Wanzhou"'; do
  echo
  echo "\$ pith-search --index $index -n 3 '$query'"
  build/pith-search --index "$index" -n 3 "$query"
done
echo "Try your own: build/pith-search --index $index 'tariffs OR levies'"
