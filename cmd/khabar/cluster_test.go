package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/sqlstore"
)

// TestMain lets a test start this very binary as a real khabar process:
// with KHABAR_TEST_RUN_MAIN set, it runs main with those arguments.
func TestMain(m *testing.M) {
	if args := os.Getenv("KHABAR_TEST_RUN_MAIN"); args != "" {
		os.Args = append([]string{"khabar"}, strings.Split(args, "\x1f")...)
		main()
		return
	}
	os.Exit(m.Run())
}

// startNode runs "khabar serve" as a separate process and waits until it answers.
func startNode(t *testing.T, dsn string) (base string, cmd *exec.Cmd) {
	t.Helper()
	addr := freeAddr(t)
	args := []string{"serve", "--addr", addr, "--database", dsn, "--data", t.TempDir(), "--log-level", "warn"}
	cmd = exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "KHABAR_TEST_RUN_MAIN="+strings.Join(args, "\x1f"))
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	base = "http://" + addr
	errc := make(chan error, 1)
	go func() {
		// Reported only if the node dies before it is healthy.
		state, err := cmd.Process.Wait()
		if err == nil {
			err = fmt.Errorf("exited: %v", state)
		}
		errc <- err
	}()
	waitHealthy(t, base, errc, 30*time.Second)
	return base, cmd
}

func postgresForCluster(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv("KHABAR_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("KHABAR_TEST_POSTGRES is not set: CI must run the two-node test")
		}
		t.Skip("SKIPPED: the two-node test needs KHABAR_TEST_POSTGRES=postgres://user@127.0.0.1:port/postgres (see .ci/run)")
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("khabar_cluster_%d", os.Getpid())
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", dsn)
		if err == nil {
			a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			a.Close()
		}
	})
	u, _ := url.Parse(dsn)
	u.Path = "/" + name
	return u.String()
}

func status(t *testing.T, u string) int {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// TestTwoNodes runs two khabar processes on one PostgreSQL database: what is
// published through one is visible through the other at once, a scheduled
// story is published exactly once while both run, and still published when
// one of them has been killed.
func TestTwoNodes(t *testing.T) {
	if testing.Short() {
		t.Skip("two-node test skipped in -short mode")
	}
	dsn := postgresForCluster(t)
	ctx := context.Background()
	db, err := sqlstore.OpenPostgres(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, nodeA := startNode(t, dsn)
	b, _ := startNode(t, dsn)

	// Node B has its front page cached; a story published in the database
	// (as through node A) must appear on it within a second.
	body := func(u string) string {
		res, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return string(b)
	}
	body(b + "/en/")
	body(b + "/en/")
	st := &khabar.Story{}
	v := &khabar.Version{Lang: "en", Title: "Both nodes see this", Slug: "both", Status: khabar.StatusPublished}
	if err := db.CreateStory(ctx, st, []*khabar.Version{v}); err != nil {
		t.Fatal(err)
	}
	published := time.Now()
	deadline := published.Add(time.Second)
	for !strings.Contains(body(b+"/en/"), "Both nodes see this") {
		if time.Now().After(deadline) {
			t.Fatal("node B's cached front page does not show the story a second after it was published")
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Logf("publish-to-visible on another node's cached front page: %v", time.Since(published).Round(time.Millisecond))
	path := "/en/news/" + strconv.FormatInt(st.ID, 10) + "-both"
	if status(t, a+path) != http.StatusOK || status(t, b+path) != http.StatusOK {
		t.Fatal("a node does not show the story")
	}

	// A scheduled story: both schedulers race, one wins.
	schedule := func(title string, in time.Duration) *khabar.Story {
		s := &khabar.Story{}
		v := &khabar.Version{Lang: "ru", Title: title, Slug: "scheduled", Status: khabar.StatusScheduled, PublishedAt: time.Now().Add(in)}
		if err := db.CreateStory(ctx, s, []*khabar.Version{v}); err != nil {
			t.Fatal(err)
		}
		return s
	}
	waitPublished := func(s *khabar.Story, base string) {
		t.Helper()
		path := "/ru/news/" + strconv.FormatInt(s.ID, 10) + "-scheduled"
		deadline := time.Now().Add(20 * time.Second)
		for status(t, base+path) != http.StatusOK {
			if time.Now().After(deadline) {
				t.Fatalf("story %d was not published on time", s.ID)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	publications := func(s *khabar.Story) int {
		log, _, err := db.AuditLog(ctx, "story/"+strconv.FormatInt(s.ID, 10), 50, 0)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range log {
			if e.Action == "version.published" {
				n++
			}
		}
		return n
	}
	first := schedule("Запланировано при двух узлах", 2*time.Second)
	waitPublished(first, b)
	time.Sleep(6 * time.Second) // another full round of both schedulers
	if n := publications(first); n != 1 {
		t.Fatalf("the scheduled story was published %d times, want exactly once", n)
	}

	// Node A dies; node B's scheduler still publishes.
	nodeA.Process.Kill()
	nodeA.Wait()
	second := schedule("Запланировано после падения узла", 2*time.Second)
	waitPublished(second, b)
	if n := publications(second); n != 1 {
		t.Fatalf("after node A died the story was published %d times, want once", n)
	}
}
