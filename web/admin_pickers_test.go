package web_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/khabarnews/khabar"
)

type pickerAnswer struct {
	Items []struct {
		ID    int64  `json:"id"`
		Name  string `json:"name"`
		Other string `json:"other"`
	} `json:"items"`
	Create bool   `json:"create"`
	Error  string `json:"error"`
}

func pickerJSON(t *testing.T, r response) pickerAnswer {
	t.Helper()
	var a pickerAnswer
	if err := json.Unmarshal([]byte(r.body), &a); err != nil {
		t.Fatalf("not JSON (%d): %.300s", r.status, r.body)
	}
	return a
}

// TestTagAndAuthorPickers: the pickers find tags and authors by what is
// typed in any language, name them in the story's language, offer to
// create a tag only to those who may, and create it through the newsroom.
func TestTagAndAuthorPickers(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	_, author := s.storyLogin("amal", khabar.RoleAuthor)
	putin := s.tag("putin")

	a := pickerJSON(t, ed.do("GET", "/admin/tags.json?q="+url.QueryEscape("пут")+"&lang=ar", nil).want(t, 200, "tags for пут"))
	if len(a.Items) != 1 || a.Items[0].ID != putin || a.Items[0].Name != "بوتين" || a.Items[0].Other != "Putin" {
		t.Errorf("tags for «пут» in an Arabic story: %+v", a)
	}
	if a := pickerJSON(t, ed.do("GET", "/admin/tags.json?q=Putin&lang=ru", nil)); len(a.Items) != 1 || a.Items[0].Name != "Путин" || a.Create {
		t.Errorf("tags for an existing name: %+v (no offer to create a twin)", a)
	}
	if a := pickerJSON(t, ed.do("GET", "/admin/tags.json?q="+url.QueryEscape("Кремль")+"&lang=ru", nil)); len(a.Items) != 0 || !a.Create {
		t.Errorf("an editor typing a new tag: %+v, want an offer to create it", a)
	}
	if a := pickerJSON(t, author.do("GET", "/admin/tags.json?q="+url.QueryEscape("Кремль")+"&lang=ru", nil)); a.Create {
		t.Error("an author is offered to create a tag")
	}

	// Creating: the editor's tag, named in the story's language, audited.
	r := ed.do("POST", "/admin/tags.json", url.Values{"name": {" Кремль "}, "lang": {"ru"}}).want(t, 200, "creating a tag")
	var made struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	}
	s.must(json.Unmarshal([]byte(r.body), &made))
	tags, _ := s.store.Tags(ctx)
	if made.Name != "Кремль" || len(tags) != 2 {
		t.Fatalf("after creating «Кремль»: %+v, %d tags", made, len(tags))
	}
	if log, _, _ := s.store.AuditLog(ctx, khabar.AuditFilter{Action: "tag.create"}); len(log) != 1 {
		t.Errorf("creating a tag from the picker wrote %d audit entries", len(log))
	}
	again := ed.do("POST", "/admin/tags.json", url.Values{"name": {"кремль"}, "lang": {"ru"}}).want(t, 200, "creating it twice")
	if tags, _ := s.store.Tags(ctx); len(tags) != 2 || !strings.Contains(again.body, `"id":`+strconv.FormatInt(made.ID, 10)) {
		t.Errorf("creating a tag twice made %d tags: %s", len(tags), again.body)
	}
	r = author.do("POST", "/admin/tags.json", url.Values{"name": {"Новая"}, "lang": {"ru"}}).want(t, http.StatusForbidden, "an author creating a tag")
	if pickerJSON(t, r).Error == "" {
		t.Error("the refusal says nothing")
	}
	ed.do("POST", "/admin/tags.json", url.Values{"name": {"  "}, "lang": {"ru"}}).want(t, http.StatusBadRequest, "an empty tag name")
	if tags, _ := s.store.Tags(ctx); len(tags) != 2 {
		t.Errorf("refused creations made tags: %d", len(tags))
	}

	// Authors: by any of their names or their login; not the disabled.
	gone := s.newsroomUser("salim", khabar.RoleAuthor)
	gone.Disabled = true
	s.must(s.store.UpdateUser(ctx, gone))
	a = pickerJSON(t, ed.do("GET", "/admin/authors.json?q=sal&lang=ar", nil).want(t, 200, "authors for sal"))
	if len(a.Items) != 1 || a.Items[0].Name != "سلمى نوري" {
		t.Errorf("authors for «sal»: %+v, want Salma Nouri in Arabic and not the disabled salim", a)
	}
	if a := pickerJSON(t, ed.do("GET", "/admin/authors.json?q="+url.QueryEscape("سلمى"), nil)); len(a.Items) != 1 || a.Items[0].Name != "Salma Nouri" {
		t.Errorf("authors for «سلمى» in the English interface: %+v", a)
	}
}

