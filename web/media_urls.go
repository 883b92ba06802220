package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
)

// Pages show the variants made at upload, never the full-size original,
// which may be a 15 MB PNG. Media stored before variants existed have none;
// they fall back to the original, so that no old page loses its picture.

// mediaImage is what an <img> needs: the file, its size (so that the page
// does not jump while it loads) and the other sizes for srcset.
type mediaImage struct {
	URL    string
	Width  int
	Height int
	Srcset string // "" when there is no other size worth offering
}

// keyPath is the /media/ path of a blob, each segment escaped.
func keyPath(key string) string {
	parts := strings.Split(key, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return "/media/" + strings.Join(parts, "/")
}

// variantImage returns the variant called name, or the original when the
// media has no such variant.
func variantImage(m *khabar.Media, name string) mediaImage {
	if v, ok := m.Variant(name); ok {
		return mediaImage{URL: keyPath(v.Key), Width: v.Width, Height: v.Height}
	}
	return mediaImage{URL: keyPath(m.Key), Width: m.Width, Height: m.Height}
}

// pageImage returns the variant called name with a srcset that also offers
// the thumbnail to small screens. The thumbnail is a 16:9 crop, so it is
// offered only when the variant has (nearly) the same shape: srcset
// candidates must be the same picture at different sizes.
func pageImage(m *khabar.Media, name string) mediaImage {
	img := variantImage(m, name)
	thumb, ok := m.Variant(khabar.VariantThumb)
	if !ok || name == khabar.VariantThumb || thumb.Width >= img.Width || !sameShape(thumb.Width, thumb.Height, img.Width, img.Height) {
		return img
	}
	img.Srcset = keyPath(thumb.Key) + " " + strconv.Itoa(thumb.Width) + "w, " + img.URL + " " + strconv.Itoa(img.Width) + "w"
	return img
}

// sameShape reports whether two sizes differ in aspect ratio by under 2%.
func sameShape(w1, h1, w2, h2 int) bool {
	if h1 <= 0 || h2 <= 0 {
		return false
	}
	a, b := float64(w1)/float64(h1), float64(w2)/float64(h2)
	return a/b > 0.98 && a/b < 1.02
}

// Image is the picture of a media file for one purpose on a public page:
// "thumb" for cards, "article" for the lead and the article figure.
func (v *view) Image(m *khabar.Media, name string) mediaImage {
	if m == nil {
		return mediaImage{}
	}
	return pageImage(m, name)
}

// socialImage is the picture for OpenGraph and Twitter cards: the 1200×630
// variant, or the original of old media.
func socialImage(m *khabar.Media) mediaImage { return variantImage(m, khabar.VariantSocial) }
