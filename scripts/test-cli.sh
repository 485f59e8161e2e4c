#!/usr/bin/env bash
# End-to-end tests of the moltres command-line tool (pytest over the real binary, Tests/cli).
# Installs pytest if missing, builds moltres (debug) if needed, runs the tests; exits non-zero on failure.
# PostgreSQL cases use $MOLTRES_TEST_POSTGRES_URL (run under scripts/with-postgres.sh); with
# MOLTRES_REQUIRE_POSTGRES=1 they fail instead of skipping when it is missing.
#
#   scripts/test-cli.sh [pytest arguments…]
#   scripts/with-postgres.sh scripts/test-cli.sh
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
if ! "$python" -c "import pytest" 2>/dev/null; then
    echo "test-cli: installing pytest" >&2
    "$python" -m pip install --quiet pytest >&2
fi
if [[ -z "${MOLTRES_BIN:-}" ]]; then
    swift build --product moltres >&2
    export MOLTRES_BIN="$(swift build --show-bin-path)/moltres"
fi
exec "$python" -m pytest -q Tests/cli "$@"
