#!/usr/bin/env bash
# The language server benchmarks (issue #5) in a release build: spawn → initialize, hover and completion round
# trips against a minimal stdio echo server (moltres-lsp-echo) measured by the same client in the same run, the
# time to publish diagnostics after an edit, and the server's peak RSS, on a 5,000-line file with a 500-table ×
# 20-column schema. Prints a Markdown table on stdout and the percentiles on stderr.
#
#   scripts/bench-lsp.sh [--repetitions N]
#
# Nothing is pinned with taskset: children inherit the client's CPU set, and the servers are multi-threaded.
# On a shared machine, run it a few times and compare medians.
set -euo pipefail
cd "$(dirname "$0")/.."
for product in moltres moltres-lsp-echo moltres-bench; do
    swift build -c release --product "$product" >&2
done
bin=$(swift build -c release --show-bin-path)
exec "$bin/moltres-bench" lsp "$@"
