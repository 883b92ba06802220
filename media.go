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
	Key       string // name in the blob store, e.g. "2026/11/3f2a….jpg"
	MIME      string
	Width     int
	Height    int
	Size      int64
	Credit    Text
	Caption   Text
	Alt       Text
	CreatedAt time.Time
}

// MediaService keeps media records; the bytes live in a BlobStore.
type MediaService interface {
	CreateMedia(ctx context.Context, m *Media) error
	Media(ctx context.Context, id int64) (*Media, error)
}

// BlobStore keeps the bytes of media files: on the local disk, or in an
// S3-compatible store.
type BlobStore interface {
	Put(ctx context.Context, key string, r io.Reader) error
	Open(ctx context.Context, key string) (io.ReadSeekCloser, error)
}
