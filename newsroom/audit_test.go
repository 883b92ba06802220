package newsroom_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
)

// auditDown is the store with its audit log failing: the database refuses
// the entry, as a full disk or a broken table would, after the change
// itself was written in the same transaction.
type auditDown struct{ khabar.Store }

var errAuditDown = errors.New("the audit log refused the entry")

func (auditDown) Audit(context.Context, *khabar.AuditEntry) error { return errAuditDown }

// TestChangeWithoutItsAuditEntryIsNotSaved: a change whose audit entry
// cannot be written leaves nothing changed, whatever the change.
func TestChangeWithoutItsAuditEntryIsNotSaved(t *testing.T) {
	e := newEnv(t)
	dir := t.TempDir()
	blobs, err := media.NewDisk(filepath.Join(dir, "media"))
	must(t, err)
	st, v, err := e.svc.CreateStory(ctx, e.editor, newsroom.StoryInput{}, newsroom.VersionInput{Lang: "en", Title: "Before"})
	must(t, err)
	down := newsroom.New(auditDown{e.store}, blobs, e.clock.Now, nil)

	refused := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, errAuditDown) {
			t.Fatalf("%s: %v, want the audit failure", what, err)
		}
	}
	_, err = down.SaveSection(ctx, e.admin, 0, newsroom.SectionInput{Names: khabar.Text{"en": "Economy"}})
	refused("a new section", err)
	_, _, err = down.CreateStory(ctx, e.editor, newsroom.StoryInput{}, newsroom.VersionInput{Lang: "en", Title: "Never"})
	refused("a new story", err)
	_, err = down.SaveStory(ctx, e.editor, st.ID, newsroom.Edit{
		Version: newsroom.VersionInput{Lang: "en", Title: "After", BaseRevision: v.Revision}, Move: khabar.StatusPublished})
	refused("a save and publish", err)
	_, err = down.CreateUser(ctx, e.admin, newsroom.UserInput{Login: "ghost", Names: khabar.Text{"en": "Ghost"}, Role: khabar.RoleAuthor}, "a long password here")
	refused("a new user", err)
	settings := khabar.DefaultSettings()
	settings.TimeZone = "Asia/Riyadh"
	refused("the settings", down.SaveSettings(ctx, e.admin, settings))
	up, err := media.Inspect(bytes.NewReader(smallJPEG(t)), media.DefaultLimits())
	must(t, err)
	_, err = down.UploadMedia(ctx, e.editor, up, newsroom.MediaTexts{Credit: khabar.Text{"en": "Photo"}})
	refused("an upload", err)

	if list, _ := e.store.Sections(ctx); len(list) != 0 {
		t.Errorf("sections: %+v", list)
	}
	if n, _ := e.store.CountStories(ctx); n != 1 {
		t.Errorf("%d stories", n)
	}
	vs, err := e.store.Versions(ctx, st.ID)
	must(t, err)
	if vs[0].Title != "Before" || vs[0].Status != khabar.StatusDraft || vs[0].Revision != v.Revision {
		t.Errorf("the story changed: %+v", vs[0])
	}
	if revs, _ := e.store.Revisions(ctx, st.ID, "en"); len(revs) != 1 {
		t.Errorf("%d revisions", len(revs))
	}
	if _, err := e.store.UserByLogin(ctx, "ghost"); !khabar.IsNotFound(err) {
		t.Errorf("the user was created: %v", err)
	}
	if s, _ := e.store.Settings(ctx); s.TimeZone != "UTC" {
		t.Errorf("settings saved: %+v", s)
	}
	if _, n, _ := e.store.ListMedia(ctx, 10, 0); n != 0 {
		t.Errorf("%d media records", n)
	}
	files := 0
	filepath.WalkDir(filepath.Join(dir, "media"), func(_ string, d fs.DirEntry, _ error) error {
		if d != nil && !d.IsDir() {
			files++
		}
		return nil
	})
	if files != 0 {
		t.Errorf("%d media files left behind", files)
	}
	// With the audit log working again, the same change goes through, with
	// its entry.
	_, err = e.svc.SaveSection(ctx, e.admin, 0, newsroom.SectionInput{Names: khabar.Text{"en": "Economy"}})
	must(t, err)
	log, _, err := e.store.AuditLog(ctx, khabar.AuditFilter{Object: "section/", Limit: 10})
	must(t, err)
	if len(log) != 1 || log[0].Action != "section.create" || log[0].UserID != e.admin.ID {
		t.Errorf("audit log: %+v", log)
	}
}

func smallJPEG(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 320, 180))
	for x := range 320 {
		for y := range 180 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var b bytes.Buffer
	must(t, jpeg.Encode(&b, img, nil))
	return b.Bytes()
}
