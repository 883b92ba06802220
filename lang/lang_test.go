package lang_test

import (
	"testing"

	"github.com/khabarnews/khabar/lang"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		tag  string
		want lang.Language
		ok   bool
	}{
		{"ar", lang.Language{Tag: "ar", Name: "العربية", Short: "عربي", Dir: lang.RTL}, true},
		{"ru", lang.Language{Tag: "ru", Name: "Русский", Short: "Рус", Dir: lang.LTR}, true},
		{"en", lang.Language{Tag: "en", Name: "English", Short: "En", Dir: lang.LTR}, true},
		{"fr", lang.Language{Tag: "fr", Name: "Français", Short: "Fr", Dir: lang.LTR}, true},
		{"de", lang.Language{Tag: "de", Name: "Deutsch", Short: "De", Dir: lang.LTR}, true},
		{"es", lang.Language{Tag: "es", Name: "Español", Short: "Es", Dir: lang.LTR}, true},
		{"tr", lang.Language{Tag: "tr", Name: "Türkçe", Short: "Tr", Dir: lang.LTR}, true},
		{"fa", lang.Language{Tag: "fa", Name: "فارسی", Short: "فارسی", Dir: lang.RTL}, true},
		{"ur", lang.Language{Tag: "ur", Name: "اردو", Short: "اردو", Dir: lang.RTL}, true},
		{"he", lang.Language{Tag: "he", Name: "עברית", Short: "עב", Dir: lang.RTL}, true},
		{"ar-EG", lang.Language{Tag: "ar", Name: "العربية", Short: "عربي", Dir: lang.RTL}, true},
		{"RU_ru", lang.Language{Tag: "ru", Name: "Русский", Short: "Рус", Dir: lang.LTR}, true},
		{" EN-gb ", lang.Language{Tag: "en", Name: "English", Short: "En", Dir: lang.LTR}, true},
		{"xx", lang.Language{}, false},
		{"", lang.Language{}, false},
		{"arabic", lang.Language{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.tag, func(t *testing.T) {
			got, ok := lang.Lookup(tt.tag)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Lookup(%q) = %+v, %v; want %+v, %v", tt.tag, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestLookupEveryLanguageComplete(t *testing.T) {
	for _, tag := range []string{"ar", "ru", "en", "fr", "de", "es", "fa", "ur", "he", "tr"} {
		t.Run(tag, func(t *testing.T) {
			l, ok := lang.Lookup(tag)
			if !ok || l.Tag != tag || l.Name == "" || l.Short == "" {
				t.Errorf("Lookup(%q) = %+v, %v", tag, l, ok)
			}
			if l.Dir != lang.Direction(tag) {
				t.Errorf("Lookup(%q).Dir = %q, Direction = %q", tag, l.Dir, lang.Direction(tag))
			}
		})
	}
}

func TestDirection(t *testing.T) {
	tests := []struct {
		tag  string
		want lang.Dir
	}{
		{"ar", lang.RTL}, {"ar-SA", lang.RTL}, {"AR", lang.RTL}, {"fa", lang.RTL},
		{"ur", lang.RTL}, {"he", lang.RTL}, {"iw", lang.RTL}, {"ps", lang.RTL},
		{"yi", lang.RTL}, {"ckb", lang.RTL},
		{"ru", lang.LTR}, {"en", lang.LTR}, {"tr", lang.LTR}, {"fr", lang.LTR},
		{"", lang.LTR}, {"xx", lang.LTR}, {"arz", lang.LTR},
	}
	for _, tt := range tests {
		t.Run(tt.tag, func(t *testing.T) {
			if got := lang.Direction(tt.tag); got != tt.want {
				t.Errorf("Direction(%q) = %q, want %q", tt.tag, got, tt.want)
			}
		})
	}
}
