// Package testnote makes a test that skips for want of a service
// (PostgreSQL, an S3 server, Chromium) visible. "go test ./..." prints only
// an "ok" line for a package whose tests pass or skip, hiding everything
// the tests wrote, stderr included; so the notice also goes straight to the
// terminal the tests run in, once per message and package.
package testnote

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var shown sync.Map

// Skip skips the test with msg, after writing msg to the terminal.
func Skip(tb testing.TB, msg string) {
	tb.Helper()
	Announce(msg)
	tb.Skip("SKIPPED: " + msg)
}

// Announce writes msg to the terminal (/dev/tty) once per test binary.
// Without a terminal (CI, a pipe) it writes nothing: "go test -v" shows
// the skip message there.
func Announce(msg string) {
	if _, dup := shown.LoadOrStore(msg, true); dup {
		return
	}
	tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0)
	if err != nil {
		return
	}
	defer tty.Close()
	pkg := strings.TrimSuffix(filepath.Base(os.Args[0]), ".test")
	fmt.Fprintf(tty, "!!! SKIPPED in %s: %s\n", pkg, msg)
}
