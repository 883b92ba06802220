package killtest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/sqlstore"
)

// TestCheckFindsALostSave: the check tells a save that is there from one
// that is not, or that is there with other words or another status.
func TestCheckFindsALostSave(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "khabar.db")
	db, err := sqlstore.OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	st := &khabar.Story{}
	if err := db.CreateStory(ctx, st, []*khabar.Version{{Lang: "en", Title: "Kept", Slug: "kept"}}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	w := &writer{acks: []ack{{story: st.ID, revision: 1, title: "Kept"}}}
	ok, lost, err := check(path, []*writer{w})
	if err != nil || !ok || len(lost) != 0 {
		t.Fatalf("a kept save: ok %v, lost %v, %v", ok, lost, err)
	}
	w.acks = append(w.acks, ack{story: st.ID, revision: 2, title: "Never written"},
		ack{story: st.ID, revision: 1, title: "Other words"}, ack{story: st.ID, revision: 1, title: "Kept", status: "published"})
	if _, lost, _ := check(path, []*writer{w}); len(lost) != 3 {
		t.Fatalf("lost %v, want the three saves that are not there as acknowledged", lost)
	}
}
