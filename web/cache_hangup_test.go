package web_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/i18n"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
	"github.com/khabarnews/khabar/web"
)

// hangingArticles is a store whose Article waits until the reader has gone.
type hangingArticles struct {
	khabar.Store
	started chan struct{}
}

func (s *hangingArticles) Article(ctx context.Context, id int64, lang string) (*khabar.Article, error) {
	close(s.started)
	<-ctx.Done()
	return nil, fmt.Errorf("reading article: %w", ctx.Err())
}

// TestReaderHangsUpMidRender: a reader who goes away while the page is
// being rendered gets nothing and leaves nothing in the log (it logged a
// panic, "invalid WriteHeader code 0", for every such reader).
func TestReaderHangsUpMidRender(t *testing.T) {
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
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	store := &hangingArticles{Store: db, started: make(chan struct{})}
	site, err := web.New(web.Config{BaseURL: "http://test.example", Logger: log}, store, blobs, cat, newsroom.New(db, blobs, nil, log))
	if err != nil {
		t.Fatal(err)
	}
	reqCtx, hangUp := context.WithCancel(ctx)
	go func() {
		<-store.started
		hangUp()
	}()
	w := httptest.NewRecorder()
	req := httptest.NewRequestWithContext(reqCtx, http.MethodGet, fmt.Sprintf("/en/news/%d-grain", st.ID), nil)
	site.ServeHTTP(w, req)
	if logs.Len() > 0 {
		t.Errorf("a reader who hung up left this in the log:\n%s", logs.String())
	}
	if w.Body.Len() > 0 {
		t.Errorf("a reader who hung up was sent %d bytes (status %d)", w.Body.Len(), w.Code)
	}
}
