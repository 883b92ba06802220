package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"image"
	"image/jpeg"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/auth"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
)

func TestVersion(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"version"}, nil, &out, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "khabar ") {
		t.Fatalf("version = %q", out.String())
	}
}

func TestServeHelpDocumentsEveryFlag(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"serve", "--help"}, nil, &out, &out)
	if err == nil {
		t.Fatal("--help returned no error")
	}
	for _, want := range []string{"--addr", "$KHABAR_ADDR", "--data", "$KHABAR_DATA", "--base-url", "$KHABAR_BASE_URL",
		"--default-lang", "$KHABAR_DEFAULT_LANG", "--demo", "$KHABAR_DEMO", "--log-level", "--log-format", "--no-hsts", "$KHABAR_NO_HSTS"} {
		if !strings.Contains(strings.ReplaceAll(out.String(), "  -", "  --"), want) {
			t.Errorf("serve --help does not mention %s:\n%s", want, out.String())
		}
	}
}

func TestBadCommandLines(t *testing.T) {
	for _, args := range [][]string{
		{"frobnicate"},
		{"serve", "--base-url", "ftp://x"},
		{"serve", "--default-lang", "klingon"},
		{"serve", "--log-level", "loud"},
		{"serve", "stray"},
		{"user", "add"},
	} {
		var out bytes.Buffer
		if err := run(context.Background(), append(args, "--data", t.TempDir()), strings.NewReader(""), &out, &out); err == nil {
			t.Errorf("khabar %v succeeded", args)
		}
	}
}

func TestUserAdd(t *testing.T) {
	ctx := context.Background()
	dir, dsn := t.TempDir(), sqltest.DSN(t)
	add := func(stdin string, args ...string) (string, error) {
		var out bytes.Buffer
		err := run(ctx, append([]string{"user", "add", "--data", dir, "--database", dsn}, args...), strings.NewReader(stdin), &out, &out)
		return out.String(), err
	}
	out, err := add("долгий-пароль-2026\n", "--login", "nadia", "--name", "Nadia Karimova", "--role", "editor")
	if err != nil || !strings.Contains(out, `Created editor "nadia"`) {
		t.Fatalf("user add: %v %q", err, out)
	}
	if _, err := add("short\n", "--login", "weak", "--role", "author"); err == nil || !strings.Contains(err.Error(), "at least") {
		t.Errorf("a short password was accepted: %v", err)
	}
	if _, err := add("долгий-пароль-2026\n", "--login", "nadia", "--role", "author"); err == nil {
		t.Error("a second user with the same login was accepted")
	}
	if _, err := add("долгий-пароль-2026\n", "--login", "boss", "--role", "owner"); err == nil || !strings.Contains(err.Error(), "role") {
		t.Errorf("an unknown role was accepted: %v", err)
	}
	db := openTestStore(t, dir, dsn)
	users, err := db.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 1 || users[0].Login != "nadia" || users[0].Names["en"] != "Nadia Karimova" {
		t.Fatalf("users = %+v, want only nadia (refused commands add nothing)", users)
	}
	if err := auth.Verify("долгий-пароль-2026", users[0].PasswordHash); err != nil {
		t.Fatalf("the stored hash does not verify the password: %v", err)
	}
}

// openTestStore opens the database a command under test was given: the
// SQLite file in dir, or the PostgreSQL database dsn (see sqltest.DSN).
func openTestStore(t *testing.T, dir, dsn string) *sqlstore.DB {
	t.Helper()
	db, _, err := openStoreAt(context.Background(), dir, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// freeAddr returns a 127.0.0.1 address with a port that was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// waitHealthy polls /healthz until the server answers.
func waitHealthy(t *testing.T, base string, errc <-chan error, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		select {
		case err := <-errc:
			t.Fatalf("the server stopped: %v", err)
		default:
		}
		if res, err := http.Get(base + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not become healthy within %v", base, within)
}

func TestServeFromEnvironmentAndShutDownGracefully(t *testing.T) {
	addr := freeAddr(t)
	t.Setenv("KHABAR_ADDR", addr)
	t.Setenv("KHABAR_DATA", t.TempDir())
	t.Setenv("KHABAR_DATABASE", sqltest.DSN(t))
	t.Setenv("KHABAR_DEFAULT_LANG", "ru")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, logs bytes.Buffer
	errc := make(chan error, 1)
	go func() { errc <- run(ctx, []string{"serve"}, nil, &out, &logs) }()
	waitHealthy(t, "http://"+addr, errc, slower*20*time.Second)

	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Get("http://" + addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("Location") != "/ru/" {
		t.Errorf("/ redirects to %q, want /ru/ (KHABAR_DEFAULT_LANG)", res.Header.Get("Location"))
	}
	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("serve returned %v after SIGTERM-like cancel", err)
		}
	case <-time.After(slower * 20 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(logs.String(), "stopped") {
		t.Errorf("no shutdown in the logs:\n%s", logs.String())
	}
}

// TestEveryCommandHasHelp: "--help" after any command or subcommand prints
// its usage, never "unknown command".
func TestEveryCommandHasHelp(t *testing.T) {
	for _, cmd := range [][]string{{"serve"}, {"user"}, {"user", "add"}, {"user", "passwd"}, {"user", "list"},
		{"user", "disable"}, {"user", "enable"}, {"migrate-db"}, {"reindex"}, {"version"}} {
		for _, help := range []string{"--help", "-h"} {
			var out bytes.Buffer
			err := run(context.Background(), append(append([]string{}, cmd...), help), strings.NewReader(""), &out, &out)
			if err != nil && !errors.Is(err, flag.ErrHelp) {
				t.Errorf("khabar %s %s: %v", strings.Join(cmd, " "), help, err)
			}
			if !strings.Contains(out.String(), "Usage") && !strings.Contains(out.String(), "usage") {
				t.Errorf("khabar %s %s prints no usage:\n%s", strings.Join(cmd, " "), help, out.String())
			}
			if strings.Contains(out.String(), "unknown command") {
				t.Errorf("khabar %s %s: %s", strings.Join(cmd, " "), help, out.String())
			}
		}
	}
}

// TestServeCompletesMediaVariants: media stored before some variant size
// existed get the missing variants when the site starts.
func TestServeCompletesMediaVariants(t *testing.T) {
	dir, dsn := t.TempDir(), sqltest.DSN(t)
	ctx := context.Background()
	db, blobs, err := openStoreAt(ctx, dir, dsn)
	if err != nil {
		t.Fatal(err)
	}
	img := image.NewRGBA(image.Rect(0, 0, 1600, 1000))
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	m := &khabar.Media{Key: "old/photo.jpg", MIME: "image/jpeg", Width: 1600, Height: 1000, Size: int64(buf.Len())}
	if err := blobs.Put(ctx, m.Key, &buf); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateMedia(ctx, m); err != nil {
		t.Fatal(err)
	}
	db.Close()

	addr := freeAddr(t)
	runCtx, stop := context.WithCancel(ctx)
	errc := make(chan error, 1)
	go func() {
		errc <- run(runCtx, []string{"serve", "--addr", addr, "--data", dir, "--database", dsn}, strings.NewReader(""), io.Discard, io.Discard)
	}()
	defer func() {
		stop()
		if err := <-errc; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	waitHealthy(t, "http://"+addr, errc, 30*time.Second)
	check := openTestStore(t, dir, dsn)
	deadline := time.Now().Add(30 * time.Second)
	for {
		got, err := check.Media(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.MissingVariants()) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("30 s after start, media %d still lacks %v", m.ID, got.MissingVariants())
		}
		time.Sleep(200 * time.Millisecond)
	}
}
