package sqlstore

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// The SQLite and PostgreSQL migrations are written by hand, twice. Schema
// reads what a database holds after them, in terms both dialects share, so
// that a test (and an operator's check) can tell when the two have drifted
// apart: a column added to one only, a different type, a missing index.

// Schema is a database's tables as both dialects can describe them.
type Schema struct {
	Dialect string
	Tables  map[string]*Table
}

// Table is one table: its columns in order, its indexes and foreign keys.
type Table struct {
	Columns []Column
	// Indexes are "UNIQUE (a, b)" or "(a) WHERE …", whatever their names,
	// so that an implicit index of a UNIQUE constraint compares equal to
	// the same index made by hand. Primary keys are in the columns.
	Indexes []string
	// ForeignKeys are "(a, b) -> other (x, y)".
	ForeignKeys []string
}

// Column is one column, its type folded to what both dialects store.
type Column struct {
	Name    string
	Type    string // "integer", "text", "real", "blob" or "boolean"
	NotNull bool
	Default string // normalised: '' for none
	Key     bool   // part of the primary key
}

func (c Column) String() string {
	s := c.Name + " " + c.Type
	if c.NotNull {
		s += " NOT NULL"
	}
	if c.Default != "" {
		s += " DEFAULT " + c.Default
	}
	if c.Key {
		s += " PRIMARY KEY"
	}
	return s
}

// dialectOnly are the tables one dialect has by design: each answers full
// text search with its own machinery (FTS5 tables and a term list in
// SQLite, a tsvector table in PostgreSQL).
var dialectOnly = map[string][]string{
	"sqlite":   {"search_fts", "search_terms"},
	"postgres": {"search_index"},
}

// Schema reads the database's tables, columns, indexes and foreign keys.
func (db *DB) Schema(ctx context.Context) (*Schema, error) {
	s := &Schema{Dialect: db.d.name, Tables: map[string]*Table{}}
	var err error
	if db.d.name == "sqlite" {
		err = db.sqliteSchema(ctx, s)
	} else {
		err = db.postgresSchema(ctx, s)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the schema: %w", err)
	}
	for _, t := range s.Tables {
		sort.Strings(t.Indexes)
		sort.Strings(t.ForeignKeys)
	}
	return s, nil
}

// Diff lists how o differs from s, leaving out the tables each dialect has
// by design; no difference is nil.
func (s *Schema) Diff(o *Schema) []string {
	var out []string
	for _, name := range tableNames(s, o) {
		a, b := s.Tables[name], o.Tables[name]
		switch {
		case a == nil:
			out = append(out, fmt.Sprintf("table %s: only in %s", name, o.Dialect))
			continue
		case b == nil:
			out = append(out, fmt.Sprintf("table %s: only in %s", name, s.Dialect))
			continue
		}
		if !slices.Equal(a.Columns, b.Columns) {
			out = append(out, fmt.Sprintf("table %s: columns differ:\n  %s: %s\n  %s: %s", name,
				s.Dialect, columnList(a.Columns), o.Dialect, columnList(b.Columns)))
		}
		if !slices.Equal(a.Indexes, b.Indexes) {
			out = append(out, fmt.Sprintf("table %s: indexes differ:\n  %s: %s\n  %s: %s", name,
				s.Dialect, strings.Join(a.Indexes, "; "), o.Dialect, strings.Join(b.Indexes, "; ")))
		}
		if !slices.Equal(a.ForeignKeys, b.ForeignKeys) {
			out = append(out, fmt.Sprintf("table %s: foreign keys differ:\n  %s: %s\n  %s: %s", name,
				s.Dialect, strings.Join(a.ForeignKeys, "; "), o.Dialect, strings.Join(b.ForeignKeys, "; ")))
		}
	}
	return out
}

// tableNames lists the tables of both schemas but those one dialect has by
// design, sorted.
func tableNames(s, o *Schema) []string {
	var names []string
	for _, sc := range []*Schema{s, o} {
		for name := range sc.Tables {
			if !slices.Contains(dialectOnly[sc.Dialect], name) && !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	sort.Strings(names)
	return names
}

func columnList(cs []Column) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.String()
	}
	return strings.Join(parts, ", ")
}

