package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/khabarnews/khabar"
)

// TestSiteLexicon: an editor adds an entry to the search lexicon and the
// public search finds the stories at once; a bad entry comes back with
// the reason and what was typed; the entry can be changed and removed;
// the shipped entries are listed per language.
func TestSiteLexicon(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	_, b := s.signedIn("ed", khabar.RoleEditor)
	found := func() bool {
		t.Helper()
		body := s.page("/en/search?q=roundup+").body
		return strings.Contains(body, `class="search-result"`) && strings.Contains(body, "Economic <mark>digest</mark>")
	}
	if found() {
		t.Fatal("roundup finds the digests before any entry")
	}

	r := b.do("POST", "/admin/lexicon", url.Values{"lang": {"en"}, "class": {"spelling"}, "words": {"digest\nroundup"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("create = %d\n%.500s", r.status, r.body)
	}
	if !found() {
		t.Fatal("the public search does not use the new entry")
	}
	list, err := s.store.SearchLexicon(ctx)
	s.must(err)
	if len(list) != 1 {
		t.Fatalf("lexicon %+v", list)
	}
	id := itoa(int(list[0].ID))
	r = b.do("GET", "/admin/lexicon?lang=ar", nil)
	if r.status != http.StatusOK || !strings.Contains(r.body, "<bdi>digest</bdi>، <bdi>roundup</bdi>") || !strings.Contains(r.body, "<bdi>مصارف</bdi>") {
		t.Errorf("the list lacks the site's entry or the shipped Arabic ones (%d)", r.status)
	}

	// Refused: the reason, and the words as typed.
	r = b.do("POST", "/admin/lexicon/"+id, url.Values{"lang": {"en"}, "class": {"spelling"}, "words": {"digest, the"}})
	if r.status != http.StatusBadRequest || !strings.Contains(r.body, "form-error") || !strings.Contains(r.body, "digest, the") {
		t.Errorf("an entry with a stop word = %d\n%.400s", r.status, r.body)
	}
	if !found() {
		t.Error("a refused change changed the entry")
	}

	r = b.do("POST", "/admin/lexicon/"+id, url.Values{"lang": {"en"}, "class": {"spelling"}, "words": {"digest, summary"}})
	if r.status != http.StatusSeeOther || found() {
		t.Fatalf("edit = %d, roundup still found: %v", r.status, found())
	}
	if r := b.do("POST", "/admin/lexicon/"+id+"/delete", nil); r.status != http.StatusSeeOther {
		t.Fatalf("delete = %d", r.status)
	}
	if list, _ := s.store.SearchLexicon(ctx); len(list) != 0 {
		t.Errorf("after the delete: %+v", list)
	}
	if r := b.do("GET", "/admin/lexicon/"+id, nil); r.status != http.StatusNotFound {
		t.Errorf("a deleted entry's form = %d", r.status)
	}

	// The form speaks the editor's language.
	_, ar := s.signedIn("ar-ed", khabar.RoleEditor)
	ar.do("POST", "/admin/ui-language", url.Values{"lang": {"ar"}})
	if r := ar.do("GET", "/admin/lexicon/new", nil); r.status != http.StatusOK || !strings.Contains(r.body, "معجم البحث") {
		t.Errorf("the Arabic form = %d", r.status)
	}
}
