package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
)

// copyTables are the tables a site consists of, parents before children,
// with the columns that hold booleans (stored as integers by SQLite).
// The search index is not copied: it is rebuilt from the versions.
var copyTables = []struct {
	name, order string
	bools       []string
}{
	{"settings", "key", nil},
	{"sections", "id", nil},
	{"tags", "id", nil},
	{"sources", "id", nil},
	{"search_lexicon", "id", nil},
	{"media", "id", nil},
	{"media_variants", "media_id, name", nil},
	{"users", "id", []string{"disabled"}},
	{"sessions", "token_hash", nil},
	{"api_tokens", "id", nil},
	{"stories", "id", []string{"featured"}},
	{"story_tags", "story_id, tag_id", nil},
	{"story_authors", "story_id, user_id", nil},
	{"versions", "story_id, lang", nil},
	{"revisions", "story_id, lang, number", []string{"pending"}},
	{"corrections", "id", nil},
	{"pages", "id", nil},
	{"page_versions", "page_id, lang", nil},
	{"audit_log", "id", nil},
	{"redirects", "id", nil},
	{"import_records", "source, kind, source_id", nil},
	{"wire_feeds", "id", []string{"paused"}},
	{"wire_items", "id", []string{"seen"}},
	{"wire_terms", "term, item_id", nil},
	{"subscribers", "id", nil},
	{"newsletters", "lang", []string{"daily"}},
	{"newsletter_issues", "id", nil},
	{"mail_outbox", "id", nil},
	{"channels", "lang", []string{"auto_post"}},
	{"channel_posts", "story_id, lang", []string{"photo"}},
}

// TableReport compares one table on both sides of a copy.
type TableReport struct {
	Table          string
	Source, Target int    // row counts
	SourceSum      string // checksum of the rows in key order
	TargetSum      string
}

// Equal reports whether both sides hold the same rows.
func (r TableReport) Equal() bool {
	return r.Source == r.Target && r.SourceSum == r.TargetSum
}

// CopyTo copies every row of this store into dst, keeping ids, skipping
// rows dst already has (so a second run adds nothing), then compares row
// counts and checksums of both sides. progress is called after each table.
func (db *DB) CopyTo(ctx context.Context, dst *DB, progress func(table string, rows int)) ([]TableReport, error) {
	for _, t := range copyTables {
		n, err := db.copyTable(ctx, dst, t.name, t.order, t.bools)
		if err != nil {
			return nil, fmt.Errorf("copying %s: %w", t.name, err)
		}
		if progress != nil {
			progress(t.name, n)
		}
	}
	if err := dst.d.resetIdentities(ctx, dst.write); err != nil {
		return nil, err
	}
	if err := dst.Recount(ctx); err != nil { // the counts follow the copied versions
		return nil, err
	}
	if err := dst.checkSearchVersion(ctx); err != nil { // dst analyses with the copied lexicon
		return nil, err
	}
	var reports []TableReport
	for _, t := range copyTables {
		r := TableReport{Table: t.name}
		var err error
		if r.Source, r.SourceSum, err = db.checksum(ctx, t.name, t.order, t.bools); err != nil {
			return nil, err
		}
		if r.Target, r.TargetSum, err = dst.checksum(ctx, t.name, t.order, t.bools); err != nil {
			return nil, err
		}
		reports = append(reports, r)
	}
	return reports, nil
}

func (db *DB) columns(ctx context.Context, table string) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT * FROM `+table+` WHERE 1 = 0`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return rows.Columns()
}

// copyTable streams one table into dst in batches of 500 rows per transaction.
func (db *DB) copyTable(ctx context.Context, dst *DB, table, order string, bools []string) (int, error) {
	cols, err := db.columns(ctx, table)
	if err != nil {
		return 0, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+table+` ORDER BY `+order)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	conflict := ` ON CONFLICT DO NOTHING`
	if table == "settings" {
		// The target's own settings (its site id, made by a migration)
		// give way: the copy is the same site.
		conflict = ` ON CONFLICT (key) DO UPDATE SET value = excluded.value`
	}
	insert := dst.q(`INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES (` + placeholders(len(cols)) + `)` + conflict)
	isBool := map[int]bool{}
	for i, c := range cols {
		for _, b := range bools {
			if c == b {
				isBool[i] = true
			}
		}
	}
	var batch [][]any
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := dst.inTx(ctx, func(tx *sql.Tx) error {
			for _, vals := range batch {
				if _, err := tx.ExecContext(ctx, insert, vals...); err != nil {
					return err
				}
			}
			return nil
		})
		batch = batch[:0]
		return err
	}
	n := 0
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		for i := range vals {
			if isBool[i] {
				vals[i] = truthy(vals[i])
			}
			if b, ok := vals[i].([]byte); ok {
				vals[i] = string(b)
			}
		}
		batch = append(batch, vals)
		n++
		if len(batch) == 500 {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	return n, flush()
}

func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case int64:
		return x != 0
	case []byte:
		return string(x) == "1" || string(x) == "true"
	case string:
		return x == "1" || x == "true"
	}
	return false
}

// checksum hashes a table's rows in key order, each value in a form that
// is the same on SQLite and PostgreSQL.
func (db *DB) checksum(ctx context.Context, table, order string, bools []string) (int, string, error) {
	cols, err := db.columns(ctx, table)
	if err != nil {
		return 0, "", err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+table+` ORDER BY `+order)
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	isBool := map[string]bool{}
	for _, b := range bools {
		isBool[b] = true
	}
	h := sha256.New()
	n := 0
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return 0, "", err
		}
		for i, v := range vals {
			if isBool[cols[i]] {
				v = truthy(v)
			}
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			fmt.Fprintf(h, "%s=%v\x1f", cols[i], v)
		}
		h.Write([]byte{'\n'})
		n++
	}
	return n, hex.EncodeToString(h.Sum(nil)), rows.Err()
}
