package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The soak (bench/run -soak): Khabar alone on the corpus under the loads
// that hurt it before — query strings that bust the page cache, random
// searches that nothing answers from a cache, all of it at once while an
// editor publishes — reporting each kind of reader's throughput, p99 and
// errors, and the server's memory.

// soakLoad is one wrk process of the soak: its connections, and the Lua
// script that picks each request.
type soakLoad struct {
	name        string
	connections int
	threads     int
	script      string
}

// soakResult is what one load measured.
type soakResult struct {
	load soakLoad
	wrkResult
}

// soak is one soak run.
type soak struct {
	b         *bench
	kh        *server
	article   string
	articles  []string
	busting   []soakResult // phase 1: readers alone, with plain extra load, with cache-busting load
	mixed     []soakResult // phase 2
	published []time.Duration
	pubErrors int
	rss       []int64 // kB, sampled every second of phase 2
	rssBefore int64
}

func runSoak(ctx context.Context, b *bench, w io.Writer) error {
	a, err := b.startUps(ctx)
	if err != nil {
		return err
	}
	s := &soak{b: b, kh: a.srv, article: a.path}
	defer s.kh.stop()
	// Articles for the mixed load: a few hundred, spread over the archive.
	for i := int64(1); i <= 200; i++ {
		p, err := canonical(ctx, s.kh.base, fmt.Sprintf("/%s/news/%d", b.cfg.lang, max(1, b.stories*i/201)))
		if err != nil {
			return err
		}
		s.articles = append(s.articles, p)
	}
	if err := s.bustingCost(ctx); err != nil {
		return err
	}
	if s.rssBefore, _, err = s.kh.memory(); err != nil {
		return err
	}
	if err := s.mixedLoad(ctx); err != nil {
		return err
	}
	s.report(w)
	return nil
}

// Lua scripts for wrk. Each thread seeds its own random numbers.
const luaSeed = `
local counter = 0
function setup(thread) counter = counter + 1; thread:set("id", counter) end
function init(args) math.randomseed(os.time() * 1000 + (id or 0)) end
`

func luaList(name string, items []string) string {
	var b strings.Builder
	b.WriteString("local " + name + " = {")
	for i, it := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(it))
	}
	b.WriteString("}\n")
	return b.String()
}

// pagesScript asks for the given pages at random.
func pagesScript(paths []string) string {
	return luaSeed + luaList("paths", paths) + `
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
`
}

// bustingScript asks for pages with random tracking and unknown query
// parameters: before the page cache kept only what a page reads, each was
// a new page to render and compress.
func bustingScript(lang, article string) string {
	return luaSeed + fmt.Sprintf(`
local article, lang = %q, %q
request = function()
  local r = math.random(1000000000)
  local k = math.random(4)
  local p
  if k == 1 then p = "/" .. lang .. "/?utm_source=" .. r
  elseif k == 2 then p = article .. "?fbclid=" .. r
  elseif k == 3 then p = "/" .. lang .. "/tag/tag-7?gclid=" .. r .. "&utm_campaign=spring"
  else p = "/" .. lang .. "/rss.xml?z" .. r .. "=1" end
  return wrk.format("GET", p)
end
`, article, lang)
}

// searchScript asks for random searches of two words of the corpus's
// English vocabulary and a page: almost every one is new.
func searchScript(lang string) string {
	words := []string{"minister", "talks", "summit", "agreement", "deal", "treaty", "delegation", "president", "government",
		"parliament", "election", "vote", "sanction", "economy", "market", "trade", "export", "import", "price", "oil", "gas",
		"pipeline", "bank", "currency", "inflation", "budget", "security", "border", "army", "energy", "grain", "harvest",
		"port", "airport", "railway", "visit", "meeting", "conference", "forum", "report", "ministry", "court", "law"}
	return luaSeed + luaList("words", words) + fmt.Sprintf(`
local lang = %q
request = function()
  local q = words[math.random(#words)] .. "+" .. words[math.random(#words)]
  return wrk.format("GET", "/" .. lang .. "/search?q=" .. q .. "&page=" .. math.random(3))
end
`, lang)
}

