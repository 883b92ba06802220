package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/khabarnews/khabar/bench/corpusdb"
)

func storyCount(context.Context, config) int64 { return int64(corpusdb.Stories()) }

// medianOf is the median of one measure over the rounds.
func medianOf(rs []wrkResult, f func(wrkResult) float64) float64 {
	v := make([]float64, len(rs))
	for i, r := range rs {
		v[i] = f(r)
	}
	slices.Sort(v)
	if len(v) == 0 {
		return 0
	}
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

func rps(r wrkResult) float64 { return r.RPS }
func p50(r wrkResult) float64 { return ms(r.P50) }
func p99(r wrkResult) float64 { return ms(r.P99) }
func ms(d time.Duration) float64 {
	return float64(d) / float64(time.Millisecond)
}
func failures(rs []wrkResult) int64 {
	var n int64
	for _, r := range rs {
		n += r.Errors + r.Non2xx
	}
	return n
}

// report prints the side-by-side table and the other measures in Markdown.
func (b *bench) report(w io.Writer) {
	c := b.cfg
	fmt.Fprintf(w, "\n## Khabar beside nginx\n\n")
	fmt.Fprintf(w, "%d stories × 3 languages; wrk -t%d -c%d -d%v --latency, Accept-Encoding: gzip; median of %d runs each, alternating\n\n",
		b.stories, c.threads, c.connections, c.duration, c.rounds)
	fmt.Fprintln(w, "| page | Khabar req/s | p50 ms | p99 ms | nginx req/s | p50 ms | p99 ms | Khabar/nginx | first answer ms | errors |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range b.rows {
		if len(r.khabar) == 0 || len(r.nginx) == 0 {
			continue
		}
		k, n := medianOf(r.khabar, rps), medianOf(r.nginx, rps)
		fmt.Fprintf(w, "| %s | %.0f | %.2f | %.2f | %.0f | %.2f | %.2f | %s | %.1f | %d |\n", r.name,
			k, medianOf(r.khabar, p50), medianOf(r.khabar, p99), n, medianOf(r.nginx, p50), medianOf(r.nginx, p99),
			percent(k/n), ms(r.cold), failures(r.khabar)+failures(r.nginx))
	}
	fmt.Fprintln(w)
	for _, r := range b.rows {
		if len(r.gofloor) == 0 {
			continue
		}
		g, n, k := medianOf(r.gofloor, rps), medianOf(r.nginx, rps), medianOf(r.khabar, rps)
		fmt.Fprintf(w, "Go floor (%s from memory with bare net/http, same bytes and headers): %.0f req/s, p50 %.2f ms, p99 %.2f ms: %.0f %% of nginx; Khabar is %.0f %% of it\n\n",
			r.name, g, medianOf(r.gofloor, p50), medianOf(r.gofloor, p99), 100*g/n, 100*k/g)
	}
	for _, r := range b.rows {
		fmt.Fprintf(w, "- %s: `%s`", r.name, r.path)
		if r.note != "" {
			fmt.Fprintf(w, " (%s)", r.note)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
	if len(b.starts) > 0 {
		fmt.Fprintf(w, "start-up (process start to /readyz 200): median %.1f ms of %s\n", ms(median(b.starts)), msList(b.starts))
	}
	if b.rssIdle > 0 {
		fmt.Fprintf(w, "RSS: %.1f MB after start-up; %.1f MB after the load on every cached page (peak %.1f MB); peak %.1f MB after the editor's login (argon2id), %.1f MB after publishing",
			mb(b.rssIdle), mb(b.rss), mb(b.hwm), mb(b.hwmLogin), mb(b.hwmAll))
		if b.rssNoCache > 0 {
			fmt.Fprintf(w, "; --no-cache server %.1f MB after its load", mb(b.rssNoCache))
		}
		fmt.Fprintln(w)
	}
	reportPublishes(w, "", b.published)
	b.reportEdge(w)
	fmt.Fprintf(w, "\nmachine: %s\n", machine())
}

// reportPublishes prints publish-to-visible, seen through where.
func reportPublishes(w io.Writer, where string, p *publishes) {
	if p == nil || len(p.request) == 0 {
		return
	}
	fmt.Fprintf(w, "publish-to-visible%s over %d publications (median, max): publish request %.1f, %.1f ms; on the front page %.1f, %.1f ms; on its own page %.1f, %.1f ms\n",
		where, len(p.request), ms(median(p.request)), ms(slices.Max(p.request)),
		ms(median(p.front)), ms(slices.Max(p.front)), ms(median(p.page)), ms(slices.Max(p.page)))
	fmt.Fprintf(w, "one more publication (no section, no tag)%s dropped from the cache: %s; kept: %s\n",
		where, strings.Join(p.dropped, ", "), strings.Join(p.kept, ", "))
}

// reportEdge prints the edge phase: Varnish against nginx, page by page.
func (b *bench) reportEdge(w io.Writer) {
	if len(b.edgeRows) == 0 {
		return
	}
	c := b.cfg
	fmt.Fprintf(w, "\n## Khabar behind Varnish beside nginx\n\n")
	fmt.Fprintf(w, "%s with the VCL of khabar varnish-config, Khabar purging it (--purge); same load as above\n\n", varnishVersion(c.varnishd))
	fmt.Fprintln(w, "| page | Varnish req/s | p50 ms | p99 ms | nginx req/s | p50 ms | p99 ms | Varnish/nginx | p99 − nginx's ms | first answer ms | errors |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range b.edgeRows {
		if len(r.khabar) == 0 || len(r.nginx) == 0 {
			continue
		}
		k, n := medianOf(r.khabar, rps), medianOf(r.nginx, rps)
		fmt.Fprintf(w, "| %s | %.0f | %.2f | %.2f | %.0f | %.2f | %.2f | %s | %+.2f | %.1f | %d |\n", r.name,
			k, medianOf(r.khabar, p50), medianOf(r.khabar, p99), n, medianOf(r.nginx, p50), medianOf(r.nginx, p99),
			percent(k/n), medianOf(r.khabar, p99)-medianOf(r.nginx, p99), ms(r.cold), failures(r.khabar)+failures(r.nginx))
	}
	fmt.Fprintln(w)
	if b.edgeRSS > 0 {
		fmt.Fprintf(w, "RSS of Khabar behind Varnish after the load: %.1f MB\n", mb(b.edgeRSS))
	}
	reportPublishes(w, " through Varnish", b.edgePublish)
}

// percent shows a ratio, with a decimal when it is small.
func percent(x float64) string {
	if x < 0.1 {
		return fmt.Sprintf("%.2f %%", 100*x)
	}
	return fmt.Sprintf("%.0f %%", 100*x)
}

func mb(kb int64) float64 { return float64(kb) / 1024 }

func msList(ds []time.Duration) string {
	var s []string
	for _, d := range ds {
		s = append(s, fmt.Sprintf("%.1f", ms(d)))
	}
	return strings.Join(s, ", ") + " ms"
}

// machine describes where the run happened.
func machine() string {
	var model, mem, load string
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		mem = strings.Join(strings.Fields(strings.SplitN(string(b), "\n", 2)[0])[1:], " ")
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = strings.Join(strings.Fields(string(b))[:3], " ")
	}
	out := func(name string, args ...string) string {
		b, _ := exec.Command(name, args...).CombinedOutput()
		return strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0])
	}
	return fmt.Sprintf("%d cores (%s), MemTotal %s, load average %s at the end; %s; %s; %s %s/%s",
		runtime.NumCPU(), model, mem, load, out("nginx", "-v"), out("wrk", "-v"), runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
