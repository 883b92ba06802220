package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/khabarnews/khabar"
)

// S3Config says where an S3-compatible bucket is.
type S3Config struct {
	Endpoint  string // URL of the service, e.g. https://s3.eu-central-1.amazonaws.com or http://127.0.0.1:7070
	Bucket    string
	Region    string // optional
	AccessKey string
	SecretKey string
	Prefix    string // optional folder inside the bucket, e.g. "khabar/"
}

// S3 is a BlobStore in an S3-compatible bucket, shared by every node of a
// cluster.
type S3 struct {
	client *minio.Client
	bucket string
	prefix string
}

// NewS3 connects to the bucket and checks that it exists.
func NewS3(ctx context.Context, c S3Config) (*S3, error) {
	u, err := url.Parse(c.Endpoint)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("the S3 endpoint must be an http:// or https:// URL, not %q", c.Endpoint)
	}
	if c.Bucket == "" {
		return nil, errors.New("an S3 bucket name is required")
	}
	client, err := minio.New(u.Host, &minio.Options{
		Creds:  credentials.NewStaticV4(c.AccessKey, c.SecretKey, ""),
		Secure: u.Scheme == "https",
		Region: c.Region,
	})
	if err != nil {
		return nil, fmt.Errorf("connecting to S3 at %s: %w", c.Endpoint, err)
	}
	ok, err := client.BucketExists(ctx, c.Bucket)
	if err != nil {
		return nil, fmt.Errorf("checking the S3 bucket %q: %w", c.Bucket, err)
	}
	if !ok {
		return nil, fmt.Errorf("the S3 bucket %q does not exist", c.Bucket)
	}
	prefix := strings.Trim(c.Prefix, "/")
	if prefix != "" {
		prefix += "/"
	}
	return &S3{client: client, bucket: c.Bucket, prefix: prefix}, nil
}

// Put uploads a blob. S3 makes an object visible only once it is whole.
func (s *S3) Put(ctx context.Context, key string, r io.Reader) error {
	if err := checkKey(key); err != nil {
		return err
	}
	_, err := s.client.PutObject(ctx, s.bucket, s.prefix+key, r, -1, minio.PutObjectOptions{ContentType: contentType(key)})
	if err != nil {
		return fmt.Errorf("storing %s in S3: %w", key, err)
	}
	return nil
}

// Open returns the blob for reading; ENotFound when there is none.
func (s *S3) Open(ctx context.Context, key string) (io.ReadSeekCloser, error) {
	if err := checkKey(key); err != nil {
		return nil, err
	}
	// GetObject is lazy: ask for the object's metadata first so that a
	// missing blob is an error here, not on the first read.
	if _, err := s.client.StatObject(ctx, s.bucket, s.prefix+key, minio.StatObjectOptions{}); err != nil {
		if minio.ToErrorResponse(err).Code == "NoSuchKey" || minio.ToErrorResponse(err).StatusCode == 404 {
			return nil, khabar.NotFound("err.media.not_found").Because(fmt.Errorf("no media file %q in S3", key))
		}
		return nil, fmt.Errorf("opening %s in S3: %w", key, err)
	}
	obj, err := s.client.GetObject(ctx, s.bucket, s.prefix+key, minio.GetObjectOptions{})
	if err != nil {
		return nil, fmt.Errorf("opening %s in S3: %w", key, err)
	}
	return obj, nil
}

// Delete removes a blob; a missing one is not an error.
func (s *S3) Delete(ctx context.Context, key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	if err := s.client.RemoveObject(ctx, s.bucket, s.prefix+key, minio.RemoveObjectOptions{}); err != nil {
		if minio.ToErrorResponse(err).Code == "NoSuchKey" {
			return nil
		}
		return fmt.Errorf("deleting %s in S3: %w", key, err)
	}
	return nil
}

func contentType(key string) string {
	switch {
	case strings.HasSuffix(key, ".jpg"), strings.HasSuffix(key, ".jpeg"):
		return "image/jpeg"
	case strings.HasSuffix(key, ".png"):
		return "image/png"
	case strings.HasSuffix(key, ".webp"):
		return "image/webp"
	}
	return "application/octet-stream"
}

var _ khabar.BlobStore = (*S3)(nil)
