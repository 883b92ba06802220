package media

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
)

func TestMakeVariants(t *testing.T) {
	tests := []struct {
		name         string
		w, h         int
		articleW     int
		articleH     int
		thumbFromArt bool
	}{
		{"wide photo", 4000, 3000, 1200, 900, true},
		{"small photo is not enlarged", 800, 450, 800, 450, true},
		{"portrait", 1500, 3000, 1200, 2400, true},
		{"panorama", 6000, 1000, 1200, 200, false},
		{"tiny", 100, 50, 100, 50, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, err := MakeVariants(gradient(tt.w, tt.h))
			if err != nil {
				t.Fatal(err)
			}
			want := map[string][2]int{
				khabar.VariantArticle: {tt.articleW, tt.articleH},
				khabar.VariantThumb:   {480, 270},
				khabar.VariantSocial:  {1200, 630},
				khabar.VariantWide:    cropSize(tt.w, tt.h, 16, 9),
				khabar.VariantFour3:   cropSize(tt.w, tt.h, 4, 3),
				khabar.VariantSquare:  cropSize(tt.w, tt.h, 1, 1),
			}
			if len(vs) != len(want) {
				t.Fatalf("%d variants", len(vs))
			}
			for _, v := range vs {
				img, err := jpeg.Decode(bytes.NewReader(v.Data))
				if err != nil {
					t.Fatalf("%s is not a JPEG: %v", v.Name, err)
				}
				b := img.Bounds()
				if w := want[v.Name]; b.Dx() != w[0] || b.Dy() != w[1] || v.Width != w[0] || v.Height != w[1] {
					t.Errorf("%s: %d×%d (recorded %d×%d), want %v", v.Name, b.Dx(), b.Dy(), v.Width, v.Height, w)
				}
			}
		})
	}
}

// cropSize is the size of the rw:rh crop of a w×h picture: the largest
// box of that shape inside it, at most 1200 wide, never enlarged.
func cropSize(w, h, rw, rh int) [2]int {
	bw := min(w, h*rw/rh, 1200)
	return [2]int{bw, bw * rh / rw}
}

func TestVariantsCropFromTheCentre(t *testing.T) {
	// A 1600×400 picture: red stripes at the left and right quarters, a
	// blue centre. A 480×270 crop from the centre holds only blue.
	img := image.NewNRGBA(image.Rect(0, 0, 1600, 400))
	for y := 0; y < 400; y++ {
		for x := 0; x < 1600; x++ {
			c := color.NRGBA{0, 0, 255, 255}
			if x < 400 || x >= 1200 {
				c = color.NRGBA{255, 0, 0, 255}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	vs, err := MakeVariants(img)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if v.Name != khabar.VariantThumb {
			continue
		}
		pic, _ := jpeg.Decode(bytes.NewReader(v.Data))
		for _, p := range []image.Point{{5, 5}, {240, 135}, {474, 264}} {
			r, _, b, _ := pic.At(p.X, p.Y).RGBA()
			if r>>8 > 60 || b>>8 < 190 {
				t.Errorf("thumb pixel %v = %v, want blue (centre crop)", p, pic.At(p.X, p.Y))
			}
		}
	}
}

func TestVariantsFlattenTransparencyOnWhite(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 600, 400)) // fully transparent
	vs, err := MakeVariants(img)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		pic, _ := jpeg.Decode(bytes.NewReader(v.Data))
		r, g, b, _ := pic.At(10, 10).RGBA()
		if r>>8 < 245 || g>>8 < 245 || b>>8 < 245 {
			t.Errorf("%s: transparent became %v, want white", v.Name, pic.At(10, 10))
		}
	}
}

func TestKeys(t *testing.T) {
	folder, err := NewFolder(time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(folder, "2026/11/") || len(folder) != len("2026/11/")+32 {
		t.Fatalf("folder %q", folder)
	}
	other, _ := NewFolder(time.Now())
	if other == folder {
		t.Fatal("two uploads got the same folder")
	}
	for _, tt := range [][3]string{
		{"2026/11/ab12/original.png", "thumb", "2026/11/ab12/thumb.jpg"},
		{"demo/kazan.jpg", "article", "demo/kazan/article.jpg"},
		{"test/summit.jpg", "social", "test/summit/social.jpg"},
		{"original.jpg", "thumb", "original/thumb.jpg"},
	} {
		if got := VariantKey(tt[0], tt[1]); got != tt[2] {
			t.Errorf("VariantKey(%q, %q) = %q, want %q", tt[0], tt[1], got, tt[2])
		}
	}
	if got := OriginalKey(folder, ".webp"); got != folder+"/original.webp" {
		t.Fatal(got)
	}
}

// files lists every file and folder below root.
func files(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && p != root {
			out = append(out, strings.TrimPrefix(p, root))
		}
		return nil
	})
	return out
}

func TestSaveStoresAllOrNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := sqltest.Open(t)
	root := filepath.Join(dir, "media")
	blobs, err := NewDisk(root)
	if err != nil {
		t.Fatal(err)
	}
	up, err := Inspect(bytes.NewReader(mustPNG(t, gradient(1600, 900))), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)

	// The store refuses the record (invalid UTF-8 in a credit): no blob stays.
	bad := &khabar.Media{Credit: khabar.Text{"ar": "\xff\xfe"}}
	if err := Save(ctx, blobs, DefaultBudget(), up, bad, now, db.CreateMedia); khabar.ErrorCode(err) != khabar.EInvalid {
		t.Fatalf("bad credit: %v", err)
	}
	if left := files(t, root); len(left) != 0 || bad.ID != 0 || bad.Key != "" {
		t.Fatalf("a failed save left %v, id %d, key %q", left, bad.ID, bad.Key)
	}
	if _, n, _ := db.ListMedia(ctx, 10, 0); n != 0 {
		t.Fatalf("%d media rows after a failed save", n)
	}

	m := &khabar.Media{Credit: khabar.Text{"ar": "الصورة: المكتب الصحفي"}}
	if err := Save(ctx, blobs, DefaultBudget(), up, m, now, db.CreateMedia); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(m.Key, "2026/11/") || !strings.HasSuffix(m.Key, "/original.png") || m.MIME != "image/png" ||
		m.Width != 1600 || m.Height != 900 || m.Size == 0 || m.ID == 0 {
		t.Fatalf("saved %+v", m)
	}
	got, err := db.Media(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Variants) != len(khabar.VariantNames()) {
		t.Fatalf("variants %+v", got.Variants)
	}
	for _, v := range got.Variants {
		f, err := blobs.Open(ctx, v.Key)
		if err != nil {
			t.Fatalf("%s: %v", v.Name, err)
		}
		b, _ := io.ReadAll(f)
		f.Close()
		if cfg, err := jpeg.DecodeConfig(bytes.NewReader(b)); err != nil || cfg.Width != v.Width || cfg.Height != v.Height {
			t.Errorf("%s: %v %+v, recorded %d×%d", v.Name, err, cfg, v.Width, v.Height)
		}
	}
	if n := len(files(t, root)); n != 2+1+1+len(khabar.VariantNames()) { // 2026, 11, the folder; the original and its variants
		t.Fatalf("media directory holds %v", files(t, root))
	}

	// A demo-style name that is taken: refused, and the existing blob kept.
	taken := &khabar.Media{Key: m.Key}
	if err := Save(ctx, blobs, DefaultBudget(), up, taken, now, db.CreateMedia); khabar.ErrorCode(err) != khabar.EConflict {
		t.Fatalf("taken key: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(m.Key))); err != nil {
		t.Fatal("the existing original was lost:", err)
	}
}

func TestAddMissingToOldMedia(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := sqltest.Open(t)
	blobs, err := NewDisk(filepath.Join(dir, "media"))
	if err != nil {
		t.Fatal(err)
	}
	data := mustJPEG(t, 1200, 675)
	if err := blobs.Put(ctx, "demo/kazan.jpg", bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	m := &khabar.Media{Key: "demo/kazan.jpg", MIME: "image/jpeg", Width: 1200, Height: 675, Size: int64(len(data))}
	if err := db.CreateMedia(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := AddMissing(ctx, blobs, DefaultBudget(), m, db.SetVariants); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Media(ctx, m.ID)
	if v, ok := got.Variant(khabar.VariantThumb); !ok || v.Key != "demo/kazan/thumb.jpg" || v.Width != 480 {
		t.Fatalf("variants %+v", got.Variants)
	}
	if len(got.MissingVariants()) != 0 {
		t.Fatalf("still missing %v", got.MissingVariants())
	}
	// Once more: nothing is missing, nothing is written.
	before := files(t, filepath.Join(dir, "media"))
	if err := AddMissing(ctx, blobs, DefaultBudget(), got, func(context.Context, int64, []khabar.MediaVariant) error {
		t.Error("a record that lacks nothing was recorded again")
		return nil
	}); err != nil {
		t.Fatalf("second run: %v", err)
	}
	if after := files(t, filepath.Join(dir, "media")); len(after) != len(before) {
		t.Fatalf("a second run wrote files: %v → %v", before, after)
	}
}
