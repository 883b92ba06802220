package media_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/media/s3test"
)

// TestCopyToS3 copies a media directory into a real S3-compatible bucket
// three times: everything the first time, nothing the second, and only
// the object that was changed in the bucket the third.
func TestCopyToS3(t *testing.T) {
	ctx := context.Background()
	cfg := s3test.Start(t)
	cfg.Prefix = "news/"
	bucket, err := media.NewS3(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	disk, err := media.NewDisk(root)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"2026/11/abc/original.jpg": bytes.Repeat([]byte("صورة "), 40000),
		"2026/11/abc/thumb.webp":   []byte("thumb"),
		"demo/kazan.jpg":           []byte("kazan"),
		"empty.png":                nil,
	}
	for key, data := range files {
		if err := disk.Put(ctx, key, bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
	}
	// An upload in progress is not a blob.
	if err := os.WriteFile(filepath.Join(root, "demo", ".upload-123"), []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	keys, err := disk.Keys()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"2026/11/abc/original.jpg", "2026/11/abc/thumb.webp", "demo/kazan.jpg", "empty.png"}; !slices.Equal(keys, want) {
		t.Fatalf("keys %q, want %q", keys, want)
	}

	var lines []string
	progress := func(pass string, done, total int) { lines = append(lines, pass) }
	r, err := disk.CopyToS3(ctx, bucket, progress)
	if err != nil {
		t.Fatal(err)
	}
	if (r != media.CopyReport{Files: 4, Copied: 4, Bytes: 360010, Verified: 4}) {
		t.Fatalf("first copy: %+v", r)
	}
	if len(lines) != 8 || lines[0] != "copied" || lines[7] != "verified" {
		t.Fatalf("progress: %q", lines)
	}
	for key, data := range files {
		f, err := bucket.Open(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(f)
		f.Close()
		if !bytes.Equal(got, data) {
			t.Fatalf("%s in the bucket: %d bytes, want %d", key, len(got), len(data))
		}
	}
	if _, err := bucket.Open(ctx, "demo/.upload-123"); err == nil {
		t.Fatal("an upload in progress was copied")
	}

	if r, err = disk.CopyToS3(ctx, bucket, nil); err != nil || (r != media.CopyReport{Files: 4, Present: 4, Verified: 4}) {
		t.Fatalf("second copy: %+v, %v", r, err)
	}

	// Same size, other bytes, put there by someone else: copied again.
	if err := bucket.Put(ctx, "demo/kazan.jpg", strings.NewReader("KAZAN")); err != nil {
		t.Fatal(err)
	}
	if r, err = disk.CopyToS3(ctx, bucket, nil); err != nil || (r != media.CopyReport{Files: 4, Copied: 1, Present: 3, Bytes: 5, Verified: 4}) {
		t.Fatalf("copy after a change in the bucket: %+v, %v", r, err)
	}
}
