// Package media handles the images of the library: it checks uploads by
// their content (format, size, dimensions, integrity), makes the resized
// variants pages show, and keeps the bytes in blob stores (the local disk
// or S3-compatible object storage).
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
	// A clean root lets Delete recognise it when walking up from a file.
	return &Disk{root: filepath.Clean(dir)}, nil
}

// checkKey refuses any key that could escape a store's root or mean two
// things: "../", absolute paths, backslashes, empty parts. Every blob
// store checks keys the same way.
func checkKey(key string) error {
	if key == "" || strings.HasPrefix(key, "/") || strings.Contains(key, "\\") || strings.ContainsRune(key, 0) {
		return khabar.Invalid("key", "err.media.key_invalid").Because(fmt.Errorf("media file name %q", key))
	}
	for _, part := range strings.Split(key, "/") {
		if part == "" || part == "." || part == ".." {
			return khabar.Invalid("key", "err.media.key_invalid").Because(fmt.Errorf("media file name %q", key))
		}
	}
	return nil
}

// path maps a key to a file below the root.
func (d *Disk) path(key string) (string, error) {
	if err := checkKey(key); err != nil {
		return "", err
	}
	return filepath.Join(d.root, filepath.FromSlash(key)), nil
}

// Put writes the blob atomically: readers never see half a file.
func (d *Disk) Put(ctx context.Context, key string, r io.Reader) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	tmp, err := d.createTemp(filepath.Dir(p))
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

// createTemp makes the folder and a temporary file in it. It tries again
// when the folder vanishes in between: Delete removes folders it empties,
// and may do so while another upload is about to write into one of them.
func (d *Disk) createTemp(dir string) (*os.File, error) {
	var err error
	for range 3 {
		if err = os.MkdirAll(dir, 0o755); err != nil {
			continue
		}
		var f *os.File
		if f, err = os.CreateTemp(dir, ".upload-*"); err == nil {
			return f, nil
		}
		if !os.IsNotExist(err) {
			return nil, err
		}
	}
	return nil, err
}

// Delete removes a blob and the folders it leaves empty, so that a failed
// upload leaves no trace in the media directory. A missing blob is not an
// error.
func (d *Disk) Delete(ctx context.Context, key string) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("deleting %s: %w", key, err)
	}
	// os.Remove refuses a folder that is not empty: the first such folder
	// ends the walk up, and the root itself is never removed.
	for dir := filepath.Dir(p); dir != d.root && strings.HasPrefix(dir, d.root+string(filepath.Separator)); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			break
		}
	}
	return nil
}

// Open returns the blob for reading; ENotFound when there is none. A
// folder is not a blob: opened as a file it would read as nothing, and
// seek to a size of 2⁶³−1 bytes.
func (d *Disk) Open(ctx context.Context, key string) (io.ReadSeekCloser, error) {
	p, err := d.path(key)
	if err != nil {
		return nil, err
	}
	missing := khabar.NotFound("err.media.not_found").Because(fmt.Errorf("no media file %q", key))
	f, err := os.Open(p)
	if os.IsNotExist(err) {
		return nil, missing
	}
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", key, err)
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, missing
	}
	return f, nil
}

var _ khabar.BlobStore = (*Disk)(nil)
