package main

import (
	"net/http"
	"strings"
	"testing"
)

func TestNginxConfig(t *testing.T) {
	h := http.Header{}
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=60")
	h.Set("Etag", `"abc"`)
	conf := nginxConfig("/p", "/p/www", "127.0.0.1:1234", []staticPage{{name: "article", header: h}})
	for _, want := range []string{"pid /p/nginx.pid;", "listen 127.0.0.1:1234;", "root /p/www;", "location = /article {",
		`default_type "text/html; charset=utf-8";`, `add_header Cache-Control "public, max-age=60" always;`, "gzip_static on;"} {
		if !strings.Contains(conf, want) {
			t.Errorf("no %q in\n%s", want, conf)
		}
	}
	if strings.Contains(conf, "Etag") {
		t.Errorf("the ETag is nginx's own, not copied:\n%s", conf)
	}
}
