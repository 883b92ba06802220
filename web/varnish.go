package web

import (
	_ "embed"
	"fmt"
	"net"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"text/template"
)

//go:embed varnish.vcl
var varnishVCL string

var varnishTemplate = template.Must(template.New("vcl").Parse(varnishVCL))

// VarnishOptions describe the site a VCL is made for.
type VarnishOptions struct {
	// Site is the site's public address, for the VCL's comment.
	Site string
	// Backends are the Khabar nodes, host:port each.
	Backends []string
	// Purgers are the addresses or CIDR ranges allowed to purge (the
	// Khabar nodes); none means the backends' addresses.
	Purgers []string
	// KeyHeader is the header Khabar names a page's keys in
	// (EdgeConfig.KeyHeader; default xkey).
	KeyHeader string
	// Langs are the site's languages and DefaultLang the language of "/"
	// when the browser asks for none of them.
	Langs       []string
	DefaultLang string
}

var (
	vclToken = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	vclHost  = regexp.MustCompile(`^[A-Za-z0-9.:-]+$`)
)

// VarnishConfig is a VCL for Varnish 7 (with varnish-modules and vmod
// accept) in front of the Khabar nodes: it caches what Khabar names keys
// for, takes Khabar's purges only from the purgers, sends "/" to the
// reader's language, passes the newsroom and the Admin API, keeps gzip and
// serves its copies while Khabar is down. Anything that would not make a
// valid VCL is refused.
func VarnishConfig(o VarnishOptions) (string, error) {
	type backend struct{ Name, Host, Port string }
	var data struct {
		Site, KeyHeader, DefaultLang string
		Backends                     []backend
		Purgers, Langs               []string
	}
	data.Site, data.KeyHeader, data.DefaultLang, data.Langs = o.Site, o.KeyHeader, o.DefaultLang, o.Langs
	if data.KeyHeader == "" {
		data.KeyHeader = "xkey"
	}
	if strings.ContainsAny(data.Site, "\r\n") || !vclToken.MatchString(data.KeyHeader) {
		return "", fmt.Errorf("varnish: %q is not a header name", data.KeyHeader)
	}
	if len(o.Backends) == 0 {
		return "", fmt.Errorf("varnish: no Khabar node to send requests to")
	}
	for i, b := range o.Backends {
		host, port, err := net.SplitHostPort(b)
		if n, perr := strconv.Atoi(port); err != nil || perr != nil || n < 1 || n > 65535 || !vclHost.MatchString(host) {
			return "", fmt.Errorf("varnish: backend %q is not HOST:PORT", b)
		}
		data.Backends = append(data.Backends, backend{Name: "khabar" + strconv.Itoa(i+1), Host: host, Port: port})
	}
	purgers := o.Purgers
	if len(purgers) == 0 {
		purgers = []string{"127.0.0.1", "::1"}
		for _, b := range data.Backends {
			purgers = append(purgers, b.Host)
		}
	}
	seen := map[string]bool{}
	for _, p := range purgers {
		if seen[p] {
			continue
		}
		seen[p] = true
		acl, err := aclEntry(p)
		if err != nil {
			return "", err
		}
		data.Purgers = append(data.Purgers, acl)
	}
	if len(data.Langs) == 0 || !vclToken.MatchString(data.DefaultLang) {
		return "", fmt.Errorf("varnish: the site's languages (%v, default %q) are not usable", data.Langs, data.DefaultLang)
	}
	for _, l := range data.Langs {
		if !vclToken.MatchString(l) {
			return "", fmt.Errorf("varnish: %q is not a language tag", l)
		}
	}
	var b strings.Builder
	if err := varnishTemplate.Execute(&b, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

// aclEntry spells an address, a CIDR range or a host name as a VCL acl
// entry ("10.0.0.0"/8).
func aclEntry(p string) (string, error) {
	if pfx, err := netip.ParsePrefix(p); err == nil {
		return fmt.Sprintf(`"%s"/%d`, pfx.Masked().Addr(), pfx.Bits()), nil
	}
	if a, err := netip.ParseAddr(p); err == nil {
		return `"` + a.String() + `"`, nil
	}
	if vclHost.MatchString(p) && !strings.Contains(p, ":") {
		return `"` + p + `"`, nil // a name, resolved when the VCL loads
	}
	return "", fmt.Errorf("varnish: purger %q is neither an address, a CIDR range nor a host name", p)
}
