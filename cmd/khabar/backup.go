package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/port"
	"github.com/khabarnews/khabar/sqlstore"
)

// backup writes a backup of a running site.
func backup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("backup FILE.tar.gz [flags]",
		"Writes a consistent copy of the site while it runs and writes: on SQLite the database (VACUUM INTO) and the media\n"+
			"files, passwords and all, in one file to keep as safe as the server; khabar restore brings it back. On PostgreSQL it\n"+
			"writes a Khabar archive (a logical export without passwords); for a full copy use pg_dump (docs/deploy.md).", stderr)
	store := fs.storeFlags()
	dest, err := fs.parseWithFile(args)
	if err != nil {
		return err
	}
	if *store.database == "" {
		// Opening a missing file would make an empty site, and back that up.
		if _, err := os.Stat(filepath.Join(*store.data, "khabar.db")); err != nil {
			return fmt.Errorf("no site to back up: %w", err)
		}
	}
	c, err := store.console(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	start := time.Now()
	if *store.database != "" {
		fmt.Fprintln(stdout, "PostgreSQL: writing a Khabar archive (without passwords). For a full copy: pg_dump --format=custom (docs/deploy.md).")
		rep, err := port.Export(ctx, c.db, c.blobs, dest, versionString(), nil)
		if err != nil {
			return c.explain(err)
		}
		fmt.Fprintf(stdout, "Wrote %s: %d stories, %d images in %v.\n", dest, rep.Counts["stories"], rep.Counts["media"], time.Since(start).Round(time.Millisecond))
		return nil
	}
	mediaDir := ""
	if _, onDisk := c.blobs.(*media.Disk); onDisk {
		mediaDir = filepath.Join(*store.data, "media")
	}
	m, err := port.Backup(ctx, c.db, mediaDir, dest, versionString())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote %s: the database and %d media files in %v.\n", dest, m.MediaFiles, time.Since(start).Round(time.Millisecond))
	if m.Media == "elsewhere" {
		fmt.Fprintln(stdout, "The media files are in the S3 bucket, which this backup does not copy: back the bucket up with its own tools.")
	}
	return nil
}

// restore brings a backup (or an archive) back into a new site.
func restore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("restore FILE [flags]",
		"Restores a backup (khabar backup) into a new, empty data directory, then checks the database; or imports an archive\n"+
			"(khabar export, or khabar backup on PostgreSQL) into an empty site, SQLite or PostgreSQL.", stderr)
	store := fs.storeFlags()
	src, err := fs.parseWithFile(args)
	if err != nil {
		return err
	}
	kind, err := port.FileKind(src)
	if err != nil {
		return err
	}
	if kind == "archive" {
		return importArchive(ctx, append([]string{src}, storeArgs(store)...), stdout, stderr)
	}
	if *store.database != "" {
		return errors.New("a backup holds a SQLite database: restore it into a data directory (--data), then copy it into PostgreSQL with khabar migrate-db if need be")
	}
	m, err := port.RestoreBackup(src, *store.data)
	if err != nil {
		return err
	}
	db, err := sqlstore.OpenSQLite(ctx, filepath.Join(*store.data, "khabar.db"))
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.IntegrityCheck(ctx); err != nil {
		return err
	}
	n, err := db.CountStories(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Restored the backup of %s into %s: %d stories, %d media files; the database is sound (PRAGMA integrity_check: ok).\n",
		m.CreatedAt.Format(time.RFC3339), *store.data, n, m.MediaFiles)
	if m.Media == "elsewhere" {
		fmt.Fprintln(stdout, "The media files were in an S3 bucket when the backup was taken: set $KHABAR_S3_* to that bucket.")
	}
	return nil
}

// storeArgs are the flags that name the same store for another command.
func storeArgs(s storeFlags) []string {
	return []string{"--data", *s.data, "--database", *s.database}
}