// runLoads runs the loads at once against base for d and returns each
// one's result.
func (s *soak) runLoads(ctx context.Context, d time.Duration, loads ...soakLoad) ([]soakResult, error) {
	out := make([]soakResult, len(loads))
	errs := make([]error, len(loads))
	var wg sync.WaitGroup
	for i, l := range loads {
		wg.Go(func() {
			script := s.b.cfg.path("soak-" + strings.ReplaceAll(l.name, " ", "-") + ".lua")
			if errs[i] = os.WriteFile(script, []byte(l.script), 0o644); errs[i] != nil {
				return
			}
			args := []string{"--latency", "--timeout", "10s", "-t", strconv.Itoa(l.threads), "-c", strconv.Itoa(l.connections),
				"-d", fmt.Sprintf("%ds", int(d.Seconds())), "-H", "Accept-Encoding: gzip", "-s", script, s.kh.base}
			b, err := exec.CommandContext(ctx, s.b.cfg.wrk, args...).CombinedOutput()
			if err != nil {
				errs[i] = fmt.Errorf("wrk (%s): %v: %s", l.name, err, b)
				return
			}
			r, err := parseWrk(string(b))
			out[i], errs[i] = soakResult{load: l, wrkResult: r}, err
		})
	}
	wg.Wait()
	for i, r := range out {
		if errs[i] != nil {
			return nil, errs[i]
		}
		s.b.logf("%-28s %5d conns: %8.0f req/s  p50 %-9v p99 %-9v errors %d non-2xx %d", r.load.name, r.load.connections, r.RPS, r.P50, r.P99, r.Errors, r.Non2xx)
	}
	return out, nil
}

// bustingCost measures readers of one article alone, beside 32 more
// connections of plain reading, and beside 32 connections of cache-busting
// query strings.
func (s *soak) bustingCost(ctx context.Context) error {
	l := s.b.cfg.lang
	d := s.b.cfg.duration
	readers := soakLoad{name: "readers (article)", connections: 64, threads: 2, script: pagesScript([]string{s.article})}
	plain := soakLoad{name: "plain (front, tag, feed)", connections: 32, threads: 1, script: pagesScript([]string{"/" + l + "/", "/" + l + "/tag/tag-7", "/" + l + "/rss.xml", s.article})}
	busting := soakLoad{name: "cache-busting queries", connections: 32, threads: 1, script: bustingScript(l, s.article)}
	// Warm every page up first.
	if _, err := s.runLoads(ctx, s.b.cfg.warmup, readers, plain); err != nil {
		return err
	}
	for _, loads := range [][]soakLoad{{readers}, {readers, plain}, {readers, busting}} {
		rs, err := s.runLoads(ctx, d, loads...)
		if err != nil {
			return err
		}
		s.busting = append(s.busting, rs...)
	}
	return nil
}

// mixedLoad runs 256 connections for cfg.soakDuration: pages, random
// searches and cache-busting queries at once, while an editor publishes a
// story every second; memory is sampled every second.
func (s *soak) mixedLoad(ctx context.Context) error {
	l := s.b.cfg.lang
	pages := append([]string{"/" + l + "/", "/" + l + "/rss.xml", "/" + l + "/atom.xml"}, s.articles...)
	for t := range 10 {
		pages = append(pages, fmt.Sprintf("/%s/tag/tag-%d", l, t))
	}
	pageLoad := soakLoad{name: "pages (213 at random)", connections: 192, threads: 2, script: pagesScript(pages)}
	// The pages are rendered once first, as on a site that has been up:
	// what the mixed load measures is the changes, not a cold start.
	if _, err := s.runLoads(ctx, 10*time.Second, pageLoad); err != nil {
		return err
	}
	e, err := login(ctx, s.kh.base, benchEditor, benchPassword)
	if err != nil {
		return err
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { // the editor
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for i := 1; ; i++ {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			title := fmt.Sprintf("Soak publication %d at %d", i, time.Now().UnixNano())
			body := "<p>Published during the soak.</p>"
			path, rev, err := e.draft(ctx, l, title, body)
			t0 := time.Now()
			if err == nil {
				err = e.publish(ctx, path, l, title, body, rev)
			}
			if err != nil {
				s.b.logf("soak publication %d: %v", i, err)
				s.pubErrors++
				continue
			}
			s.published = append(s.published, time.Since(t0))
		}
	})
	wg.Go(func() { // memory
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			if rss, _, err := s.kh.memory(); err == nil {
				s.rss = append(s.rss, rss)
			}
		}
	})
	s.mixed, err = s.runLoads(ctx, s.b.cfg.soakDuration, pageLoad,
		soakLoad{name: "random searches", connections: 32, threads: 1, script: searchScript(l)},
		soakLoad{name: "cache-busting queries", connections: 32, threads: 1, script: bustingScript(l, s.article)})
	close(stop)
	wg.Wait()
	return err
}

