package media

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"runtime"

	"github.com/disintegration/imaging"
	"golang.org/x/sync/semaphore"
)

// Budget bounds the pixels that all uploads together hold decoded at once.
// A decoded image takes up to 4 bytes a pixel, often twice that while it is
// turned upright and resized, whatever its file weighs: a PNG of 140 KB can
// declare 7,000 × 7,000 pixels, and four of those decoded side by side once
// took a server from 28 MB to nearly 1 GB. Within the budget uploads decode
// side by side; beyond it they wait their turn (or until the request ends).
type Budget struct {
	sem    *semaphore.Weighted
	pixels int64
}

// NewBudget returns a budget of pixels decoded at once.
func NewBudget(pixels int64) *Budget {
	pixels = max(pixels, 1)
	return &Budget{sem: semaphore.NewWeighted(pixels), pixels: pixels}
}

// DefaultBudget lets one image of the largest size decode at a time (or
// many small ones together): about 200 MB of pixels at most.
func DefaultBudget() *Budget { return NewBudget(DefaultLimits().MaxPixels) }

// collectAfterPixels is the size of image whose pixels are collected as
// soon as they are released: 4 megapixels, 16 MB.
const collectAfterPixels = 4_000_000

// OriginalQuality is the JPEG quality of a stored original: high enough
// that a second encoding shows nothing, the original being a source for
// new sizes later.
const OriginalQuality = 92

// Decoded is an upload decoded within a budget: its pixels, the right way
// up, and the original encoded again from them, so that nothing but the
// picture is stored — no camera metadata (GPS positions), no text chunks,
// nothing after the image's end (a script appended to a PNG).
type Decoded struct {
	Image         image.Image
	Data          []byte // the original, encoded again
	MIME, Ext     string
	Width, Height int
	release       func()
}

// Release gives the decoded pixels back to the budget; the Image must not
// be used after it.
func (d *Decoded) Release() {
	d.Image = nil // first: the pixels are collected as the budget is given back
	if d.release != nil {
		d.release()
		d.release = nil
	}
}

// Decode decodes a checked upload once its pixels fit in the budget,
// turns it upright (EXIF orientation) and encodes the original again. The
// caller must Release the result.
func (b *Budget) Decode(ctx context.Context, up *Upload) (*Decoded, error) {
	weight := min(max(int64(up.Width)*int64(up.Height), 1), b.pixels)
	if err := b.sem.Acquire(ctx, weight); err != nil {
		return nil, fmt.Errorf("waiting to decode an upload: %w", err)
	}
	release := func() {
		// A large image's pixels are collected before the next decode
		// starts: left to the collector's pace, the garbage of one decode
		// and the pixels of the next would be in memory together, and
		// uploads one after another would take twice the budget.
		if weight >= collectAfterPixels {
			runtime.GC()
		}
		b.sem.Release(weight)
	}
	// imaging applies the EXIF orientation of camera JPEGs, so that the
	// variants stand the right way up; it decodes through the image
	// registry, which holds these three formats (webp registers itself).
	img, err := imaging.Decode(bytes.NewReader(up.Data), imaging.AutoOrientation(true))
	if err != nil {
		release()
		return nil, damaged(up.Limits, err)
	}
	d := &Decoded{Image: img, Width: img.Bounds().Dx(), Height: img.Bounds().Dy(), release: release}
	if d.Data, d.MIME, d.Ext, err = encodeOriginal(img, up.Format); err != nil {
		d.Release()
		return nil, err
	}
	return d, nil
}

// encodeOriginal encodes the pixels of an original again: a JPEG as a
// JPEG, a PNG as a PNG, a WebP (which Go cannot encode) as a JPEG when it
// is opaque and as a PNG when it has transparency.
func encodeOriginal(img image.Image, format string) ([]byte, string, string, error) {
	var buf bytes.Buffer
	if format == "jpeg" || (format == "webp" && isOpaque(img)) {
		if err := jpeg.Encode(&buf, flatten(img), &jpeg.Options{Quality: OriginalQuality}); err != nil {
			return nil, "", "", fmt.Errorf("encoding the original: %w", err)
		}
		return buf.Bytes(), "image/jpeg", ".jpg", nil
	}
	if err := png.Encode(&buf, img); err != nil {
		return nil, "", "", fmt.Errorf("encoding the original: %w", err)
	}
	return buf.Bytes(), "image/png", ".png", nil
}

func isOpaque(img image.Image) bool {
	o, ok := img.(interface{ Opaque() bool })
	return ok && o.Opaque()
}
