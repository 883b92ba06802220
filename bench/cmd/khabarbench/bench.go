package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// row is one page measured on both servers.
type row struct {
	name, path string // path on Khabar; nginx serves it at /name
	cold       time.Duration
	khabar     []wrkResult
	nginx      []wrkResult
	gofloor    []wrkResult // the article row only: see gostatic.go
	note       string
}

// bench is one run: its processes and what it measured.
type bench struct {
	cfg        config
	log        io.Writer
	kh         *server // Khabar alone, while it is measured
	rows       []*row
	starts     []time.Duration
	rssIdle    int64 // kB, just after start-up
	rss, hwm   int64 // kB, after the load on every cached page
	hwmLogin   int64 // kB, peak after the editor logged in
	hwmAll     int64 // kB, peak after publishing too
	rssNoCache int64 // kB, the --no-cache server after its load
	published  *publishes
	stories    int64
	// The edge phase (varnish.go): Khabar behind Varnish.
	edgeRows    []*row
	edgeRSS     int64 // kB, Khabar behind Varnish after the load
	edgePublish *publishes
}

// publishes is what publish-to-visible measured.
type publishes struct {
	request, front, page []time.Duration
	// kept says, per measured page, whether it was still answered from
	// the cache right after one more publication (it does not show the
	// new story); dropped lists the others.
	kept, dropped []string
}

func (b *bench) logf(format string, args ...any) { fmt.Fprintf(b.log, format+"\n", args...) }

// prepare copies the corpus database into the working directory, so that
// the run's publications never change the corpus, and adds the editor.
func (b *bench) prepare(ctx context.Context) error {
	if err := os.RemoveAll(b.cfg.work); err != nil {
		return err
	}
	if err := os.MkdirAll(b.cfg.data(), 0o755); err != nil {
		return err
	}
	b.logf("copying %s", b.cfg.corpus)
	if err := copyFile(b.cfg.corpus, filepath.Join(b.cfg.data(), "khabar.db")); err != nil {
		return err
	}
	if err := addEditor(ctx, b.cfg, benchEditor, benchPassword); err != nil {
		return err
	}
	// The copy (and the migrations, when the corpus is older than the
	// code) leave gigabytes to write back: write them now, not during the
	// measurements.
	syscall.Sync()
	return nil
}

const (
	benchEditor   = "bench-editor"
	benchPassword = "bench-password-not-secret"
)

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func (b *bench) measure(ctx context.Context) error {
	l := b.cfg.lang
	article, err := b.startUps(ctx)
	if err != nil {
		return err
	}
	kh := article.srv
	b.kh = kh
	defer func() { kh.stop() }()
	b.rows = []*row{
		{name: "article", path: article.path},
		{name: "front", path: "/" + l + "/"},
		{name: "tag", path: "/" + l + "/tag/tag-7"},
		{name: "feed", path: "/" + l + "/rss.xml"},
		{name: "search", path: "/" + l + "/search?q=minister", note: "one query, so served from the page cache"},
	}
	var pages []staticPage
	for _, r := range b.rows {
		p, cold, err := fetchPage(ctx, kh.base, r.path, r.name)
		if err != nil {
			return err
		}
		r.cold = cold
		b.logf("%-8s %s: %d bytes, %d gzip; first answer in %v", r.name, r.path, len(p.body), len(p.gz), cold.Round(time.Millisecond))
		pages = append(pages, p)
	}
	ng, err := startNginx(ctx, b.cfg, pages)
	if err != nil {
		return err
	}
	defer ng.stop()
	for _, r := range b.rows {
		// Khabar keeps a page at most a minute when nothing changes (its
		// header shows the date): nginx gets the page as it is now.
		p, _, err := fetchPage(ctx, kh.base, r.path, r.name)
		if err != nil {
			return err
		}
		if err := writePage(b.cfg, p); err != nil {
			return err
		}
		if err := sameBytes(ctx, kh.base+r.path, ng.base+"/"+r.name); err != nil {
			return err
		}
		if r.name != "article" {
			if err := b.compare(ctx, r, kh, ng); err != nil {
				return err
			}
			continue
		}
		gs, err := startGoStatic(ctx, b.cfg, r.name)
		if err != nil {
			return err
		}
		err = sameBytes(ctx, kh.base+r.path, gs.base+"/"+r.name)
		if err == nil {
			err = b.compareAt(ctx, r, kh.base+r.path, ng.base+"/"+r.name, gs.base+"/"+r.name)
		}
		gs.stop()
		if err != nil {
			return err
		}
	}
	if b.rss, b.hwm, err = kh.memory(); err != nil {
		return err
	}
	b.published = &publishes{}
	if err := b.publishToVisible(ctx, kh.base, kh.base, b.rows, b.published); err != nil {
		return err
	}
	if _, b.hwmAll, err = kh.memory(); err != nil {
		return err
	}
	kh.stop()

	nc, _, err := startKhabar(ctx, b.cfg, "khabar-nocache", "--no-cache")
	if err != nil {
		return err
	}
	kh = nc
	r := &row{name: "article, uncached", path: article.path, note: "khabar --no-cache: every request renders the page (no gzip); nginx as in the first row"}
	b.rows = append(b.rows, r)
	t0 := time.Now()
	if _, _, err := get(ctx, plainClient(), nc.base+r.path, true); err != nil {
		return err
	}
	r.cold = time.Since(t0)
	if err := b.compareAt(ctx, r, nc.base+r.path, ng.base+"/article", ""); err != nil {
		return err
	}
	if b.rssNoCache, _, err = nc.memory(); err != nil {
		return err
	}
	nc.stop()
	ng.stop()
	if b.cfg.varnishd == "" {
		b.logf("no varnishd: the edge rows are left out")
		return nil
	}
	return b.measureEdge(ctx, article.path)
}

