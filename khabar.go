// Package khabar holds Khabar's domain: stories and their language versions,
// sections, tags, sources, media, users, static pages and site settings, and
// the service interfaces that storage adapters implement.
//
// The package never imports net/http or database/sql: web and sqlstore depend
// on it, never the other way round.
package khabar

import "time"

// Text is one piece of user text in several languages, keyed by language tag
// ("ar", "ru", "en"). Names of sections, tags, sources, credits and captions
// are Text, so that one entity serves every language of the site.
type Text map[string]string

// Get returns the text in lang, or in fallback when lang has none, or any
// non-empty value as a last resort, so a page never shows an empty name.
func (t Text) Get(lang, fallback string) string {
	if v := t[lang]; v != "" {
		return v
	}
	if v := t[fallback]; v != "" {
		return v
	}
	for _, k := range []string{"en", "ru", "ar"} {
		if v := t[k]; v != "" {
			return v
		}
	}
	for _, v := range t {
		if v != "" {
			return v
		}
	}
	return ""
}

// Has reports whether the text exists in lang itself (no fallback).
func (t Text) Has(lang string) bool { return t[lang] != "" }

// Clock returns the current time. Stores and services take one so that tests
// can control "now" (scheduled publishing, archives).
type Clock func() time.Time
