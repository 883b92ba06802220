package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/khabarnews/khabar/sqlstore"
)

// migrateDB copies a whole SQLite site into PostgreSQL, then compares both
// sides table by table. Running it again adds nothing that is already there.
func migrateDB(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("migrate-db --to postgres://… [--data DIR]",
		"Copies the SQLite site in the data directory into a PostgreSQL database and checks the copy.", stderr)
	data := fs.String("data", "data", "directory of the SQLite database to copy")
	to := fs.String("to", "", "PostgreSQL DSN to copy into (postgres://user:pass@host/db)")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *to == "" {
		return errors.New("--to is required: the PostgreSQL database to copy into")
	}
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
	fmt.Fprintf(stdout, "\nAll %d tables are identical (%s). Media files stay in %s; rebuild the search index on the new database with khabar reindex.\n",
		len(reports), time.Since(start).Round(time.Millisecond), filepath.Join(*data, "media"))
	return nil
}
