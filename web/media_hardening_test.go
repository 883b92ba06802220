package web_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// pngWithChunk puts a chunk into a PNG right after its header chunk.
func pngWithChunk(data []byte, typ string, body []byte) []byte {
	var c bytes.Buffer
	binary.Write(&c, binary.BigEndian, uint32(len(body)))
	c.WriteString(typ)
	c.Write(body)
	binary.Write(&c, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), body...)))
	at := 8 + 12 + 13
	return append(append(append([]byte{}, data[:at]...), c.Bytes()...), data[at:]...)
}

func smallPNG(t *testing.T) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 200, 120))
	for y := range 120 {
		for x := range 200 {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestUploadedImagesCarryNothingElse: a PNG whose text chunk inflates to
// 200 MB is refused; a PNG with a page appended after its end, or with
// text inside, is stored as the picture alone, so that no browser
// sniffing the stored file finds a script in it.
func TestUploadedImagesCarryNothingElse(t *testing.T) {
	s := newSite(t)
	editor := s.newsroomUser("desk", khabar.RoleEditor)
	tok, _ := s.apiToken(editor, khabar.RoleEditor, time.Time{})

	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(make([]byte, 200<<20))
	zw.Close()
	bomb := pngWithChunk(smallPNG(t), "zTXt", append([]byte("Comment\x00\x00"), z.Bytes()...))
	r := s.upload(tok, bomb, nil)
	p := wantProblem(t, r, http.StatusBadRequest, "upload_refused")
	if !strings.Contains(p.Detail, "embedded text and metadata") {
		t.Errorf("detail %q", p.Detail)
	}

	tail := "<html><body><script>alert(document.domain)</script></body></html>"
	sent := append(pngWithChunk(smallPNG(t), "tEXt", []byte("Author\x00<script>alert(1)</script>")), tail...)
	r = s.upload(tok, sent, map[string]string{"credit.en": "Desk"})
	if r.status != http.StatusCreated {
		t.Fatalf("upload = %d %s", r.status, r.body)
	}
	img := decode[struct{ URL string }](t, r)
	stored := s.get(strings.TrimPrefix(img.URL, s.srv.URL))
	if stored.status != http.StatusOK || strings.Contains(stored.body, "script") || strings.Contains(stored.body, "tEXt") {
		t.Fatalf("the stored original (%d, %d bytes) keeps what was embedded or appended", stored.status, len(stored.body))
	}
	if got, err := png.Decode(strings.NewReader(stored.body)); err != nil || got.Bounds().Dx() != 200 {
		t.Fatalf("the stored original is not the picture: %v", err)
	}
}
