package media

import (
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/minio/minio-go/v7"
)

// CopyReport says what CopyToS3 did.
type CopyReport struct {
	Files    int   // blobs in the disk store
	Copied   int   // uploaded to the bucket
	Present  int   // already in the bucket with the same size and checksum
	Bytes    int64 // bytes uploaded
	Verified int   // read back from the bucket and found equal to the disk's
}

// sha256Meta is the user metadata under which CopyToS3 records an
// object's SHA-256, so that a second run recognises what it copied.
const sha256Meta = "Sha256"

// Keys lists the blobs of the store, in lexical order; the temporary files
// of uploads in progress are not blobs.
func (d *Disk) Keys() ([]string, error) {
	var keys []string
	err := filepath.WalkDir(d.root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() || strings.HasPrefix(e.Name(), ".upload-") {
			return nil
		}
		rel, err := filepath.Rel(d.root, p)
		if err != nil {
			return err
		}
		key := filepath.ToSlash(rel)
		if checkKey(key) == nil {
			keys = append(keys, key)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing the media directory: %w", err)
	}
	return keys, nil
}

// CopyToS3 copies every blob of the disk store into the bucket under the
// same key, then reads each one back and compares it with the file. An
// object already in the bucket with the same size and checksum (SHA-256
// recorded by an earlier copy, or an MD5 ETag) is not uploaded again, so
// that a second run copies nothing. progress, if not nil, is called after
// each file of each pass.
func (d *Disk) CopyToS3(ctx context.Context, s *S3, progress func(pass string, done, total int)) (CopyReport, error) {
	var r CopyReport
	keys, err := d.Keys()
	if err != nil {
		return r, err
	}
	r.Files = len(keys)
	sums := make([]string, len(keys))
	for i, key := range keys {
		sum, uploaded, err := d.copyOne(ctx, s, key)
		if err != nil {
			return r, err
		}
		sums[i] = sum
		if uploaded >= 0 {
			r.Copied++
			r.Bytes += uploaded
		} else {
			r.Present++
		}
		if progress != nil {
			progress("copied", i+1, len(keys))
		}
	}
	for i, key := range keys {
		if err := s.verify(ctx, key, sums[i]); err != nil {
			return r, err
		}
		r.Verified++
		if progress != nil {
			progress("verified", i+1, len(keys))
		}
	}
	return r, nil
}

// copyOne uploads one file unless the bucket has it already; it returns
// the file's SHA-256 and how many bytes it uploaded, or -1 when it did not
// upload it.
func (d *Disk) copyOne(ctx context.Context, s *S3, key string) (sum string, uploaded int64, err error) {
	p, err := d.path(key)
	if err != nil {
		return "", 0, err
	}
	f, err := os.Open(p)
	if err != nil {
		return "", 0, fmt.Errorf("copying %s: %w", key, err)
	}
	defer f.Close()
	sh, m := sha256.New(), md5.New()
	size, err := io.Copy(io.MultiWriter(sh, m), f)
	if err != nil {
		return "", 0, fmt.Errorf("copying %s: %w", key, err)
	}
	sum, md5sum := hex.EncodeToString(sh.Sum(nil)), hex.EncodeToString(m.Sum(nil))
	info, err := s.client.StatObject(ctx, s.bucket, s.prefix+key, minio.StatObjectOptions{})
	if err == nil && info.Size == size && (userMeta(info, sha256Meta) == sum || strings.Trim(info.ETag, `"`) == md5sum) {
		return sum, -1, nil
	}
	if err != nil && minio.ToErrorResponse(err).StatusCode != 404 && minio.ToErrorResponse(err).Code != "NoSuchKey" {
		return "", 0, fmt.Errorf("looking for %s in S3: %w", key, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", 0, fmt.Errorf("copying %s: %w", key, err)
	}
	_, err = s.client.PutObject(ctx, s.bucket, s.prefix+key, f, size, minio.PutObjectOptions{
		ContentType:  contentType(key),
		UserMetadata: map[string]string{sha256Meta: sum},
	})
	if err != nil {
		return "", 0, fmt.Errorf("storing %s in S3: %w", key, err)
	}
	return sum, size, nil
}

// verify reads an object back and compares its SHA-256 with sum.
func (s *S3) verify(ctx context.Context, key, sum string) error {
	obj, err := s.client.GetObject(ctx, s.bucket, s.prefix+key, minio.GetObjectOptions{})
	if err != nil {
		return fmt.Errorf("reading %s back from S3: %w", key, err)
	}
	defer obj.Close()
	h := sha256.New()
	if _, err := io.Copy(h, obj); err != nil {
		return fmt.Errorf("reading %s back from S3: %w", key, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sum {
		return fmt.Errorf("%s in S3 differs from the file on disk (SHA-256 %.12s…, want %.12s…)", key, got, sum)
	}
	return nil
}

// userMeta returns the user metadata value name of an object, whatever
// case the server gave its key.
func userMeta(info minio.ObjectInfo, name string) string {
	for k, v := range info.UserMetadata {
		if strings.EqualFold(strings.TrimPrefix(strings.ToLower(k), "x-amz-meta-"), name) {
			return v
		}
	}
	return ""
}
