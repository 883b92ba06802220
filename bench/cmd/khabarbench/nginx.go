package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

// staticPage is a page fetched from Khabar, to be served by nginx as a file:
// the same body, the same gzip bytes and the same headers.
type staticPage struct {
	name   string // file name under the nginx root, and its URL path
	header http.Header
	body   []byte // identity encoding
	gz     []byte // Khabar's own gzip copy
}

// copiedHeaders are Khabar's response headers that nginx adds too, so that
// both send about as many bytes; nginx writes Date, Content-Length,
// Content-Type, Content-Encoding, ETag, Last-Modified and Vary itself.
func copiedHeaders(h http.Header) []string {
	skip := []string{"Date", "Content-Length", "Content-Type", "Content-Encoding", "Etag", "Last-Modified", "Vary", "Accept-Ranges"}
	var out []string
	for k, vs := range h {
		if slices.Contains(skip, k) {
			continue
		}
		for _, v := range vs {
			if strings.ContainsAny(v, "\"$\\") {
				continue // not expressible in an nginx string
			}
			out = append(out, fmt.Sprintf("add_header %s \"%s\" always;", k, v))
		}
	}
	slices.Sort(out)
	return out
}

// nginxConfig serves each page at /NAME from root, with gzip_static, no
// access log, and as many workers as there are cores.
func nginxConfig(prefix, root, addr string, pages []staticPage) string {
	var b strings.Builder
	fmt.Fprintf(&b, `daemon off;
worker_processes %[1]d;
pid %[2]s/nginx.pid;
error_log %[2]s/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 120s;
    keepalive_requests 1000000;
    client_body_temp_path %[2]s/tmp/body;
    proxy_temp_path %[2]s/tmp/proxy;
    fastcgi_temp_path %[2]s/tmp/fastcgi;
    uwsgi_temp_path %[2]s/tmp/uwsgi;
    scgi_temp_path %[2]s/tmp/scgi;
    types { }
    gzip off;
    gzip_static on;
    gzip_vary on;
    server {
        listen %[3]s;
        root %[4]s;
`, runtime.NumCPU(), prefix, addr, root)
	for _, p := range pages {
		fmt.Fprintf(&b, "        location = /%s {\n            default_type %q;\n", p.name, p.header.Get("Content-Type"))
		for _, h := range copiedHeaders(p.header) {
			fmt.Fprintf(&b, "            %s\n", h)
		}
		b.WriteString("        }\n")
	}
	b.WriteString("    }\n}\n")
	return b.String()
}

// startNginx writes the pages and the configuration under prefix and runs
// nginx in the foreground.
func startNginx(ctx context.Context, cfg config, pages []staticPage) (*server, error) {
	prefix := cfg.path("nginx")
	root := filepath.Join(prefix, "www")
	if err := os.RemoveAll(prefix); err != nil {
		return nil, err
	}
	for _, d := range []string{root, filepath.Join(prefix, "tmp")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	for _, p := range pages {
		if err := writePage(cfg, p); err != nil {
			return nil, err
		}
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	conf := filepath.Join(prefix, "nginx.conf")
	if err := os.WriteFile(conf, []byte(nginxConfig(prefix, root, addr, pages)), 0o644); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, cfg.nginx, "-p", prefix, "-c", conf, "-e", filepath.Join(prefix, "error.log"))
	s, err := start("nginx", "http://"+addr, cfg.path("nginx.log"), cmd)
	if err != nil {
		return nil, err
	}
	if _, err := s.waitReady(s.base+"/"+pages[0].name, time.Now(), 10*time.Second); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// writePage writes a page and its gzip copy under nginx's root; nginx opens
// the file at each request, so a page can be replaced while it runs.
func writePage(cfg config, p staticPage) error {
	root := filepath.Join(cfg.path("nginx"), "www")
	// World-readable: nginx started by root runs its workers as nobody.
	if err := os.WriteFile(filepath.Join(root, p.name), p.body, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(root, p.name+".gz"), p.gz, 0o644); err != nil {
		return err
	}
	return writeHeaders(root, p)
}
