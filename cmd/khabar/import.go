package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/port"
)

const importUsage = `Usage:
  khabar import wordpress FILE.xml [flags]   a WordPress export (WXR)
  khabar import khabar FILE|DIR [flags]      a Khabar archive (khabar export)
Run "khabar import wordpress --help" for the flags.`

// importCommand dispatches "khabar import wordpress|khabar FILE".
func importCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New(importUsage)
	}
	switch args[0] {
	case "wordpress":
		return importWordPress(ctx, args[1:], stdout, stderr)
	case "khabar":
		return importArchive(ctx, args[1:], stdout, stderr)
	}
	return fmt.Errorf("unknown import %q\n%s", args[0], importUsage)
}

// importWordPress imports a WXR file.
func importWordPress(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("import wordpress FILE.xml [flags]",
		"Imports a WordPress export (Tools → Export → All content): posts and pages with their translations (Polylang, WPML),\n"+
			"categories, tags, authors and images. Old addresses answer 301 with the new ones. Running it again updates what\n"+
			"the first run made; an interrupted run picks up where it stopped.", stderr)
	store := fs.storeFlags()
	dry := fs.Bool("dry-run", false, "check everything and report what would happen; write nothing")
	uploads := fs.String("uploads", "", "a copy of the old site's wp-content/uploads folder, to take the images from")
	noFetch := fs.Bool("no-fetch", false, "do not fetch images over HTTP from the old site")
	conc := fs.Int("fetch-concurrency", 4, "images fetched at once")
	timeout := fs.Duration("fetch-timeout", 30*time.Second, "time allowed for each image fetched")
	maxImage := fs.Int("max-image-mb", 15, "largest image accepted, in MB (as for uploads)")
	maxFile := fs.Int("max-size-mb", 4096, "largest export file accepted, in MB")
	lang := fs.String("lang", "", "language of posts that name none (default: the old site's language)")
	file, err := fs.parseWithFile(args)
	if err != nil {
		return err
	}
	c, err := store.console(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	lim := media.DefaultLimits()
	lim.MaxBytes = int64(*maxImage) << 20
	pp := newPhases(stdout)
	t := startTimer()
	rep, err := port.WordPress(ctx, c.news, c.actor, file, port.Options{DryRun: *dry, Uploads: *uploads, NoFetch: *noFetch,
		Concurrency: *conc, Timeout: *timeout, Limits: lim, MaxBytes: int64(*maxFile) << 20, Lang: *lang, Progress: pp.update})
	pp.end()
	printReport(stdout, c, rep)
	if err != nil {
		return c.explain(err)
	}
	fmt.Fprintf(stdout, "Took %s.\n", t)
	return indexAfterImport(ctx, c, rep, stdout)
}

// indexAfterImport writes the search terms of what an import brought in,
// timed on its own.
func indexAfterImport(ctx context.Context, c *console, rep newsroom.ImportReport, stdout io.Writer) error {
	if rep.DryRun {
		return nil
	}
	p := newProgressOf(stdout, time.Now, "Indexed", "versions for search")
	t := startTimer()
	if err := c.news.IndexSearch(ctx, c.actor, p.update); err != nil {
		return c.explain(err)
	}
	p.end()
	if p.done > 0 {
		fmt.Fprintf(stdout, "Indexed %d versions for search in %s.\n", p.done, t)
	}
	return nil
}

// printReport writes what an import did.
func printReport(w io.Writer, c *console, rep newsroom.ImportReport) {
	if rep.Source == "" {
		return
	}
	if rep.DryRun {
		fmt.Fprintf(w, "Dry run of the import from %s: nothing was written.\n", rep.Source)
	} else {
		fmt.Fprintf(w, "Imported from %s.\n", rep.Source)
	}
	kinds := map[string]bool{}
	for _, m := range []map[string]int{rep.Created, rep.Updated, rep.Unchanged} {
		for k := range m {
			kinds[k] = true
		}
	}
	order := []string{"story", "version", "page", "section", "tag", "source", "user", "media", "redirect", "audit"}
	for _, k := range order {
		if kinds[k] {
			fmt.Fprintf(w, "  %-10s created %d, updated %d, unchanged %d\n", k, rep.Created[k], rep.Updated[k], rep.Unchanged[k])
		}
	}
	if len(rep.Ignored) > 0 {
		var parts []string
		for k, n := range rep.Ignored {
			parts = append(parts, fmt.Sprintf("%s %d", ignoredName(c, k), n))
		}
		sort.Strings(parts)
		fmt.Fprintf(w, "Left out: %s.\n", strings.Join(parts, ", "))
	}
	printProblems(w, c, "Skipped", rep.Skipped)
	printProblems(w, c, "Images missing", rep.MissingMedia)
}

func printProblems(w io.Writer, c *console, title string, ps []newsroom.ImportProblem) {
	if len(ps) == 0 {
		return
	}
	fmt.Fprintf(w, "%s (%d):\n", title, len(ps))
	for _, p := range ps {
		fmt.Fprintf(w, "  %s: %v\n", p.Ref, c.explain(p.Err))
	}
}

// phases shows the progress of a job of several parts, a line each.
type phases struct {
	w     io.Writer
	phase string
	p     *progress
}

func newPhases(w io.Writer) *phases { return &phases{w: w} }

var phaseWords = map[string][2]string{
	"reading":  {"Read", "bytes of the file"},
	"media":    {"Fetched", "images"},
	"stories":  {"Imported", "posts and pages"},
	"archive":  {"Read", "items of the archive"},
	"indexing": {"Indexed", "versions"},
}

func (ph *phases) update(pr port.Progress) {
	if pr.Phase != ph.phase {
		ph.end()
		words, ok := phaseWords[pr.Phase]
		if what, exporting := strings.CutPrefix(pr.Phase, "exporting "); exporting {
			words, ok = [2]string{"Wrote", what}, true
		}
		if !ok {
			words = [2]string{"Done", pr.Phase}
		}
		ph.phase, ph.p = pr.Phase, newProgressOf(ph.w, time.Now, words[0], words[1])
	}
	total := int(pr.Total)
	if total <= 0 {
		total = int(pr.Done) // unknown: say what is done
	}
	ph.p.update(int(pr.Done), total)
}

func (ph *phases) end() {
	if ph.p != nil {
		ph.p.end()
	}
}

// importArchive imports a Khabar archive.
func importArchive(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("import khabar FILE.tar.gz|DIR [flags]",
		"Imports a Khabar archive (khabar export) with the ids it had, so that every address stays the same: into a new site,\n"+
			"or one that holds only its own accounts (matched with the archive's by login). Users come without passwords:\n"+
			"set them with khabar user passwd. Running it again brings in what is missing and leaves the rest.", stderr)
	store := fs.storeFlags()
	dry := fs.Bool("dry-run", false, "check everything and report what would happen; write nothing")
	maxFile := fs.Int("max-size-mb", 65536, "most an archive may unpack to, in MB")
	file, err := fs.parseWithFile(args)
	if err != nil {
		return err
	}
	c, err := store.console(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	pp := newPhases(stdout)
	t := startTimer()
	rep, err := port.Archive(ctx, c.news, c.actor, file, port.Options{DryRun: *dry, MaxBytes: int64(*maxFile) << 20, Progress: pp.update})
	pp.end()
	printReport(stdout, c, rep)
	if err != nil {
		return c.explain(err)
	}
	fmt.Fprintf(stdout, "Took %s.\n", t)
	return indexAfterImport(ctx, c, rep, stdout)
}

// ignoredName names what an import left out, as the import page does.
func ignoredName(c *console, kind string) string {
	if t, ok := strings.CutPrefix(kind, "type:"); ok {
		return c.cat.T("en", "move.ignored.type", "type", t)
	}
	if st, ok := strings.CutPrefix(kind, "status:"); ok {
		return c.cat.T("en", "move.ignored.status", "status", st)
	}
	key := "move.ignored." + kind
	if t := c.cat.T("en", key); t != key {
		return t
	}
	return kind
}

// timer measures a part of a command: the time it took and the processor
// time the process spent on it (on a shared machine, the one says how long
// it waited, the other how much work it did).
type timer struct {
	start time.Time
	cpu   time.Duration
}

func startTimer() timer { return timer{start: time.Now(), cpu: processCPU()} }

func (t timer) String() string {
	return fmt.Sprintf("%v (processor time %v)", time.Since(t.start).Round(time.Millisecond), (processCPU() - t.cpu).Round(time.Millisecond))
}
