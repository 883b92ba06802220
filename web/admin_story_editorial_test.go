package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/khabarnews/khabar"
)

// TestRevisionDiffShowsLinksAndStructure: a changed link address, a word
// made bold and a paragraph made a subheading are changes, and the diff
// says which.
func TestRevisionDiffShowsLinksAndStructure(t *testing.T) {
	s := newSite(t)
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	id := storyCreated(t, ed.do("POST", "/admin/stories/new", url.Values{"lang": {"en"}, "title": {"Summit"},
		"body": {`<p>See <a href="https://example.org/report-1">the report</a> by Maria.</p><p>Reactions</p>`}}))
	page := ed.do("GET", storyPath(id, "en"), nil)
	ed.do("POST", storyPath(id, "en"), url.Values{"title": {"Summit"}, "base_revision": {storyBase(t, page)},
		"body": {`<p>See <a href="https://example.org/report-2">the report</a> by <strong>Maria</strong>.</p><h2>Reactions</h2>`}}).
		want(t, http.StatusSeeOther, "second save")
	cmp := ed.do("GET", storyPath(id, "en")+"/revisions?a=1&b=2", nil).want(t, 200, "compare")
	if strings.Contains(cmp.body, "The text of these two revisions is the same") {
		t.Fatal("a changed link, bold and a subheading are reported as no change")
	}
	diff := between(cmp.body, `<div class="diff" lang="en" dir="ltr">`, `</section>`)
	for _, want := range []string{
		`<del><a href="https://example.org/report-1" rel="noopener noreferrer">the report</a> <span class="diff-href" dir="ltr">https://example.org/report-1</span></del>`,
		`<ins><a href="https://example.org/report-2" rel="noopener noreferrer">the report</a> <span class="diff-href" dir="ltr">https://example.org/report-2</span></ins>`,
		`<del>Maria</del><ins><strong>Maria</strong></ins>`,
		`class="diff-block b-h2"`, `from paragraph to subheading`,
	} {
		if !strings.Contains(diff, want) {
			t.Errorf("the diff lacks %s:\n%s", want, diff)
		}
	}
	noInlineCode(t, cmp.body)
}
