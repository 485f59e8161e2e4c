#!/usr/bin/env bash
# Runs the PostgreSQL benchmarks in a release build against a throwaway server,
# with the server pinned to CPU 0 and the benchmark to CPU 1 (when the machine has two CPUs and taskset).
#
#   scripts/bench-postgres.sh [--repetitions N]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product moltres-bench
BENCH="$(swift build -c release --show-bin-path)/moltres-bench"

exec scripts/with-postgres.sh bash -c '
    set -euo pipefail
    bench="$1"; shift
    pin=()
    if command -v taskset >/dev/null 2>&1 && [[ $(nproc) -ge 2 ]]; then
        postmaster=$(head -n 1 "$MOLTRES_TEST_POSTGRES_DIR/data/postmaster.pid")
        # Children (the backends) inherit the postmaster affinity.
        taskset -pc 0 "$postmaster" >/dev/null
        pin=(taskset -c 1)
        echo "bench-postgres: server pinned to CPU 0 (pid $postmaster), benchmark to CPU 1" >&2
    else
        echo "bench-postgres: taskset or a second CPU is missing; running unpinned" >&2
    fi
    "${pin[@]}" "$bench" postgres "$@"
' bench-postgres "$BENCH" "$@"
