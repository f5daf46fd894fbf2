# mmsgate: `make run` starts the server, `make test` runs every suite. Both set up a fresh Debian 12
# machine first (scripts/bootstrap installs only what is missing).
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= 2
MAKEFLAGS += --no-print-directory
# Lets ccache share results between checkouts in different folders, and cache the compiles that
# use a precompiled header (otherwise "uncacheable": a fresh clone would recompile everything).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_SLOPPINESS ?= pch_defines,time_macros
CMAKE_FLAGS ?=

.PHONY: all bootstrap bootstrap-test build build-server web run test bench fuzz test-sanitizers clean

all: build

bootstrap:
	@scripts/bootstrap run

bootstrap-test:
	@scripts/bootstrap test

web: bootstrap
	@scripts/build-web

$(BUILD_DIR)/CMakeCache.txt:
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS) >/dev/null

# The server binary alone: what `make run` needs (no test or benchmark target is compiled).
build-server: bootstrap web $(BUILD_DIR)/CMakeCache.txt
	@cmake --build $(BUILD_DIR) -j$(JOBS) --target mmsgate

# Everything: the server, the test suites and the micro-benchmarks.
build: bootstrap-test web $(BUILD_DIR)/CMakeCache.txt
	@cmake --build $(BUILD_DIR) -j$(JOBS)

run: build-server
	@$(BUILD_DIR)/mmsgate serve

test: build
	@scripts/test

bench: bootstrap-test
	@scripts/bench

# Each target for FUZZ_SECONDS (30) with clang 16's libFuzzer, ASan and UBSan, in build-fuzz/
# (scripts/fuzz installs clang 16 when it is missing). Fails on any crash, leak or timeout.
fuzz:
	@scripts/fuzz

# The C++ unit, integration and probe suites under g++'s ASan + LSan + UBSan in build-sanitizers/,
# on SQLite and PostgreSQL; no web UI, no browser tests, no micro-benchmarks, and not the few
# latency/throughput tests an instrumented build cannot meet (the list and why: scripts/test-sanitizers).
test-sanitizers:
	@scripts/test-sanitizers

clean:
	rm -rf $(BUILD_DIR) build-release build-fuzz build-sanitizers web/dist
