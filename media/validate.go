package media

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"mime"
	"net/http"

	"github.com/khabarnews/khabar"
	"golang.org/x/image/webp"
)

// Limits bound what an upload may be. They exist for the server's sake as
// much as the newsroom's: a small file can claim a huge image (a
// decompression bomb) and exhaust memory when decoded.
type Limits struct {
	MaxBytes    int64 // size of the file
	MaxSide     int   // width or height in pixels
	MaxPixels   int64 // width × height
	MaxMetadata int64 // text and metadata inside the file, inflated
}

// DefaultLimits are generous for news photos: a 15 MB file, 12,000 pixels
// on a side, 50 megapixels (a full-frame camera makes 24–45), 1 MB of
// embedded text and metadata (a colour profile and an XMP packet are a
// few kilobytes).
func DefaultLimits() Limits {
	return Limits{MaxBytes: 15 << 20, MaxSide: 12000, MaxPixels: 50_000_000, MaxMetadata: 1 << 20}
}

// Reason says why an upload was refused, so that the web layer can say it in
// the user's language.
type Reason string

// Reasons for refusing an upload.
const (
	ReasonEmpty      Reason = "empty"
	ReasonTooLarge   Reason = "too_large"
	ReasonType       Reason = "type"
	ReasonDimensions Reason = "dimensions"
	ReasonDamaged    Reason = "damaged"
	ReasonMetadata   Reason = "metadata"
)

// Rejection is the cause inside the khabar.Error of a refused upload: the
// Error carries the message key and its arguments, Rejection the reason for
// programs (the API's problem documents name it).
type Rejection struct {
	Reason Reason
	Type   string // the detected content type (ReasonType)
	Width  int    // the claimed size (ReasonDimensions)
	Height int
	Limits Limits
	Cause  error // a decoder's error (ReasonDamaged), for logs
}

func (r *Rejection) Error() string {
	if r.Cause != nil {
		return string(r.Reason) + ": " + r.Cause.Error()
	}
	return string(r.Reason)
}

func (r *Rejection) Unwrap() error { return r.Cause }

// RejectionOf returns the Rejection inside err, or nil.
func RejectionOf(err error) *Rejection {
	var r *Rejection
	if errors.As(err, &r) {
		return r
	}
	return nil
}

// Upload is an image checked by its header, not decoded yet: its bytes as
// sent, its format and the size its header declares. Budget.Decode decodes
// it.
type Upload struct {
	Data   []byte
	Format string // "jpeg", "png" or "webp"
	MIME   string
	Width  int // as the header says, before any EXIF orientation
	Height int
	Limits Limits
}

// format is an accepted image format.
type format struct {
	name         string
	decodeConfig func(io.Reader) (image.Config, error)
}

// formatOf returns the accepted format of a content type sniffed from the
// first bytes by http.DetectContentType.
func formatOf(ctype string) (format, bool) {
	switch ctype {
	case "image/jpeg":
		return format{"jpeg", jpeg.DecodeConfig}, true
	case "image/png":
		return format{"png", png.DecodeConfig}, true
	case "image/webp":
		return format{"webp", webp.DecodeConfig}, true
	}
	return format{}, false
}

// Inspect reads an uploaded file and checks it by its content, never by its
// name: at most lim.MaxBytes, a JPEG, PNG or WebP image by its bytes, a
// size within the limits read from the header, and no more text and
// metadata than lim.MaxMetadata — all before any pixel is decoded. Refusals
// are khabar.Error with code EInvalid, field "file", a message key and a
// *Rejection as the cause.
func Inspect(r io.Reader, lim Limits) (*Upload, error) {
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, TooLarge(lim)
		}
		return nil, fmt.Errorf("reading the upload: %w", err)
	}
	if len(data) == 0 {
		return nil, reject(&Rejection{Reason: ReasonEmpty, Limits: lim}, "err.media.empty")
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, TooLarge(lim)
	}
	ctype, _, _ := mime.ParseMediaType(http.DetectContentType(data))
	f, ok := formatOf(ctype)
	if !ok {
		return nil, reject(&Rejection{Reason: ReasonType, Type: ctype, Limits: lim}, "err.media.type", "type", ctype)
	}
	cfg, err := f.decodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, damaged(lim, err)
	}
	if cfg.Width > lim.MaxSide || cfg.Height > lim.MaxSide || int64(cfg.Width)*int64(cfg.Height) > lim.MaxPixels {
		return nil, reject(&Rejection{Reason: ReasonDimensions, Width: cfg.Width, Height: cfg.Height, Limits: lim}, "err.media.dimensions",
			"width", cfg.Width, "height", cfg.Height, "side", lim.MaxSide, "megapixels", int(lim.MaxPixels/1_000_000))
	}
	if f.name == "png" && lim.MaxMetadata > 0 && pngMetadataSize(data, lim.MaxMetadata) > lim.MaxMetadata {
		return nil, reject(&Rejection{Reason: ReasonMetadata, Limits: lim}, "err.media.metadata", "size", khabar.Bytes(lim.MaxMetadata))
	}
	return &Upload{Data: data, Format: f.name, MIME: ctype, Width: cfg.Width, Height: cfg.Height, Limits: lim}, nil
}

func reject(r *Rejection, key string, args ...any) error {
	return khabar.Invalid("file", key, args...).Because(r)
}

// TooLarge is the refusal of a file over lim.MaxBytes, for callers that
// find out before Inspect does (a request body over its limit).
func TooLarge(lim Limits) error {
	return reject(&Rejection{Reason: ReasonTooLarge, Limits: lim}, "err.media.too_large", "size", khabar.Bytes(lim.MaxBytes))
}

// FormatBytes writes a limit or a file size for people: "15 MB", "480 KB".
func FormatBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.3g MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

func damaged(lim Limits, cause error) error {
	return reject(&Rejection{Reason: ReasonDamaged, Limits: lim, Cause: cause}, "err.media.damaged")
}
