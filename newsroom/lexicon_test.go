package newsroom_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// TestLexiconEntries: an editor adds, changes and removes entries of the
// search lexicon, each with its audit entry, and search follows; an author
// may not; a bad entry is refused with the reason and changes nothing.
func TestLexiconEntries(t *testing.T) {
	e := newEnv(t)
	st, v, err := e.svc.CreateStory(ctx, e.editor, newsroom.StoryInput{}, newsroom.VersionInput{Lang: "en", Title: "The kiosk reopens"})
	must(t, err)
	_, err = e.svc.SaveStory(ctx, e.editor, st.ID, newsroom.Edit{Version: newsroom.VersionInput{Lang: "en", Title: "The kiosk reopens", BaseRevision: v.Revision}, Move: khabar.StatusPublished})
	must(t, err)
	finds := func(q string) bool {
		t.Helper()
		res, err := e.store.Search(ctx, khabar.SearchQuery{Text: q + " ", Langs: []string{"en"}, Limit: 5})
		must(t, err)
		return res.Total == 1
	}
	if finds("booth") {
		t.Fatal("booth finds the kiosk before any entry")
	}

	_, err = e.svc.SaveLexiconEntry(ctx, e.author, 0, newsroom.LexiconInput{Lang: "en", Class: "spelling", Words: "kiosk, booth"})
	code(t, err, khabar.EForbidden)
	entry, err := e.svc.SaveLexiconEntry(ctx, e.editor, 0, newsroom.LexiconInput{Lang: "en", Class: "spelling", Words: " kiosk ,booth\nbooth,, "})
	must(t, err)
	if strings.Join(entry.Words, "|") != "kiosk|booth" {
		t.Fatalf("words %q, want kiosk and booth once each", entry.Words)
	}
	if !finds("booth") {
		t.Fatal("the entry does not apply to queries")
	}
	log, _, err := e.store.AuditLog(ctx, khabar.AuditFilter{Object: "lexicon/1", Limit: 10})
	must(t, err)
	if len(log) != 1 || log[0].Action != "lexicon.create" || log[0].UserID != e.editor.ID || !strings.Contains(log[0].Detail, "kiosk, booth") {
		t.Fatalf("audit log %+v", log)
	}

	_, err = e.svc.SaveLexiconEntry(ctx, e.editor, entry.ID, newsroom.LexiconInput{Lang: "en", Class: "spelling", Words: "kiosk, stall"})
	must(t, err)
	if finds("booth") || !finds("stall") {
		t.Fatal("the changed entry is not what search applies")
	}
	must(t, e.svc.DeleteLexiconEntry(ctx, e.editor, entry.ID))
	if finds("stall") {
		t.Fatal("a deleted entry still applies")
	}
	code(t, e.svc.DeleteLexiconEntry(ctx, e.editor, entry.ID), khabar.ENotFound)
	if log, _, _ := e.store.AuditLog(ctx, khabar.AuditFilter{Object: "lexicon/1", Limit: 10}); len(log) != 3 || log[0].Action != "lexicon.delete" {
		t.Fatalf("audit log %+v", log)
	}

	long := strings.Repeat("w", 101)
	var words []string
	for i := range 25 {
		words = append(words, "word"+strings.Repeat("x", i))
	}
	many := strings.Join(words, ", ")
	for _, c := range []struct {
		in  newsroom.LexiconInput
		key string
	}{
		{newsroom.LexiconInput{Lang: "fr", Class: "spelling", Words: "kiosque, stand"}, "err.lexicon.lang"},
		{newsroom.LexiconInput{Lang: "en", Class: "synonym", Words: "kiosk, stall"}, "err.lexicon.class"},
		{newsroom.LexiconInput{Lang: "en", Class: "spelling", Words: "kiosk"}, "err.lexicon.few"},
		{newsroom.LexiconInput{Lang: "en", Class: "name", Words: " , ،"}, "err.lexicon.few"},
		{newsroom.LexiconInput{Lang: "en", Class: "spelling", Words: many}, "err.lexicon.many"},
		{newsroom.LexiconInput{Lang: "en", Class: "spelling", Words: "kiosk, " + long}, "err.lexicon.word_long"},
		{newsroom.LexiconInput{Lang: "en", Class: "acronym", Words: "ABC, a b c d e f g h i"}, "err.lexicon.member_long"},
		{newsroom.LexiconInput{Lang: "en", Class: "acronym", Words: "WHO, World Health Organization"}, "err.lexicon.unsearchable"},
		{newsroom.LexiconInput{Lang: "en", Class: "spelling", Words: "kiosk, \xff"}, "err.text.utf8"},
	} {
		_, err := e.svc.SaveLexiconEntry(ctx, e.editor, 0, c.in)
		var ke *khabar.Error
		if !errors.As(err, &ke) || ke.Code != khabar.EInvalid || ke.Key != c.key {
			t.Errorf("SaveLexiconEntry(%+v) = %v, want %s", c.in, err, c.key)
		}
	}
	if list, err := e.store.SearchLexicon(ctx); err != nil || len(list) != 0 {
		t.Fatalf("refused entries were saved: %+v, %v", list, err)
	}

	// A change whose audit entry fails is not saved, and search does not
	// apply it.
	down := newsroom.New(auditDown{e.store}, nil, e.clock.Now, nil)
	_, err = down.SaveLexiconEntry(ctx, e.editor, 0, newsroom.LexiconInput{Lang: "en", Class: "spelling", Words: "kiosk, booth"})
	if !errors.Is(err, errAuditDown) {
		t.Fatalf("%v, want the audit failure", err)
	}
	if list, _ := e.store.SearchLexicon(ctx); len(list) != 0 || finds("booth") {
		t.Fatalf("an entry without its audit entry applies: %+v", list)
	}
}

