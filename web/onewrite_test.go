package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/khabarnews/khabar/web"
)

// countingListener counts the writes made on its connections.
type countingListener struct {
	net.Listener
	writes atomic.Int64
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &countingConn{Conn: c, l: l}, nil
}

type countingConn struct {
	net.Conn
	l *countingListener
}

func (c *countingConn) Write(p []byte) (int, error) {
	c.l.writes.Add(1)
	return c.Conn.Write(p)
}

// TestCachedPageInOneWrite: a cached page whose headers and body pass net/
// http's 4 KB buffer leaves in one write, over a kept-alive connection,
// whole; HEAD, 304 and the static files still answer as before.
func TestCachedPageInOneWrite(t *testing.T) {
	s := newSite(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	counting := &countingListener{Listener: ln}
	srv := &http.Server{Handler: s.srv.Config.Handler, ConnContext: web.ConnContext}
	go srv.Serve(web.Listener(counting))
	t.Cleanup(func() { srv.Close() })
	base := "http://" + ln.Addr().String()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 1}}
	get := func(method, path string, header ...string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return res, b
	}
	page := "/ru/section/economy"
	_, plain := get("GET", page, "Accept-Encoding", "identity")
	get("GET", page, "Accept-Encoding", "gzip") // cached from now on
	for i := range 5 {
		before := counting.writes.Load()
		res, b := get("GET", page, "Accept-Encoding", "identity")
		if n := counting.writes.Load() - before; n != 1 || len(b) < 5<<10 {
			t.Errorf("request %d: a %d-byte page (%s) left in %d writes", i, len(b), res.Header.Get("X-Cache"), n)
		}
		if !bytes.Equal(b, plain) || res.Header.Get("Content-Length") != strconv.Itoa(len(b)) {
			t.Fatalf("request %d: the page arrived damaged (%d bytes, Content-Length %s)", i, len(b), res.Header.Get("Content-Length"))
		}
	}
	res, b := get("GET", page, "Accept-Encoding", "gzip")
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if unz, _ := io.ReadAll(zr); !bytes.Equal(unz, plain) || res.Header.Get("X-Cache") != "hit" {
		t.Errorf("the gzip copy after them: X-Cache %q, the same page %v", res.Header.Get("X-Cache"), bytes.Equal(unz, plain))
	}
	if res, b := get("HEAD", page, "Accept-Encoding", "gzip"); res.StatusCode != http.StatusOK || len(b) != 0 {
		t.Errorf("HEAD: %d with %d bytes", res.StatusCode, len(b))
	}
	if res, _ := get("GET", page, "If-None-Match", res.Header.Get("ETag")); res.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %d", res.StatusCode)
	}
	if res, b := get("GET", "/static/favicon.svg"); res.StatusCode != http.StatusOK || !bytes.Contains(b, []byte("<svg")) {
		t.Errorf("a static file: %d, %d bytes", res.StatusCode, len(b))
	}
	if _, b := get("GET", page, "Accept-Encoding", "identity"); !bytes.Equal(b, plain) {
		t.Error("the page after the others on the same connection differs")
	}
}
