// Command khabarbench measures Khabar's reader side side by side with nginx
// serving the same bytes as static files, in one run on one machine: it
// starts "khabar serve" on a copy of the benchmark corpus (package
// bench/corpusdb), saves the pages it serves (an article, a front page, a
// tag page, a feed, a search results page) as files for nginx, checks that
// both send identical bytes, and runs wrk against each server in turn with
// the same connections, threads and duration. It also measures the
// uncached article render (khabar serve --no-cache), start-up time,
// resident memory with the corpus loaded, and the time from publishing a
// story in the newsroom to seeing it on the public site.
//
// bench/run builds Khabar and runs this command; see BENCHMARKS.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/khabarnews/khabar/bench/corpusdb"
)

// config is what the command is told.
type config struct {
	khabar, nginx, work, corpus string
	varnishd                    string // empty: no edge rows
	load
	rounds, publishes, starts int
	lang                      string
	// soak runs the soak (soak.go) instead of the comparison.
	soak         bool
	soakDuration time.Duration
}

func (c config) data() string            { return filepath.Join(c.work, "data") }
func (c config) path(name string) string { return filepath.Join(c.work, name) }

func main() {
	if len(os.Args) == 5 && os.Args[1] == "gostatic" {
		if err := gostatic(os.Args[2], os.Args[3], os.Args[4]); err != nil {
			fmt.Fprintln(os.Stderr, "khabarbench gostatic:", err)
			os.Exit(1)
		}
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "khabarbench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("khabarbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.StringVar(&c.khabar, "khabar", "./khabar", "the khabar binary to measure")
	fs.StringVar(&c.nginx, "nginx", "/usr/sbin/nginx", "the nginx binary of the reference")
	fs.StringVar(&c.wrk, "wrk", "/usr/bin/wrk", "the wrk binary")
	fs.StringVar(&c.varnishd, "varnishd", "", "the varnishd binary (Varnish with varnish-modules) for the edge rows; none: left out")
	fs.StringVar(&c.work, "work", "", "working directory (default: run/ beside the corpus database)")
	fs.StringVar(&c.corpus, "corpus", "", "corpus database to copy (default: corpusdb's, built when missing)")
	fs.IntVar(&c.connections, "connections", 64, "wrk connections")
	fs.IntVar(&c.threads, "threads", 2, "wrk threads")
	fs.DurationVar(&c.duration, "duration", 10*time.Second, "length of each measured wrk run")
	fs.DurationVar(&c.warmup, "warmup", 2*time.Second, "length of the wrk warm-up before each page's runs")
	fs.IntVar(&c.rounds, "rounds", 3, "measured runs of each server for each page, alternating which goes first")
	fs.IntVar(&c.publishes, "publishes", 10, "stories published to measure publish-to-visible")
	fs.IntVar(&c.starts, "starts", 3, "start-ups measured")
	fs.StringVar(&c.lang, "lang", "en", "language of the pages measured")
	fs.BoolVar(&c.soak, "soak", false, "run the soak instead: cache-busting query strings beside readers, then pages, random searches and cache-busting queries at once while an editor publishes")
	fs.DurationVar(&c.soakDuration, "soak-duration", time.Minute, "length of the soak's mixed load")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if c.corpus == "" {
		var err error
		if c.corpus, err = corpusdb.Ensure(ctx, stderr); err != nil {
			return err
		}
	}
	if c.work == "" {
		c.work = filepath.Join(filepath.Dir(c.corpus), "run")
	}
	b := &bench{cfg: c, log: stderr}
	if err := b.prepare(ctx); err != nil {
		return err
	}
	if c.soak {
		return runSoak(ctx, b, stdout)
	}
	err := b.measure(ctx)
	b.report(stdout)
	return err
}
