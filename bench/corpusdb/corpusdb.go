// Package corpusdb builds and finds the benchmark corpus database: a
// SQLite store holding the stories of package corpus (by default 100,000
// stories, each in Arabic, Russian and English), imported through the
// store as a newsroom would import an archive. The search benchmark
// (package searchtest) and the side-by-side benchmark (bench/cmd/khabarbench)
// both use it, so it is built once and reused by later runs.
//
// KHABAR_BENCH_DIR is where the file lives (default $TMPDIR/khabar-bench)
// and KHABAR_BENCH_STORIES how many stories it holds.
package corpusdb

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/corpus"
	"github.com/khabarnews/khabar/sqlstore"
)

// Version names the generator, the schema and the search analysis the file
// was built with: change it when one of them changes, so that no run
// measures a stale file.
const Version = "v7"

// The corpus's shape: the generator's seed and how many sections and tags
// the stories are spread over.
const (
	Seed     = 20240601
	Sections = 8
	Tags     = 60
)

// Options are the generator options of the corpus.
var Options = corpus.Options{Seed: Seed, Sections: Sections, Tags: Tags}

// Stories is the number of stories: KHABAR_BENCH_STORIES, default 100,000.
func Stories() int {
	if n, err := strconv.Atoi(os.Getenv("KHABAR_BENCH_STORIES")); err == nil && n > 0 {
		return n
	}
	return 100000
}

// Base is the corpus database's path without its extension: Base()+".db"
// is the database, Base()+".done" marks it complete.
func Base() string {
	dir := os.Getenv("KHABAR_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "khabar-bench")
	}
	return filepath.Join(dir, fmt.Sprintf("corpus-%d-%s", Stories(), Version))
}

// Ensure returns the path of the corpus database, building it first when
// no complete one exists (about a quarter of an hour for 100,000 stories
// on two cores). Progress goes to log.
func Ensure(ctx context.Context, log io.Writer) (string, error) {
	base := Base()
	if _, err := os.Stat(base + ".done"); err == nil {
		return base + ".db", nil
	}
	if err := os.MkdirAll(filepath.Dir(base), 0o755); err != nil {
		return "", err
	}
	for _, suffix := range []string{".db", ".db-wal", ".db-shm"} {
		os.Remove(base + suffix)
	}
	start := time.Now()
	n := Stories()
	if err := Build(ctx, base+".db", n, log); err != nil {
		return "", fmt.Errorf("building the benchmark corpus: %w", err)
	}
	fmt.Fprintf(log, "built %d stories × 3 languages in %v\n", n, time.Since(start).Round(time.Second))
	if err := os.WriteFile(base+".done", nil, 0o644); err != nil {
		return "", err
	}
	return base + ".db", nil
}

// Build generates n stories on every core and imports them into a new
// SQLite store at path through the store, a thousand per transaction, then
// compacts the search index.
func Build(ctx context.Context, path string, n int, log io.Writer) error {
	db, err := sqlstore.OpenSQLite(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	var sections []int64
	for i := range Sections {
		s := &khabar.Section{Slug: fmt.Sprintf("section-%d", i), Names: khabar.Text{"en": fmt.Sprintf("Section %d", i)}, Position: i}
		if err := db.CreateSection(ctx, s); err != nil {
			return err
		}
		sections = append(sections, s.ID)
	}
	var tags []int64
	for i := range Tags {
		t := &khabar.Tag{Slug: fmt.Sprintf("tag-%d", i), Names: khabar.Text{"en": fmt.Sprintf("Tag %d", i)}}
		if err := db.CreateTag(ctx, t); err != nil {
			return err
		}
		tags = append(tags, t.ID)
	}
	g := corpus.New(Options)
	const chunk = 10000
	for start := 0; start < n; start += chunk {
		batch := make([]sqlstore.StoryImport, min(chunk, n-start))
		var wg sync.WaitGroup
		workers := runtime.GOMAXPROCS(0)
		for w := range workers {
			wg.Go(func() {
				for i := w; i < len(batch); i += workers {
					batch[i] = storyImport(g.Story(start+i), sections, tags)
				}
			})
		}
		wg.Wait()
		t0 := time.Now()
		if err := db.ImportStories(ctx, batch); err != nil {
			return err
		}
		fmt.Fprintf(log, "imported %d/%d stories (%v for the last %d)\n", start+len(batch), n, time.Since(t0).Round(time.Millisecond), len(batch))
	}
	t0 := time.Now()
	if err := db.OptimizeSearch(ctx); err != nil {
		return err
	}
	fmt.Fprintf(log, "optimised the search index in %v\n", time.Since(t0).Round(time.Millisecond))
	return nil
}

func storyImport(s corpus.Story, sections, tags []int64) sqlstore.StoryImport {
	st := &khabar.Story{}
	if s.Section >= 0 {
		st.SectionID = sections[s.Section]
	}
	for _, t := range s.Tags {
		st.TagIDs = append(st.TagIDs, tags[t])
	}
	var vs []*khabar.Version
	for _, v := range s.Versions {
		vs = append(vs, &khabar.Version{Lang: v.Lang, Title: v.Title, Slug: v.Slug, Summary: v.Summary, Body: v.Body,
			Status: khabar.StatusPublished, PublishedAt: s.PublishedAt})
	}
	return sqlstore.StoryImport{Story: st, Versions: vs}
}
