package web_test

import (
	"testing"

	"github.com/khabarnews/khabar/web"
)

// TestHSTS: a site whose base URL is https:// tells browsers to keep to
// HTTPS on every answer — pages, the newsroom, the API, errors — unless
// the operator turns it off; a site on plain HTTP says nothing of it.
func TestHSTS(t *testing.T) {
	paths := []string{"/en/", "/admin/login", "/api/v1/site", "/en/no-such-page", "/robots.txt"}
	secure := newSiteWith(t, func(c *web.Config) { c.BaseURL = "https://news.example.org" })
	for _, p := range paths {
		if got := secure.get(p).header.Get("Strict-Transport-Security"); got != "max-age=31536000" {
			t.Errorf("https site, GET %s: Strict-Transport-Security %q", p, got)
		}
	}
	off := newSiteWith(t, func(c *web.Config) { c.BaseURL = "https://news.example.org"; c.NoHSTS = true })
	plain := newSite(t)
	for _, p := range paths {
		if got := off.get(p).header.Get("Strict-Transport-Security"); got != "" {
			t.Errorf("HSTS turned off, GET %s: %q", p, got)
		}
		if got := plain.get(p).header.Get("Strict-Transport-Security"); got != "" {
			t.Errorf("http site, GET %s: %q", p, got)
		}
	}
}
