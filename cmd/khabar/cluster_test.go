package main

import (
	"bytes"
	"context"
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
	"github.com/khabarnews/khabar/sqlstore/sqltest"
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

// startNode runs "khabar serve" as a separate process, with the extra
// flags, and waits until it answers.
func startNode(t *testing.T, dsn string, extra ...string) (base string, cmd *exec.Cmd) {
	t.Helper()
	addr := freeAddr(t)
	args := append([]string{"serve", "--addr", addr, "--database", dsn, "--data", t.TempDir(), "--log-level", "warn"}, extra...)
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
	waitHealthy(t, base, errc, slower*30*time.Second)
	return base, cmd
}

// postgresForCluster is a fresh PostgreSQL database for the nodes of a
// cluster test, whichever backend KHABAR_TEST_STORE picks for the others.
func postgresForCluster(t *testing.T) string {
	t.Helper()
	return sqltest.FreshPostgres(t)
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
// published through one is visible through the other at once, a session
// opened on one works on the other, a scheduled story is published exactly
// once while both run, and still published when one of them has been
// killed.
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
	body(b + "/ru/")
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
	// The Russian front page does not show an English story: node B
	// still answers it from its cache.
	res, err := http.Get(b + "/ru/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("X-Cache") != "hit" {
		t.Errorf("node B dropped its Russian front page for an English story (X-Cache %q)", res.Header.Get("X-Cache"))
	}
	path := "/en/news/" + strconv.FormatInt(st.ID, 10) + "-both"
	if status(t, a+path) != http.StatusOK || status(t, b+path) != http.StatusOK {
		t.Fatal("a node does not show the story")
	}

	checkSessionsAcrossNodes(t, dsn, a, b)

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
		deadline := time.Now().Add(slower * 20 * time.Second)
		for status(t, base+path) != http.StatusOK {
			if time.Now().After(deadline) {
				t.Fatalf("story %d was not published on time", s.ID)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	publications := func(s *khabar.Story) int {
		log, _, err := db.AuditLog(ctx, khabar.AuditFilter{Object: "story/" + strconv.FormatInt(s.ID, 10), Limit: 50})
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

// checkSessionsAcrossNodes signs in on node a as a user made with
// "khabar user add" on the cluster's database, uses the session on node
// b's newsroom, signs out on b, and checks that a no longer accepts it.
func checkSessionsAcrossNodes(t *testing.T, dsn, a, b string) {
	t.Helper()
	const password = "пароль-для-двух-узлов"
	var out bytes.Buffer
	err := run(context.Background(), []string{"user", "add", "--database", dsn, "--data", t.TempDir(), "--login", "nadia", "--role", "editor"},
		strings.NewReader(password+"\n"), &out, &out)
	if err != nil {
		t.Fatalf("khabar user add: %v\n%s", err, out.String())
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	// No cookie jar: the session cookie goes from node to node by hand.
	send := func(method, u string, form url.Values, cookie *http.Cookie) (*http.Response, string) {
		t.Helper()
		req, err := http.NewRequest(method, u, strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		if cookie != nil {
			req.AddCookie(cookie)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res, string(body)
	}
	res, _ := send("POST", a+"/admin/login", url.Values{"login": {"nadia"}, "password": {password}, "next": {"/admin/"}}, nil)
	var session *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "khabar_session" && c.Value != "" {
			session = c
		}
	}
	if res.StatusCode != http.StatusSeeOther || session == nil {
		t.Fatalf("login on node A: %d, session cookie %v", res.StatusCode, session)
	}
	dashboard := func(node, name string) int {
		t.Helper()
		res, body := send("GET", node+"/admin/", nil, session)
		if res.StatusCode == http.StatusOK && !strings.Contains(body, "Waiting for review") {
			t.Fatalf("node %s answers /admin/ with 200 but no dashboard", name)
		}
		return res.StatusCode
	}
	if code := dashboard(b, "B"); code != http.StatusOK {
		t.Fatalf("node B's newsroom with node A's session: %d, want the dashboard", code)
	}
	if code := dashboard(a, "A"); code != http.StatusOK {
		t.Fatalf("node A's newsroom with its own session: %d", code)
	}
	if res, _ := send("POST", b+"/admin/logout", url.Values{}, session); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout on node B: %d", res.StatusCode)
	}
	for _, n := range []struct{ base, name string }{{a, "A"}, {b, "B"}} {
		if code := dashboard(n.base, n.name); code != http.StatusSeeOther {
			t.Fatalf("node %s still accepts the session signed out on node B: %d", n.name, code)
		}
	}
}
