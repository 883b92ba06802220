package sqlstore

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

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

// notFound turns sql.ErrNoRows into a coded error.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return khabar.Errorf(khabar.ENotFound, "%s not found", what)
	}
	return fmt.Errorf("reading %s: %w", what, err)
}

// isUniqueViolation reports whether err is a unique-constraint failure.
func isUniqueViolation(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "UNIQUE constraint failed") ||
		strings.Contains(err.Error(), "duplicate key value"))
}

// isForeignKeyViolation reports whether err is a foreign-key failure.
func isForeignKeyViolation(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "FOREIGN KEY") || strings.Contains(err.Error(), "violates foreign key"))
}

// checkText refuses invalid UTF-8 and, when required, empty text.
func checkText(field, s string, required bool) error {
	if !utf8.ValidString(s) {
		return khabar.Invalid(field, "%s is not valid UTF-8 text", field)
	}
	if required && strings.TrimSpace(s) == "" {
		return khabar.Invalid(field, "%s is required", field)
	}
	return nil
}

func checkTexts(field string, t khabar.Text, required bool) error {
	any := false
	for lang, s := range t {
		if err := checkText(field+"."+lang, s, false); err != nil {
			return err
		}
		if strings.TrimSpace(s) != "" {
			any = true
		}
	}
	if required && !any {
		return khabar.Invalid(field, "%s is required in at least one language", field)
	}
	return nil
}

// checkSlug accepts lower-case letters of any script, digits and dashes.
func checkSlug(field, slug string) error {
	if err := checkText(field, slug, true); err != nil {
		return err
	}
	for _, r := range slug {
		if r == '/' || r == '?' || r == '#' || r == '%' || r == ' ' || r < 0x20 {
			return khabar.Invalid(field, "%s may contain only letters, digits and dashes", field)
		}
	}
	return nil
}
