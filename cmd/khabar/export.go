package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/khabarnews/khabar/port"
)

// export writes the whole site as a Khabar archive.
func export(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export DEST.tar.gz|DIR [flags]",
		"Writes the whole site in the Khabar archive format (docs/archive.md): stories with every version and revision,\n"+
			"sections, tags, sources, users without their secrets, pages, settings, redirects, the audit log and the media\n"+
			"files. DEST is a new directory, or one file when it ends in .tar.gz. The site may keep running: the archive is\n"+
			"one consistent state of it. khabar import khabar reads it back.", stderr)
	store := fs.storeFlags()
	dest, err := fs.parseWithFile(args)
	if err != nil {
		return err
	}
	c, err := store.console(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	pp := newPhases(stdout)
	start := time.Now()
	rep, err := port.Export(ctx, c.db, c.blobs, dest, versionString(), pp.update)
	pp.end()
	if err != nil {
		return c.explain(err)
	}
	fmt.Fprintf(stdout, "Exported %d stories, %d pages, %d users, %d images (%d files), %d redirects and %d audit entries to %s in %v.\n",
		rep.Counts["stories"], rep.Counts["pages"], rep.Counts["users"], rep.Counts["media"], rep.Files, rep.Counts["redirects"],
		rep.Counts["audit"], dest, time.Since(start).Round(time.Millisecond))
	return nil
}