// TestKeepSearchCurrent: the stories that hold the words of a new entry are
// indexed again in the background, with the progress in the log.
func TestKeepSearchCurrent(t *testing.T) {
	e := newEnv(t)
	for _, title := range []string{"The kiosk reopens", "Grain prices"} {
		st, v, err := e.svc.CreateStory(ctx, e.editor, newsroom.StoryInput{}, newsroom.VersionInput{Lang: "en", Title: title})
		must(t, err)
		_, err = e.svc.SaveStory(ctx, e.editor, st.ID, newsroom.Edit{Version: newsroom.VersionInput{Lang: "en", Title: title, BaseRevision: v.Revision}, Move: khabar.StatusPublished})
		must(t, err)
	}
	var mu sync.Mutex
	var logs bytes.Buffer
	svc := newsroom.New(e.store, nil, e.clock.Now, slog.New(slog.NewTextHandler(lockedWriter{&mu, &logs}, nil)))
	_, err := svc.SaveLexiconEntry(ctx, e.editor, 0, newsroom.LexiconInput{Lang: "en", Class: "spelling", Words: "booth, kiosk"})
	must(t, err)
	if n, err := e.store.StaleSearch(ctx); err != nil || n != 1 {
		t.Fatalf("%d stale versions (%v), want the kiosk's", n, err)
	}
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { svc.KeepSearchCurrent(cctx, 10*time.Millisecond); close(done) }()
	logged := func() string {
		mu.Lock()
		defer mu.Unlock()
		return logs.String()
	}
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(logged(), "search index: up to date") {
		if time.Now().After(deadline) {
			t.Fatalf("the stale version was not indexed again; log:\n%s", logged())
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if n, err := e.store.StaleSearch(ctx); err != nil || n != 0 {
		t.Errorf("%d stale versions (%v) after the log said up to date", n, err)
	}
	if !strings.Contains(logged(), "versions=1") {
		t.Errorf("log:\n%s", logged())
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	b  *bytes.Buffer
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}
