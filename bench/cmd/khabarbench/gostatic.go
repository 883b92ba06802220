package main

import (
	"bufio"
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// The Go floor: "khabarbench gostatic ADDR ROOT NAME" serves one page from
// memory with Go's net/http and nothing else (no routing, no cache, no
// middleware), the same bytes and headers as nginx. It shows how much of
// the distance between Khabar and nginx is Go's HTTP server itself.

// writeHeaders saves the headers nginx adds for a page, for gostatic.
func writeHeaders(root string, p staticPage) error {
	var b strings.Builder
	b.WriteString("Content-Type: " + p.header.Get("Content-Type") + "\n")
	for k, vs := range p.header {
		switch k {
		case "Date", "Content-Length", "Content-Type", "Content-Encoding", "Etag", "Last-Modified", "Vary", "Accept-Ranges":
			continue
		}
		for _, v := range vs {
			b.WriteString(k + ": " + v + "\n")
		}
	}
	return os.WriteFile(filepath.Join(root, p.name+".headers"), []byte(b.String()), 0o644)
}

// gostatic is the server of the Go floor.
func gostatic(addr, root, name string) error {
	body, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		return err
	}
	gz, err := os.ReadFile(filepath.Join(root, name+".gz"))
	if err != nil {
		return err
	}
	f, err := os.Open(filepath.Join(root, name+".headers"))
	if err != nil {
		return err
	}
	header := http.Header{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ": "); ok {
			header.Add(k, v)
		}
	}
	f.Close()
	etag := `"` + strconv.FormatInt(int64(len(body)), 16) + "-" + strconv.FormatInt(int64(len(gz)), 16) + `"`
	lenBody, lenGz := strconv.Itoa(len(body)), strconv.Itoa(len(gz))
	return http.ListenAndServe(addr, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range header {
			h[k] = v
		}
		h.Set("Etag", etag)
		h.Set("Vary", "Accept-Encoding")
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.Set("Content-Encoding", "gzip")
			h.Set("Content-Length", lenGz)
			w.Write(gz)
			return
		}
		h.Set("Content-Length", lenBody)
		w.Write(body)
	}))
}

// startGoStatic runs the Go floor for one page as a child process.
func startGoStatic(ctx context.Context, cfg config, name string) (*server, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, self, "gostatic", addr, filepath.Join(cfg.path("nginx"), "www"), name)
	s, err := start("gostatic", "http://"+addr, cfg.path("gostatic.log"), cmd)
	if err != nil {
		return nil, err
	}
	if _, err := s.waitReady(s.base+"/"+name, time.Now(), 10*time.Second); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}
