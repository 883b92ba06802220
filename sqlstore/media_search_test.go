package sqlstore

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/khabarnews/khabar"
)

// TestMediaSearchAfterUpgrade: images stored before their texts were
// folded for search are folded by the first search, and found by it.
func TestMediaSearchAfterUpgrade(t *testing.T) {
	ctx := context.Background()
	db, err := OpenSQLite(ctx, filepath.Join(t.TempDir(), "khabar.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, caption := range []string{"Зал Кремля", "Уборка урожая"} {
		m := &khabar.Media{Key: caption + ".jpg", MIME: "image/jpeg", Width: 1, Height: 1, Caption: khabar.Text{"ru": caption}}
		if err := db.CreateMedia(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.write.ExecContext(ctx, `UPDATE media SET texts_fold = ''`); err != nil {
		t.Fatal(err)
	}
	got, total, err := db.SearchMedia(ctx, "кремля", 10, 0)
	if err != nil || total != 1 || len(got) != 1 || got[0].Caption["ru"] != "Зал Кремля" {
		t.Fatalf("the first search after the upgrade: %+v (%d), %v", got, total, err)
	}
	var left int
	if err := db.write.QueryRowContext(ctx, `SELECT COUNT(*) FROM media WHERE texts_fold = ''`).Scan(&left); err != nil || left != 0 {
		t.Errorf("%d images left unfolded (%v)", left, err)
	}
}
