#!/bin/sh
# Builds the front-end libFuzzer target and runs it.
#   scripts/fuzz-frontend.sh [-runs=N] [-max_total_time=S] [corpus-dir]
# The corpus starts from the .moltres fixtures. Crashes are written to ./crash-*.
set -eu
cd "$(dirname "$0")/.."
mkdir -p .build/fuzz .build/fuzz/corpus
cp Tests/EngineTests/Fixtures/*.moltres .build/fuzz/corpus/ 2>/dev/null || true
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name Moltres \
    -Xcc -fmodule-map-file=Sources/CSQLite/module.modulemap -I Sources/CSQLite \
    -Xcc -fmodule-map-file=Sources/CPostgres/module.modulemap -I Sources/CPostgres -Xcc -I/usr/include/postgresql \
    $(find Sources/Engine -name '*.swift') Fuzz/FrontendFuzzer.swift \
    -lsqlite3 -lpq -o .build/fuzz/frontend-fuzzer
exec .build/fuzz/frontend-fuzzer -max_len=4096 "$@" .build/fuzz/corpus