func (s *soak) report(w io.Writer) {
	c := s.b.cfg
	fmt.Fprintf(w, "\n## Soak: Khabar alone on %d stories × 3 languages\n\n", s.b.stories)
	fmt.Fprintf(w, "### Cache-busting query strings (wrk -d%v each, Accept-Encoding: gzip)\n\n", c.duration)
	fmt.Fprintln(w, "| readers of the article (64 conns) beside | their req/s | p50 ms | p99 ms | the other load's req/s | p99 ms | non-2xx | errors |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|")
	var alone float64
	for i := 0; i < len(s.busting); {
		r := s.busting[i]
		if i == 0 {
			alone = r.RPS
			fmt.Fprintf(w, "| nothing | %.0f | %.2f | %.2f | | | %d | %d |\n", r.RPS, ms(r.P50), ms(r.P99), r.Non2xx, r.Errors)
			i++
			continue
		}
		o := s.busting[i+1]
		fmt.Fprintf(w, "| 32 conns of %s | %.0f (%s) | %.2f | %.2f | %.0f | %.2f | %d | %d |\n", o.load.name, r.RPS, change(r.RPS, alone),
			ms(r.P50), ms(r.P99), o.RPS, ms(o.P99), r.Non2xx+o.Non2xx, r.Errors+o.Errors)
		i += 2
	}
	fmt.Fprintf(w, "\n### Mixed load: 256 connections for %v, a publication every second\n\n", c.soakDuration)
	fmt.Fprintln(w, "| load | conns | req/s | p50 ms | p99 ms | non-2xx | socket errors |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
	for _, r := range s.mixed {
		fmt.Fprintf(w, "| %s | %d | %.0f | %.2f | %.2f | %d | %d |\n", r.load.name, r.load.connections, r.RPS, ms(r.P50), ms(r.P99), r.Non2xx, r.Errors)
	}
	fmt.Fprintln(w)
	// Failed publications are reported even when none succeeded: a mixed
	// load without them measures something else.
	if len(s.published) > 0 {
		fmt.Fprintf(w, "publications: %d (%d failed); publish request median %.1f ms, max %.1f ms\n", len(s.published), s.pubErrors,
			ms(median(s.published)), ms(slices.Max(s.published)))
	} else {
		fmt.Fprintf(w, "publications: **none** (%d failed): the mixed load ran without an editor\n", s.pubErrors)
	}
	if len(s.rss) > 0 {
		fmt.Fprintf(w, "RSS: %.1f MB before the mixed load; during it %.1f MB at first, %.1f MB at most, %.1f MB at the end\n",
			mb(s.rssBefore), mb(s.rss[0]), mb(slices.Max(s.rss)), mb(s.rss[len(s.rss)-1]))
	}
	fmt.Fprintf(w, "\nmachine: %s\n", machine())
}

// change says how much got differs from base, as a signed percentage.
func change(got, base float64) string {
	if base == 0 {
		return "–"
	}
	return fmt.Sprintf("%+.0f %%", 100*(got-base)/base)
}
