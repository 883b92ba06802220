package khabar

import (
	"context"
	"io"
	"time"
)

// Media is an image in the library. Its credit, caption and alt text exist
// per language; every image on the site shows its credit.
type Media struct {
	ID        int64
	Key       string // the original in the blob store, e.g. "2026/11/3f2a…/original.jpg"
	MIME      string // of the original
	Width     int    // of the original
	Height    int
	Size      int64 // bytes of the original
	Credit    Text
	Caption   Text
	Alt       Text
	CreatedAt time.Time
	// Variants are the resized copies made once at upload, which pages
	// show instead of the original. Media stored before variants existed
	// have none; pages then fall back to the original.
	Variants []MediaVariant
}

// Variant names. Pages ask for a variant by purpose, not by size, so that
// the sizes can change without touching a template.
const (
	VariantArticle = "article" // the article page and the front page's lead: at most 1200 wide, the original's shape
	VariantThumb   = "thumb"   // cards in lists: 480×270, cropped from the centre
	VariantSocial  = "social"  // OpenGraph and Twitter cards: 1200×630, cropped from the centre
	// The crops that search engines ask for in an article's structured data
	// (16:9, 4:3 and 1:1, at least 1200 wide), cropped from the centre.
	VariantWide   = "wide"   // 1200×675
	VariantFour3  = "four3"  // 1200×900
	VariantSquare = "square" // 1200×1200
)

// VariantNames lists the variants every upload gets, in display order.
func VariantNames() []string {
	return []string{VariantArticle, VariantThumb, VariantSocial, VariantWide, VariantFour3, VariantSquare}
}

// MissingVariants names the variants of VariantNames that m lacks: media
// stored before a variant existed get it later (see media.AddMissing).
func (m *Media) MissingVariants() []string {
	var out []string
	for _, name := range VariantNames() {
		if _, ok := m.Variant(name); !ok {
			out = append(out, name)
		}
	}
	return out
}

// MediaVariant is one resized copy of a media file, stored beside it.
type MediaVariant struct {
	Name   string // one of VariantNames
	Key    string // in the blob store
	Width  int
	Height int
}

// Variant returns the variant called name, if the media has one.
func (m *Media) Variant(name string) (MediaVariant, bool) {
	if m == nil {
		return MediaVariant{}, false
	}
	for _, v := range m.Variants {
		if v.Name == name {
			return v, true
		}
	}
	return MediaVariant{}, false
}

// MediaUse is a story that shows a media file: as its lead image, or in the
// body of one of its versions.
type MediaUse struct {
	StoryID int64
	Lang    string // the story's original language
	Title   string // the title of the original version
	Lead    bool   // the story's lead image
	InBody  bool   // an <img> in the body of some version
}

// MediaService keeps media records; the bytes live in a BlobStore. Every
// method that returns a Media returns it with its variants.
type MediaService interface {
	Media(ctx context.Context, id int64) (*Media, error)
	// ListMedia returns a page of the library, newest first, and the total.
	ListMedia(ctx context.Context, limit, offset int) ([]Media, int, error)
	// SearchMedia is ListMedia of the images whose credit, caption or alt
	// text, in any language, has a word starting with each word of text
	// (folded as analysis.Fold: case, tashkeel, hamza seats … do not
	// count); an empty text lists the whole library.
	SearchMedia(ctx context.Context, text string, limit, offset int) ([]Media, int, error)
	// MediaUsage lists the stories that show a media file, newest first.
	MediaUsage(ctx context.Context, mediaID int64) ([]MediaUse, error)
}

// BlobStore keeps the bytes of media files: on the local disk, or in an
// S3-compatible store.
type BlobStore interface {
	Put(ctx context.Context, key string, r io.Reader) error
	Open(ctx context.Context, key string) (io.ReadSeekCloser, error)
	// Delete removes a blob; deleting a missing blob is not an error, so
	// that cleaning up after a failed upload can always be retried.
	Delete(ctx context.Context, key string) error
}
