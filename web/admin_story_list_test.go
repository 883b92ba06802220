package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// storyListIDs are the stories the list's rows link to, in order.
func storyListIDs(t *testing.T, page string) []string {
	t.Helper()
	var ids []string
	for _, part := range strings.Split(page, `<td class="title-cell">`)[1:] {
		_, rest, _ := strings.Cut(part, `id="title-`)
		id, _, _ := strings.Cut(rest, `"`)
		ids = append(ids, id)
	}
	return ids
}

// TestStoryListSearchesAsTheSiteDoes: the story list finds stories by any
// word of any version, drafts included, analysed as the site's search
// analyses it — a clitic, a Russian ending — not by a literal title match.
func TestStoryListSearchesAsTheSiteDoes(t *testing.T) {
	s := newSite(t)
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	draft := storyCreated(t, ed.do("POST", "/admin/stories/new", url.Values{"lang": {"ar"}, "title": {"مسودة عن الاجتماع"},
		"body": {"<p>اجتمع قادة الرابطة في القاهرة.</p>"}}))
	for _, c := range []struct {
		q    string
		want []int64
	}{
		{"والرابطة", []int64{draft}},                   // a clitic and the article, in a draft's body
		{"والكرملين", []int64{s.ids["summit"]}},        // الكرملِين with a kasra, in a published body
		{"сводки", nil},                                // a form of a word: many digests, checked below
		{"secret", []int64{s.ids["draft"]}},            // a draft's title, whatever the case
		{strconv.FormatInt(draft, 10), []int64{draft}}, // a story's number
	} {
		page := ed.do("GET", "/admin/stories?q="+url.QueryEscape(c.q), nil).want(t, 200, "searching "+c.q).body
		got := storyListIDs(t, page)
		if c.want == nil {
			if len(got) < 10 {
				t.Errorf("searching %q found %d stories, want the digests", c.q, len(got))
			}
			continue
		}
		if len(got) == 0 || got[0] != strconv.FormatInt(c.want[0], 10) {
			t.Errorf("searching %q found %v, want %v first", c.q, got, c.want)
		}
	}
	// A query the analysers make nothing of, and one too long: no error
	// page, an empty list or a message.
	if page := ed.do("GET", "/admin/stories?q=%E2%80%A6", nil).want(t, 200, "searching …").body; len(storyListIDs(t, page)) != 0 {
		t.Error("a query of punctuation found stories")
	}
	long := strings.Repeat("ا", khabar.MaxQueryRunes+1)
	if page := ed.do("GET", "/admin/stories?q="+url.QueryEscape(long), nil).want(t, 200, "a long query").body; !strings.Contains(page, `class="form-error"`) {
		t.Error("a query too long is not explained")
	}
}

// TestFirstRevisionIsTheWriters: the first revision of a story saved by a
// person is theirs, not the system's.
func TestFirstRevisionIsTheWriters(t *testing.T) {
	s := newSite(t)
	u, ed := s.storyLogin("nadia", khabar.RoleEditor)
	id := storyCreated(t, ed.do("POST", "/admin/stories/new", url.Values{"lang": {"en"}, "title": {"A first save"}}))
	revs, err := s.store.Revisions(context.Background(), id, "en")
	s.must(err)
	if len(revs) != 1 || revs[0].UserID != u.ID {
		t.Fatalf("revisions after a first save: %+v, want one by user %d", revs, u.ID)
	}
	page := ed.do("GET", storyPath(id, "en")+"/revisions", nil).want(t, 200, "the revisions").body
	if !strings.Contains(page, "<bdi>nadia</bdi>") || strings.Contains(page, "Khabar (automatic)") {
		t.Error("the revisions page does not credit the first save to its writer")
	}
}

