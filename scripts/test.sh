#!/usr/bin/env bash
# Installs dependencies, builds Pith with its tests and runs the whole suite through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh -DPITH_BUILD_TESTS=ON
cd build
ctest --output-on-failure --timeout 600
