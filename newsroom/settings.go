package newsroom

import (
	"context"
	"slices"
	"strings"

	"github.com/khabarnews/khabar"
)

// SaveSettings validates and saves the site settings; invalid ones change
// nothing. The audit entry names the settings that changed.
func (s *Service) SaveSettings(ctx context.Context, actor *khabar.User, next khabar.Settings) error {
	if err := allow(actor, khabar.ActManageSettings, khabar.Target{}); err != nil {
		return err
	}
	next.SiteName = khabar.CleanTexts(next.SiteName)
	next.Tagline = khabar.CleanTexts(next.Tagline)
	if err := next.Validate(); err != nil {
		return err
	}
	return s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		old, err := s.store.Settings(ctx)
		if err != nil {
			return entry{}, err
		}
		return entry{action: "settings.save", object: "settings", detail: settingsChanges(old, next)}, s.store.SaveSettings(ctx, next)
	})
}

// settingsChanges names the settings that differ, for the audit log.
func settingsChanges(a, b khabar.Settings) string {
	var out []string
	add := func(changed bool, name string) {
		if changed {
			out = append(out, name)
		}
	}
	add(!textEqual(a.SiteName, b.SiteName), "site_name")
	add(!textEqual(a.Tagline, b.Tagline), "tagline")
	add(!slices.Equal(a.Languages, b.Languages), "languages="+strings.Join(b.Languages, ","))
	add(a.DefaultLang != b.DefaultLang, "default_lang="+b.DefaultLang)
	add(a.ArabicDigits != b.ArabicDigits, "arabic_digits="+b.ArabicDigits)
	add(a.ArabicMonths != b.ArabicMonths, "arabic_months="+b.ArabicMonths)
	add(!slices.Equal(a.HijriLangs, b.HijriLangs), "hijri_langs="+strings.Join(b.HijriLangs, ","))
	add(a.TimeZone != b.TimeZone, "time_zone="+b.TimeZone)
	add(a.SlugStyle != b.SlugStyle, "slug_style="+b.SlugStyle)
	return strings.Join(out, " ")
}

// textEqual reports whether two per-language texts are the same.
func textEqual(a, b khabar.Text) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
