package media

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/khabarnews/khabar"
)

// Save stores a checked upload: the original, encoded again from its
// pixels, and its variants in blobs, then the record, with the texts m
// carries, by calling record (which writes it to the store and sets its
// id). The pixels are decoded within budget. Either all of it is stored or
// none: the blobs go first, to keys nobody refers to yet, and the record
// last; when any step fails the blobs written are deleted again.
//
// When m.Key is empty the upload gets a fresh folder under the month of
// now; a caller with its own naming (the demo) sets m.Key, whose extension
// must then be that of the stored original. Save fills in m's key, type,
// size and variants.
func Save(ctx context.Context, blobs khabar.BlobStore, budget *Budget, up *Upload, m *khabar.Media, now time.Time, record func(context.Context, *khabar.Media) error) error {
	orig, variants, err := decodeAll(ctx, budget, up)
	if err != nil {
		return err
	}
	named := m.Key != ""
	if !named {
		folder, err := NewFolder(now)
		if err != nil {
			return err
		}
		m.Key = OriginalKey(folder, orig.Ext)
	}
	m.MIME, m.Width, m.Height, m.Size = orig.MIME, orig.Width, orig.Height, int64(len(orig.Data))
	m.Variants = nil
	files := map[string][]byte{m.Key: orig.Data}
	keys := []string{m.Key}
	for _, v := range variants {
		key := VariantKey(m.Key, v.Name)
		m.Variants = append(m.Variants, khabar.MediaVariant{Name: v.Name, Key: key, Width: v.Width, Height: v.Height})
		files[key] = v.Data
		keys = append(keys, key)
	}
	written, err := putNew(ctx, blobs, keys, files)
	if err == nil {
		err = record(ctx, m)
	}
	if err != nil {
		m.Variants = nil
		if !named {
			m.Key = ""
		}
		return withCleanup(err, deleteAll(ctx, blobs, written))
	}
	return nil
}

// decodeAll decodes an upload within budget, and returns the original
// encoded again and the variants, the pixels already given back.
func decodeAll(ctx context.Context, budget *Budget, up *Upload) (*Decoded, []Variant, error) {
	d, err := budget.Decode(ctx, up)
	if err != nil {
		return nil, nil, err
	}
	defer d.Release()
	variants, err := MakeVariants(d.Image)
	if err != nil {
		return nil, nil, err
	}
	return d, variants, nil
}

// AddMissing makes the variants a media record lacks (all of them for one
// stored before variants existed, the new ones after an upgrade adds a
// size) and has record store them beside those it has, so that its pages
// stop serving the full-size original. A record that lacks none is left
// alone. The original is decoded within budget.
//
// A missing variant's key is referred to by nothing yet, so a file already
// there (left by an attempt that failed, or written by another node doing
// the same) is overwritten: the same original makes the same variant.
func AddMissing(ctx context.Context, blobs khabar.BlobStore, budget *Budget, m *khabar.Media, record func(ctx context.Context, mediaID int64, vs []khabar.MediaVariant) error) error {
	missing := m.MissingVariants()
	if len(missing) == 0 {
		return nil
	}
	f, err := blobs.Open(ctx, m.Key)
	if err != nil {
		return err
	}
	up, err := Inspect(f, DefaultLimits())
	f.Close()
	if err != nil {
		return fmt.Errorf("media %d (%s): %w", m.ID, m.Key, err)
	}
	d, err := budget.Decode(ctx, up)
	if err != nil {
		return err
	}
	variants, err := MakeSome(d.Image, missing)
	d.Release()
	if err != nil {
		return err
	}
	vs := slices.Clone(m.Variants)
	for _, v := range variants {
		key := VariantKey(m.Key, v.Name)
		if err := blobs.Put(ctx, key, bytes.NewReader(v.Data)); err != nil {
			return fmt.Errorf("media %d: storing the %s variant: %w", m.ID, v.Name, err)
		}
		vs = append(vs, khabar.MediaVariant{Name: v.Name, Key: key, Width: v.Width, Height: v.Height})
	}
	if err := record(ctx, m.ID, vs); err != nil {
		return err
	}
	m.Variants = vs
	return nil
}

// putNew writes the files in order and returns the keys it wrote. It
// refuses a key that already holds a blob: overwriting it would change an
// image some page shows, and deleting it on failure would lose it.
func putNew(ctx context.Context, blobs khabar.BlobStore, keys []string, files map[string][]byte) ([]string, error) {
	var written []string
	for _, key := range keys {
		if f, err := blobs.Open(ctx, key); err == nil {
			f.Close()
			return written, khabar.Conflict("file", "err.media.key_taken", "key", key)
		} else if !khabar.IsNotFound(err) {
			return written, err
		}
		if err := blobs.Put(ctx, key, bytes.NewReader(files[key])); err != nil {
			return written, err
		}
		written = append(written, key)
	}
	return written, nil
}

// deleteAll removes blobs after a failure. It runs even when the request
// was cancelled, which is often why the step before it failed.
func deleteAll(ctx context.Context, blobs khabar.BlobStore, keys []string) error {
	ctx = context.WithoutCancel(ctx)
	var errs []error
	for _, key := range keys {
		if err := blobs.Delete(ctx, key); err != nil {
			errs = append(errs, fmt.Errorf("cleaning up after a failed upload: %w", err))
		}
	}
	return errors.Join(errs...)
}

// withCleanup adds a failed clean-up to the error that needed it, keeping
// the original error itself (and its code) when the clean-up succeeded.
func withCleanup(err, cleanup error) error {
	if cleanup == nil {
		return err
	}
	return errors.Join(err, cleanup)
}
