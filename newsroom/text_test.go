package newsroom_test

import (
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// TestImportAndSettingsCleanText: the doors that have no form — an import
// (a WordPress archive, a wire feed) and the settings — clean text as the
// editor's save does, and refuse a title with nothing visible.
func TestImportAndSettingsCleanText(t *testing.T) {
	e := newEnv(t)
	const dirty, cleaned = "Kazan\x00 summit\x07 \x1b[1m\ufffe\uffff talks\u0085", "Kazan summit [1m talks"
	must(t, e.svc.SaveSettings(ctx, e.admin, khabar.DefaultSettings()))
	imported := func(title string) (*khabar.Story, error) {
		return e.svc.ImportStory(ctx, e.admin, newsroom.StoryImport{Versions: []newsroom.VersionImport{{
			VersionInput: newsroom.VersionInput{Lang: "en", Title: title, Summary: dirty, Body: "<p>" + dirty + "</p>"},
			Status:       khabar.StatusPublished, PublishedAt: time.Date(2020, 1, 2, 3, 0, 0, 0, time.UTC)}}})
	}
	st, err := imported(dirty)
	must(t, err)
	vs, err := e.store.Versions(ctx, st.ID)
	must(t, err)
	if vs[0].Title != cleaned || vs[0].Summary != cleaned || vs[0].Body != "<p>"+cleaned+"</p>" {
		t.Errorf("imported %+q / %+q / %+q", vs[0].Title, vs[0].Summary, vs[0].Body)
	}
	_, err = imported(" \u200b\u3164 ")
	code(t, err, khabar.EInvalid)

	settings := khabar.DefaultSettings()
	settings.SiteName = khabar.Text{"en": dirty, "ar": "\u200b", "ru": "Диалог"}
	must(t, e.svc.SaveSettings(ctx, e.admin, settings))
	got, err := e.store.Settings(ctx)
	must(t, err)
	if got.SiteName["en"] != cleaned || !khabar.Visible(got.SiteName["ar"]) || got.SiteName["ru"] != "Диалог" {
		t.Errorf("site name stored %+q", got.SiteName)
	}
}
