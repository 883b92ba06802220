package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/khabarnews/khabar/web"
)

// varnishConfig prints a VCL for Varnish in front of the site's nodes
// (docs/deploy-varnish.md). The languages come from the site's settings,
// or from --langs and --default-lang without a database.
func varnishConfig(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("varnish-config [flags] > khabar.vcl",
		"Prints a VCL for Varnish 7 with varnish-modules in front of Khabar: it keeps public pages until Khabar purges them (run each node with --purge http://VARNISH/), sends \"/\" to the reader's language, passes the newsroom and the Admin API, and serves its copies while Khabar is down.", stderr)
	store := fs.storeFlags()
	backends := fs.List("backend", "a Khabar node's address, HOST:PORT (default 127.0.0.1:8080); repeat for several, taken in turn")
	purgers := fs.List("purger", "an address or CIDR range allowed to purge (default: the nodes' addresses and localhost); repeat for several")
	keyHeader := fs.String("surrogate-key-header", "xkey", "the header naming a page's keys, as khabar serve --surrogate-key-header")
	langs := fs.String("langs", "", "the site's languages, comma-separated (default: from the site's settings in the database)")
	defaultLang := fs.String("default-lang", "", "language of \"/\" when the browser asks for none of them (default: from the site's settings)")
	base := fs.String("base-url", "", "the site's public URL, named in the VCL's comment")
	if err := fs.parse(args); err != nil {
		return err
	}
	o := web.VarnishOptions{Site: *base, Backends: *backends, Purgers: *purgers, KeyHeader: *keyHeader}
	if len(o.Backends) == 0 {
		o.Backends = []string{"127.0.0.1:8080"}
	}
	if *langs != "" {
		if *defaultLang == "" {
			return errors.New("--langs needs --default-lang")
		}
		o.Langs, o.DefaultLang = strings.Split(*langs, ","), *defaultLang
	} else {
		db, _, err := store.open(ctx)
		if err != nil {
			return err
		}
		st, err := db.Settings(ctx)
		db.Close()
		if err != nil {
			return err
		}
		o.Langs, o.DefaultLang = st.Languages, st.DefaultLang
		if *defaultLang != "" {
			o.DefaultLang = *defaultLang
		}
	}
	vcl, err := web.VarnishConfig(o)
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(stdout, vcl)
	return err
}
