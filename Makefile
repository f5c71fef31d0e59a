# kamerzoek — `make run` builds, ingests corpus/ on first start and serves;
# `make test` runs every test.

GO      ?= go
BIN     := bin/kamerzoek
ADDR    ?= 127.0.0.1:8080
DATA    ?= ./data
FUZZTIME ?= 5m
BENCHTIME ?= 1x

.PHONY: build run test test-race tidy-check test-short bench bench-scale fuzz vet fmt clean

build:
	$(GO) build -o $(BIN) ./cmd/kamerzoek

run: build
	$(BIN) serve --data $(DATA) --addr $(ADDR)

# The packages that share state across goroutines, run again under the
# race detector.
RACE_PKGS := ./internal/ingest ./internal/store ./indexer ./internal/graph ./api

test: tidy-check
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 30m ./...
	$(MAKE) test-race

test-race:
	$(GO) test -race -count=1 -timeout 45m $(RACE_PKGS)

# go.mod lists what the code imports: direct requirements are not marked
# indirect, and nothing unused is required.
tidy-check:
	$(GO) mod tidy -diff

test-short:
	$(GO) test -short ./...

# Benchmarks of the hot paths; large ones run when KAMERZOEK_BENCH_LARGE=1.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./... | tee bench.out

# Scale benchmark: SCALE_N synthetic letters, kamerzoek (the real binary,
# over HTTP) against plain bleve in the same run; the report goes to
# $(SCALE_OUT)/report.md. The corpus is reused while SCALE_N and SCALE_SEED
# stay the same. SCALE_FLAGS=-serve-only measures serving again on the data
# directories of the earlier run in SCALE_OUT. SCALE_FLAGS=-reindex also reindexes through the serving
# process while a client keeps searching.
SCALE_N    ?= 10000
SCALE_SEED ?= 1
SCALE_OUT  ?= bench-scale
SCALE_SOURCES ?= ../shared/seed,../shared/realdata
SCALE_FLAGS ?=

bench-scale: build
	$(GO) build -o bin/kamerzoek-bench ./cmd/kamerzoek-bench
	bin/kamerzoek-bench run -n $(SCALE_N) -seed $(SCALE_SEED) -out $(SCALE_OUT) -bin $(BIN) -sources $(SCALE_SOURCES) $(SCALE_FLAGS)

# Each native fuzz target runs for FUZZTIME (default 5m).
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 10s $$pkg || exit 1; \
	  done; \
	done

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin bench.out bench-scale
