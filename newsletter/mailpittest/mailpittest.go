// Package mailpittest starts a real SMTP server for tests: Mailpit, on
// 127.0.0.1 with its own database in a temporary directory, and reads
// what arrived through its HTTP API. Without Mailpit a test skips with a
// loud message, or fails when CI=true.
package mailpittest

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar/internal/testnote"
)

// mailpit finds the server (go install github.com/axllent/mailpit@v1.33.1;
// .ci/run installs it).
func mailpit(tb testing.TB) string {
	tb.Helper()
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p
	}
	if gopath, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		p := filepath.Join(strings.TrimSpace(string(gopath)), "bin", "mailpit")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	const msg = "mailpit not found: the mail tests are skipped; install it with go install github.com/axllent/mailpit@v1.33.1"
	if os.Getenv("CI") == "true" {
		tb.Fatal(msg + " — CI=true, so this is a failure")
	}
	testnote.Skip(tb, msg)
	return ""
}

// Server is a running Mailpit.
type Server struct {
	// SMTP is the address to send mail to (host:port, no TLS, no login).
	SMTP string
	api  string
	tb   testing.TB
}

func freeAddr(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// Start runs Mailpit until the test ends.
func Start(tb testing.TB) *Server {
	tb.Helper()
	bin := mailpit(tb)
	s := &Server{SMTP: freeAddr(tb), api: "http://" + freeAddr(tb), tb: tb}
	cmd := exec.Command(bin, "--smtp", s.SMTP, "--listen", strings.TrimPrefix(s.api, "http://"),
		"--database", filepath.Join(tb.TempDir(), "mailpit.db"), "--disable-version-check", "--quiet", "--enable-chaos")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		res, err := http.Get(s.api + "/api/v1/messages")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s
			}
		}
		if time.Now().After(deadline) {
			tb.Fatalf("mailpit did not come up: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Address is a name and an address as Mailpit reports them.
type Address struct {
	Name    string
	Address string
}

// Summary is a message in Mailpit's list.
type Summary struct {
	ID      string
	Subject string
	From    Address
	To      []Address
	Created time.Time
}

// Message is one message as Mailpit read it.
type Message struct {
	ID              string
	MessageID       string
	Subject         string
	From            Address
	To              []Address
	Text, HTML      string
	ListUnsubscribe struct {
		Header     string
		Links      []string
		Errors     string
		HeaderPost string
	}
	// Headers are the raw headers, by name.
	Headers map[string][]string
}

func (s *Server) get(path string, v any) {
	s.tb.Helper()
	res, err := http.Get(s.api + path)
	if err != nil {
		s.tb.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		s.tb.Fatalf("mailpit %s: %s", path, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		s.tb.Fatalf("mailpit %s: %v", path, err)
	}
}

// Messages lists the messages that arrived, newest first.
func (s *Server) Messages() []Summary {
	s.tb.Helper()
	var out struct{ Messages []Summary }
	s.get("/api/v1/messages?limit=1000", &out)
	return out.Messages
}

// To lists the messages that arrived for an address, newest first.
func (s *Server) To(addr string) []Summary {
	s.tb.Helper()
	var out []Summary
	for _, m := range s.Messages() {
		for _, to := range m.To {
			if strings.EqualFold(to.Address, addr) {
				out = append(out, m)
			}
		}
	}
	return out
}

// Message reads one message whole, with its headers.
func (s *Server) Message(id string) *Message {
	s.tb.Helper()
	var m Message
	s.get("/api/v1/message/"+id, &m)
	s.get("/api/v1/message/"+id+"/headers", &m.Headers)
	return &m
}

// Wait waits until n messages arrived for addr (or fails the test after
// timeout), and returns them, newest first.
func (s *Server) Wait(addr string, n int, timeout time.Duration) []Summary {
	s.tb.Helper()
	deadline := time.Now().Add(timeout)
	for {
		got := s.To(addr)
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			s.tb.Fatalf("%d messages for %s after %v, want %d", len(got), addr, timeout, n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Fail makes the server answer code (a 4xx or 5xx) to every RCPT TO
// until Fail(0) — Mailpit's "chaos" triggers.
func (s *Server) Fail(code int) {
	s.tb.Helper()
	body := fmt.Sprintf(`{"Recipient":{"ErrorCode":%d,"Probability":%d}}`, max(code, 451), min(code, 100))
	req, err := http.NewRequest(http.MethodPut, s.api+"/api/v1/chaos", strings.NewReader(body))
	if err != nil {
		s.tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.tb.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		s.tb.Fatalf("mailpit chaos: %s", res.Status)
	}
}

func (s *Server) String() string { return fmt.Sprintf("mailpit smtp=%s api=%s", s.SMTP, s.api) }
