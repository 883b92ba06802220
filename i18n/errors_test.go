package i18n

import (
	"testing"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
)

// TestErrorLanguageArgument: a language argument is named in the reader's
// language; one the site does not know (a mistyped URL) is shown as given,
// never as a catalogue key.
func TestErrorLanguageArgument(t *testing.T) {
	c := mustLoad(t)
	for _, tt := range []struct{ tag, code, want string }{
		{"en", "ru", "The story has no Russian version."},
		{"ru", "ar", "У материала нет версии на этом языке (арабский)."},
		{"en", "edit", "The story has no edit version."},
	} {
		err := khabar.NotFound("err.version.not_found", "language", khabar.LangName(tt.code))
		if got := c.Error(tt.tag, lang.LatnDigits, err); got != tt.want {
			t.Errorf("%s, language %q: %q, want %q", tt.tag, tt.code, got, tt.want)
		}
	}
}
