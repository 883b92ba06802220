package sqlstore

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

// TestSettingsBeforeHijriPerLanguage: settings saved when the Hijri date
// was one switch for every page read as Arabic pages only (switch on) or
// none (switch off); settings saved since keep their list.
func TestSettingsBeforeHijriPerLanguage(t *testing.T) {
	ctx := context.Background()
	db, err := OpenSQLite(ctx, filepath.Join(t.TempDir(), "khabar.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	base := `{"Languages":["ar","ru","en"],"DefaultLang":"en","ArabicDigits":"arab","ArabicMonths":"egypt","TimeZone":"UTC","SlugStyle":"native"`
	for _, c := range []struct {
		stored string
		want   []string
	}{
		{base + `,"Hijri":true}`, []string{"ar"}},
		{base + `,"Hijri":false}`, nil},
		{base + `}`, []string{"ar"}},
		{base + `,"HijriLangs":["ar","ru"]}`, []string{"ar", "ru"}},
		{base + `,"HijriLangs":null}`, nil},
	} {
		if _, err := db.write.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('site', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, c.stored); err != nil {
			t.Fatal(err)
		}
		st, err := db.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(st.HijriLangs, c.want) {
			t.Errorf("%s: HijriLangs = %v, want %v", c.stored, st.HijriLangs, c.want)
		}
	}
}
