// Package killtest checks that no acknowledged save is lost when khabar is
// killed: it runs "khabar serve" on a SQLite data directory, has editors
// save and publish stories through the newsroom as fast as it answers,
// kills the process with SIGKILL at a random moment, and before each
// restart checks the database file: its integrity, the search index's,
// and that every save the server acknowledged is there. The command
// khabardurability runs it for as many cycles as asked; a test runs a few.
package killtest

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	_ "modernc.org/sqlite" // to read the data directory's database between runs
)

// Config says how to run khabar and for how long.
type Config struct {
	// Khabar returns the command that runs khabar with args.
	Khabar func(args ...string) *exec.Cmd
	Dir    string // the data directory, empty at the first cycle
	Cycles int
	// Writers save at the same time, each its own story.
	Writers int
	// Each run lasts between MinRun and MaxRun before the kill.
	MinRun, MaxRun time.Duration
	Log            io.Writer // a line per cycle; nil for none
}

// Report is what a run found.
type Report struct {
	Cycles    int
	Acked     int // saves the server acknowledged (drafts and publications)
	Published int // of which moves of the workflow (publish, unpublish)
	Lost      []string
	// Checked counts the cycles whose database passed PRAGMA
	// integrity_check and the search index's integrity check.
	Checked     int
	SlowestBoot time.Duration // from starting the process to /readyz answering 200
}

// ack is one acknowledged save: the revision that must be in the database.
type ack struct {
	story    int64
	revision int64
	title    string
	status   string // of a move of the workflow; "" for a save of the text
}

const (
	login    = "durability"
	password = "durability test password"
)

