package media

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
)

// withChunk puts a chunk into a PNG right after its header chunk.
func withChunk(pngData []byte, typ string, body []byte) []byte {
	var c bytes.Buffer
	binary.Write(&c, binary.BigEndian, uint32(len(body)))
	c.WriteString(typ)
	c.Write(body)
	binary.Write(&c, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), body...)))
	at := 8 + 12 + 13 // signature, IHDR
	return append(append(append([]byte{}, pngData[:at]...), c.Bytes()...), pngData[at:]...)
}

func deflate(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// TestMetadataBombsRefused: text chunks that inflate past the limit are
// refused before any pixel is decoded, however small the file; ordinary
// metadata passes.
func TestMetadataBombsRefused(t *testing.T) {
	base := mustPNG(t, gradient(64, 48))
	bomb := deflate(make([]byte, 20<<20)) // 20 MB of zeros in about 20 KB
	itxt := append([]byte("Comment\x00\x01\x00en\x00\x00"), bomb...)
	tests := []struct {
		name string
		data []byte
		ok   bool
	}{
		{"zTXt bomb", withChunk(base, "zTXt", append([]byte("Comment\x00\x00"), bomb...)), false},
		{"compressed iTXt bomb", withChunk(base, "iTXt", itxt), false},
		{"2 MB of plain text", withChunk(base, "tEXt", append([]byte("Comment\x00"), bytes.Repeat([]byte("a"), 2<<20)...)), false},
		{"a colour profile and a caption", withChunk(withChunk(base, "iCCP", append([]byte("sRGB\x00\x00"), deflate(make([]byte, 3000))...)),
			"tEXt", []byte("Title\x00Summit hall")), true},
	}
	cat := mustCatalog(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := Inspect(bytes.NewReader(tt.data), DefaultLimits())
			if tt.ok {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if r := RejectionOf(err); r == nil || r.Reason != ReasonMetadata || khabar.ErrorCode(err) != khabar.EInvalid {
				t.Fatalf("%d bytes: %v, want a refusal for metadata", len(tt.data), err)
			}
			if msg := cat.Error("en", lang.LatnDigits, err); !strings.Contains(msg, "more than 1 MB of embedded text") {
				t.Errorf("message %q", msg)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("the check took %v: it inflated more than it had to", d)
			}
		})
	}
}

// TestStoredOriginalIsEncodedAgain: what is stored is the picture and
// nothing else — no text chunks, no data after the image's end (a page
// that a browser sniffing the file would run), no camera metadata.
func TestStoredOriginalIsEncodedAgain(t *testing.T) {
	base := mustPNG(t, gradient(64, 48))
	tail := "<html><script>alert(document.cookie)</script></html>"
	sent := append(withChunk(base, "tEXt", []byte("Author\x00<script>alert(1)</script>")), tail...)
	up, err := Inspect(bytes.NewReader(sent), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	d, err := DefaultBudget().Decode(context.Background(), up)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Release()
	if bytes.Contains(d.Data, []byte("script")) || bytes.Contains(d.Data, []byte("tEXt")) || d.MIME != "image/png" || d.Ext != ".png" {
		t.Fatalf("stored original keeps what was appended or embedded (%s, %d bytes)", d.MIME, len(d.Data))
	}
	img, err := png.Decode(bytes.NewReader(d.Data))
	if err != nil || img.Bounds().Dx() != 64 || img.Bounds().Dy() != 48 {
		t.Fatalf("stored original does not decode as the picture: %v", err)
	}

	gps := []byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x01\x88\x25\x00\x04\x00\x00\x00\x01\x00\x00\x00\x1a\x00\x00\x00\x00GPS-SECRET-PLACE")
	jpg := mustJPEG(t, 64, 48)
	app1 := []byte{0xff, 0xe1, byte((len(gps) + 2) >> 8), byte(len(gps) + 2)}
	sent = append(append(append(append([]byte{}, jpg[:2]...), append(app1, gps...)...), jpg[2:]...), tail...)
	if up, err = Inspect(bytes.NewReader(sent), DefaultLimits()); err != nil {
		t.Fatal(err)
	}
	d2, err := DefaultBudget().Decode(context.Background(), up)
	if err != nil {
		t.Fatal(err)
	}
	defer d2.Release()
	if bytes.Contains(d2.Data, []byte("GPS-SECRET")) || bytes.Contains(d2.Data, []byte("script")) || d2.MIME != "image/jpeg" {
		t.Fatalf("stored JPEG keeps its metadata or tail")
	}
}

// TestBudgetDecodesInTurn: uploads whose pixels together exceed the budget
// decode one after another; one that has waited too long gives up.
func TestBudgetDecodesInTurn(t *testing.T) {
	b := NewBudget(64 * 48)
	up, err := Inspect(bytes.NewReader(mustPNG(t, gradient(64, 48))), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	first, err := b.Decode(context.Background(), up)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := b.Decode(ctx, up); err == nil {
		t.Fatal("a second image decoded while the first held the whole budget")
	}
	done := make(chan error, 1)
	go func() {
		d, err := b.Decode(context.Background(), up)
		if err == nil {
			d.Release()
		}
		done <- err
	}()
	select {
	case <-done:
		t.Fatal("the third decode did not wait")
	case <-time.After(50 * time.Millisecond):
	}
	first.Release()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	// An image bigger than the whole budget still decodes, alone.
	big, _ := Inspect(bytes.NewReader(mustPNG(t, gradient(128, 96))), DefaultLimits())
	d, err := b.Decode(context.Background(), big)
	if err != nil {
		t.Fatal(err)
	}
	d.Release()
}
