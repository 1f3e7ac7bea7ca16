#!/usr/bin/env bash
# Installs Pith's build and test dependencies from Debian 12's own packages. Idempotent: when
# everything is present it changes nothing and does not touch the network.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libxapian-dev libicu-dev libcli11-dev catch2
  libtomlplusplus-dev nlohmann-json3-dev libgumbo-dev
  python3 python3-xapian xapian-tools
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 2; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
