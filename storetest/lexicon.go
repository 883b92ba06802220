package storetest

import (
	"slices"
	"testing"

	"github.com/khabarnews/khabar"
)

// testLexicon: the site's own lexicon entries apply to queries as soon as
// they are saved, and to the index once the versions that hold their words
// (and only those) are indexed again; a changed or deleted entry stops
// joining its words; a bad entry changes nothing.
func testLexicon(t *testing.T, open Opener) {
	f := newSearchFixture(t, open)
	en := []string{"en"}
	f.add(t, "kiosk", f.economy.ID, nil, &khabar.Version{Lang: "en", Title: "The kiosk by the harbour reopens", Body: "<p>Fishermen sell their catch there.</p>"})
	staleAfter := func(want int) {
		t.Helper()
		n, err := f.s.StaleSearch(ctx)
		must(t, err)
		if n != want {
			t.Fatalf("%d versions stale, want %d", n, want)
		}
		must(t, f.s.IndexStale(ctx, nil))
		if n, err := f.s.StaleSearch(ctx); err != nil || n != 0 {
			t.Fatalf("after IndexStale %d stale (%v)", n, err)
		}
	}
	f.want(t, khabar.SearchQuery{Text: "booth ", Langs: en})

	// Its first word is kiosk: a query for booth asks for kiosk's term,
	// which the story already has.
	e := &khabar.LexiconEntry{Lang: "en", Class: "spelling", Words: []string{"kiosk", "booth"}}
	must(t, f.s.SaveLexiconEntry(ctx, e))
	if e.ID == 0 || e.UpdatedAt.IsZero() {
		t.Fatalf("saved entry %+v", e)
	}
	f.want(t, khabar.SearchQuery{Text: "booth ", Langs: en}, "kiosk")
	staleAfter(1) // only the story that holds kiosk

	// Now booth first: the story needs the new term, and gets it.
	e.Words = []string{"booth", "kiosk"}
	must(t, f.s.SaveLexiconEntry(ctx, e))
	staleAfter(1)
	f.want(t, khabar.SearchQuery{Text: "booth ", Langs: en}, "kiosk")
	f.want(t, khabar.SearchQuery{Text: "kiosks ", Langs: en}, "kiosk")

	list, err := f.s.SearchLexicon(ctx)
	must(t, err)
	if len(list) != 1 || !slices.Equal(list[0].Words, []string{"booth", "kiosk"}) || list[0].Class != "spelling" {
		t.Fatalf("SearchLexicon = %+v", list)
	}

	must(t, f.s.DeleteLexiconEntry(ctx, e.ID))
	staleAfter(1)
	f.want(t, khabar.SearchQuery{Text: "booth ", Langs: en})
	if list, err := f.s.SearchLexicon(ctx); err != nil || len(list) != 0 {
		t.Fatalf("after the delete: %+v, %v", list, err)
	}

	wantCode(t, f.s.DeleteLexiconEntry(ctx, e.ID), khabar.ENotFound)
	wantCode(t, f.s.SaveLexiconEntry(ctx, &khabar.LexiconEntry{ID: e.ID, Lang: "en", Class: "spelling", Words: []string{"stall", "stand"}}), khabar.ENotFound)
	for _, bad := range []khabar.LexiconEntry{
		{Lang: "fr", Class: "spelling", Words: []string{"kiosque", "stand"}},
		{Lang: "en", Class: "synonym", Words: []string{"kiosk", "stall"}},
		{Lang: "en", Class: "spelling", Words: []string{"kiosk"}},
		{Lang: "en", Class: "spelling", Words: []string{"kiosk", "the"}},
	} {
		wantCode(t, f.s.SaveLexiconEntry(ctx, &bad), khabar.EInvalid)
	}
	if list, err := f.s.SearchLexicon(ctx); err != nil || len(list) != 0 {
		t.Fatalf("a bad entry was saved: %+v, %v", list, err)
	}
	if n, err := f.s.StaleSearch(ctx); err != nil || n != 0 {
		t.Fatalf("a bad entry made %d versions stale (%v)", n, err)
	}
}
