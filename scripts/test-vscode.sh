#!/usr/bin/env bash
# Tests of the VS Code extension (editors/vscode), as far as a machine without npm allows:
#   1. Node's test runner: manifest consistency, the extension's logic with a `vscode` stand-in against
#      a language server over stdio (a contract stub, and the real `moltres lsp` when MOLTRES_BIN is set).
#   2. pytest: the TextMate grammar's regexes under Oniguruma and the fixtures' tokens.
#   3. Headless Chromium: the results panel with 10,000 rows (DOM checks + screenshots).
# Installs what it needs (nodejs, chromium, python packages) when missing. Screenshots and logs go to
# test-output/vscode/. Exit status: 0 when every step passed.
#
# Environment: MOLTRES_BIN=path/to/moltres   the server for the end-to-end test
#              MOLTRES_REQUIRE_SERVER=1      fail (not skip) the end-to-end test without a working server
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
ext="$root/editors/vscode"
out="$root/test-output/vscode"
mkdir -p "$out"
rm -f "$out"/*.png "$out"/*.log
export MOLTRES_TEST_OUTPUT="$out"

say() { printf '== vscode: %s\n' "$*"; }

apt_install() {
    # apt_install PACKAGE...: install, refreshing the package lists once if the first try fails.
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "apt-get not available: install $* by hand" >&2
        return 1
    fi
    local sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo -n"; fi
    say "installing $* (apt-get, log: $out/apt.log)"
    if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "$@" >>"$out/apt.log" 2>&1; then
        DEBIAN_FRONTEND=noninteractive $sudo apt-get update >>"$out/apt.log" 2>&1
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "$@" >>"$out/apt.log" 2>&1 || {
            echo "FAILED: apt-get install $* (see $out/apt.log); run: apt-get update && apt-get install -y $*" >&2
            return 1
        }
    fi
}

pip_install() {
    say "installing $* (pip, log: $out/pip.log)"
    python3 -m pip install --quiet "$@" >>"$out/pip.log" 2>&1 ||
        python3 -m pip install --quiet --break-system-packages "$@" >>"$out/pip.log" 2>&1 || {
        echo "FAILED: pip install $* (see $out/pip.log)" >&2
        return 1
    }
}

# --- what the tests need
setup_failed=0
if ! command -v node >/dev/null 2>&1; then apt_install nodejs || setup_failed=1; fi
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if ((node_major < 18)); then
    echo "FAILED: Node.js 18 or newer is needed (found: $(node --version 2>/dev/null || echo none))" >&2
    setup_failed=1
fi
chromium_bin=""
for c in chromium chromium-browser google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then chromium_bin=$c; break; fi
done
if [ -z "$chromium_bin" ]; then
    apt_install chromium && chromium_bin=chromium || setup_failed=1
fi
export CHROMIUM="$chromium_bin"
if ! command -v python3 >/dev/null 2>&1; then apt_install python3 python3-pip || setup_failed=1; fi
python3 -c 'import pytest' 2>/dev/null || pip_install pytest || setup_failed=1
python3 -c 'import onigurumacffi' 2>/dev/null || pip_install onigurumacffi || setup_failed=1
if ((setup_failed)); then
    echo "FAILED: the VS Code extension tests could not be set up (see above)" >&2
    exit 1
fi
say "node $(node --version), $($chromium_bin --version 2>/dev/null | head -1), python $(python3 -c 'import sys; print(sys.version.split()[0])')"
if [ -n "${MOLTRES_BIN:-}" ]; then
    say "end-to-end server: MOLTRES_BIN=$MOLTRES_BIN${MOLTRES_REQUIRE_SERVER:+ (required)}"
else
    say "end-to-end server: MOLTRES_BIN not set — the e2e test $([ "${MOLTRES_REQUIRE_SERVER:-}" = 1 ] && echo fails || echo skips)"
fi

total_pass=0
total_fail=0
total_skip=0
failed_steps=()

# node_summary LOG: adds the TAP summary counts to the totals and prints them.
node_summary() {
    local p f s c
    p=$(grep -E '^# pass [0-9]+' "$1" | tail -1 | awk '{print $3}')
    f=$(grep -E '^# fail [0-9]+' "$1" | tail -1 | awk '{print $3}')
    c=$(grep -E '^# cancelled [0-9]+' "$1" | tail -1 | awk '{print $3}')
    s=$(grep -E '^# skipped [0-9]+' "$1" | tail -1 | awk '{print $3}')
    p=${p:-0} f=${f:-0} c=${c:-0} s=${s:-0}
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f + c))
    total_skip=$((total_skip + s))
    grep -E '^# (tests|pass|fail|cancelled|skipped) [0-9]+' "$1"
    grep -E '^not ok|^# SKIP|^SKIP|^# Subtest:.*' "$1" | grep -E '^not ok' | head -20 || true
}

# --- 1. Node's test runner
say "node --test editors/vscode/test/*.test.js"
nice node --test --test-reporter=tap "$ext"/test/*.test.js >"$out/node-test.log" 2>&1
status=$?
grep -E '^(not ok|ok) |^# (SKIP|Subtest)|SKIP |FAIL ' "$out/node-test.log" | grep -vE '^# Subtest' || true
node_summary "$out/node-test.log"
if ((status != 0)); then
    failed_steps+=("node tests (exit $status; log: $out/node-test.log)")
    grep -B2 -A25 '^not ok' "$out/node-test.log" | head -120
fi

# --- 2. pytest: the grammar under Oniguruma
say "pytest editors/vscode/test/python"
nice python3 -m pytest -q -p no:cacheprovider "$ext/test/python" 2>&1 | tee "$out/pytest.log"
status=${PIPESTATUS[0]}
line=$(grep -E '^[0-9]+ (passed|failed)|(passed|failed).* in [0-9.]+s' "$out/pytest.log" | tail -1)
p=$(echo "$line" | grep -oE '[0-9]+ passed' | awk '{print $1}')
f=$(echo "$line" | grep -oE '[0-9]+ (failed|error)' | awk '{s+=$1} END {print s+0}')
total_pass=$((total_pass + ${p:-0}))
total_fail=$((total_fail + ${f:-0}))
if ((status != 0)); then failed_steps+=("pytest (exit $status)"); fi

# --- 3. headless Chromium: the results panel
say "results panel in headless Chromium ($chromium_bin)"
nice node --test --test-reporter=tap "$ext/test/browser/panel.chromium.js" >"$out/chromium-test.log" 2>&1
status=$?
grep -E '^\s*(not ok|ok) ' "$out/chromium-test.log" || true
node_summary "$out/chromium-test.log"
if ((status != 0)); then
    failed_steps+=("headless Chromium panel test (exit $status; log: $out/chromium-test.log)")
    grep -B2 -A25 'not ok' "$out/chromium-test.log" | head -80
fi
for png in "$out"/*.png; do [ -e "$png" ] && say "screenshot: ${png#"$root"/}"; done

# --- summary
echo
if ((${#failed_steps[@]} > 0)); then
    for s in "${failed_steps[@]}"; do echo "FAILED: $s" >&2; done
fi
if ((total_skip > 0)); then
    echo "vscode: $total_pass passed, $total_fail failed, $total_skip skipped"
else
    echo "vscode: $total_pass passed, $total_fail failed"
fi
if ((${#failed_steps[@]} > 0 || total_fail > 0)); then exit 1; fi
exit 0
