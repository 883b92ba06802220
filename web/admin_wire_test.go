package web_test

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/wire"
)

// agencyFeeds serves the wire package's test feeds by file name.
func agencyFeeds(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := os.ReadFile("../wire/testdata/" + strings.TrimPrefix(r.URL.Path, "/"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		if strings.HasSuffix(r.URL.Path, ".html") {
			w.Header().Set("Content-Type", "text/html")
		}
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func (s *site) pollWire() {
	s.t.Helper()
	p := &wire.Poller{Queue: s.store, Fetcher: wire.NewFetcher(wire.Limits{Timeout: 5 * time.Second}, "test"), Node: "test"}
	if _, _, err := p.PollDue(context.Background()); err != nil {
		s.t.Fatal(err)
	}
}

// TestWireDesk: an editor adds a feed of TASS, the poll brings its items
// into the Arabic inbox, an author finds one by a word with a clitic and
// makes a draft of it, which credits TASS; a feed serving a web page says
// so on the feeds page; a translator has no wire desk.
func TestWireDesk(t *testing.T) {
	s := newSite(t)
	agency := agencyFeeds(t)
	sources, err := s.store.Sources(context.Background())
	s.must(err)
	tass := strconv.FormatInt(sources[0].ID, 10)
	_, editor := s.signedIn("wire-editor", khabar.RoleEditor)
	_, author := s.signedIn("wire-author", khabar.RoleAuthor)
	_, translator := s.signedIn("wire-translator", khabar.RoleTranslator, "ru")

	add := func(b *browser, path string) response {
		return b.do("POST", "/admin/wire/feeds", url.Values{"source": {tass}, "url": {agency.URL + path}, "lang": {"ar"}, "minutes": {"5"}})
	}
	add(author, "/rss-ar.xml").want(t, http.StatusForbidden, "an author adding a feed")
	add(editor, "/rss-ar.xml").want(t, http.StatusSeeOther, "adding a feed")
	add(editor, "/page.html").want(t, http.StatusSeeOther, "adding a second feed")
	r := add(editor, "/rss-ar.xml").want(t, http.StatusConflict, "adding the same address again")
	if !strings.Contains(r.body, "A feed with this address already exists.") {
		t.Errorf("the refusal does not say why:\n%.1500s", r.body)
	}
	editor.do("POST", "/admin/wire/feeds", url.Values{"source": {tass}, "url": {"tass.com/rss"}, "lang": {"ar"}, "minutes": {"5"}}).
		want(t, http.StatusBadRequest, "an address without a scheme")
	s.pollWire()

	feeds := editor.do("GET", "/admin/wire/feeds", nil, "Accept-Language", "ar").want(t, http.StatusOK, "the feeds page")
	if !strings.Contains(feeds.body, "هذا العنوان صفحة ويب لا خلاصة") || !strings.Contains(feeds.body, "تعمل") {
		t.Errorf("the feeds page does not tell the working feed from the web page:\n%.3000s", feeds.body)
	}

	srcPage := editor.do("GET", "/admin/sources", nil, "Accept-Language", "en").want(t, http.StatusOK, "the sources page")
	if !strings.Contains(srcPage.body, "a feed fails") {
		t.Errorf("the sources page does not say that a feed of TASS fails:\n%.3000s", srcPage.body)
	}
	translator.do("GET", "/admin/wire", nil).want(t, http.StatusForbidden, "a translator's wire desk")
	inbox := author.do("GET", "/admin/wire?lang=ar&q="+url.QueryEscape("والكرملين"), nil).want(t, http.StatusOK, "searching the inbox")
	if !strings.Contains(inbox.body, "القمة غير الرسمية") || strings.Contains(inbox.body, "أسعار القمح") {
		t.Fatalf("the search for والكرملين does not find just the summit item:\n%.3000s", inbox.body)
	}
	items, _, err := s.store.WireItems(context.Background(), khabar.WireFilter{Lang: "ar", Query: "الكرملين"})
	s.must(err)
	id := strconv.FormatInt(items[0].ID, 10)
	page := author.do("GET", "/admin/wire/items/"+id, nil).want(t, http.StatusOK, "an item")
	if !strings.Contains(page.body, "وقال المتحدث إن 11 دولة ستشارك.") || !strings.Contains(page.body, `action="/admin/wire/items/`+id+`/use"`) {
		t.Fatalf("the item page lacks its text or the Use button:\n%.3000s", page.body)
	}
	used := author.do("POST", "/admin/wire/items/"+id+"/use", url.Values{}).want(t, http.StatusSeeOther, "using an item")
	storyID := storyCreated(t, used)
	st, err := s.store.Story(context.Background(), storyID)
	s.must(err)
	v := s.storyVersion(storyID, "ar")
	if st.SourceID != sources[0].ID || !wire.HasAgencyText(v.Body) || !strings.Contains(v.Body, "تاس") || !strings.Contains(v.Body, items[0].Link) {
		t.Errorf("the draft: source %d, body %s", st.SourceID, v.Body)
	}
	// The editor keeps the agency's link beside the source, whatever
	// becomes of the quoted text.
	edit := author.do("GET", "/admin/stories/"+strconv.FormatInt(storyID, 10)+"/ar", nil, "Accept-Language", "en").want(t, http.StatusOK, "the draft's editor")
	if !strings.Contains(edit.body, "Made from the wire item") || !strings.Contains(edit.body, `href="/admin/wire/items/`+id+`"`) ||
		!strings.Contains(edit.body, `href="`+html.EscapeString(items[0].Link)+`"`) {
		t.Errorf("the editor does not show the wire item the draft came from:\n%.3000s", edit.body)
	}
	again := editor.do("POST", "/admin/wire/items/"+id+"/use", url.Values{}).want(t, http.StatusConflict, "using an item twice")
	if !strings.Contains(again.body, "A draft was already made from this item") {
		t.Errorf("the second use does not say why:\n%.1500s", again.body)
	}

	unseen := author.do("GET", "/admin/wire?lang=ar&seen=unseen", nil).want(t, http.StatusOK, "the unseen items")
	if strings.Contains(unseen.body, "القمة غير الرسمية") || !strings.Contains(unseen.body, "أسعار القمح") {
		t.Errorf("a used item is still unseen, or the other is not:\n%.3000s", unseen.body)
	}
	author.do("POST", "/admin/wire/seen", url.Values{"id": {strconv.FormatInt(items[0].ID+1, 10)}, "seen": {"1"}, "back": {"https://evil.example/"}}).
		want(t, http.StatusSeeOther, "marking seen")
	if n, _ := s.store.UnseenWire(context.Background()); n["ar"] != 0 {
		t.Errorf("unseen after marking: %v", n)
	}
}
