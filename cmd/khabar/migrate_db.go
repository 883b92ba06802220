package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/sqlstore"
)

// migrateDB copies a whole SQLite site into PostgreSQL, then compares both
// sides table by table; when an S3 bucket is configured ($KHABAR_S3_*), it
// also copies the media files into it and reads each one back. Running it
// again adds nothing that is already there.
func migrateDB(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("migrate-db --to postgres://… [--data DIR]",
		"Copies the SQLite site in the data directory into a PostgreSQL database and checks the copy;\n"+
			"with $KHABAR_S3_BUCKET (and the other $KHABAR_S3_* variables) set, also copies the media files into that bucket.", stderr)
	data := fs.String("data", "data", "directory of the SQLite database to copy")
	to := fs.String("to", "", "PostgreSQL DSN to copy into (postgres://user:pass@host/db)")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *to == "" {
		return errors.New("--to is required: the PostgreSQL database to copy into")
	}
	// Opening a missing file would create an empty site, and copy that.
	if _, err := os.Stat(filepath.Join(*data, "khabar.db")); err != nil {
		return fmt.Errorf("no site to copy: %w", err)
	}
	// The bucket is checked before anything is copied.
	blobs, err := openBlobs(ctx, *data)
	if err != nil {
		return err
	}
	bucket, toS3 := blobs.(*media.S3)
	src, err := sqlstore.OpenSQLite(ctx, filepath.Join(*data, "khabar.db"))
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := sqlstore.OpenPostgres(ctx, *to)
	if err != nil {
		return err
	}
	defer dst.Close()
	start := time.Now()
	reports, err := src.CopyTo(ctx, dst, func(table string, rows int) {
		fmt.Fprintf(stdout, "copied %-15s %7d rows\n", table, rows)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\n%-15s %9s %9s  %s\n", "table", "SQLite", "Postgres", "checksums")
	bad := 0
	for _, r := range reports {
		verdict := "equal"
		if !r.Equal() {
			verdict = "DIFFERENT"
			bad++
		}
		fmt.Fprintf(stdout, "%-15s %9d %9d  %s\n", r.Table, r.Source, r.Target, verdict)
	}
	if bad > 0 {
		return fmt.Errorf("%d tables differ after the copy: the PostgreSQL database held other rows before (copy into an empty database)", bad)
	}
	fmt.Fprintf(stdout, "\nAll %d tables are identical (%s).\n", len(reports), time.Since(start).Round(time.Millisecond))
	// The search index is not copied (SQLite and PostgreSQL index
	// differently): it is built from the copied versions.
	fmt.Fprintln(stdout, "\nBuilding the search index of the PostgreSQL database")
	p := newProgress(stdout, time.Now)
	if err := newsroom.New(dst, nil, nil, nil).Reindex(ctx, newsroom.Console(), p.update); err != nil {
		return fmt.Errorf("building the search index: %w", err)
	}
	p.finish()
	if !toS3 {
		fmt.Fprintf(stdout, "Media files stay in %s (set $KHABAR_S3_BUCKET to copy them into a bucket).\n", filepath.Join(*data, "media"))
	} else if err := copyMedia(ctx, filepath.Join(*data, "media"), bucket, stdout); err != nil {
		return err
	}
	return nil
}

// copyMedia copies the media directory into the bucket, with progress, and
// says what it did.
func copyMedia(ctx context.Context, dir string, bucket *media.S3, stdout io.Writer) error {
	disk, err := media.NewDisk(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nCopying the media files of %s into the bucket\n", dir)
	var p *progress
	pass := ""
	r, err := disk.CopyToS3(ctx, bucket, func(ps string, done, total int) {
		if ps != pass {
			if p != nil {
				p.end()
			}
			pass = ps
			p = newProgressOf(stdout, time.Now, strings.ToUpper(ps[:1])+ps[1:], "media files")
		}
		p.update(done, total)
	})
	if p != nil {
		p.end()
	}
	if err != nil {
		return fmt.Errorf("copying the media files: %w", err)
	}
	fmt.Fprintf(stdout, "Media: %d files, %d copied (%d bytes), %d already in the bucket, %d read back and identical.\n",
		r.Files, r.Copied, r.Bytes, r.Present, r.Verified)
	return nil
}
