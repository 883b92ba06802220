package sqlstore

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/khabarnews/khabar"
)

// textJSON stores a per-language text as a JSON object.
func textJSON(t khabar.Text) string {
	if t == nil {
		return "{}"
	}
	b, _ := json.Marshal(t) // a map[string]string always marshals
	return string(b)
}

// scanText is a sql.Scanner target for a textJSON column.
type scanText struct{ t *khabar.Text }

func (s scanText) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	case nil:
		*s.t = khabar.Text{}
		return nil
	default:
		return fmt.Errorf("text column: unexpected %T", src)
	}
	t := khabar.Text{}
	if err := json.Unmarshal(b, &t); err != nil {
		return fmt.Errorf("text column: %w", err)
	}
	*s.t = t
	return nil
}

// scanStrings is a sql.Scanner target for a JSON array of strings.
type scanStrings struct{ s *[]string }

func (s scanStrings) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	case nil:
		*s.s = nil
		return nil
	}
	return json.Unmarshal(b, s.s)
}

func stringsJSON(s []string) string {
	if s == nil {
		s = []string{}
	}
	b, _ := json.Marshal(s)
	return string(b)
}

// nullID maps the domain's "0 means none" to SQL NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func millis(t time.Time) int64 { return t.UnixMilli() }

func nullMillis(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

func fromNullMillis(ms sql.NullInt64) time.Time {
	if !ms.Valid {
		return time.Time{}
	}
	return fromMillis(ms.Int64)
}

// notFound turns sql.ErrNoRows into the not-found error called key.
func notFound(err error, key string, args ...any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return khabar.NotFound(key, args...)
	}
	return fmt.Errorf("reading (%s): %w", key, err)
}
