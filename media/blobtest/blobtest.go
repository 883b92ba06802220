// Package blobtest is the conformance suite every khabar.BlobStore must
// pass: the local disk and S3-compatible storage run the same tests.
package blobtest

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/khabarnews/khabar"
)

// Run checks a fresh, empty blob store.
func Run(t *testing.T, store khabar.BlobStore) {
	ctx := context.Background()
	data := bytes.Repeat([]byte("صورة-фото-photo "), 5000)

	t.Run("RoundTrip", func(t *testing.T) {
		if err := store.Put(ctx, "2026/11/abc/original.jpg", bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
		f, err := store.Open(ctx, "2026/11/abc/original.jpg")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		got, err := io.ReadAll(f)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("read back %d bytes (%v), want %d", len(got), err, len(data))
		}
		// Readers seek (http.ServeContent answers Range requests).
		if _, err := f.Seek(int64(len(data)-6), io.SeekStart); err != nil {
			t.Fatal(err)
		}
		tail, _ := io.ReadAll(f)
		if string(tail) != "photo " {
			t.Fatalf("after seeking: %q", tail)
		}
	})
	t.Run("Replace", func(t *testing.T) {
		if err := store.Put(ctx, "a/b.png", strings.NewReader("one")); err != nil {
			t.Fatal(err)
		}
		if err := store.Put(ctx, "a/b.png", strings.NewReader("two")); err != nil {
			t.Fatal(err)
		}
		f, err := store.Open(ctx, "a/b.png")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(f)
		f.Close()
		if string(b) != "two" {
			t.Fatalf("read %q after replacing", b)
		}
	})
	t.Run("Missing", func(t *testing.T) {
		if _, err := store.Open(ctx, "no/such/file.jpg"); !khabar.IsNotFound(err) {
			t.Fatalf("Open of a missing blob: %v, want not found", err)
		}
	})
	t.Run("FolderIsNoBlob", func(t *testing.T) {
		if err := store.Put(ctx, "2026/12/folder/original.jpg", strings.NewReader("x")); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"2026", "2026/12", "2026/12/folder"} {
			if f, err := store.Open(ctx, key); !khabar.IsNotFound(err) {
				if f != nil {
					f.Close()
				}
				t.Errorf("Open(%q), a folder: %v, want not found", key, err)
			}
		}
	})
	t.Run("Delete", func(t *testing.T) {
		if err := store.Put(ctx, "gone/x.webp", strings.NewReader("x")); err != nil {
			t.Fatal(err)
		}
		if err := store.Delete(ctx, "gone/x.webp"); err != nil {
			t.Fatal(err)
		}
		if _, err := store.Open(ctx, "gone/x.webp"); !khabar.IsNotFound(err) {
			t.Fatalf("a deleted blob opens: %v", err)
		}
		if err := store.Delete(ctx, "gone/x.webp"); err != nil {
			t.Fatalf("deleting twice: %v", err)
		}
	})
	t.Run("PathTricks", func(t *testing.T) {
		for _, key := range []string{"../escape.jpg", "/etc/passwd", "a/../../b", "a\\b", "", "a//b", "./x", "x/.."} {
			if err := store.Put(ctx, key, strings.NewReader("x")); khabar.ErrorCode(err) != khabar.EInvalid {
				t.Errorf("Put(%q) = %v, want invalid", key, err)
			}
			if _, err := store.Open(ctx, key); khabar.ErrorCode(err) != khabar.EInvalid {
				t.Errorf("Open(%q) = %v, want invalid", key, err)
			}
			if err := store.Delete(ctx, key); khabar.ErrorCode(err) != khabar.EInvalid {
				t.Errorf("Delete(%q) = %v, want invalid", key, err)
			}
		}
	})
}
