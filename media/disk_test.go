package media

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabarnews/khabar"
)

func TestDiskRoundTripAndPathTricks(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	d, err := NewDisk(filepath.Join(root, "media"))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Put(ctx, "2026/11/photo.jpg", strings.NewReader("jpeg bytes")); err != nil {
		t.Fatal(err)
	}
	f, err := d.Open(ctx, "2026/11/photo.jpg")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(f)
	f.Close()
	if string(b) != "jpeg bytes" {
		t.Fatalf("read %q", b)
	}
	for _, key := range []string{"../escape.txt", "/etc/passwd", "a/../../b", "a\\b", "", "a//b", "./x"} {
		if err := d.Put(ctx, key, strings.NewReader("x")); khabar.ErrorCode(err) != khabar.EInvalid {
			t.Errorf("Put(%q) = %v, want invalid", key, err)
		}
		if _, err := d.Open(ctx, key); khabar.ErrorCode(err) != khabar.EInvalid {
			t.Errorf("Open(%q) = %v, want invalid", key, err)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "escape.txt")); !os.IsNotExist(err) {
		t.Fatal("a path trick wrote outside the media directory")
	}
	if _, err := d.Open(ctx, "2026/11/missing.jpg"); !khabar.IsNotFound(err) {
		t.Fatalf("missing file: %v", err)
	}
}
