package sqlstore

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/analysis"
)

// openTestDB opens a SQLite store for the tests of this file, which reach
// into SQLite's own search tables (FTS5). The tests of the package's API
// are in package sqlstore_test, where sqltest picks the backend.
func openTestDB(t *testing.T) *DB {
	t.Helper()
	db, err := OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "khabar.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestTokenizerKeepsTerms: the FTS5 tokenizer must store Khabar's terms
// exactly as the analysers wrote them (no case folding of Cyrillic, no
// diacritics removal, no splitting inside a term), or a query term would
// miss its own document.
func TestTokenizerKeepsTerms(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	samples := map[string]string{
		"ar": "والرابطةُ للمستشفيات ١٤٤٥هـ الكرملين مباراة وزرائه",
		"ru": "Съёмки «Лукойла» в Нижнем-Новгороде, 2024 год; Ёлка",
		"en": "O'Neill's summits — naïve café Über 3.5%",
		"tr": "Iğdır'daki Ünye ŞİRKETİ",
	}
	var want []string
	id := int64(1)
	for lang, text := range samples {
		a := analysis.For(lang)
		want = append(want, a.IndexTerms(text)...)
		toks := a.Tokens(text)
		for i, prev := 1, toks[0]; i < len(toks); i++ {
			if toks[i].Position != prev.Position {
				want = append(want, prev.Term+pairJoiner+toks[i].Term)
				prev = toks[i]
			}
		}
		terms, alts, pairs := termColumns(a, text)
		if _, err := db.write.ExecContext(ctx, `INSERT INTO search_fts (rowid, title_terms, title_alts, body_terms, body_alts, title_pairs, body_pairs) VALUES (?, ?, ?, '', '', ?, '')`, id, terms, alts, pairs); err != nil {
			t.Fatal(err)
		}
		id++
	}
	if _, err := db.write.ExecContext(ctx, `CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab(main, search_fts, 'row')`); err != nil {
		t.Fatal(err)
	}
	rows, err := db.write.QueryContext(ctx, `SELECT term FROM temp.search_vocab`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		got = append(got, s)
	}
	slices.Sort(want)
	want = slices.Compact(want)
	if !slices.Equal(got, want) {
		t.Fatalf("the index holds\n%q\nthe analysers wrote\n%q", got, want)
	}
}

func TestTermColumns(t *testing.T) {
	terms, alts, pairs := termColumns(analysis.For("ru"), "Саммиты в Казани и Москве")
	if terms != "саммит казан москв" || alts != "саммиты казани москве" || pairs != "саммит·казан казан·москв" {
		t.Fatalf("terms %q, alts %q, pairs %q", terms, alts, pairs)
	}
}

func TestFTS5Query(t *testing.T) {
	ar, en := analysis.For("ar"), analysis.For("en")
	tests := []struct {
		text string
		as   []analysis.Analyzer
		want string
	}{
		{"summits ", []analysis.Analyzer{en}, `("summit" OR "summits")`},
		{"summits", []analysis.Analyzer{en}, `("summit" OR "summits" *)`},
		{`"grain exports" -tea `, []analysis.Analyzer{en}, `({title_pairs body_pairs} : "grain·export" OR {title_pairs body_pairs} : "grain·exports") NOT ("tea")`},
		{`"Rasht-Astar`, []analysis.Analyzer{en}, `(({title_pairs body_pairs} : "rasht·astar" *) OR ("rashtastar"))`},
		{`long-term -short-term `, []analysis.Analyzer{en}, `(({title_pairs body_pairs} : "long·term") OR ("longterm")) NOT (({title_pairs body_pairs} : "short·term") OR ("shortterm"))`},
		{`"Rasht Astara railway" `, []analysis.Analyzer{en}, `(({title_pairs body_pairs} : ("rasht·astara" AND "astara·railway") AND {title_terms body_terms} : "rasht astara railway"))`},
		{"الراب", []analysis.Analyzer{ar}, `("الراب" * OR "راب" *)`},
		{`a"bee`, []analysis.Analyzer{en}, `("bee" *)`},
	}
	for _, tt := range tests {
		if got := fts5Query(analysis.ParseQuery(tt.text, tt.as...)); got != tt.want {
			t.Errorf("fts5Query(%q) =\n%s\nwant\n%s", tt.text, got, tt.want)
		}
	}
}

func TestPhraseVariantsLimit(t *testing.T) {
	words := make([]analysis.QueryWord, 6)
	for i := range words {
		words[i] = analysis.QueryWord{Terms: []string{"a", "b", "c"}}
	}
	vs := phraseVariants(words, maxPhraseVariants)
	if len(vs) > maxPhraseVariants || len(vs) < 8 {
		t.Fatalf("%d variants", len(vs))
	}
	for _, v := range vs {
		if len(v.terms) != 6 {
			t.Fatalf("variant %v lost a word", v)
		}
	}
}

// TestBackfillAfterUpgrade: versions saved before the search migration are
// indexed, in Go, by the first search, with no command to run. SQLite only:
// it rolls the schema back by dropping SQLite's search tables.
func TestBackfillAfterUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "khabar.db")
	db, err := OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var stories []StoryImport
	for i := range 2*pendingBatch + 3 {
		v := &khabar.Version{Lang: "ar", Title: "اجتماع الرابطة رقم " + strings.Repeat("١", i%5+1), Slug: "s", Status: khabar.StatusPublished,
			PublishedAt: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
		stories = append(stories, StoryImport{Story: &khabar.Story{}, Versions: []*khabar.Version{v}})
	}
	if err := db.ImportStories(ctx, stories); err != nil {
		t.Fatal(err)
	}
	// Back to schema 2, as a database of the previous release would be.
	for _, q := range append(append(append(undoEditorial, undoImports...), undoReaderIndexes()...), undoAPI[0], undoAPI[1], undoAPI[2], `DROP TABLE search_fts`, `DROP TABLE search_docs`, `DROP TABLE search_terms`, `DROP INDEX versions_search`,
		`DROP TABLE content_generation`, `DROP TABLE content_changes`, `DROP TABLE list_counts`, `DROP TABLE search_meta`, `DROP TABLE search_lexicon`,
		undoTOTPSteps, `DELETE FROM schema_migrations WHERE version >= 3`) {
		if _, err := db.write.ExecContext(ctx, q); err != nil {
			t.Fatal(q, err)
		}
	}
	db.Close()

	db, err = OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if pending, err := db.hasPending(ctx); err != nil || !pending {
		t.Fatalf("after the migration: pending %v, %v", pending, err)
	}
	res, err := db.Search(ctx, khabar.SearchQuery{Text: "للرابطة", Langs: []string{"ar"}, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != min(2*pendingBatch+3, maxCandidates) || len(res.Items) != 5 {
		t.Fatalf("first search after the upgrade found %d (%d items)", res.Total, len(res.Items))
	}
	if pending, err := db.hasPending(ctx); err != nil || pending {
		t.Fatalf("after the first search: pending %v, %v", pending, err)
	}
}

// TestPairsUpgrade: a database indexed before the pair columns (schema 4)
// is indexed again, with pairs, by its first search after the upgrade.
// SQLite only: the pair columns are an FTS5 table's.
func TestPairsUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "khabar.db")
	db, err := OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	v := &khabar.Version{Lang: "en", Title: "Grain exports reach a record", Slug: "g", Status: khabar.StatusPublished,
		PublishedAt: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	if err := db.CreateStory(ctx, &khabar.Story{}, []*khabar.Version{v}); err != nil {
		t.Fatal(err)
	}
	for _, q := range append(append(append(undoEditorial, undoImports...), undoReaderIndexes()...), undoAPI[0], undoAPI[1], undoAPI[2], `DROP TABLE search_fts`,
		`CREATE VIRTUAL TABLE search_fts USING fts5 (title_terms, title_alts, body_terms, body_alts, content = '', contentless_delete = 1, tokenize = "ascii tokenchars ''''")`,
		`DROP TABLE content_changes`, `DROP TABLE list_counts`, `DROP TABLE search_meta`, `DROP TABLE search_lexicon`, `DROP INDEX search_docs_stale`,
		undoTOTPSteps, `DELETE FROM schema_migrations WHERE version >= 5`) {
		if _, err := db.write.ExecContext(ctx, q); err != nil {
			t.Fatal(q, err)
		}
	}
	db.Close()
	if db, err = OpenSQLite(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := db.Search(ctx, khabar.SearchQuery{Text: `"grain exports"`, Langs: []string{"en"}, Limit: 5})
	if err != nil || res.Total != 1 {
		t.Fatalf("a phrase after the upgrade: %+v, %v", res, err)
	}
}

// undoImports takes a database back from migration 0015 (redirects and
// import records) to the schema before it.
var undoImports = []string{`DROP TABLE redirects`, `DROP TABLE import_records`, `DELETE FROM settings WHERE key = 'site_id'`, `DROP INDEX search_docs_imported`}

// undoEditorial takes a database back from migration 0016 (notes, pending
// changes, expiry, corrections) to the schema before it.
var undoEditorial = []string{`DROP TABLE corrections`, `DROP INDEX versions_expiring`, `ALTER TABLE versions DROP COLUMN note`,
	`ALTER TABLE versions DROP COLUMN note_by`, `ALTER TABLE revisions DROP COLUMN note`, `ALTER TABLE versions DROP COLUMN pending_revision`,
	`ALTER TABLE versions DROP COLUMN pending_synced`, `ALTER TABLE revisions DROP COLUMN pending`, `ALTER TABLE versions DROP COLUMN expires_at`,
	`ALTER TABLE versions DROP COLUMN withdrawal_note`}

// undoAPI takes a database back from migration 0006 (API tokens, story
// revisions) to the schema before it, for the upgrade tests above.
var undoAPI = []string{`DROP TABLE api_tokens`, `DROP INDEX versions_updated`, `ALTER TABLE stories DROP COLUMN revision`}

// undoReaderIndexes takes a database back from migration 0007 (the indexes
// of the reader's lists) to the schema before it.
func undoReaderIndexes() []string {
	return append(undoDistribution(), `DROP INDEX audit_log_user`, `DROP INDEX audit_log_action`, `DROP INDEX audit_log_at`, `DROP INDEX stories_updated`,
		`ALTER TABLE audit_log DROP COLUMN changes`, `ALTER TABLE media DROP COLUMN texts_fold`,
		`DROP INDEX versions_list`, `DROP INDEX versions_scheduled`, `DROP INDEX stories_featured`,
		`CREATE INDEX versions_published ON versions(lang, status, published_at DESC)`)
}

// undoDistribution takes a database back from migrations 0017 to 0019
// (the wire desk, newsletters, channels).
func undoDistribution() []string {
	var out []string
	for _, t := range []string{"channel_posts", "channels", "mail_outbox", "newsletter_issues", "newsletters", "subscribers", "wire_terms", "wire_items", "wire_feeds"} {
		out = append(out, "DROP TABLE "+t)
	}
	return out
}

// undoTOTPSteps takes migration 10 back.
const undoTOTPSteps = `ALTER TABLE users DROP COLUMN totp_step`
