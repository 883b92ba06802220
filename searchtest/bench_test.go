package searchtest

import (
	"context"
	"database/sql"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/analysis"
	"github.com/khabarnews/khabar/bench/corpusdb"
	"github.com/khabarnews/khabar/corpus"
	"github.com/khabarnews/khabar/sqlstore"
)

// benchDB opens the benchmark corpus database (package corpusdb), building
// it first if needed. It is a SQLite file whatever KHABAR_TEST_STORE says:
// the file is kept between runs so that the corpus is built once, and
// BENCHMARKS.md reports SQLite.
func benchDB(b *testing.B) (*sqlstore.DB, []khabar.Section) {
	b.Helper()
	ctx := context.Background()
	path, err := corpusdb.Ensure(ctx, os.Stderr)
	if err != nil {
		b.Fatal(err)
	}
	db, err := sqlstore.OpenSQLite(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	sections, err := db.Sections(ctx)
	if err != nil {
		b.Fatal(err)
	}
	return db, sections
}

// benchQuery is one query kind of the benchmark.
type benchQuery struct {
	name string
	make func(r *rand.Rand, g *corpus.Generator, sections []khabar.Section) khabar.SearchQuery
}

var benchLangs = []string{"ar", "ru", "en"}

// word picks a query word as a reader might: four times in ten a core
// news word, every word of the core vocabulary as likely as any other (so
// frequent and rare ones alike); three in ten a common word of the long
// tail and three in ten a name, each drawn with a log-uniform rank (as
// many queries among the first ten as among ranks 1,000 to 10,000).
func word(r *rand.Rand, v *corpus.Vocabulary) string {
	switch x := r.IntN(10); {
	case x < 4:
		lists := [][][]string{v.Nouns, v.Verbs, v.Adjectives}
		l := lists[r.IntN(len(lists))]
		forms := l[r.IntN(len(l))]
		return strings.ReplaceAll(forms[r.IntN(len(forms))], "_", " ")
	case x < 7:
		return v.Words[logRank(r, len(v.Words))]
	default:
		return v.Names[logRank(r, len(v.Names))]
	}
}

func logRank(r *rand.Rand, n int) int {
	return min(n-1, int(math.Pow(float64(n), r.Float64()))-1)
}

var benchQueries = []benchQuery{
	{"word", func(r *rand.Rand, g *corpus.Generator, _ []khabar.Section) khabar.SearchQuery {
		l := benchLangs[r.IntN(3)]
		return khabar.SearchQuery{Text: word(r, g.Vocabulary(l)), Langs: []string{l}}
	}},
	{"two-words", func(r *rand.Rand, g *corpus.Generator, _ []khabar.Section) khabar.SearchQuery {
		l := benchLangs[r.IntN(3)]
		v := g.Vocabulary(l)
		return khabar.SearchQuery{Text: word(r, v) + " " + word(r, v), Langs: []string{l}}
	}},
	{"phrase", func(r *rand.Rand, g *corpus.Generator, _ []khabar.Section) khabar.SearchQuery {
		l := benchLangs[r.IntN(3)]
		v := g.Vocabulary(l)
		adj := v.Adjectives[r.IntN(len(v.Adjectives))]
		noun := v.Nouns[r.IntN(len(v.Nouns))]
		pair := adj[r.IntN(len(adj))] + " " + noun[r.IntN(len(noun))]
		if l == "ar" {
			pair = noun[r.IntN(len(noun))] + " " + adj[r.IntN(len(adj))]
		}
		return khabar.SearchQuery{Text: `"` + strings.ReplaceAll(pair, "_", " ") + `"`, Langs: []string{l}}
	}},
	{"prefix", func(r *rand.Rand, g *corpus.Generator, _ []khabar.Section) khabar.SearchQuery {
		l := benchLangs[r.IntN(3)]
		w := []rune(strings.Fields(word(r, g.Vocabulary(l)))[0])
		n := min(len(w), 3+r.IntN(3))
		return khabar.SearchQuery{Text: string(w[:n]), Langs: []string{l}}
	}},
	{"word+filters", func(r *rand.Rand, g *corpus.Generator, sections []khabar.Section) khabar.SearchQuery {
		l := benchLangs[r.IntN(3)]
		from := time.Date(2023, time.Month(1+r.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
		return khabar.SearchQuery{Text: word(r, g.Vocabulary(l)), Langs: []string{l},
			SectionID: sections[r.IntN(len(sections))].ID, From: from, To: from.AddDate(0, 6, 0)}
	}},
	{"all-languages", func(r *rand.Rand, g *corpus.Generator, _ []khabar.Section) khabar.SearchQuery {
		l := benchLangs[r.IntN(3)]
		return khabar.SearchQuery{Text: word(r, g.Vocabulary(l)), Langs: append([]string{l}, slices.DeleteFunc(slices.Clone(benchLangs), func(s string) bool { return s == l })...)}
	}},
}

// BenchmarkSearchReference is the floor the search benchmark stands on,
// run beside it because the machine is shared and noisy: the same word
// queries as BenchmarkSearch/word, each reduced to its first term and
// asked of FTS5 directly, ten newest matches, on a connection of its own.
func BenchmarkSearchReference(b *testing.B) {
	benchDB(b) // built if need be
	raw, err := sql.Open("sqlite", "file:"+corpusdb.Base()+".db?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	g := corpus.New(corpusdb.Options)
	r := rand.New(rand.NewPCG(corpusdb.Seed, uint64(len("word"))))
	var terms []string
	for len(terms) < 500 {
		q := benchQueries[0].make(r, g, nil)
		if t := analysis.For(q.Langs[0]).QueryTerms(q.Text); len(t) > 0 {
			terms = append(terms, `"`+t[0]+`"`)
		}
	}
	ctx := context.Background()
	var lat []time.Duration
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		rows, err := raw.QueryContext(ctx, `SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT 10`, terms[i%len(terms)])
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
		}
		rows.Close()
		lat = append(lat, time.Since(t0))
	}
	reportLatency(b, lat)
}

// BenchmarkSearch measures Search, snippets included, over the corpus, one
// query kind per sub-benchmark, and reports the latency percentiles
// (p50-ms, p95-ms, p99-ms) and the mean number of results (hits). It runs
// only with -bench; see BENCHMARKS.md for the command.
func BenchmarkSearch(b *testing.B) {
	db, sections := benchDB(b)
	g := corpus.New(corpusdb.Options)
	ctx := context.Background()
	for _, kind := range benchQueries {
		b.Run(kind.name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(corpusdb.Seed, uint64(len(kind.name))))
			queries := make([]khabar.SearchQuery, 500)
			for i := range queries {
				queries[i] = kind.make(r, g, sections)
				queries[i].Limit = 10
			}
			var lat []time.Duration
			type slow struct {
				d time.Duration
				q khabar.SearchQuery
				n int
			}
			var slowest []slow
			hits := 0
			for i := 0; b.Loop(); i++ {
				q := queries[i%len(queries)]
				t0 := time.Now()
				res, err := db.Search(ctx, q)
				d := time.Since(t0)
				lat = append(lat, d)
				if err != nil {
					b.Fatalf("Search(%q): %v", q.Text, err)
				}
				hits += res.Total
				slowest = append(slowest, slow{d, q, res.Total})
			}
			reportLatency(b, lat)
			if testing.Verbose() {
				slices.SortFunc(slowest, func(a, b slow) int { return int(b.d - a.d) })
				for _, s := range slowest[:min(5, len(slowest))] {
					b.Logf("slow: %v %q %v section=%d (%d results)", s.d.Round(time.Microsecond), s.q.Text, s.q.Langs, s.q.SectionID, s.n)
				}
			}
			b.ReportMetric(float64(hits)/float64(len(lat)), "hits")
		})
	}
}

// reportLatency reports the percentiles of the latencies in milliseconds.
func reportLatency(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}
