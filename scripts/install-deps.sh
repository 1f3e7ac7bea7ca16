#!/usr/bin/env bash
# Installs Pith's build and test dependencies from Debian 12's own packages (idempotent, see
# apt-install.sh).
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libxapian-dev libicu-dev libcli11-dev catch2
  libtomlplusplus-dev nlohmann-json3-dev libgumbo-dev
  python3 python3-xapian xapian-tools
  # Recoll, so the test suite's smoke test of bench/perf/run.py measures it too (about 10 MB with its libraries)
  recollcmd python3-recoll
)

exec "$(dirname "$0")/apt-install.sh" "${packages[@]}"
