// Package media keeps the bytes of images: blob stores (the local disk now,
// S3-compatible storage later) and, in time, validation and variants.
package media

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/khabarnews/khabar"
)

// Disk is a BlobStore in a directory of the local file system.
type Disk struct{ root string }

// NewDisk returns a blob store rooted at dir, creating it if needed.
func NewDisk(dir string) (*Disk, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating media directory: %w", err)
	}
	return &Disk{root: dir}, nil
}

// path maps a key to a file below the root, refusing any key that could
// escape it ("../", absolute paths, backslashes).
func (d *Disk) path(key string) (string, error) {
	if key == "" || strings.HasPrefix(key, "/") || strings.Contains(key, "\\") || strings.ContainsRune(key, 0) {
		return "", khabar.Invalid("key", "invalid media file name %q", key)
	}
	for _, part := range strings.Split(key, "/") {
		if part == "" || part == "." || part == ".." {
			return "", khabar.Invalid("key", "invalid media file name %q", key)
		}
	}
	return filepath.Join(d.root, filepath.FromSlash(key)), nil
}

// Put writes the blob atomically: readers never see half a file.
func (d *Disk) Put(ctx context.Context, key string, r io.Reader) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("storing %s: %w", key, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".upload-*")
	if err != nil {
		return fmt.Errorf("storing %s: %w", key, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, r); err != nil {
		tmp.Close()
		return fmt.Errorf("storing %s: %w", key, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("storing %s: %w", key, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("storing %s: %w", key, err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return fmt.Errorf("storing %s: %w", key, err)
	}
	return nil
}

// Open returns the blob for reading; ENotFound when there is none.
func (d *Disk) Open(ctx context.Context, key string) (io.ReadSeekCloser, error) {
	p, err := d.path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if os.IsNotExist(err) {
		return nil, khabar.Errorf(khabar.ENotFound, "media file %q not found", key)
	}
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", key, err)
	}
	return f, nil
}

var _ khabar.BlobStore = (*Disk)(nil)