// TestDashboardShowsPublicationTimes: the dashboard's schedule shows when
// each version goes out, the next first, and "recently published" is in
// order of publication, not of the last edit.
func TestDashboardShowsPublicationTimes(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	// The oldest digest is edited now: last changed, yet not recently published.
	old := s.ids["digest32"]
	v := s.storyVersion(old, "en")
	v.Title = "Economic digest no. 32, corrected"
	s.must(s.store.SaveVersion(ctx, &v, 0))
	later := time.Now().Add(72 * time.Hour).UTC().Truncate(time.Minute)
	sooner := later.Add(-24 * time.Hour)
	for _, x := range []struct {
		title string
		at    time.Time
	}{{"Later one", later}, {"Sooner one", sooner}} {
		st := &khabar.Story{}
		s.must(s.store.CreateStory(ctx, st, []*khabar.Version{{Lang: "en", Title: x.title, Slug: strings.ReplaceAll(strings.ToLower(x.title), " ", "-"),
			Status: khabar.StatusPublished, PublishedAt: x.at}}))
	}
	page := ed.do("GET", "/admin/", nil).want(t, 200, "the dashboard").body
	sched := between(page, "Scheduled", "</section>")
	if i, j := strings.Index(sched, "Sooner one"), strings.Index(sched, "Later one"); i < 0 || j < 0 || i > j {
		t.Errorf("the schedule is not the next first:\n%s", sched)
	}
	day := func(t time.Time) string { return strconv.Itoa(t.Day()) + " " + t.Month().String() }
	if !strings.Contains(sched, "for "+day(sooner)) || !strings.Contains(sched, "for "+day(later)) {
		t.Errorf("the schedule does not show the publication times (%s, %s):\n%s", day(sooner), day(later), sched)
	}
	published := between(page, "Recently published", "</section>")
	if strings.Contains(published, "corrected") {
		t.Errorf("an old story edited today is among the recently published:\n%s", published)
	}
	if !strings.Contains(published, "since 26 December 2023") {
		t.Errorf("recently published does not show publication times:\n%s", published)
	}
}

