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

func TestDiskDeleteLeavesNoTrace(t *testing.T) {
	ctx := context.Background()
	root := filepath.Join(t.TempDir(), "media")
	d, err := NewDisk(root + "/") // a trailing slash must not confuse the walk up
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(d.Put(ctx, "2026/11/keep.jpg", strings.NewReader("keep")))
	must(d.Put(ctx, "2026/11/abc/original.jpg", strings.NewReader("x")))
	must(d.Put(ctx, "2026/11/abc/thumb.jpg", strings.NewReader("y")))
	must(d.Delete(ctx, "2026/11/abc/original.jpg"))
	if _, err := os.Stat(filepath.Join(root, "2026/11/abc/thumb.jpg")); err != nil {
		t.Fatal("Delete removed a neighbour:", err)
	}
	must(d.Delete(ctx, "2026/11/abc/thumb.jpg"))
	if _, err := os.Stat(filepath.Join(root, "2026/11/abc")); !os.IsNotExist(err) {
		t.Fatal("the emptied folder is still there")
	}
	if _, err := os.Stat(filepath.Join(root, "2026/11/keep.jpg")); err != nil {
		t.Fatal("a folder that is not empty was removed:", err)
	}
	must(d.Delete(ctx, "2026/11/keep.jpg"))
	if _, err := os.Stat(root); err != nil {
		t.Fatal("the media directory itself was removed:", err)
	}
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
	must(d.Delete(ctx, "2026/11/gone.jpg")) // missing: not an error
	for _, key := range []string{"../escape.txt", "/etc/passwd", "a/../../b"} {
		if err := d.Delete(ctx, key); khabar.ErrorCode(err) != khabar.EInvalid {
			t.Errorf("Delete(%q) = %v, want invalid", key, err)
		}
	}
	// Put still works after Delete removed the folders it would write into.
	must(d.Put(ctx, "2026/11/abc/original.jpg", strings.NewReader("again")))
}
