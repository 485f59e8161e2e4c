#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing, builds with zero warnings,
# checks formatting, starts a throwaway PostgreSQL server and runs every test against it.
# Fails if any PostgreSQL test was skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
output="$root/test-output"
rm -rf "$output"
mkdir -p "$output"

scripts/bootstrap.sh --test

echo "== build (debug, with tests)"
swift build --build-tests 2>&1 | tee "$output/build.log"
if grep -E "^($root/)?(Sources|Tests|Benchmarks)/.*: warning:" "$output/build.log" >/dev/null; then
    echo "FAILED: the build has compiler warnings:" >&2
    grep -E "^($root/)?(Sources|Tests|Benchmarks)/.*: warning:" "$output/build.log" | sort -u >&2
    exit 1
fi

echo "== swift format lint"
if ! swift format lint --strict -r Sources Tests Benchmarks Package.swift 2>"$output/format.log"; then
    cat "$output/format.log" >&2
    echo "FAILED: swift format lint (run: swift format -i -r Sources Tests Benchmarks Package.swift)" >&2
    exit 1
fi

echo "== swift test (SQLite files + a throwaway PostgreSQL server)"
export MOLTRES_REQUIRE_POSTGRES=1
status=0
# Peak-memory tests read the process-wide peak RSS, so they run alone, after the parallel pass.
memory_tests='millionRowsStream'
scripts/with-postgres.sh bash -c "
    swift test --skip-build --skip '$memory_tests' && swift test --skip-build --no-parallel --filter '$memory_tests'
" 2>&1 | tee "$output/swift-test.log" || status=$?
if ((status != 0)); then
    # The log is long and CI shows its tail: repeat every failure here, where it is seen.
    echo "== failures (repeated from the log above)" >&2
    grep -E -A6 "recorded an issue|✘ Test .* failed|Fatal error|signal code" "$output/swift-test.log" | head -150 >&2 || true
    echo "FAILED: swift test exited with $status" >&2
    exit "$status"
fi
if grep -E "(Test .* skipped|skipped:)" "$output/swift-test.log" >/dev/null; then
    echo "FAILED: tests were skipped (every test must run here):" >&2
    grep -E "(Test .* skipped|skipped:)" "$output/swift-test.log" >&2
    exit 1
fi
# End-to-end suites over the real `moltres` binary: the CLI, the language server and the VS Code extension.
export MOLTRES_BIN="$root/.build/debug/moltres"
export MOLTRES_REQUIRE_SERVER=1
for suite in cli lsp vscode; do
    script="scripts/test-$suite.sh"
    [[ -x "$script" ]] || continue
    echo "== $suite end-to-end tests"
    if ! scripts/with-postgres.sh "$script" 2>&1 | tee "$output/$suite.log"; then
        echo "FAILED: $script" >&2
        exit 1
    fi
done
echo "== all tests passed"
