#!/usr/bin/env bash
# Installs the system packages Moltres needs to build and test, if any are missing.
# Safe to run repeatedly: it does nothing when everything is present.
# Usage: scripts/bootstrap.sh [--test]   (--test also installs what the test suite needs)
set -euo pipefail

packages=(pkg-config libsqlite3-dev libpq-dev libjson-c-dev)
if [[ "${1:-}" == "--test" ]]; then
    packages+=(postgresql procps patch)
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if ((${#missing[@]} == 0)); then
    exit 0
fi

install_line="apt-get install -y --no-install-recommends ${missing[*]}"
echo "bootstrap: installing ${missing[*]}" >&2
if [[ $(id -u) -eq 0 ]]; then
    runner=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    runner=(sudo)
else
    echo "bootstrap: missing packages and no root access. Run as root:" >&2
    echo "    apt-get update && $install_line" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${runner[@]}" apt-get update -qq || ! "${runner[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    echo "bootstrap: could not install packages. Run this, then try again:" >&2
    echo "    apt-get update && $install_line" >&2
    exit 1
fi