// Run runs the cycles and returns what they found; an error is a failure
// of the harness (khabar would not start), not a lost save.
func Run(ctx context.Context, cfg Config) (Report, error) {
	if cfg.Writers <= 0 {
		cfg.Writers = 4
	}
	if cfg.MaxRun <= cfg.MinRun {
		cfg.MaxRun = cfg.MinRun + time.Second
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	var rep Report
	add := cfg.Khabar("user", "add", "--login", login, "--name", "Durability", "--role", "editor", "--data", cfg.Dir)
	add.Stdin = strings.NewReader(password + "\n")
	if out, err := add.CombinedOutput(); err != nil {
		return rep, fmt.Errorf("adding the editor: %v: %s", err, out)
	}
	writers := make([]*writer, cfg.Writers)
	for i := range writers {
		writers[i] = &writer{n: i}
	}
	for c := 1; c <= cfg.Cycles; c++ {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		boot, err := runCycle(ctx, cfg, c, writers)
		if err != nil {
			return rep, fmt.Errorf("cycle %d: %w", c, err)
		}
		rep.Cycles++
		rep.SlowestBoot = max(rep.SlowestBoot, boot)
		ok, lost, err := check(filepath.Join(cfg.Dir, "khabar.db"), writers)
		if err != nil {
			return rep, fmt.Errorf("cycle %d: checking the database: %w", c, err)
		}
		if ok {
			rep.Checked++
		}
		rep.Lost = lost // every acknowledged save so far, checked again
		acked, published := 0, 0
		for _, w := range writers {
			acked += len(w.acks)
			for _, a := range w.acks {
				if a.status != "" {
					published++
				}
			}
		}
		fmt.Fprintf(cfg.Log, "cycle %d: started in %v, %d saves acknowledged so far (%d publish or unpublish), integrity %v, %d lost\n",
			c, boot.Round(time.Millisecond), acked, published, ok, len(rep.Lost))
		rep.Acked, rep.Published = acked, published
	}
	return rep, nil
}

// runCycle starts khabar, lets the writers save until a random moment,
// kills it with SIGKILL and waits for it to be gone.
func runCycle(ctx context.Context, cfg Config, cycle int, writers []*writer) (time.Duration, error) {
	addr, err := freeAddr()
	if err != nil {
		return 0, err
	}
	srv := cfg.Khabar("serve", "--addr", addr, "--data", cfg.Dir, "--log-level", "error")
	start := time.Now()
	if err := srv.Start(); err != nil {
		return 0, err
	}
	exited := make(chan struct{})
	go func() { srv.Wait(); close(exited) }()
	defer func() {
		srv.Process.Signal(syscall.SIGKILL)
		<-exited
	}()
	base := "http://" + addr
	if err := waitReady(base, exited, 60*time.Second); err != nil {
		return 0, err
	}
	boot := time.Since(start)
	runCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, w := range writers {
		c, err := signIn(base)
		if err != nil {
			stop()
			return boot, err
		}
		wg.Go(func() { w.write(runCtx, c, base, cycle) })
	}
	run := cfg.MinRun + rand.N(cfg.MaxRun-cfg.MinRun)
	select {
	case <-time.After(run):
	case <-ctx.Done():
	}
	// The kill comes while the writers are mid-request: the saves in
	// flight are not acknowledged, and need not be there.
	srv.Process.Signal(syscall.SIGKILL)
	<-exited
	stop()
	wg.Wait()
	return boot, nil
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func waitReady(base string, exited <-chan struct{}, within time.Duration) error {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return errors.New("khabar exited before it was ready")
		default:
		}
		if res, err := http.Get(base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("khabar was not ready within %v", within)
}

// signIn returns a client with a newsroom session.
func signIn(base string) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	// Generous: on a loaded machine a password check (argon2id, one or
	// two at a time) may wait behind others.
	c := &http.Client{Jar: jar, Timeout: 60 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.PostForm(base+"/admin/login", url.Values{"login": {login}, "password": {password}, "next": {"/admin/"}})
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("signing in: %s", res.Status)
	}
	return c, nil
}

// writer saves one story of its own again and again; every tenth save
// publishes it or takes it back. It remembers each save the server
// acknowledged.
type writer struct {
	n         int
	story     int64
	acks      []ack
	saves     int
	published bool
}

var baseRevision = regexp.MustCompile(`name="base_revision" class="js-base" value="(\d+)"`)

func (w *writer) write(ctx context.Context, c *http.Client, base string, cycle int) {
	var rev int64
	if w.story != 0 {
		// The last save before a kill may have been made but not
		// acknowledged: start from what the editor page shows.
		var err error
		if rev, err = w.revision(ctx, c, base); err != nil {
			return
		}
	}
	for ctx.Err() == nil {
		w.saves++
		title := fmt.Sprintf("Writer %d, cycle %d, save %d", w.n, cycle, w.saves)
		form := url.Values{"lang": {"en"}, "title": {title}, "summary": {"A save the server acknowledged."},
			"body": {"<p>" + title + ": text that must survive a kill.</p>"}}
		if w.story == 0 {
			a, err := w.post(ctx, c, base+"/admin/stories/new/autosave", form)
			if err != nil {
				return
			}
			id, err := strconv.ParseInt(strings.Split(strings.TrimPrefix(a.Editor, "/admin/stories/"), "/")[0], 10, 64)
			if err != nil {
				return
			}
			w.story, rev = id, a.Revision
			w.acks = append(w.acks, ack{story: id, revision: rev, title: title})
			continue
		}
		form.Set("base_revision", strconv.FormatInt(rev, 10))
		if w.saves%10 == 0 {
			// Publish and take back in turn: each is a save with a move
			// of the workflow.
			move, status := "publish", "published"
			if w.published {
				move, status = "unpublish", "unpublished"
			}
			form.Set("do", move)
			done, err := w.publish(ctx, c, base, form)
			if err != nil {
				return
			}
			// Refused, the move was made already, by a save whose answer
			// a kill cut off: the next one goes the other way.
			w.published = !w.published
			if rev, _ = w.revision(ctx, c, base); rev == 0 {
				return
			}
			if !done {
				continue
			}
			w.acks = append(w.acks, ack{story: w.story, revision: rev, title: title, status: status})
			continue
		}
		a, err := w.post(ctx, c, fmt.Sprintf("%s/admin/stories/%d/en/autosave", base, w.story), form)
		if err != nil {
			return
		}
		rev = a.Revision
		w.acks = append(w.acks, ack{story: w.story, revision: rev, title: title})
	}
}

type autosaved struct {
	Revision int64  `json:"revision"`
	Editor   string `json:"editor"`
}

func (w *writer) post(ctx context.Context, c *http.Client, u string, form url.Values) (autosaved, error) {
	var a autosaved
	req, _ := http.NewRequestWithContext(ctx, "POST", u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	res, err := c.Do(req)
	if err != nil {
		return a, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return a, fmt.Errorf("autosave: %s", res.Status)
	}
	err = json.NewDecoder(res.Body).Decode(&a)
	return a, err
}

// publish saves with a move of the workflow; done is false when the
// server refused the move.
func (w *writer) publish(ctx context.Context, c *http.Client, base string, form url.Values) (bool, error) {
	req, _ := http.NewRequestWithContext(ctx, "POST", fmt.Sprintf("%s/admin/stories/%d/en", base, w.story), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := c.Do(req)
	if err != nil {
		return false, err
	}
	res.Body.Close()
	return res.StatusCode == http.StatusSeeOther, nil
}

// revision reads the revision the editor page offers to build on.
func (w *writer) revision(ctx context.Context, c *http.Client, base string) (int64, error) {
	req, _ := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("%s/admin/stories/%d/en", base, w.story), nil)
	res, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	page, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, err
	}
	m := baseRevision.FindSubmatch(page)
	if m == nil {
		return 0, fmt.Errorf("no revision on the editor page (%s)", res.Status)
	}
	return strconv.ParseInt(string(m[1]), 10, 64)
}

// check opens the database khabar left behind (recovering its WAL as
// khabar itself would), runs SQLite's and the search index's integrity
// checks, and looks for every acknowledged save among the revisions kept.
func check(path string, writers []*writer) (bool, []string, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return false, nil, err
	}
	defer db.Close()
	ok := true
	var result string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&result); err != nil {
		return false, nil, err
	}
	ok = ok && result == "ok"
	if _, err := db.Exec(`INSERT INTO search_fts(search_fts) VALUES ('integrity-check')`); err != nil {
		ok = false
	}
	var lost []string
	for _, w := range writers {
		for _, a := range w.acks {
			var title, status string
			err := db.QueryRow(`SELECT title, status FROM revisions WHERE story_id = ? AND lang = 'en' AND number = ?`, a.story, a.revision).Scan(&title, &status)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				lost = append(lost, fmt.Sprintf("story %d revision %d (%q) is missing", a.story, a.revision, a.title))
			case err != nil:
				return ok, lost, err
			case title != a.title || (a.status != "" && status != a.status):
				lost = append(lost, fmt.Sprintf("story %d revision %d is %q (%s), acknowledged as %q", a.story, a.revision, title, status, a.title))
			}
		}
	}
	return ok, lost, nil
}
