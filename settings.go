package khabar

import (
	"context"
	"slices"
	"time"
)

// Settings are the site-wide choices an administrator makes.
type Settings struct {
	SiteName     Text     // per language, in the header, footer and feeds
	Tagline      Text     // per language, under the name
	Languages    []string // the site's languages, in switcher order
	DefaultLang  string   // for "/" when Accept-Language matches none
	ArabicDigits string   // "arab" (٢٠٢٣) or "latn" (2023)
	ArabicMonths string   // "egypt" (ديسمبر), "levant" (كانون الأول) or "both"
	// HijriLangs are the languages whose pages show the Umm al-Qura date
	// beside the Gregorian one: Arabic readers expect it, others rarely do.
	HijriLangs []string
	TimeZone   string // IANA name, e.g. "Europe/Moscow"
	SlugStyle  string // "native" (script of the language) or "translit"
	// PrivateDrafts keeps what is not published among its authors: an
	// author sees in the newsroom only their own stories, and of the
	// others' only what readers see too. Editors, administrators and
	// translators (who work from the originals) see everything.
	PrivateDrafts bool
}

// DefaultSettings are what a new site starts with.
func DefaultSettings() Settings {
	return Settings{
		SiteName:     Text{"ar": "خبر", "ru": "Хабар", "en": "Khabar"},
		Tagline:      Text{},
		Languages:    []string{"ar", "ru", "en"},
		DefaultLang:  "en",
		ArabicDigits: "arab",
		ArabicMonths: "egypt",
		HijriLangs:   []string{"ar"},
		TimeZone:     "UTC",
		SlugStyle:    "native",
	}
}

// Validate checks every field and returns the first problem as EInvalid.
func (s Settings) Validate() error {
	if len(s.Languages) == 0 {
		return Invalid("languages", "err.settings.languages")
	}
	if !slices.Contains(s.Languages, s.DefaultLang) {
		return Invalid("default_lang", "err.settings.default_lang", "lang", s.DefaultLang)
	}
	if s.ArabicDigits != "arab" && s.ArabicDigits != "latn" {
		return Invalid("arabic_digits", "err.settings.arabic_digits")
	}
	switch s.ArabicMonths {
	case "egypt", "levant", "both":
	default:
		return Invalid("arabic_months", "err.settings.arabic_months")
	}
	for _, l := range s.HijriLangs {
		if !slices.Contains(s.Languages, l) {
			return Invalid("hijri_langs", "err.settings.hijri_langs", "lang", l)
		}
	}
	if _, err := time.LoadLocation(s.TimeZone); err != nil {
		return Invalid("time_zone", "err.settings.time_zone", "zone", s.TimeZone)
	}
	if err := checkTexts("site_name", s.SiteName, true); err != nil {
		return err
	}
	if err := checkTexts("tagline", s.Tagline, false); err != nil {
		return err
	}
	if s.SlugStyle != "native" && s.SlugStyle != "translit" {
		return Invalid("slug_style", "err.settings.slug_style")
	}
	return nil
}

// Location returns the site's time zone (UTC if the name is unknown).
func (s Settings) Location() *time.Location {
	if loc, err := time.LoadLocation(s.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}

// ShowsHijri reports whether pages in lang show the Hijri date.
func (s Settings) ShowsHijri(lang string) bool { return slices.Contains(s.HijriLangs, lang) }

// HasLang reports whether lang is one of the site's languages.
func (s Settings) HasLang(lang string) bool { return slices.Contains(s.Languages, lang) }

// SettingsService keeps the site settings.
type SettingsService interface {
	// Settings returns the saved settings, or DefaultSettings when none were saved.
	Settings(ctx context.Context) (Settings, error)
}