// startedKhabar is the server left running by startUps, and the article
// page it will be measured on.
type startedKhabar struct {
	srv  *server
	path string
}

// startUps starts Khabar cfg.starts times, each time measuring process
// start to the first 200 from /readyz, and keeps the last one running.
func (b *bench) startUps(ctx context.Context) (startedKhabar, error) {
	var s *server
	for i := range max(1, b.cfg.starts) {
		if s != nil {
			s.stop()
		}
		var d time.Duration
		var err error
		if s, d, err = startKhabar(ctx, b.cfg, "khabar"); err != nil {
			return startedKhabar{}, err
		}
		b.starts = append(b.starts, d)
		b.logf("start-up %d: ready in %v", i+1, d.Round(time.Microsecond))
	}
	var err error
	if b.rssIdle, _, err = s.memory(); err != nil {
		s.stop()
		return startedKhabar{}, err
	}
	// A story from the middle of the archive: /LANG/news/ID redirects to
	// its canonical address.
	n := storyCount(ctx, b.cfg)
	b.stories = n
	path, err := canonical(ctx, s.base, fmt.Sprintf("/%s/news/%d", b.cfg.lang, max(1, n/2)))
	if err != nil {
		s.stop()
		return startedKhabar{}, err
	}
	return startedKhabar{srv: s, path: path}, nil
}

// compare warms both servers up on a page and runs wrk against each in
// turn, cfg.rounds times, alternating which goes first.
func (b *bench) compare(ctx context.Context, r *row, kh, ng *server) error {
	return b.compareAt(ctx, r, kh.base+r.path, ng.base+"/"+r.name, "")
}

// compareAt runs the rounds against Khabar, nginx and, when goURL is set,
// the Go floor, in a different order each round.
func (b *bench) compareAt(ctx context.Context, r *row, khURL, ngURL, goURL string) error {
	l := b.cfg.load
	targets := map[string]struct {
		url string
		dst *[]wrkResult
	}{"nginx": {ngURL, &r.nginx}, "khabar": {khURL, &r.khabar}, "go": {goURL, &r.gofloor}}
	order := []string{"nginx", "khabar"}
	if goURL != "" {
		order = append(order, "go")
	}
	for _, who := range order {
		if _, err := l.run(ctx, targets[who].url, l.warmup); err != nil {
			return err
		}
	}
	for i := range b.cfg.rounds {
		for j := range order {
			who := order[(i+j)%len(order)]
			u, dst := targets[who].url, targets[who].dst
			res, err := l.run(ctx, u, l.duration)
			if err != nil {
				return err
			}
			*dst = append(*dst, res)
			b.logf("%-18s %-6s round %d: %9.0f req/s  p50 %-9v p99 %-9v errors %d non-2xx %d", r.name, who, i+1, res.RPS,
				res.P50, res.P99, res.Errors, res.Non2xx)
		}
	}
	return nil
}

