package media

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/i18n"
	"github.com/khabarnews/khabar/lang"
)

// gradient is a w×h test picture with some detail for the encoders.
func gradient(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x * 255 / w), uint8(y * 255 / h), 140, 255})
		}
	}
	return img
}

func mustJPEG(tb testing.TB, w, h int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, gradient(w, h), &jpeg.Options{Quality: 90}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func mustPNG(tb testing.TB, img image.Image) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func mustRead(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// pngBomb is a valid PNG signature and IHDR chunk (with a correct CRC)
// claiming w×h pixels, followed by a few bytes of nothing: what a
// decompression bomb looks like to a decoder reading only the header.
func pngBomb(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit truecolour
	chunk := append([]byte("IHDR"), ihdr...)
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	b.Write(make([]byte, 64))
	return b.Bytes()
}

func TestInspect(t *testing.T) {
	jpg := mustJPEG(t, 640, 360)
	gifBytes := func() []byte {
		var buf bytes.Buffer
		if err := gif.Encode(&buf, gradient(20, 10), nil); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}()
	small := Limits{MaxBytes: 4 << 10, MaxSide: 12000, MaxPixels: 50_000_000}
	tests := []struct {
		name   string
		data   []byte
		lim    Limits
		format string
		w, h   int
		reason Reason
		msg    string
	}{
		{name: "jpeg", data: jpg, format: "jpeg", w: 640, h: 360},
		{name: "png", data: mustPNG(t, gradient(300, 200)), format: "png", w: 300, h: 200},
		{name: "webp lossless", data: mustRead(t, "testdata/gopher.lossless.webp"), format: "webp", w: 75, h: 100},
		{name: "webp lossy", data: mustRead(t, "testdata/blue-purple-pink.lossy.webp"), format: "webp", w: 150, h: 100},
		{name: "text named .jpg", data: []byte("this is not a photo, whatever its name says\n"), reason: ReasonType,
			msg: "Only JPEG, PNG and WebP images can be uploaded; this file is text/plain."},
		{name: "html", data: []byte("<!DOCTYPE html><script>alert(1)</script>"), reason: ReasonType, msg: "this file is text/html"},
		{name: "gif", data: gifBytes, reason: ReasonType, msg: "this file is image/gif"},
		{name: "empty", data: nil, reason: ReasonEmpty, msg: "The file is empty."},
		{name: "truncated jpeg", data: jpg[:len(jpg)/2], reason: ReasonDamaged, msg: "The image is damaged"},
		{name: "jpeg header only", data: jpg[:4], reason: ReasonDamaged},
		{name: "png bomb", data: pngBomb(100000, 100000), reason: ReasonDimensions,
			msg: "The image is 100,000 × 100,000 pixels; images may be at most 12,000 pixels wide or high and 50 megapixels in all."},
		{name: "png too wide", data: pngBomb(12001, 10), reason: ReasonDimensions},
		{name: "png too many pixels", data: pngBomb(9000, 9000), reason: ReasonDimensions},
		{name: "png small but lying header", data: pngBomb(10, 10), reason: ReasonDamaged},
		{name: "oversized", data: jpg, lim: small, reason: ReasonTooLarge, msg: "The file is larger than 4 KB."},
	}
	cat := mustCatalog(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lim := tt.lim
			if lim == (Limits{}) {
				lim = DefaultLimits()
			}
			up, err := Inspect(bytes.NewReader(tt.data), lim)
			if err == nil && tt.reason == ReasonDamaged { // found when the pixels are decoded
				_, err = DefaultBudget().Decode(context.Background(), up)
			}
			if tt.reason == "" {
				if err != nil {
					t.Fatal(err)
				}
				if up.Format != tt.format || up.Width != tt.w || up.Height != tt.h || !bytes.Equal(up.Data, tt.data) ||
					up.MIME != "image/"+tt.format {
					t.Fatalf("got %s %s %d×%d, want %s %d×%d", up.Format, up.MIME, up.Width, up.Height, tt.format, tt.w, tt.h)
				}
				return
			}
			if khabar.ErrorCode(err) != khabar.EInvalid {
				t.Fatalf("error %v, want invalid", err)
			}
			if msg := cat.Error("en", lang.LatnDigits, err); khabar.AsError(err).Field != "file" || !strings.Contains(msg, tt.msg) {
				t.Errorf("message %q (%v), want it to contain %q", msg, err, tt.msg)
			}
			if r := RejectionOf(err); r == nil || r.Reason != tt.reason {
				t.Fatalf("rejection %+v, want %s", r, tt.reason)
			}
		})
	}
}

func TestInspectLimitsTheRead(t *testing.T) {
	// A reader that never ends: Inspect must stop after MaxBytes+1.
	lim := Limits{MaxBytes: 1 << 20, MaxSide: 100, MaxPixels: 100}
	_, err := Inspect(iotest.OneByteReader(zeros{}), lim)
	if r := RejectionOf(err); r == nil || r.Reason != ReasonTooLarge {
		t.Fatalf("endless upload: %v", err)
	}
	cat := mustCatalog(t)
	if msg := cat.Error("en", lang.LatnDigits, err); !strings.Contains(msg, "larger than 1 MB") {
		t.Fatalf("message %q", msg)
	}
	if msg := cat.Error("ar", lang.ArabDigits, TooLarge(DefaultLimits())); msg != "حجم الملف أكبر من ١٥ ميغابايت." {
		t.Fatal(msg)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestInspectAppliesEXIFOrientation(t *testing.T) {
	// A 40×20 JPEG whose EXIF says "rotate 90° clockwise" (orientation 6)
	// is shown 20×40 by browsers; the record and the variants must agree.
	jpg := mustJPEG(t, 40, 20)
	exif := []byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00")
	app1 := []byte{0xff, 0xe1, byte((len(exif) + 2) >> 8), byte(len(exif) + 2)}
	rotated := append(append(append([]byte{}, jpg[:2]...), append(app1, exif...)...), jpg[2:]...)
	up, err := Inspect(bytes.NewReader(rotated), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	d, err := DefaultBudget().Decode(context.Background(), up)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Release()
	if d.Width != 20 || d.Height != 40 {
		t.Fatalf("size %d×%d, want 20×40", d.Width, d.Height)
	}
	// The original is stored upright, without the EXIF that turned it.
	if cfg, err := jpeg.DecodeConfig(bytes.NewReader(d.Data)); err != nil || cfg.Width != 20 || cfg.Height != 40 || bytes.Contains(d.Data, []byte("Exif")) {
		t.Fatalf("stored original: %+v, %v, EXIF kept: %v", cfg, err, bytes.Contains(d.Data, []byte("Exif")))
	}
}

func mustCatalog(t *testing.T) *i18n.Catalog {
	t.Helper()
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}
