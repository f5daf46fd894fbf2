# mmsgate: `make run` starts the server, `make test` runs every suite. Both set up a fresh Debian 12
# machine first (scripts/bootstrap installs only what is missing).
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= 2
MAKEFLAGS += --no-print-directory
# Lets ccache share results between checkouts in different folders.
export CCACHE_BASEDIR := $(CURDIR)
CMAKE_FLAGS ?=

.PHONY: all bootstrap build web run test test-unit test-integration test-web bench clean

all: build

bootstrap:
	@scripts/bootstrap

web: bootstrap
	@scripts/build-web

$(BUILD_DIR)/CMakeCache.txt:
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS) >/dev/null

build: bootstrap web $(BUILD_DIR)/CMakeCache.txt
	@cmake --build $(BUILD_DIR) -j$(JOBS)

run: build
	@$(BUILD_DIR)/mmsgate serve

test: build
	@scripts/test

bench: bootstrap
	@scripts/bench

clean:
	rm -rf $(BUILD_DIR) build-release web/dist
