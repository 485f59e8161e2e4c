#!/usr/bin/env bash
# The main job on the embedded SQLite default: creates the demo shop database under examples/
# and shows its schema.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
swift build -c release --product moltres >&2
moltres=$(swift build -c release --show-bin-path)/moltres
"$moltres" demo --db sqlite:///examples/shop.db --replace
"$moltres" schema --db sqlite:///examples/shop.db
