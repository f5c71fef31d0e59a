# kamerzoek — `make run` builds, ingests corpus/ on first start and serves;
# `make test` runs every test.

GO      ?= go
BIN     := bin/kamerzoek
ADDR    ?= 127.0.0.1:8080
DATA    ?= ./data
FUZZTIME ?= 5m
BENCHTIME ?= 1x

.PHONY: build run test test-race tidy-check test-short bench fuzz vet fmt clean

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
	rm -rf bin bench.out
