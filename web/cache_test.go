package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"testing"
)

func TestPageCacheHeaders(t *testing.T) {
	s := newSite(t)
	first := s.page("/ru/")
	etag := first.header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag on a public page")
	}
	if r := s.get("/ru/", "If-None-Match", etag); r.status != http.StatusNotModified {
		t.Fatalf("If-None-Match with the current ETag = %d, want 304", r.status)
	}
	req, _ := http.NewRequest("GET", s.srv.URL+"/ru/", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := (&http.Transport{}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding = %q", res.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(zr)
	if !bytes.Equal(b, []byte(first.body)) {
		t.Fatal("the gzip copy is not the page")
	}
}