// cachedRows fetches each page n times from base and returns those the
// last request got from a cache (X-Cache: hit).
func cachedRows(ctx context.Context, base string, rows []*row, n int) map[string]*row {
	out := map[string]*row{}
	for _, r := range rows {
		var resp *http.Response
		for range n {
			var err error
			if resp, _, err = get(ctx, plainClient(), base+r.path, true); err != nil {
				return out
			}
		}
		if resp.Header.Get("X-Cache") == "hit" {
			out[r.name] = r
		}
	}
	return out
}

// publishToVisible publishes cfg.publishes new stories through the
// newsroom's forms at admin over HTTP, as an editor in a browser would,
// and measures from sending "publish" to the first public answer at public
// that shows the story: the front page (its title) and its own article
// page. Then one more publication shows which of the measured pages it
// dropped from the cache.
func (b *bench) publishToVisible(ctx context.Context, admin, public string, rows []*row, out *publishes) error {
	e, err := login(ctx, admin, benchEditor, benchPassword)
	if err != nil {
		return err
	}
	if out == b.published {
		if _, b.hwmLogin, err = b.kh.memory(); err != nil {
			return err
		}
	}
	l := b.cfg.lang
	for i := range b.cfg.publishes {
		title := fmt.Sprintf("Benchmark publication %d at %d", i+1, time.Now().UnixNano())
		body := "<p>Published by the benchmark to measure the time until readers see it.</p>"
		path, rev, err := e.draft(ctx, l, title, body)
		if err != nil {
			return err
		}
		id := strings.Split(strings.TrimPrefix(path, "/admin/stories/"), "/")[0]
		t0 := time.Now()
		if err := e.publish(ctx, path, l, title, body, rev); err != nil {
			return err
		}
		t1 := time.Now()
		type seen struct {
			at  time.Time
			err error
		}
		front, page := make(chan seen, 1), make(chan seen, 1)
		go func() {
			at, err := waitFor(ctx, public+"/"+l+"/", title, time.Minute)
			front <- seen{at, err}
		}()
		go func() {
			p, err := canonical(ctx, public, "/"+l+"/news/"+id)
			if err != nil {
				page <- seen{err: err}
				return
			}
			at, err := waitFor(ctx, public+p, title, time.Minute)
			page <- seen{at, err}
		}()
		f, p := <-front, <-page
		if f.err != nil {
			return f.err
		}
		if p.err != nil {
			return p.err
		}
		out.request = append(out.request, t1.Sub(t0))
		out.front = append(out.front, f.at.Sub(t0))
		out.page = append(out.page, p.at.Sub(t0))
		b.logf("publication %d: request %v, on the front page at %s after %v, its page after %v", i+1,
			t1.Sub(t0).Round(time.Microsecond), public, f.at.Sub(t0).Round(time.Microsecond), p.at.Sub(t0).Round(time.Microsecond))
	}
	// One more, to see which measured pages it dropped from the cache:
	// every page cached, the publication, then one request each.
	path, rev, err := e.draft(ctx, l, "Benchmark publication: which pages show it", "<p>A story in no section, with no tag.</p>")
	if err != nil {
		return err
	}
	before := cachedRows(ctx, public, rows, 2)
	if err := e.publish(ctx, path, l, "Benchmark publication: which pages show it", "<p>A story in no section, with no tag.</p>", rev); err != nil {
		return err
	}
	after := cachedRows(ctx, public, rows, 1)
	for _, r := range rows {
		switch {
		case before[r.name] == nil:
		case after[r.name] != nil:
			out.kept = append(out.kept, r.name)
		default:
			out.dropped = append(out.dropped, r.name)
		}
	}
	return nil
}
