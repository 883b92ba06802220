package port_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/port"
	"github.com/khabarnews/khabar/sqlstore"
)

// TestBackupUnderWrites takes a backup of a SQLite site while editors keep
// saving, through another connection to the file (as khabar backup beside
// khabar serve), restores it into a new data directory, and checks that
// every save acknowledged before the backup began is there and that SQLite
// finds the copy sound.
func TestBackupUnderWrites(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	server, err := sqlstore.OpenSQLite(ctx, filepath.Join(dir, "khabar.db"))
	must(t, err)
	defer server.Close()
	blobs, err := media.NewDisk(filepath.Join(dir, "media"))
	must(t, err)
	news := newsroom.New(server, blobs, nil, nil)
	actor := newsroom.Console()
	img, err := media.Inspect(strings.NewReader(string(picture(t, "jpeg", 320, 200))), media.DefaultLimits())
	must(t, err)
	photo, err := news.UploadMedia(ctx, actor, img, newsroom.MediaTexts{Credit: khabar.Text{"ar": "الصورة: تاس"}})
	must(t, err)
	editor, err := news.CreateUser(ctx, actor, newsroom.UserInput{Login: "nadia", Names: khabar.Text{"ar": "نادية"}, Role: khabar.RoleEditor, NoLogin: true}, "")
	must(t, err)
	// Some bulk, so that the copy takes a while.
	var bulk []khabar.ImportedStory
	for i := range 3000 {
		bulk = append(bulk, khabar.ImportedStory{Story: &khabar.Story{LeadMediaID: photo.ID}, Versions: []*khabar.Version{{Lang: "ar",
			Title: fmt.Sprintf("خبر رقم %d", i), Slug: "khabar", Body: strings.Repeat("<p>نص الخبر الطويل.</p>", 40), Status: khabar.StatusPublished}}})
	}
	must(t, server.ImportStories(ctx, bulk))

	type save struct {
		id    int64
		title string
	}
	var mu sync.Mutex
	var acked []save
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				title := fmt.Sprintf("Editor %d, save %d", w, i)
				st, _, err := news.CreateStory(ctx, actor, newsroom.StoryInput{AuthorIDs: []int64{editor.ID}, LeadMediaID: photo.ID}, newsroom.VersionInput{Lang: "en", Title: title})
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				acked = append(acked, save{st.ID, title})
				mu.Unlock()
			}
		})
	}
	time.Sleep(300 * time.Millisecond)
	mu.Lock()
	before := append([]save(nil), acked...)
	mu.Unlock()

	cli, err := sqlstore.OpenSQLite(ctx, filepath.Join(dir, "khabar.db"))
	must(t, err)
	defer cli.Close()
	dest := filepath.Join(t.TempDir(), "site.tar.gz")
	m, err := port.Backup(ctx, cli, filepath.Join(dir, "media"), dest, "test")
	must(t, err)
	mu.Lock()
	during := len(acked) - len(before)
	mu.Unlock()
	close(stop)
	wg.Wait()
	if len(before) == 0 || during == 0 {
		t.Fatalf("%d saves before the backup, %d during it: the test did not write while backing up", len(before), during)
	}
	if want := 1 + len(photo.Variants); m.MediaFiles != want {
		t.Fatalf("backup of %d media files, want the original and its variants, %d", m.MediaFiles, want)
	}

	restored := filepath.Join(t.TempDir(), "data")
	if _, err := port.RestoreBackup(dest, restored); err != nil {
		t.Fatal(err)
	}
	db, err := sqlstore.OpenSQLite(ctx, filepath.Join(restored, "khabar.db"))
	must(t, err)
	defer db.Close()
	must(t, db.IntegrityCheck(ctx))
	for _, s := range before {
		vs, err := db.Versions(ctx, s.id)
		if err != nil || len(vs) != 1 || vs[0].Title != s.title {
			t.Fatalf("save %q (story %d), acknowledged before the backup, is not in it: %v %v", s.title, s.id, vs, err)
		}
	}
	if n, _ := db.CountStories(ctx); n < 3000+len(before) {
		t.Fatalf("%d stories in the copy", n)
	}
	m2, err := db.Media(ctx, photo.ID)
	must(t, err)
	for _, key := range []string{m2.Key, m2.Variants[0].Key} {
		if _, err := os.Stat(filepath.Join(restored, "media", filepath.FromSlash(key))); err != nil {
			t.Fatalf("media file %s not restored: %v", key, err)
		}
	}
	// Never over a site.
	if _, err := port.RestoreBackup(dest, restored); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("a restore over a site: %v", err)
	}
	t.Logf("%d saves before the backup, %d while it ran", len(before), during)
}

// TestExportUnderWrites is the logical backup (khabar backup on
// PostgreSQL, khabar export anywhere): taken while editors save, it holds
// every save acknowledged before it began, and reads back whole.
func TestExportUnderWrites(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	actor := newsroom.Console()
	editor, err := s.news.CreateUser(ctx, actor, newsroom.UserInput{Login: "nadia", Names: khabar.Text{"ar": "نادية"}, Role: khabar.RoleEditor, NoLogin: true}, "")
	must(t, err)
	var mu sync.Mutex
	acked := map[int64]string{}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				title := fmt.Sprintf("Редактор %d, сохранение %d", w, i)
				st, _, err := s.news.CreateStory(ctx, actor, newsroom.StoryInput{AuthorIDs: []int64{editor.ID}}, newsroom.VersionInput{Lang: "ru", Title: title})
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				acked[st.ID] = title
				mu.Unlock()
			}
		})
	}
	time.Sleep(300 * time.Millisecond)
	mu.Lock()
	before := map[int64]string{}
	for k, v := range acked {
		before[k] = v
	}
	mu.Unlock()
	dest := filepath.Join(t.TempDir(), "site.tar.gz")
	_, err = port.Export(ctx, s.db, s.blobs, dest, "test", nil)
	close(stop)
	wg.Wait()
	must(t, err)

	b := newSite(t)
	rep, err := port.Archive(ctx, b.news, actor, dest, port.Options{})
	must(t, err)
	if len(rep.Skipped) > 0 {
		t.Fatalf("skipped: %v", rep.Skipped)
	}
	for id, title := range before {
		vs, err := b.db.Versions(ctx, id)
		if err != nil || len(vs) != 1 || vs[0].Title != title {
			t.Fatalf("save %q (story %d), acknowledged before the export, is not in it: %v %v", title, id, vs, err)
		}
	}
	if len(before) == 0 {
		t.Fatal("nothing was saved before the export")
	}
}
