package corpusdb_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/bench/corpusdb"
	"github.com/khabarnews/khabar/sqlstore"
)

// BenchmarkStore measures the store queries behind the public pages on the
// benchmark corpus (100,000 stories × 3 languages, built on first use; see
// BENCHMARKS.md): what a page costs to render after a change has emptied
// the page cache. Run with -bench only; go test ./... never builds the
// corpus.
func BenchmarkStore(b *testing.B) {
	ctx := context.Background()
	path, err := corpusdb.Ensure(ctx, os.Stderr)
	if err != nil {
		b.Fatal(err)
	}
	db, err := sqlstore.OpenSQLite(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	sections, err := db.Sections(ctx)
	if err != nil {
		b.Fatal(err)
	}
	tag, err := db.TagBySlug(ctx, "tag-7")
	if err != nil {
		b.Fatal(err)
	}
	story := int64(corpusdb.Stories() / 2)
	cases := []struct {
		name string
		run  func() error
	}{
		{"Settings", func() error { _, err := db.Settings(ctx); return err }},
		{"Article", func() error { _, err := db.Article(ctx, story, "en"); return err }},
		{"Related", func() error { _, err := db.Related(ctx, story, "en", 4); return err }},
		{"Adjacent", func() error { _, _, err := db.Adjacent(ctx, story, "en"); return err }},
		{"LatestFeatured", func() error {
			if _, err := db.LatestFeatured(ctx, "en"); err != nil && !khabar.IsNotFound(err) {
				return err
			}
			return nil
		}},
		{"Latest", func() error {
			_, _, err := db.ListArticles(ctx, khabar.ListFilter{Lang: "en", Limit: 20, NoTotal: true})
			return err
		}},
		{"SectionBlock", func() error {
			_, _, err := db.ListArticles(ctx, khabar.ListFilter{Lang: "en", SectionID: sections[3].ID, Limit: 4, NoTotal: true})
			return err
		}},
		{"SectionPageWithTotal", func() error {
			_, _, err := db.ListArticles(ctx, khabar.ListFilter{Lang: "en", SectionID: sections[3].ID, Limit: 20})
			return err
		}},
		{"TagPageWithTotal", func() error {
			_, _, err := db.ListArticles(ctx, khabar.ListFilter{Lang: "en", TagID: tag.ID, Limit: 20})
			return err
		}},
		{"FrontPageWithTotal", func() error {
			_, _, err := db.ListArticles(ctx, khabar.ListFilter{Lang: "en", Limit: 20})
			return err
		}},
		{"ArchiveMonths", func() error { _, err := db.ArchiveMonths(ctx, "en", time.UTC); return err }},
		// The newsroom's story list: a page of stories, of one status, and
		// a search of every version's words, drafts included.
		{"StoryList", func() error { _, _, err := db.StoryList(ctx, khabar.AdminFilter{Limit: 25}); return err }},
		{"StoryListStatus", func() error {
			_, _, err := db.StoryList(ctx, khabar.AdminFilter{Status: khabar.StatusPublished, Lang: "ar", Limit: 25})
			return err
		}},
		{"StoryListSearch", func() error {
			_, _, err := db.StoryList(ctx, khabar.AdminFilter{Query: "والرابطة", Limit: 25})
			return err
		}},
		{"TagStoryCounts", func() error { _, err := db.TagStoryCounts(ctx); return err }},
		{"PublishedTagCounts", func() error { _, err := db.PublishedTagCounts(ctx); return err }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := c.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
