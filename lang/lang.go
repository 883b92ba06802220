// Package lang holds what Khabar knows about the languages it publishes in:
// their names and text direction, how dates, times, Hijri dates and numbers
// are written in each, CLDR plural categories, URL slugs and Accept-Language
// matching.
//
// Everything here is a pure function of its arguments. The only package-level
// variables are lookup tables that are never written after initialisation, so
// the package is safe for concurrent use and site settings (digits, month
// naming, time zone) are always passed in by the caller rather than read from
// a global.
package lang

import "strings"

// Dir is the base text direction of a language, spelled as the HTML dir
// attribute wants it so templates can print it as is.
type Dir string

// The two directions a language can have.
const (
	LTR Dir = "ltr"
	RTL Dir = "rtl"
)

// Language describes one language a site may publish in. It is a value, not
// a registry entry: the set of languages a site uses is configuration, and
// Lookup turns a configured tag into what the templates need.
type Language struct {
	// Tag is the canonical base language subtag ("ar", "ru", "en"); it is
	// what appears in URLs (/ar/) and in lang attributes.
	Tag string
	// Name is the language's name in itself, as a reader of that language
	// looks for it in a switcher: "العربية", "Русский", "English".
	Name string
	// Short is the compact switcher label ("عربي", "Рус", "En") for headers
	// where the full name does not fit.
	Short string
	// Dir is the base direction of text in this language.
	Dir Dir
}

// languages lists the languages a site can be configured with without a code
// change. Read-only after initialisation.
var languages = map[string]Language{
	"ar": {Tag: "ar", Name: "العربية", Short: "عربي", Dir: RTL},
	"ru": {Tag: "ru", Name: "Русский", Short: "Рус", Dir: LTR},
	"en": {Tag: "en", Name: "English", Short: "En", Dir: LTR},
	"fr": {Tag: "fr", Name: "Français", Short: "Fr", Dir: LTR},
	"de": {Tag: "de", Name: "Deutsch", Short: "De", Dir: LTR},
	"es": {Tag: "es", Name: "Español", Short: "Es", Dir: LTR},
	"fa": {Tag: "fa", Name: "فارسی", Short: "فارسی", Dir: RTL},
	"ur": {Tag: "ur", Name: "اردو", Short: "اردو", Dir: RTL},
	"he": {Tag: "he", Name: "עברית", Short: "עב", Dir: RTL},
	"tr": {Tag: "tr", Name: "Türkçe", Short: "Tr", Dir: LTR},
}

// rtlBases are right-to-left languages beyond those Lookup knows, so that
// Direction is right for text whose language is recorded (an imported
// article, a quote) even when the site does not publish in it.
var rtlBases = map[string]bool{
	"ar": true, "fa": true, "ur": true, "he": true, "iw": true, "yi": true,
	"ps": true, "sd": true, "ckb": true, "dv": true, "ug": true, "syr": true,
}

// Lookup returns the Language for tag. Region and script subtags are ignored
// ("ar-EG" is Arabic) because Khabar publishes one edition per language, not
// per country. The boolean reports whether the language is known.
func Lookup(tag string) (Language, bool) {
	l, ok := languages[base(tag)]
	return l, ok
}

// Direction returns the text direction of tag; unknown languages are
// left-to-right, which is what browsers assume too.
func Direction(tag string) Dir {
	if rtlBases[base(tag)] {
		return RTL
	}
	return LTR
}

// base returns the lower-cased primary subtag of a BCP 47 tag, accepting "_"
// as a separator because POSIX locale names ("ru_RU") reach us from
// configuration files.
func base(tag string) string {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}
