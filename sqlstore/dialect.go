package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// dialect holds everything that differs between the databases, so that no
// query has an "if sqlite" inside it.
type dialect struct {
	name string
	// dollarParams: PostgreSQL numbers its placeholders ($1, $2, …).
	dollarParams bool
	// forUpdate locks the rows a transaction reads before it writes them.
	// SQLite needs none: its write transactions are serialised already.
	forUpdate string
	// forShare locks rows against writers but not against other readers
	// that lock them the same way.
	forShare string
	// lockMigrations and unlockMigrations keep two nodes that start at
	// once from applying the same migration twice.
	lockMigrations, unlockMigrations string
	// viewOptions begin a read that sees one state throughout (SQLite's
	// transactions always do).
	viewOptions *sql.TxOptions
	// jsonKey reads one key (a ? placeholder) of a JSON object stored as
	// text in the column %s, as text; NULL when it is missing.
	jsonKey string
}

var sqliteDialect = dialect{name: "sqlite", jsonKey: `json_extract(%s, '$."' || ? || '"')`}

// resetIdentities moves PostgreSQL's id sequences past the ids a copy
// inserted explicitly; SQLite needs nothing.
func (d dialect) resetIdentities(ctx context.Context, db dbConn) error {
	for _, t := range []string{"sections", "tags", "sources", "search_lexicon", "media", "users", "api_tokens", "stories", "pages", "audit_log", "redirects", "corrections",
		"wire_feeds", "wire_items", "subscribers", "newsletter_issues", "mail_outbox"} {
		if err := d.resetIdentity(ctx, db, t); err != nil {
			return err
		}
	}
	return nil
}

// resetIdentity moves the id sequence of one table past its largest id.
func (d dialect) resetIdentity(ctx context.Context, db dbConn, table string) error {
	if d.name != "postgres" {
		return nil
	}
	_, err := db.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+table+`', 'id'), COALESCE((SELECT MAX(id) FROM `+table+`), 0) + 1, false)`)
	if err != nil {
		return fmt.Errorf("resetting the ids of %s: %w", table, err)
	}
	return nil
}

// rebind turns ? placeholders into the dialect's own.
func (d dialect) rebind(query string) string {
	if !d.dollarParams {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
