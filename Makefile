# The obvious targets; the README's two commands are `make run` and `make test`
# spelled out, so neither needs make.

.PHONY: run test lint build bench vulncheck

run:
	go run ./cmd/khabar serve --demo

test:
	go test ./...

lint:
	test -z "$$(gofmt -l $$(git ls-files '*.go'))"
	go vet ./...

build:
	CGO_ENABLED=0 go build -o khabar ./cmd/khabar

# Khabar beside nginx on the 100,000-story corpus (BENCHMARKS.md); builds the
# corpus on the first run.
bench:
	bench/run

# govulncheck against a vulnerability database built from the golang.org/x/vulndb
# module (fetched through the Go module proxy), with the Go of go.mod's
# toolchain line.
vulncheck:
	scripts/vulncheck.sh
