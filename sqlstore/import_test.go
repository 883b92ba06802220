package sqlstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
)

// importCount is more stories than one statement of the bulk path takes.
const importCount = 3000

func TestImportStories(t *testing.T) {
	db := sqltest.Open(t)
	ctx := context.Background()
	at := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	var stories []sqlstore.StoryImport
	for i := range importCount + 2 {
		stories = append(stories, sqlstore.StoryImport{Story: &khabar.Story{}, Versions: []*khabar.Version{
			{Lang: "en", Title: "Grain exports", Slug: "g", Status: khabar.StatusPublished, PublishedAt: at},
			{Lang: "ru", Title: "Экспорт зерна", Slug: "g", Status: khabar.StatusDraft},
		}})
		if i%3 == 0 {
			stories[i].Versions[0].Title = "Summit in Kazan"
		}
	}
	if err := db.ImportStories(ctx, stories); err != nil {
		t.Fatal(err)
	}
	if n, err := db.CountStories(ctx); err != nil || n != importCount+2 {
		t.Fatalf("CountStories = %d, %v", n, err)
	}
	last := stories[len(stories)-1]
	if last.Story.ID == 0 || last.Versions[0].Revision != 1 || last.Story.OriginalLang != "en" {
		t.Fatalf("the last story was not stored as CreateStory would: %+v %+v", last.Story, last.Versions[0])
	}
	revs, err := db.Revisions(ctx, last.Story.ID, "ru")
	if err != nil || len(revs) != 1 {
		t.Fatalf("revisions: %d, %v", len(revs), err)
	}
	// Every version shares one millisecond: the index tells them apart.
	res, err := db.Search(ctx, khabar.SearchQuery{Text: "kazan", Langs: []string{"en"}, Limit: 5})
	if want := (importCount + 2 + 2) / 3; err != nil || res.Total != min(want, sqlstore.MaxCandidates) || res.More != (want > sqlstore.MaxCandidates) {
		t.Fatalf("search after the import: %+v, %v", res, err)
	}
	res, err = db.Search(ctx, khabar.SearchQuery{Text: "зерна", Langs: []string{"ru"}, Limit: 5})
	if err != nil || res.Total != 0 {
		t.Fatalf("drafts found after the import: %+v, %v", res, err)
	}
}

func TestImportStoriesRefusesBadInput(t *testing.T) {
	db := sqltest.Open(t)
	ctx := context.Background()
	good := sqlstore.StoryImport{Story: &khabar.Story{}, Versions: []*khabar.Version{{Lang: "en", Title: "Fine", Slug: "f"}}}
	for _, bad := range []sqlstore.StoryImport{
		{Story: &khabar.Story{}},
		{Versions: good.Versions},
		{Story: &khabar.Story{}, Versions: []*khabar.Version{{Lang: "en", Title: "", Slug: "x"}}},
		{Story: &khabar.Story{}, Versions: []*khabar.Version{{Lang: "en", Title: "A", Slug: "a"}, {Lang: "en", Title: "B", Slug: "b"}}},
	} {
		err := db.ImportStories(ctx, []sqlstore.StoryImport{good, bad})
		if khabar.ErrorCode(err) != khabar.EInvalid || !strings.Contains(err.Error(), "story 2 of the import") {
			t.Errorf("import with a bad story: %v", err)
		}
	}
	if n, _ := db.CountStories(ctx); n != 0 {
		t.Fatalf("a refused import stored %d stories", n)
	}
	err := db.ImportStories(ctx, []sqlstore.StoryImport{{Story: &khabar.Story{SectionID: 999}, Versions: []*khabar.Version{{Lang: "en", Title: "A", Slug: "a"}}}})
	if khabar.ErrorCode(err) != khabar.EInvalid {
		t.Fatalf("a story in a missing section: %v", err)
	}
}
