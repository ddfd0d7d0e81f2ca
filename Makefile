# Maître: the two commands a newcomer runs are `make run` and `make test`.
# Both install what the machine lacks (libglpk-dev) first; Swift 6 must be on PATH.

SESSION ?= Fixtures/sessions/bistro-saturday.ndjson
NOW ?= 2026-11-19T09:00:00Z
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps build golden bench release clean

deps:
	@command -v swift >/dev/null || { echo "Swift 6 toolchain not found on PATH (https://swift.org/install)"; exit 1; }
	@if [ ! -f /usr/include/glpk.h ]; then \
		echo "Installing libglpk-dev (GLPK, the integer programming solver)..."; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libglpk-dev >/dev/null; \
	fi

build: deps
	swift build --product maitre

# Validate the fixture layouts, then replay a Saturday at the bistro through `maitre serve`.
run: build
	@.build/debug/maitre check Fixtures/layouts/*.json
	@echo "--- $(SESSION) through maitre serve (one JSON response per request line):"
	@.build/debug/maitre serve --now $(NOW) < $(SESSION)

test: deps
	swift test

# Rewrite Fixtures/sessions/*.expected.ndjson from the current binary (review the diff!).
golden: deps
	MAITRE_UPDATE_GOLDEN=1 swift test --filter GoldenSessionTests

release: deps
	swift build -c release --product maitre

# Latency and throughput figures (Benchmarks/ is its own package: CI never builds it).
bench: release
	swift build -c release --package-path Benchmarks
	Benchmarks/.build/release/maitre-bench --maitre .build/release/maitre

clean:
	rm -rf .build Benchmarks/.build
