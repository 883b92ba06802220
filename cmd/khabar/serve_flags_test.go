package main

import (
	"io"
	"strings"
	"testing"
)

func TestTrustedProxiesFlag(t *testing.T) {
	c, err := parseServe([]string{"--trusted-proxies", " 10.0.0.0/8, 192.0.2.10 ,::ffff:198.51.100.1,2001:db8::/32"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range c.trustedProxies {
		got = append(got, p.String())
	}
	if want := "10.0.0.0/8 192.0.2.10/32 198.51.100.1/32 2001:db8::/32"; strings.Join(got, " ") != want {
		t.Errorf("parsed %v, want %s", got, want)
	}
	if _, err := parseServe([]string{"--trusted-proxies", "10.0.0.0/8,load-balancer"}, io.Discard); err == nil || !strings.Contains(err.Error(), `"load-balancer"`) {
		t.Errorf("a name instead of an address: %v", err)
	}
}

func TestPurgeFlags(t *testing.T) {
	t.Setenv("KHABAR_PURGE_TOKEN", "tok")
	c, err := parseServe([]string{"--purge", "http://127.0.0.1:6081/", "--purge", "fastly+https://api.fastly.com/service/S1/purge"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.edge == nil || len(c.edge.Purge) != 2 || c.edge.KeyHeader != "xkey" || c.edge.Purge[0].Fastly ||
		!c.edge.Purge[1].Fastly || c.edge.Purge[1].URL != "https://api.fastly.com/service/S1/purge" || c.edge.Purge[1].Token != "tok" {
		t.Errorf("parsed %+v", c.edge)
	}
	c, err = parseServe([]string{"--purge", "fastly+https://api.fastly.com/service/S1/purge"}, io.Discard)
	if err != nil || c.edge.KeyHeader != "Surrogate-Key" {
		t.Errorf("a CDN alone: %v, %+v", err, c.edge)
	}
	t.Setenv("KHABAR_PURGE", "http://10.0.0.5:6081/, http://10.0.0.6:6081/")
	if c, err = parseServe(nil, io.Discard); err != nil || len(c.edge.Purge) != 2 {
		t.Errorf("two caches from the environment: %v, %+v", err, c.edge)
	}
	if c, err = parseServe([]string{"--purge", "http://10.0.0.7:6081/"}, io.Discard); err != nil || len(c.edge.Purge) != 1 {
		t.Errorf("the command line wins over the environment: %v, %+v", err, c.edge)
	}
	t.Setenv("KHABAR_PURGE", "")
	for _, bad := range [][]string{
		{"--purge", "varnish:6081"},
		{"--purge", "fastly+api.fastly.com"},
		{"--surrogate-key-header", "Surrogate-Key"},
		{"--purge", "http://127.0.0.1:6081/", "--no-cache"},
		{"--purge", "http://127.0.0.1:6081/", "--surrogate-key-header", "bad header"},
		{"--page-cache-mb", "0"},
		{"--max-searches", "-1"},
	} {
		if _, err := parseServe(bad, io.Discard); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}
