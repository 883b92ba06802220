#!/usr/bin/env bash
# govulncheck without the public vulnerability database host: the database
# is built from the golang.org/x/vulndb module (its data/osv reports), taken
# from the Go module proxy like any module, and indexed with that module's
# own indexdb. KHABAR_VULNDB chooses another version of the module;
# KHABAR_VULNDB_DIR where the built database is kept (one per version).
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN="${GOTOOLCHAIN_VULNCHECK:-go1.27.3}"

vulndb=${KHABAR_VULNDB:-v0.0.0-20261105234957-e22db6528018}
govulncheck=golang.org/x/vuln/cmd/govulncheck@v1.9.0
cache=${KHABAR_VULNDB_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/khabar-vulndb}/$vulndb

if [ ! -f "$cache/index/db.json" ]; then
	echo "--- building the vulnerability database from golang.org/x/vulndb@$vulndb" >&2
	src=$(go mod download -json "golang.org/x/vulndb@$vulndb" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	[ -d "$src/data/osv" ] || { echo "no data/osv in golang.org/x/vulndb@$vulndb" >&2; exit 1; }
	rm -rf "$cache.tmp" && mkdir -p "$(dirname "$cache")"
	GOFLAGS= go run "golang.org/x/vulndb/cmd/indexdb@$vulndb" -out "$cache.tmp" -vulns "$src/data/osv"
	rm -rf "$cache" && mv "$cache.tmp" "$cache"
fi
echo "--- govulncheck with $(go version | cut -d' ' -f3) against golang.org/x/vulndb@$vulndb" >&2
GOFLAGS= go run "$govulncheck" -db "file://$cache" "${@:-./...}"
