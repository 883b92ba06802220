package media_test

import (
	"context"
	"testing"

	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/media/blobtest"
	"github.com/khabarnews/khabar/media/s3test"
)

func TestS3Conformance(t *testing.T) {
	cfg := s3test.Start(t)
	store, err := media.NewS3(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	blobtest.Run(t, store)

	cfg.Prefix = "site-b/"
	other, err := media.NewS3(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Open(context.Background(), "a/b.png"); err == nil {
		t.Fatal("a store with another prefix sees the first store's blobs")
	}
	cfg.Bucket = "no-such-bucket"
	if _, err := media.NewS3(context.Background(), cfg); err == nil {
		t.Fatal("a missing bucket was accepted")
	}
}

func TestDiskConformance(t *testing.T) {
	d, err := media.NewDisk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	blobtest.Run(t, d)
}
