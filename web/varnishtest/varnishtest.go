// Package varnishtest runs a real Varnish for a test: Debian's varnish and
// varnish-modules (apt-get install varnish varnish-modules), the same as in
// production, on a free port of 127.0.0.1, stopped when the test ends.
//
// Without varnishd a test that needs it skips with a loud message; with
// CI=true it fails instead, so that CI cannot pass without running it.
package varnishtest

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// logBuffer keeps what varnishd prints, written and read from different
// goroutines.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Binary returns the path of varnishd ($KHABAR_TEST_VARNISHD, or varnishd
// on PATH or in /usr/sbin), or skips the test loudly (fails with CI=true).
func Binary(tb testing.TB) string {
	tb.Helper()
	if p := os.Getenv("KHABAR_TEST_VARNISHD"); p != "" {
		return p
	}
	if p, err := exec.LookPath("varnishd"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/sbin/varnishd"); err == nil {
		return "/usr/sbin/varnishd"
	}
	const msg = "varnishd not found: the edge cache tests need Debian's varnish and varnish-modules (apt-get install varnish varnish-modules; see .ci/run)"
	if os.Getenv("CI") == "true" {
		tb.Fatal(msg + " — CI=true, so this is a failure")
	}
	tb.Skip("SKIPPED (needs Varnish): " + msg)
	return ""
}

// FreeAddr returns a free address on 127.0.0.1 for a server to listen on.
func FreeAddr(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// Check compiles vcl with varnishd -C and returns the compiler's complaint.
func Check(tb testing.TB, vcl string) error {
	tb.Helper()
	bin := Binary(tb)
	dir := tb.TempDir()
	file := filepath.Join(dir, "check.vcl")
	if err := os.WriteFile(file, []byte(vcl), 0o644); err != nil {
		tb.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "-C", "-j", "none", "-f", file, "-n", filepath.Join(dir, "n"))
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		// -C prints the whole compiled C; the complaint comes last.
		out := stderr.Bytes()
		if i := bytes.Index(out, []byte("Message from VCC-compiler")); i >= 0 {
			out = out[i:]
		} else if len(out) > 2000 {
			out = out[len(out)-2000:]
		}
		return fmt.Errorf("%v: %s", err, out)
	}
	return nil
}

// Varnish is a running varnishd.
type Varnish struct {
	// URL is where it listens, http://127.0.0.1:PORT.
	URL string
	cmd *exec.Cmd
	log *logBuffer
}

// Start runs varnishd in the foreground at addr (FreeAddr) with vcl, and
// waits until it answers.
func Start(tb testing.TB, addr, vcl string) *Varnish {
	tb.Helper()
	bin := Binary(tb)
	dir := tb.TempDir()
	file := filepath.Join(dir, "khabar.vcl")
	if err := os.WriteFile(file, []byte(vcl), 0o644); err != nil {
		tb.Fatal(err)
	}
	v := &Varnish{URL: "http://" + addr, log: &logBuffer{}}
	// -j none: no separate users, so that it runs the same as root or
	// not; -F: in the foreground, stopped with its process.
	v.cmd = exec.Command(bin, "-F", "-j", "none", "-n", filepath.Join(dir, "n"), "-a", addr, "-f", file,
		"-s", "malloc,64m", "-T", "none", "-p", "thread_pool_min=5", "-p", "thread_pools=1")
	v.cmd.Stdout, v.cmd.Stderr = v.log, v.log
	if err := v.cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- v.cmd.Wait() }()
	tb.Cleanup(func() {
		v.cmd.Process.Kill()
		<-exited
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get(v.URL + "/readyz")
		if err == nil {
			res.Body.Close()
			return v
		}
		select {
		case err := <-exited:
			tb.Fatalf("varnishd exited (%v):\n%s", err, v.log.String())
		default:
		}
		if time.Now().After(deadline) {
			tb.Fatalf("varnishd did not answer in 30 s:\n%s", v.log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