// foldType maps a declared type to what both dialects store: SQLite keeps
// booleans as integers, so a PostgreSQL boolean is compared as one too.
func foldType(t string) string {
	switch t = strings.ToLower(strings.TrimSpace(t)); {
	case strings.Contains(t, "int"), t == "boolean":
		return "integer"
	case strings.Contains(t, "char"), t == "text":
		return "text"
	case strings.Contains(t, "real"), strings.Contains(t, "double"), strings.Contains(t, "numeric"):
		return "real"
	case t == "blob", t == "bytea":
		return "blob"
	}
	return t
}

var castSuffix = regexp.MustCompile(`::[a-z ]+$`)

// foldDefault writes a default the same in both dialects: no casts, no
// parentheses, false as 0 and true as 1.
func foldDefault(d string) string {
	d = castSuffix.ReplaceAllString(strings.TrimSpace(d), "")
	d = strings.Trim(d, "()")
	switch strings.ToLower(d) {
	case "false":
		return "0"
	case "true":
		return "1"
	}
	return d
}

// indexDef writes an index as Table.Indexes holds it.
func indexDef(unique bool, columns []string, where string) string {
	s := "(" + strings.Join(columns, ", ") + ")"
	if unique {
		s = "UNIQUE " + s
	}
	if where = strings.TrimSpace(where); where != "" {
		s += " WHERE " + normaliseWhere(where)
	}
	return s
}

// normaliseWhere writes a partial index's condition without the
// parentheses and casts PostgreSQL adds when it prints one back.
func normaliseWhere(w string) string {
	w = strings.NewReplacer("(", "", ")", "").Replace(w)
	w = regexp.MustCompile(`::[a-z ]+`).ReplaceAllString(w, "")
	return strings.Join(strings.Fields(strings.ToLower(w)), " ")
}

func (db *DB) sqliteSchema(ctx context.Context, s *Schema) error {
	rows, err := db.read.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return err
	}
	var names, virtual []string
	for rows.Next() {
		var name, ddl string
		if err := rows.Scan(&name, &ddl); err != nil {
			rows.Close()
			return err
		}
		if strings.HasPrefix(strings.ToUpper(ddl), "CREATE VIRTUAL") {
			s.Tables[name] = &Table{} // its shadow tables are FTS5's own
			virtual = append(virtual, name)
			continue
		}
		names = append(names, name)
	}
	rows.Close()
	for _, name := range names {
		if slices.ContainsFunc(virtual, func(v string) bool { return strings.HasPrefix(name, v+"_") }) {
			continue // a virtual table's shadow
		}
		t := &Table{}
		if err := db.sqliteColumns(ctx, name, t); err != nil {
			return err
		}
		if err := db.sqliteIndexes(ctx, name, t); err != nil {
			return err
		}
		if err := db.sqliteForeignKeys(ctx, name, t); err != nil {
			return err
		}
		s.Tables[name] = t
	}
	return nil
}

func (db *DB) sqliteColumns(ctx context.Context, table string, t *Table) error {
	rows, err := db.read.QueryContext(ctx, `SELECT name, type, "notnull", COALESCE(dflt_value, ''), pk FROM pragma_table_info(?)`, table)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c Column
		var pk int
		if err := rows.Scan(&c.Name, &c.Type, &c.NotNull, &c.Default, &pk); err != nil {
			return err
		}
		c.Type, c.Default, c.Key = foldType(c.Type), foldDefault(c.Default), pk > 0
		c.NotNull = c.NotNull || c.Key // a rowid key is never NULL
		t.Columns = append(t.Columns, c)
	}
	return rows.Err()
}