// TestBulkActions: an editor publishes, moves and tags several stories at
// once from the list, each change confirmed first and audited per story;
// an author may not; bad input changes nothing.
func TestBulkActions(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	_, author := s.storyLogin("amal", khabar.RoleAuthor)
	a := storyCreated(t, ed.do("POST", "/admin/stories/new", url.Values{"lang": {"en"}, "title": {"Bulk one"}}))
	b := storyCreated(t, ed.do("POST", "/admin/stories/new", url.Values{"lang": {"ru"}, "title": {"Второй для пакета"}}))
	stories := url.Values{"story": {strconv.FormatInt(a, 10), strconv.FormatInt(b, 10)}, "back": {"/admin/stories?status=draft"}}
	with := func(extra url.Values) url.Values {
		f := url.Values{}
		for k, v := range stories {
			f[k] = v
		}
		for k, v := range extra {
			f[k] = v
		}
		return f
	}

	// Asked first: the page names the stories and what will happen; nothing changes yet.
	confirm := ed.do("POST", "/admin/stories/bulk", with(url.Values{"action": {"publish"}})).want(t, 200, "the bulk confirmation").body
	for _, want := range []string{"Publish these stories?", "Bulk one", "Второй для пакета", "2 stories chosen", `name="confirm" value="1"`} {
		if !strings.Contains(confirm, want) {
			t.Errorf("the confirmation lacks %q", want)
		}
	}
	noInlineCode(t, confirm)
	if s.storyVersion(a, "en").Status != khabar.StatusDraft {
		t.Fatal("asking to publish published")
	}
	r := ed.do("POST", "/admin/stories/bulk", with(url.Values{"action": {"publish"}, "confirm": {"1"}})).want(t, http.StatusSeeOther, "publishing both")
	if loc := r.header.Get("Location"); loc != "/admin/stories?status=draft&done=bulk&stories=2&versions=2" {
		t.Errorf("after the bulk action the editor goes to %q", loc)
	}
	if s.storyVersion(a, "en").Status != khabar.StatusPublished || s.storyVersion(b, "ru").Status != khabar.StatusPublished {
		t.Fatal("the stories are not published")
	}
	if page := ed.do("GET", r.header.Get("Location"), nil).body; !strings.Contains(page, "2 stories changed. 2 language versions moved.") {
		t.Error("the list does not say what the bulk action did")
	}
	if _, err := s.store.Article(ctx, a, "en"); err != nil {
		t.Errorf("the published story is not on the site: %v", err)
	}

	// Move to a section, add a tag by its name (as typed without scripts).
	ed.do("POST", "/admin/stories/bulk", with(url.Values{"action": {"section"}, "section": {strconv.FormatInt(s.section("economy"), 10)}, "confirm": {"1"}})).
		want(t, http.StatusSeeOther, "moving both")
	tagPage := ed.do("POST", "/admin/stories/bulk", with(url.Values{"action": {"tag"}, "tag_name": {"путин"}})).want(t, 200, "asking to tag")
	if !strings.Contains(tagPage.body, "Each of them gets the tag «Putin»") {
		t.Error("the tag confirmation does not name the tag")
	}
	ed.do("POST", "/admin/stories/bulk", with(url.Values{"action": {"tag"}, "tag": {strconv.FormatInt(s.tag("putin"), 10)}, "confirm": {"1"}})).
		want(t, http.StatusSeeOther, "tagging both")
	for _, id := range []int64{a, b} {
		st, err := s.store.Story(ctx, id)
		s.must(err)
		if st.SectionID != s.section("economy") || len(st.TagIDs) != 1 || st.TagIDs[0] != s.tag("putin") {
			t.Errorf("story %d after moving and tagging: %+v", id, st)
		}
	}
	entries, _, err := s.store.AuditLog(ctx, khabar.AuditFilter{Object: "story/" + strconv.FormatInt(a, 10)})
	s.must(err)
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, " "); got != "story.update story.update version.published story.create" {
		t.Errorf("story %d's audit log after the bulk actions: %s", a, got)
	}

	// Unpublish takes both off the site.
	ed.do("POST", "/admin/stories/bulk", with(url.Values{"action": {"unpublish"}, "confirm": {"1"}})).want(t, http.StatusSeeOther, "unpublishing both")
	if s.storyVersion(b, "ru").Status != khabar.StatusUnpublished {
		t.Error("unpublishing did not take the story down")
	}

	// Refused: an author; no story; an unknown action, tag or section; too many.
	author.do("POST", "/admin/stories/bulk", with(url.Values{"action": {"publish"}, "confirm": {"1"}})).want(t, http.StatusForbidden, "an author's bulk publish")
	if page := author.do("GET", "/admin/stories", nil).body; strings.Contains(page, `name="story"`) || strings.Contains(page, "/admin/stories/bulk\" class") {
		t.Error("an author is offered bulk actions")
	}
	for _, c := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"action": {"publish"}, "confirm": {"1"}}, "Choose at least one story."},
		{with(url.Values{"action": {"delete"}, "confirm": {"1"}}), "There is no action «delete» for several stories."},
		{with(url.Values{"action": {"tag"}, "tag_name": {"Nonexistent"}, "confirm": {"1"}}), "There is no tag «Nonexistent»."},
		{with(url.Values{"action": {"section"}, "section": {"999"}, "confirm": {"1"}}), "section"},
		{with(url.Values{"action": {"publish"}, "story": {"999999"}, "confirm": {"1"}}), "story"},
	} {
		r := ed.do("POST", "/admin/stories/bulk", c.form)
		if r.status == http.StatusSeeOther || r.status == http.StatusOK || !strings.Contains(r.body, c.want) {
			t.Errorf("bulk %v = %d, want an error saying %q:\n%.600s", c.form, r.status, c.want, between(r.body, `class="form-error"`, `</p>`))
		}
	}
	if s.storyVersion(b, "ru").Status != khabar.StatusUnpublished {
		t.Error("a refused bulk action changed a story")
	}
	many := url.Values{"action": {"publish"}, "confirm": {"1"}}
	for i := 1; i <= 201; i++ {
		many.Add("story", strconv.Itoa(i))
	}
	ed.do("POST", "/admin/stories/bulk", many).want(t, http.StatusBadRequest, "201 stories at once")
	// Coming back goes to the list only.
	if r := ed.do("POST", "/admin/stories/bulk", with(url.Values{"action": {"publish"}, "confirm": {"1"}, "back": {"https://evil.example/"}})); r.header.Get("Location") != "/admin/stories?done=bulk&stories=0&versions=0" {
		t.Errorf("a bulk action's return address may leave the newsroom: %q", r.header.Get("Location"))
	}
}
