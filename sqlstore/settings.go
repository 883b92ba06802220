package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/khabarnews/khabar"
)

// Settings returns the saved site settings, or the defaults.
func (db *DB) Settings(ctx context.Context) (khabar.Settings, error) {
	khabar.Depend(ctx, khabar.TopicSite)
	s := khabar.DefaultSettings()
	var raw string
	err := db.conn(ctx).QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'site'`).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("reading settings: %w", err)
	}
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		return s, fmt.Errorf("reading settings: %w", err)
	}
	// Settings saved before the Hijri date was chosen per language had one
	// switch for every page; it now means Arabic pages, the default.
	var old struct {
		Hijri      *bool
		HijriLangs json.RawMessage
	}
	if json.Unmarshal([]byte(raw), &old) == nil && old.HijriLangs == nil && old.Hijri != nil && !*old.Hijri {
		s.HijriLangs = nil
	}
	return s, nil
}

// SaveSettings validates and saves the site settings.
func (db *DB) SaveSettings(ctx context.Context, s khabar.Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	b, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("encoding settings: %w", err)
	}
	return db.inTxOn(ctx, []string{khabar.TopicSite}, func(tx *sql.Tx) error {
		zone, err := db.siteZone(ctx, tx, db.d.forUpdate)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, db.q(`INSERT INTO settings (key, value) VALUES ('site', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`), string(b))
		if err != nil {
			return fmt.Errorf("saving settings: %w", err)
		}
		if s.Location().String() != zone.String() {
			return db.recount(ctx, tx) // count the archive's months in the new zone
		}
		return nil
	})
}