func (db *DB) sqliteIndexes(ctx context.Context, table string, t *Table) error {
	type index struct {
		name    string
		unique  bool
		origin  string
		partial bool
	}
	rows, err := db.read.QueryContext(ctx, `SELECT name, "unique", origin, partial FROM pragma_index_list(?)`, table)
	if err != nil {
		return err
	}
	var list []index
	for rows.Next() {
		var ix index
		if err := rows.Scan(&ix.name, &ix.unique, &ix.origin, &ix.partial); err != nil {
			rows.Close()
			return err
		}
		if ix.origin != "pk" {
			list = append(list, ix)
		}
	}
	rows.Close()
	for _, ix := range list {
		cols, err := db.queryStrings(ctx, `SELECT name FROM pragma_index_info(?) ORDER BY seqno`, ix.name)
		if err != nil {
			return err
		}
		where := ""
		if ix.partial {
			var ddl string
			if err := db.read.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`, ix.name).Scan(&ddl); err != nil {
				return err
			}
			_, where, _ = strings.Cut(ddl, " WHERE ")
		}
		t.Indexes = append(t.Indexes, indexDef(ix.unique, cols, where))
	}
	return nil
}

func (db *DB) sqliteForeignKeys(ctx context.Context, table string, t *Table) error {
	rows, err := db.read.QueryContext(ctx, `SELECT id, "table", "from", "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq`, table)
	if err != nil {
		return err
	}
	defer rows.Close()
	type fk struct {
		to       string
		from, at []string
	}
	byID := map[int]*fk{}
	var order []int
	for rows.Next() {
		var id int
		var to, from, at string
		if err := rows.Scan(&id, &to, &from, &at); err != nil {
			return err
		}
		if byID[id] == nil {
			byID[id] = &fk{to: to}
			order = append(order, id)
		}
		byID[id].from = append(byID[id].from, from)
		byID[id].at = append(byID[id].at, at)
	}
	for _, id := range order {
		f := byID[id]
		t.ForeignKeys = append(t.ForeignKeys, fmt.Sprintf("(%s) -> %s (%s)", strings.Join(f.from, ", "), f.to, strings.Join(f.at, ", ")))
	}
	return rows.Err()
}

func (db *DB) postgresSchema(ctx context.Context, s *Schema) error {
	names, err := db.queryStrings(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`)
	if err != nil {
		return err
	}
	for _, name := range names {
		t := &Table{}
		if err := db.postgresColumns(ctx, name, t); err != nil {
			return err
		}
		if err := db.postgresIndexes(ctx, name, t); err != nil {
			return err
		}
		if err := db.postgresForeignKeys(ctx, name, t); err != nil {
			return err
		}
		s.Tables[name] = t
	}
	return nil
}

func (db *DB) postgresColumns(ctx context.Context, table string, t *Table) error {
	keys, err := db.queryStrings(ctx, `SELECT a.attname FROM pg_index i
		JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
		WHERE i.indrelid = $1::regclass AND i.indisprimary`, table)
	if err != nil {
		return err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT column_name, data_type, is_nullable = 'NO', COALESCE(column_default, ''), is_identity = 'YES'
		FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, table)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c Column
		var identity bool
		if err := rows.Scan(&c.Name, &c.Type, &c.NotNull, &c.Default, &identity); err != nil {
			return err
		}
		c.Type, c.Default, c.Key = foldType(c.Type), foldDefault(c.Default), slices.Contains(keys, c.Name)
		if identity || strings.HasPrefix(c.Default, "nextval") {
			c.Default = "" // the generated key, as SQLite's rowid
		}
		t.Columns = append(t.Columns, c)
	}
	return rows.Err()
}

func (db *DB) postgresIndexes(ctx context.Context, table string, t *Table) error {
	rows, err := db.read.QueryContext(ctx, `SELECT i.indisunique, pg_get_expr(i.indpred, i.indrelid),
			ARRAY(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
				JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.n)::text
		FROM pg_index i WHERE i.indrelid = $1::regclass AND NOT i.indisprimary`, table)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var unique bool
		var where *string
		var cols string
		if err := rows.Scan(&unique, &where, &cols); err != nil {
			return err
		}
		w := ""
		if where != nil {
			w = *where
		}
		t.Indexes = append(t.Indexes, indexDef(unique, strings.Split(strings.Trim(cols, "{}"), ","), w))
	}
	return rows.Err()
}

func (db *DB) postgresForeignKeys(ctx context.Context, table string, t *Table) error {
	rows, err := db.read.QueryContext(ctx, `SELECT
			ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
				JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n)::text,
			c.confrelid::regclass::text,
			ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n)
				JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n)::text
		FROM pg_constraint c WHERE c.conrelid = $1::regclass AND c.contype = 'f'`, table)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var from, to, at string
		if err := rows.Scan(&from, &to, &at); err != nil {
			return err
		}
		t.ForeignKeys = append(t.ForeignKeys, fmt.Sprintf("(%s) -> %s (%s)",
			strings.ReplaceAll(strings.Trim(from, "{}"), ",", ", "), to, strings.ReplaceAll(strings.Trim(at, "{}"), ",", ", ")))
	}
	return rows.Err()
}

// queryStrings reads one column of text.
func (db *DB) queryStrings(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
