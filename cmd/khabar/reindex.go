package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"
)

// reindex analyses every story version again and rewrites the search index:
// after an upgrade that changes the analysers, or to compact the index.
// The site may keep running meanwhile; its searches find each version under
// its old terms until its new ones are written.
func reindex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("reindex [flags]",
		"Rebuilds the search index from the stories (the site may keep running). A database upgraded to search is indexed on its first search without this.", stderr)
	store := fs.storeFlags()
	if err := fs.parse(args); err != nil {
		return err
	}
	c, err := store.console(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	p := newProgress(stdout, time.Now)
	if err := c.news.Reindex(ctx, c.actor, p.update); err != nil {
		return c.explain(err)
	}
	p.finish()
	return nil
}

// progress shows how far a long job has gone: on a terminal one line
// rewritten in place, elsewhere (a log, a pipe) a line every few seconds.
type progress struct {
	w           io.Writer
	now         func() time.Time
	tty         bool
	start, last time.Time
	done, total int
	verb, noun  string // "Indexed", "versions"
}

func newProgress(w io.Writer, now func() time.Time) *progress {
	return newProgressOf(w, now, "Indexed", "versions")
}

// newProgressOf is a progress whose lines say "VERB 10 of 20 NOUN".
func newProgressOf(w io.Writer, now func() time.Time, verb, noun string) *progress {
	p := &progress{w: w, now: now, start: now(), verb: verb, noun: noun}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *progress) update(done, total int) {
	p.done, p.total = done, total
	now := p.now()
	every := 5 * time.Second
	if p.tty {
		every = 100 * time.Millisecond
	}
	if now.Sub(p.last) < every && done < total {
		return
	}
	p.last = now
	line := p.line(now)
	if p.tty {
		fmt.Fprintf(p.w, "\r%-78s", line)
	} else {
		fmt.Fprintln(p.w, line)
	}
}

// line says what is done, the rate and the time left.
func (p *progress) line(now time.Time) string {
	elapsed := now.Sub(p.start)
	s := fmt.Sprintf("%s %d of %d %s", p.verb, p.done, p.total, p.noun)
	if p.total > 0 {
		s += fmt.Sprintf(" (%d%%)", p.done*100/p.total)
	}
	// A rate needs a second to mean something: the first items of a
	// phase come at once ("434216/s, about 0s left").
	if elapsed >= time.Second && p.done > 0 {
		rate := float64(p.done) / elapsed.Seconds()
		s += fmt.Sprintf(", %.0f/s", rate)
		if left := p.total - p.done; left > 0 {
			s += fmt.Sprintf(", about %v left", time.Duration(float64(left)/rate*float64(time.Second)).Round(time.Second))
		}
	}
	return s
}

// end ends the line a terminal shows.
func (p *progress) end() {
	if p.tty && p.done > 0 {
		fmt.Fprintln(p.w)
	}
}

func (p *progress) finish() {
	p.end()
	fmt.Fprintf(p.w, "Reindexed %d versions in %v.\n", p.done, p.now().Sub(p.start).Round(time.Millisecond))
}
