package sqlstore_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
)

// TestSchemasMatch: after all migrations the SQLite and PostgreSQL schemas
// have the same tables, columns (types folded to what both store), indexes
// and foreign keys, but for the search tables each dialect has by design.
// The two migration sets are written by hand; this keeps them in step.
func TestSchemasMatch(t *testing.T) {
	ctx := context.Background()
	lite, err := sqlstore.OpenSQLite(ctx, filepath.Join(t.TempDir(), "khabar.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	pg, err := sqlstore.OpenPostgres(ctx, sqltest.FreshPostgres(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	a, err := lite.Schema(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := pg.Schema(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Tables) < 15 || a.Tables["versions"] == nil || len(a.Tables["versions"].Columns) < 10 {
		t.Fatalf("the SQLite schema was not read: %d tables", len(a.Tables))
	}
	for _, d := range a.Diff(b) {
		t.Error(d)
	}

	// The comparison sees a column added to one dialect only, a type
	// changed, and an index missing.
	b.Tables["users"].Columns = append(b.Tables["users"].Columns, sqlstore.Column{Name: "nickname", Type: "text"})
	a.Tables["sections"].Columns[1].Type = "integer"
	a.Tables["stories"].Indexes = nil
	diff := strings.Join(a.Diff(b), "\n")
	for _, want := range []string{"table users: columns differ", "nickname text", "table sections: columns differ", "table stories: indexes differ"} {
		if !strings.Contains(diff, want) {
			t.Errorf("the diff does not say %q:\n%s", want, diff)
		}
	}
}
