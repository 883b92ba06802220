package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
)

// TestCompressedCopies: each browser gets the smallest copy it can read,
// and every copy is the page itself.
func TestCompressedCopies(t *testing.T) {
	s := newSite(t)
	page := s.page("/ar/")
	decoders := map[string]func(io.Reader) (io.Reader, error){
		"gzip": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		"br":   func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
		"zstd": func(r io.Reader) (io.Reader, error) { return zstd.NewReader(r) },
		"":     func(r io.Reader) (io.Reader, error) { return r, nil },
	}
	sizes := map[string]int{}
	for _, c := range []struct {
		accept string
		want   []string // any of these
	}{
		{"gzip", []string{"gzip"}},
		{"br", []string{"br"}},
		{"zstd", []string{"zstd"}},
		{"gzip, deflate, br, zstd", []string{"br", "zstd"}}, // a current Chrome: the smaller of the two
		{"GZIP;q=0.5", []string{"gzip"}},
		{"gzip;q=0, br;q=0, zstd;q=0", []string{""}},
		{"*", []string{"br", "zstd"}},
		{"*, br;q=0", []string{"zstd", "gzip"}},
		{"identity", []string{""}},
		{"", []string{""}},
	} {
		req, _ := http.NewRequest("GET", s.srv.URL+"/ar/", nil)
		req.Header.Set("Accept-Encoding", c.accept)
		res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		s.must(err)
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		got := res.Header.Get("Content-Encoding")
		ok := false
		for _, w := range c.want {
			ok = ok || got == w
		}
		if !ok {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want one of %q", c.accept, got, c.want)
			continue
		}
		zr, err := decoders[got](bytes.NewReader(raw))
		s.must(err)
		body, err := io.ReadAll(zr)
		s.must(err)
		if string(body) != page.body {
			t.Errorf("Accept-Encoding %q: the %q copy is not the page", c.accept, got)
		}
		sizes[got] = len(raw)
	}
	if sizes["br"] >= sizes["gzip"] || sizes["zstd"] >= sizes[""] {
		t.Errorf("sizes %v: brotli should beat gzip, and every copy the plain page", sizes)
	}
	t.Logf("front page bytes: %v", sizes)
}
