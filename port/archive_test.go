package port_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/port"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
)

// fullSite fills a site with something of everything an archive holds:
// an imported WordPress site (translations, images, authors, redirects),
// a story edited twice, a source, a hand-made redirect, changed settings,
// and the editorial desk's and the distribution's work (newsroomWork).
func fullSite(t *testing.T, s *site) moved {
	t.Helper()
	ctx := context.Background()
	actor := newsroom.Console()
	_, err := port.WordPress(ctx, s.news, actor, fixture, port.Options{Uploads: uploads(t), NoFetch: true})
	must(t, err)
	src, err := s.news.SaveSource(ctx, actor, 0, newsroom.SourceInput{Names: khabar.Text{"ar": "تاس", "ru": "ТАСС", "en": "TASS"}})
	must(t, err)
	irina, err := s.db.UserByLogin(ctx, "irina")
	must(t, err)
	st, v, err := s.news.CreateStory(ctx, actor, newsroom.StoryInput{SourceID: src.ID, AuthorIDs: []int64{irina.ID}},
		newsroom.VersionInput{Lang: "ru", Title: "Черновик", Body: "<p>Первый вариант</p>"})
	must(t, err)
	_, err = s.news.SaveVersion(ctx, actor, st.ID, newsroom.VersionInput{Lang: "ru", Title: "Второй вариант", Body: "<p>Текст\u00a0— ещё раз</p>", BaseRevision: v.Revision})
	must(t, err)
	_, err = s.news.SaveRedirect(ctx, actor, 0, newsroom.RedirectInput{From: "/about-us", To: "/en/"})
	must(t, err)
	settings, err := s.db.Settings(ctx)
	must(t, err)
	settings.HijriLangs, settings.TimeZone = []string{"ar", "ru"}, "Asia/Riyadh"
	must(t, s.news.SaveSettings(ctx, actor, settings))
	return newsroomWork(t, s, src.ID)
}

// files reads every file under dir, by slash path.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	must(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = b
		return err
	}))
	return out
}

// sameArchive compares two exports of the same content: every file the
// same but the manifest's time and counts, and the second audit log the
// first's with the import's own entries after it.
func sameArchive(t *testing.T, a, b map[string][]byte) {
	t.Helper()
	for name := range a {
		if _, ok := b[name]; !ok {
			t.Errorf("%s is missing from the second export", name)
		}
	}
	for name, want := range a {
		got := b[name]
		switch name {
		case "manifest.json":
			var ma, mb map[string]any
			must(t, json.Unmarshal(want, &ma))
			must(t, json.Unmarshal(got, &mb))
			if ma["site_id"] != mb["site_id"] || ma["format"] != mb["format"] || ma["version"] != mb["version"] {
				t.Errorf("manifests differ: %s\n%s", want, got)
			}
		case "audit.jsonl":
			if !bytes.HasPrefix(got, want) || len(got) == len(want) {
				t.Errorf("the second audit log does not continue the first:\n%.2000s\n---\n%.2000s", want, got)
			}
		default:
			if !bytes.Equal(want, got) {
				t.Errorf("%s differs:\n%.3000s\n---\n%.3000s", name, want, got)
			}
		}
	}
	if len(b) != len(a) {
		t.Errorf("%d files, then %d", len(a), len(b))
	}
}

func export(t *testing.T, s *site, dest string) map[string][]byte {
	t.Helper()
	_, err := port.Export(context.Background(), s.db, s.blobs, dest, "test", nil)
	must(t, err)
	if strings.HasSuffix(dest, ".tar.gz") {
		dir := t.TempDir()
		unpack(t, dest, dir)
		return files(t, dir)
	}
	return files(t, dest)
}

func unpack(t *testing.T, file, dir string) {
	t.Helper()
	f, err := os.Open(file)
	must(t, err)
	defer f.Close()
	gz, err := gzip.NewReader(f)
	must(t, err)
	tr := tar.NewReader(gz)
	for {
		hdr, err := tr.Next()
		if err != nil {
			break
		}
		p := filepath.Join(dir, filepath.FromSlash(hdr.Name))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		var b bytes.Buffer
		_, err = b.ReadFrom(tr)
		must(t, err)
		must(t, os.WriteFile(p, b.Bytes(), 0o644))
	}
}

