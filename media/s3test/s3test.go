// Package s3test starts a real S3-compatible server for tests: versitygw
// with a posix backend in a temporary directory, on 127.0.0.1. Without
// versitygw a test skips with a loud message, or fails when CI=true.
package s3test

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/khabarnews/khabar/internal/testnote"
	"github.com/khabarnews/khabar/media"
)

// versitygw finds the server (go install
// github.com/versity/versitygw/cmd/versitygw@v1.8.0; .ci/run installs it).
func versitygw(tb testing.TB) string {
	tb.Helper()
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p
	}
	if gopath, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		p := filepath.Join(strings.TrimSpace(string(gopath)), "bin", "versitygw")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	const msg = "versitygw not found: S3 tests skipped; install it with go install github.com/versity/versitygw/cmd/versitygw@v1.8.0"
	if os.Getenv("CI") == "true" {
		tb.Fatal(msg + " — CI=true, so this is a failure")
	}
	testnote.Skip(tb, msg)
	return ""
}

// Start runs the server until the test ends, creates an empty bucket, and
// returns where it is.
func Start(tb testing.TB) media.S3Config {
	tb.Helper()
	bin := versitygw(tb)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	dir := tb.TempDir()
	cmd := exec.Command(bin, "--access", "khabar", "--secret", "khabar-secret-key", "--port", addr, "posix", dir)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	cfg := media.S3Config{Endpoint: "http://" + addr, Bucket: "khabar-media", AccessKey: "khabar", SecretKey: "khabar-secret-key", Region: "us-east-1"}
	client, err := minio.New(addr, &minio.Options{Creds: credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""), Region: cfg.Region})
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	deadline := time.Now().Add(20 * time.Second)
	for {
		err := client.MakeBucket(ctx, cfg.Bucket, minio.MakeBucketOptions{Region: cfg.Region})
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			tb.Fatalf("the S3 server did not come up: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	return cfg
}

// Setenv points the khabar commands a test runs at the bucket, through the
// KHABAR_S3_* variables, until the test ends.
func Setenv(t *testing.T, cfg media.S3Config) {
	t.Helper()
	t.Setenv("KHABAR_S3_ENDPOINT", cfg.Endpoint)
	t.Setenv("KHABAR_S3_BUCKET", cfg.Bucket)
	t.Setenv("KHABAR_S3_REGION", cfg.Region)
	t.Setenv("KHABAR_S3_PREFIX", cfg.Prefix)
	t.Setenv("KHABAR_S3_ACCESS_KEY", cfg.AccessKey)
	t.Setenv("KHABAR_S3_SECRET_KEY", cfg.SecretKey)
}
