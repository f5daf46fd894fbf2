# mmsgate: `make run` starts the server, `make test` runs every suite. Both set up a fresh Debian 12
# machine first (scripts/bootstrap installs only what is missing).
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= 2
MAKEFLAGS += --no-print-directory
# Lets ccache share results between checkouts in different folders.
export CCACHE_BASEDIR := $(CURDIR)
CMAKE_FLAGS ?=

.PHONY: all bootstrap bootstrap-test build build-server web run test bench clean

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

clean:
	rm -rf $(BUILD_DIR) build-release web/dist
