#!/usr/bin/env bash
# The quick start's main job, on the embedded SQLite default: builds moltres (release), creates the demo shop
# database examples/shop.db, then runs every example in examples/ against it, printing each statement's SQL
# and its results.
#
#   scripts/demo.sh [--format table|csv|json|jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
swift build -c release --product moltres >&2
moltres=$(swift build -c release --show-bin-path)/moltres
database=sqlite:///examples/shop.db
"$moltres" demo --db "$database" --replace
for example in examples/*.moltres; do
    echo
    echo "=== $example"
    echo
    "$moltres" run "$example" --db "$database" --show-sql "$@"
done
echo
echo "demo: ran $(ls examples/*.moltres | wc -l) examples against examples/shop.db" >&2
