# Maître: the two commands a newcomer runs are `make run` and `make test`.
# Both install what the machine lacks (libglpk-dev, libsqlite3-dev, libpq-dev; chromium and the
# postgresql server for the tests) first;
# Swift 6 must be on PATH.

SESSION ?= Fixtures/sessions/bistro-friday-night.ndjson
NOW ?= 2026-11-19T09:00:00Z
DEMO_DB ?= .build/demo.db
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-deps deps build pictures owner-pictures scenarios golden optimum bench release clean

deps:
	@command -v swift >/dev/null || { echo "Swift 6 toolchain not found on PATH (https://swift.org/install)"; exit 1; }
	@if [ ! -f /usr/include/glpk.h ] || [ ! -f /usr/include/sqlite3.h ] || [ ! -f /usr/include/postgresql/libpq-fe.h ]; then \
		echo "Installing libglpk-dev (GLPK, the integer programming solver), libsqlite3-dev (the embedded store) and libpq-dev (the PostgreSQL client)..."; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libglpk-dev libsqlite3-dev libpq-dev >/dev/null; \
	fi

build: deps
	swift build --product maitre

# Validate the fixture layouts, replay a Friday night at the bistro through `maitre serve` on a
# fresh SQLite file, then restart the service on the same file, ask what it remembers, and audit it.
run: build
	@.build/debug/maitre check Fixtures/layouts/*.json
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@echo "--- $(SESSION) through maitre serve --db $(DEMO_DB) (one JSON response per request line):"
	@.build/debug/maitre serve --db $(DEMO_DB) --now $(NOW) < $(SESSION)
	@echo "--- a new maitre serve process on the same file: the service remembers the evening"
	@printf '%s\n' '{"id":"ping","op":"ping"}' \
		'{"id":"covers","op":"availability","restaurant":"bistro","date":"2026-11-20","time":"21:30","party":4,"limit":2}' \
		| .build/debug/maitre serve --db $(DEMO_DB)
	@echo "--- maitre check --db: the stored evening audited (every booking readable, no table-minute shared)"
	@.build/debug/maitre check --db $(DEMO_DB)
	@echo "--- maitre report: the evening as a person sees it (open the HTML file in a browser)"
	@.build/debug/maitre report --db $(DEMO_DB) --restaurant bistro --date 2026-11-20 -o .build/bistro-friday.html --timeline .build/bistro-friday-timeline.svg

# The pictures of docs/owners.md, made by the tool from the bistro's Friday night (after `make run`).
pictures: run
	.build/debug/maitre preview --layout Fixtures/layouts/bistro.json --db $(DEMO_DB) --date 2026-11-20 --time 20:00 -o docs/bistro-friday-floor-2000.svg
	.build/debug/maitre report --db $(DEMO_DB) --restaurant bistro --date 2026-11-20 --time 20:00 -o .build/bistro-friday.html --timeline docs/bistro-friday-timeline.svg

# The owners' pictures of full evenings (docs/owners.md, README): the hall's Friday and the brasserie's
# Saturday booked from demand files and played to 20:30 by scripts/owners_pictures.py through the
# tool, the reports rendered to PNG by headless Chromium.
owner-pictures: build
	@rm -f .build/pictures-*.db*
	python3 scripts/owners_pictures.py .build/debug/maitre Fixtures/layouts/hall.json Fixtures/demand/hall-friday-600.ndjson 2026-11-20 20:30 .build/pictures-hall.db docs/hall-friday
	python3 scripts/owners_pictures.py .build/debug/maitre Fixtures/layouts/brasserie.json Fixtures/demand/brasserie-saturday.ndjson 2026-11-28 20:30 .build/pictures-brasserie.db docs/brasserie-saturday
	for page in hall-friday brasserie-saturday; do \
		chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,1500 --screenshot=docs/$$page-report.png docs/$$page.html >/dev/null 2>&1; \
		rm docs/$$page.html; \
	done

# Every fixture scenario under every policy (release build), 20 replications each: the comparison in docs/analysts.md.
scenarios: deps
	swift build -c release --product maitre
	@for scenario in Fixtures/scenarios/*.json; do \
		/usr/bin/time -f "($$scenario: %e s)" .build/release/maitre simulate --scenario $$scenario --replications 20 --quiet \
			--out .build/scenarios/$$(basename $$scenario .json); \
	done

# The end-to-end tests also render the day report in headless Chromium, and the PostgreSQL tests
# start their own throwaway server (initdb + pg_ctl on loopback; no system service is started).
test-deps: deps
	@if ! command -v chromium >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "Installing chromium (the report's browser check) and postgresql (throwaway test servers)..."; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium postgresql >/dev/null; \
	fi

test: test-deps
	swift test

# The analysts' yardstick: the offline optimum of a Friday's demand on the hall.
optimum: deps
	swift build -c release --product maitre
	.build/release/maitre optimum --layout Fixtures/layouts/hall.json --demand Fixtures/demand/hall-friday-600.ndjson --date 2026-11-20

# Rewrite Fixtures/sessions/*.expected.ndjson from the current binary (review the diff!).
golden: deps
	MAITRE_UPDATE_GOLDEN=1 swift test --filter GoldenSessionTests

release: deps
	swift build -c release --product maitre

# Latency and throughput figures (Benchmarks/ is its own package: CI never builds it).
bench: release
	swift build -c release --package-path Benchmarks
	Benchmarks/.build/release/maitre-bench --maitre .build/release/maitre $(BENCH_ARGS)

clean:
	rm -rf .build Benchmarks/.build
