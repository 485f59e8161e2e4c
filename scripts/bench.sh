#!/usr/bin/env bash
# Runs the benchmarks in a release build, against SQLite files and a throwaway PostgreSQL server.
# Usage: scripts/bench.sh [suite …] [--repetitions N]   (suites: sqlite postgres json parser compile frontend engine cancel)
# `engine` runs DataFrame pipelines (prepared point query, 1M rows through stream/collect) on SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --test
swift build -c release --product moltres-bench >&2
bench=$(swift build -c release --show-bin-path)/moltres-bench
# The server runs on CPU 0 and the client on CPU 1, so they do not compete for a core.
scripts/with-postgres.sh bash -c '
    if command -v taskset >/dev/null && [[ $(nproc) -ge 2 ]]; then
        pid=$(head -1 "$MOLTRES_TEST_POSTGRES_DIR/data/postmaster.pid" 2>/dev/null || true)
        [[ -n "$pid" ]] && taskset -a -pc 0 "$pid" >/dev/null 2>&1 || true
        exec taskset -c 1 "$0" "$@"
    fi
    exec "$0" "$@"' "$bench" "$@"
