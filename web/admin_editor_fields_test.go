package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/khabarnews/khabar"
)

// TestEditorFields: the headline is a textarea that grows (a long Russian
// headline is seen whole), and the outdated translation's diff is folded
// under its summary, so that the editor itself is in view.
func TestEditorFields(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	id := s.ids["summit"]
	ru := s.storyVersion(id, "ru")
	ru.SyncedRevision = 1
	s.must(s.store.SaveVersion(ctx, &ru, 0))
	ar := s.storyVersion(id, "ar")
	ar.Title += " في موسكو"
	s.must(s.store.SaveVersion(ctx, &ar, 0))

	page := ed.do("GET", storyPath(id, "ru"), nil).want(t, 200, "the outdated Russian version").body
	if !strings.Contains(page, `<textarea id="title" name="title" rows="2"`) || !strings.Contains(page, ">Путин проведёт неформальный саммит</textarea>") {
		t.Error("the headline is not a textarea holding the headline")
	}
	panel := between(page, `<section class="panel outdated"`, `</section>`)
	details := between(panel, `<details class="outdated-diff">`, `</details>`)
	if details == "" || !strings.Contains(details, "<summary>Show what changed in the original</summary>") || !strings.Contains(details, "<ins") {
		t.Errorf("the outdated panel's diff is not folded under a summary:\n%s", panel)
	}
}
