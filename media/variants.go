package media

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/disintegration/imaging"
	"github.com/khabarnews/khabar"
)

// Variant is one resized copy of an image, encoded as JPEG.
type Variant struct {
	Name   string
	Width  int
	Height int
	Data   []byte
}

// JPEGQuality is the quality of every variant: at 82 a news photo shows no
// artefacts on a page and weighs about half of what it does at 95.
const JPEGQuality = 82

// Sizes of the variants (see khabar.VariantArticle and its siblings).
const (
	ArticleMaxWidth = 1200
	ThumbWidth      = 480
	ThumbHeight     = 270
	SocialWidth     = 1200 // what Facebook, X and Telegram ask for
	SocialHeight    = 630
	CropWidth       = 1200 // the 16:9, 4:3 and 1:1 crops for structured data
)

// specs are the variants: each makes its picture from the article variant
// (at most 1200 wide) and the original.
var specs = []struct {
	name string
	make func(article, original image.Image) image.Image
}{
	{khabar.VariantArticle, func(article, _ image.Image) image.Image { return article }},
	{khabar.VariantThumb, cropper(ThumbWidth, ThumbHeight)},
	{khabar.VariantSocial, cropper(SocialWidth, SocialHeight)},
	{khabar.VariantWide, ratioCrop(16, 9)},
	{khabar.VariantFour3, ratioCrop(4, 3)},
	{khabar.VariantSquare, ratioCrop(1, 1)},
}

// ratioCrop makes the largest rw:rh crop from the centre of the picture,
// at most CropWidth wide and never enlarged: search engines want the shape
// and enough pixels (50,000), and an enlarged crop costs time and bytes
// without showing more. It is cut from the article variant when that holds
// it at full size, which is many times cheaper than the original.
func ratioCrop(rw, rh int) func(article, original image.Image) image.Image {
	return func(article, original image.Image) image.Image {
		w := min(boxWidth(original, rw, rh), CropWidth)
		h := max(w*rh/rw, 1)
		src := original
		if boxWidth(article, rw, rh) >= w {
			src = article
		}
		if boxWidth(src, rw, rh) == w {
			return imaging.CropCenter(src, w, h)
		}
		return imaging.Fill(src, w, h, imaging.Center, imaging.Lanczos)
	}
}

// boxWidth is the width of the largest rw:rh box inside img.
func boxWidth(img image.Image, rw, rh int) int {
	b := img.Bounds()
	return max(min(b.Dx(), b.Dy()*rw/rh), 1)
}

// cropper makes a w×h crop from the centre. The crops start from the
// article variant when it is big enough: resampling a 1200-pixel image is
// many times cheaper than a 50-megapixel one, and looks the same at these
// sizes.
func cropper(w, h int) func(article, original image.Image) image.Image {
	return func(article, original image.Image) image.Image { return fill([]image.Image{article, original}, w, h) }
}

// MakeVariants makes every variant of img: "article" at most 1200 wide in
// the original's shape (never enlarged), "thumb" 480×270, "social" 1200×630
// and the 16:9, 4:3 and 1:1 crops 1200 wide, cropped from the centre, all
// JPEG. Transparent pixels (PNG, WebP) are laid on white, as JPEG has no
// transparency.
func MakeVariants(img image.Image) ([]Variant, error) { return MakeSome(img, khabar.VariantNames()) }

// MakeSome makes the variants of img that names lists (see MakeVariants).
func MakeSome(img image.Image, names []string) ([]Variant, error) {
	article := img
	if b := img.Bounds(); b.Dx() > ArticleMaxWidth {
		article = imaging.Resize(img, ArticleMaxWidth, 0, imaging.Lanczos)
	}
	var todo []int
	for i, spec := range specs {
		if slices.Contains(names, spec.name) {
			todo = append(todo, i)
		}
	}
	// The variants are independent: made side by side, an upload waits
	// for the slowest instead of the sum (JPEG encoding dominates).
	out := make([]Variant, len(todo))
	errs := make([]error, len(todo))
	var wg sync.WaitGroup
	for i, k := range todo {
		spec := specs[k]
		wg.Go(func() {
			pic := flatten(spec.make(article, img))
			var buf bytes.Buffer
			if err := jpeg.Encode(&buf, pic, &jpeg.Options{Quality: JPEGQuality}); err != nil {
				errs[i] = fmt.Errorf("encoding the %s variant: %w", spec.name, err)
				return
			}
			b := pic.Bounds()
			out[i] = Variant{Name: spec.name, Width: b.Dx(), Height: b.Dy(), Data: buf.Bytes()}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// fill crops a w×h picture from the centre of the first source that covers
// it without enlarging, or of the last (the largest) when none does.
func fill(sources []image.Image, w, h int) image.Image {
	src := sources[len(sources)-1]
	for _, s := range sources {
		if b := s.Bounds(); b.Dx() >= w && b.Dy() >= h {
			src = s
			break
		}
	}
	return imaging.Fill(src, w, h, imaging.Center, imaging.Lanczos)
}

// flatten lays an image that may have transparent pixels on white; an
// opaque one is returned as it is.
func flatten(img image.Image) image.Image {
	if o, ok := img.(interface{ Opaque() bool }); ok && o.Opaque() {
		// imaging returns NRGBA, for which image/jpeg has no fast path
		// (it reads pixel by pixel, several times slower). Opaque NRGBA
		// bytes are RGBA bytes, so the same pixels serve as RGBA.
		if n, ok := img.(*image.NRGBA); ok {
			return &image.RGBA{Pix: n.Pix, Stride: n.Stride, Rect: n.Rect}
		}
		return img
	}
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Over)
	return dst
}

// NewFolder returns a fresh, unguessable folder for one upload, under the
// month of now: "2026/11/3f2a9c…". Names are made here, never taken from
// the uploaded file, so no file name can reach the blob store.
func NewFolder(now time.Time) (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("naming an upload: %w", err)
	}
	return fmt.Sprintf("%04d/%02d/%s", now.Year(), int(now.Month()), hex.EncodeToString(b[:])), nil
}

// OriginalKey is the key of an upload's original in its folder.
func OriginalKey(folder, ext string) string { return folder + "/original" + ext }

// VariantKey is the key of a variant, beside its original: in the same
// folder when the original is called "original.*", else in a folder named
// after the original ("demo/kazan.jpg" → "demo/kazan/thumb.jpg"), so that
// media stored before variants existed can get them too.
func VariantKey(originalKey, name string) string {
	stem := strings.TrimSuffix(originalKey, path.Ext(originalKey))
	if path.Base(stem) == "original" && path.Dir(stem) != "." {
		stem = path.Dir(stem)
	}
	return stem + "/" + name + ".jpg"
}