// siteOn is a site on the given store.
func siteOn(t *testing.T, db *sqlstore.DB) *site {
	t.Helper()
	dir := t.TempDir()
	blobs, err := media.NewDisk(filepath.Join(dir, "media"))
	must(t, err)
	return &site{db: db, blobs: blobs, news: newsroom.New(db, blobs, nil, nil), dir: dir}
}

// TestArchiveRoundTrip: export → import into an empty site → export gives
// the same archive; importing it again changes nothing.
func TestArchiveRoundTrip(t *testing.T) {
	roundTrip(t, newSite(t), newSite(t))
}

// TestArchiveAcrossStores moves a SQLite site into PostgreSQL.
func TestArchiveAcrossStores(t *testing.T) {
	sqltest.Server(t)
	lite, err := sqlstore.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "khabar.db"))
	must(t, err)
	t.Cleanup(func() { lite.Close() })
	pg, err := sqlstore.OpenPostgres(context.Background(), sqltest.FreshPostgres(t))
	must(t, err)
	t.Cleanup(func() { pg.Close() })
	roundTrip(t, siteOn(t, lite), siteOn(t, pg))
}

func roundTrip(t *testing.T, a, b *site) {
	ctx := context.Background()
	work := fullSite(t, a)
	first := export(t, a, filepath.Join(t.TempDir(), "site.tar.gz"))
	for _, want := range []string{"manifest.json", "settings.json", "stories.jsonl", "users.jsonl", "audit.jsonl", "redirects.jsonl", "pages.jsonl",
		"wire_feeds.jsonl", "subscribers.jsonl", "newsletters.jsonl", "channels.jsonl", "channel_posts.jsonl"} {
		if len(first[want]) == 0 {
			t.Fatalf("the export lacks %s", want)
		}
	}
	if bytes.Contains(first["users.jsonl"], []byte("argon2")) || bytes.Contains(first["users.jsonl"], []byte("password")) {
		t.Fatalf("the export holds secrets:\n%s", first["users.jsonl"])
	}
	archive := filepath.Join(t.TempDir(), "a.tar.gz")
	_, err := port.Export(ctx, a.db, a.blobs, archive, "test", nil)
	must(t, err)

	rep, err := port.Archive(ctx, b.news, newsroom.Console(), archive, port.Options{})
	must(t, err)
	if len(rep.Skipped) > 0 || len(rep.MissingMedia) > 0 || rep.Created["story"] != 9 || rep.Created["media"] != 2 || rep.Created["subscriber"] != 2 {
		t.Fatalf("import report: %+v %v %v", rep, rep.Skipped, rep.MissingMedia)
	}
	second := export(t, b, filepath.Join(t.TempDir(), "again"))
	sameArchive(t, first, second)

	// The same archive again: nothing new.
	rep, err = port.Archive(ctx, b.news, newsroom.Console(), archive, port.Options{})
	must(t, err)
	if rep.Created["story"] != 0 || rep.Unchanged["story"] != 9 || rep.Created["audit"] != 0 || rep.Created["media"] != 0 ||
		rep.Created["subscriber"] != 0 || rep.Created["channel_post"] != 0 {
		t.Fatalf("second import: %+v", rep)
	}
	if n, _ := b.db.CountStories(ctx); n != 9 {
		t.Fatalf("%d stories after the second import", n)
	}
	// The stories keep their ids (and so their addresses), and are found.
	must(t, b.news.IndexSearch(ctx, newsroom.Console(), nil))
	res, err := b.db.Search(ctx, khabar.SearchQuery{Text: "Kazan", Langs: []string{"en"}, Limit: 5})
	if err != nil || res.Total != 1 {
		t.Fatalf("search after the import: %+v, %v", res, err)
	}
	// The site restored is the site exported.
	ida, _ := a.db.SiteID(ctx)
	idb, _ := b.db.SiteID(ctx)
	if ida != idb {
		t.Fatalf("site ids %s, %s", ida, idb)
	}
	checkMoved(t, b, work)
}

func TestArchiveRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	a := newSite(t)
	fullSite(t, a)
	dir := filepath.Join(t.TempDir(), "arch")
	_, err := port.Export(ctx, a.db, a.blobs, dir, "test", nil)
	must(t, err)

	// Into a site with content of its own: refused, nothing written.
	b := newSite(t)
	must(t, b.db.ImportStories(ctx, []khabar.ImportedStory{{Story: &khabar.Story{}, Versions: []*khabar.Version{{Lang: "en", Title: "Mine", Slug: "mine"}}}}))
	_, err = port.Archive(ctx, b.news, newsroom.Console(), dir, port.Options{})
	if khabar.ErrorCode(err) != khabar.EConflict {
		t.Fatalf("into a site with stories: %v", err)
	}
	if n, _ := b.db.CountStories(ctx); n != 1 {
		t.Fatalf("a refused import wrote stories: %d", n)
	}

	// A broken line is skipped with its line number; the rest comes in.
	stories, err := os.ReadFile(filepath.Join(dir, "stories.jsonl"))
	must(t, err)
	lines := bytes.Split(bytes.TrimSpace(stories), []byte("\n"))
	lines[2] = []byte(`{"id": "three", "versions": [`)
	must(t, os.WriteFile(filepath.Join(dir, "stories.jsonl"), append(bytes.Join(lines, []byte("\n")), '\n'), 0o644))
	c := newSite(t)
	rep, err := port.Archive(ctx, c.news, newsroom.Console(), dir, port.Options{})
	must(t, err)
	// The story of line 3 is not there, so neither is its redirect.
	if len(rep.Skipped) != 2 || rep.Skipped[0].Ref != "stories.jsonl line 3" || rep.Skipped[1].Ref != "redirect /?p=120" || rep.Created["story"] != 8 {
		t.Fatalf("report: %+v %v", rep, rep.Skipped)
	}

	// Not an archive, or one of a newer version.
	for name, manifest := range map[string]string{"newer": `{"format": "khabar-archive", "version": 99, "site_id": "x"}`, "other": `{"format": "ghost"}`} {
		d := t.TempDir()
		must(t, os.WriteFile(filepath.Join(d, "manifest.json"), []byte(manifest), 0o644))
		_, err := port.Archive(ctx, newSite(t).news, newsroom.Console(), d, port.Options{})
		var ae *port.ArchiveError
		if !asArchiveError(err, &ae) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A tarball with a name that climbs out.
	evil := filepath.Join(t.TempDir(), "evil.tar.gz")
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	must(t, tw.WriteHeader(&tar.Header{Name: "../evil.txt", Mode: 0o644, Size: 4, Typeflag: tar.TypeReg, ModTime: time.Now()}))
	tw.Write([]byte("evil"))
	tw.Close()
	gz.Close()
	must(t, os.WriteFile(evil, buf.Bytes(), 0o644))
	if _, err := port.Archive(ctx, newSite(t).news, newsroom.Console(), evil, port.Options{}); err == nil || !strings.Contains(err.Error(), "outside") {
		t.Fatalf("a climbing name: %v", err)
	}
	// A dry run writes nothing.
	d := newSite(t)
	rep, err = port.Archive(ctx, d.news, newsroom.Console(), filepath.Join(t.TempDir(), "none"), port.Options{DryRun: true})
	if err == nil {
		t.Fatal("a missing archive was read")
	}
	a2 := filepath.Join(t.TempDir(), "ok")
	_, err = port.Export(ctx, a.db, a.blobs, a2, "test", nil)
	must(t, err)
	rep, err = port.Archive(ctx, d.news, newsroom.Console(), a2, port.Options{DryRun: true})
	must(t, err)
	if n, _ := d.db.CountStories(ctx); n != 0 || rep.Created["story"] != 9 {
		t.Fatalf("dry run: %d stories written, report %+v", n, rep)
	}
}

func asArchiveError(err error, target **port.ArchiveError) bool {
	e, ok := err.(*port.ArchiveError)
	if ok {
		*target = e
	}
	return ok
}
