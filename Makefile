# Shortcuts for the scripts in scripts/; the scripts are the source of truth.
.PHONY: demo test bench fuzz format lint

demo:            ## the quick start's main job: build, create examples/shop.db, run the examples
	./scripts/demo.sh

test:            ## the whole test suite (as CI runs it)
	./scripts/test.sh

bench:           ## benchmarks, release build (SUITES="sqlite postgres json parser compile frontend")
	./scripts/bench.sh $(SUITES)

FUZZ_SECONDS ?= 60
fuzz:            ## libFuzzer + AddressSanitizer on the front end for FUZZ_SECONDS (default 60)
	./scripts/fuzz-frontend.sh -max_total_time=$(FUZZ_SECONDS)

format:          ## rewrite sources in the one code style
	swift format -i -r Sources Tests Benchmarks Fuzz Package.swift

lint:            ## check the code style without changing files
	swift format lint --strict -r Sources Tests Benchmarks Fuzz Package.swift