// TestTagSuggestionsBeforeTheFirstSave: the editor asks for the tags the
// text names while it is being written, before there is a story; chosen
// tags are not suggested again.
func TestTagSuggestionsBeforeTheFirstSave(t *testing.T) {
	s := newSite(t)
	_, author := s.storyLogin("amal", khabar.RoleAuthor)
	form := url.Values{"lang": {"ar"}, "title": {"لقاء في موسكو"}, "body": {"<p>استقبل الرئيس <b>بوتينُ</b> الوفد.</p>"}}
	a := pickerJSON(t, author.do("POST", "/admin/stories/suggest-tags", form).want(t, 200, "suggestions"))
	if len(a.Items) != 1 || a.Items[0].ID != s.tag("putin") || a.Items[0].Name != "بوتين" {
		t.Errorf("suggestions for a text naming بوتينُ: %+v", a)
	}
	form.Set("tags", strconv.FormatInt(s.tag("putin"), 10))
	if a := pickerJSON(t, author.do("POST", "/admin/stories/suggest-tags", form)); len(a.Items) != 0 {
		t.Errorf("a chosen tag is suggested again: %+v", a)
	}
	if n, _ := s.store.CountStories(context.Background()); n != 35 {
		t.Errorf("asking for suggestions made a story: %d", n)
	}
}

// TestTagsByNameWithoutScripts: without the picker's script, tags are
// added by name; an unknown name is refused and what was typed is kept.
func TestTagsByNameWithoutScripts(t *testing.T) {
	s := newSite(t)
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	r := ed.do("POST", "/admin/stories/new", url.Values{"lang": {"en"}, "title": {"Tagged by name"}, "story_fields": {"1"},
		"tag_names": {"putin, Nonexistent"}}).want(t, http.StatusBadRequest, "an unknown tag name")
	if !strings.Contains(r.body, "There is no tag «Nonexistent».") || !strings.Contains(r.body, `value="`+html.EscapeString("putin, Nonexistent")+`"`) {
		t.Errorf("the refused form does not say why or lost the names typed")
	}
	id := storyCreated(t, ed.do("POST", "/admin/stories/new", url.Values{"lang": {"en"}, "title": {"Tagged by name"}, "story_fields": {"1"},
		"tag_names": {"Путин"}}))
	st, err := s.store.Story(context.Background(), id)
	s.must(err)
	if len(st.TagIDs) != 1 || st.TagIDs[0] != s.tag("putin") {
		t.Errorf("tags of a story tagged by name: %v", st.TagIDs)
	}
	// The editor shows the chosen tag ticked; the tag list is not the whole list.
	page := ed.do("GET", storyPath(id, "en"), nil).want(t, 200, "the editor").body
	if !strings.Contains(page, `<input type="checkbox" name="tags" value="`+strconv.FormatInt(s.tag("putin"), 10)+`" checked>`) {
		t.Error("the chosen tag is not ticked in the editor")
	}
}

// TestMediaPickerSearch: the editor's picker searches the library on the
// server, a page at a time; the editor's page never lists it whole.
func TestMediaPickerSearch(t *testing.T) {
	s, _ := newMediaSite(t)
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	for i := 0; i < 30; i++ {
		s.mustUpload(ed, url.Values{"caption.ru": {"Снимок номер " + strconv.Itoa(i)}, "credit.ru": {"ТАСС"}}, "p.jpg", photoJPEG(t, 64, 48))
	}
	s.mustUpload(ed, url.Values{"caption.ar": {"قاعة الكرملِين"}, "credit.ar": {"الموقع الرسمي"}}, "k.jpg", photoJPEG(t, 64, 48))
	var list struct {
		Page, Pages, Total int
		Items              []struct {
			ID      int64       `json:"id"`
			Caption khabar.Text `json:"caption"`
		}
	}
	get := func(q string) {
		t.Helper()
		r := ed.do("GET", "/admin/media.json?"+q, nil).want(t, 200, "media.json?"+q)
		s.must(json.Unmarshal([]byte(r.body), &list))
	}
	get("q=" + url.QueryEscape("الكرملين"))
	if list.Total != 1 || len(list.Items) != 1 || list.Items[0].Caption["ar"] != "قاعة الكرملِين" {
		t.Errorf("searching الكرملين: %+v", list)
	}
	get("q=" + url.QueryEscape("снимок тасс") + "&page=2")
	if list.Total != 30 || list.Pages != 2 || len(list.Items) != 6 {
		t.Errorf("the second page of «снимок тасс»: total %d, pages %d, %d items", list.Total, list.Pages, len(list.Items))
	}
	ed.do("GET", "/admin/media.json?q="+url.QueryEscape(strings.Repeat("x", khabar.MaxQueryRunes+1)), nil).want(t, http.StatusBadRequest, "a query too long")
	page := ed.do("GET", "/admin/stories/new", nil).want(t, 200, "the new-story editor").body
	if n := strings.Count(page, `data-thumb=`); n > 24 {
		t.Errorf("the editor lists %d images of the library, want a page at most", n)
	}
}
