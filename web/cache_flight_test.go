package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/i18n"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
	"github.com/khabarnews/khabar/web"
)

// slowArticles is a store whose Article takes a while and is counted.
type slowArticles struct {
	khabar.Store
	calls atomic.Int32
}

func (s *slowArticles) Article(ctx context.Context, id int64, lang string) (*khabar.Article, error) {
	s.calls.Add(1)
	time.Sleep(50 * time.Millisecond)
	return s.Store.Article(ctx, id, lang)
}

// TestCacheOneRender: readers who miss the same page at once wait for one
// render instead of each rendering it, and all get the page.
func TestCacheOneRender(t *testing.T) {
	ctx := context.Background()
	db := sqltest.Open(t)
	st := &khabar.Story{}
	if err := db.CreateStory(ctx, st, []*khabar.Version{{Lang: "en", Title: "Grain exports reach a record", Slug: "grain",
		Body: "<p>Text.</p>", Status: khabar.StatusPublished, PublishedAt: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}}); err != nil {
		t.Fatal(err)
	}
	blobs, err := media.NewDisk(filepath.Join(t.TempDir(), "media"))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	store := &slowArticles{Store: db}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	site, err := web.New(web.Config{BaseURL: "http://test.example", Logger: log}, store, blobs, cat, newsroom.New(db, blobs, nil, log))
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/en/news/%d-grain", st.ID)
	var wg sync.WaitGroup
	codes := make([]int, 20)
	for i := range codes {
		wg.Go(func() {
			w := httptest.NewRecorder()
			site.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
			codes[i] = w.Code
		})
	}
	wg.Wait()
	for i, c := range codes {
		if c != http.StatusOK {
			t.Errorf("reader %d: status %d", i, c)
		}
	}
	if n := store.calls.Load(); n != 1 {
		t.Errorf("20 readers at once rendered the article %d times; want 1", n)
	}
}
