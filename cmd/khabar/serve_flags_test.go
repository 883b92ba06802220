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
