package sqlstore

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/corpus"
)

// BenchmarkWireInbox measures the wire inbox of a busy desk: 30,000 items
// (a month of three languages' agency feeds, 10,000 each) on SQLite; a page
// of the Arabic inbox, newest first, then the same searched for a common
// word, a rare one, and a word being typed.
func BenchmarkWireInbox(b *testing.B) {
	ctx := context.Background()
	db, err := OpenSQLite(ctx, filepath.Join(b.TempDir(), "khabar.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	src := &khabar.Source{Names: khabar.Text{"en": "Agency"}}
	if err := db.CreateSource(ctx, src); err != nil {
		b.Fatal(err)
	}
	g := corpus.New(corpus.Options{Seed: 18})
	now := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	const n = 10000
	var sample []string
	err = db.inQuietTx(ctx, func(tx *sql.Tx) error {
		for i := range n {
			st := g.Story(i)
			for _, v := range st.Versions {
				it := &khabar.WireItem{SourceID: src.ID, Lang: v.Lang, GUID: v.Lang + "-" + v.Slug + "-" + strconv.Itoa(i), Title: v.Title,
					Summary: v.Summary, PublishedAt: now.Add(-time.Duration(n-i) * time.Minute)}
				if _, err := db.insertWireItem(ctx, tx, it, now); err != nil {
					return err
				}
				if v.Lang == "ar" && i%1000 == 0 {
					sample = append(sample, strings.Fields(v.Title)...)
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	common, rare := sample[1], sample[len(sample)-1]
	for _, c := range []struct{ name, q string }{{"latest", ""}, {"common", common}, {"rare", rare}, {"typing", string([]rune(common)[:3])}} {
		b.Run(c.name, func(b *testing.B) {
			f := khabar.WireFilter{Lang: "ar", Query: c.q, Limit: 30}
			for b.Loop() {
				if _, _, err := db.WireItems(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
			_, total, _ := db.WireItems(ctx, f)
			b.ReportMetric(float64(total), "matches")
		})
	}
}
