#!/usr/bin/env bash
# End-to-end tests of `moltres lsp` with real clients: the pytest-lsp suite (Tests/lsp) and headless Neovim.
#
# Installs what it needs (pytest-lsp with pip, neovim with apt-get) when missing, builds the debug `moltres`
# binary when needed, and exits non-zero when any test fails.
#
# PostgreSQL: set MOLTRES_TEST_POSTGRES_URL to run the PostgreSQL cases; with MOLTRES_REQUIRE_POSTGRES=1 a
# missing URL is a failure, not a skip.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD

if ! python3 -c 'import pytest_lsp' 2>/dev/null; then
    echo "== installing pytest-lsp"
    python3 -m pip install --quiet pytest-lsp
fi
if ! command -v nvim >/dev/null 2>&1; then
    echo "== installing neovim"
    if [ "$(id -u)" = 0 ]; then apt-get install -y neovim >/dev/null; else sudo apt-get install -y neovim >/dev/null; fi
fi

binary="$root/.build/debug/moltres"
if [ ! -x "$binary" ] || [ -n "$(find Sources -newer "$binary" -name '*.swift' -print -quit)" ]; then
    echo "== building moltres (debug)"
    swift build --product moltres
fi
export MOLTRES_BIN="$binary"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MOLTRES_LSP_TEST_DIR="$work"

status=0
echo "== pytest-lsp end-to-end suite"
(cd Tests/lsp && python3 -m pytest -q -p no:cacheprovider) || status=1

echo "== headless Neovim"
export MOLTRES_WS="$work/ws"
if ! timeout 120 nvim --headless -u NONE -c "luafile Tests/lsp/nvim_test.lua"; then
    echo "Neovim test failed"
    status=1
fi

if [ "$status" = 0 ]; then echo "== all LSP end-to-end tests passed"; else echo "== LSP end-to-end tests FAILED"; fi
exit "$status"
