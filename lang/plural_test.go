package lang_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/khabarnews/khabar/lang"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

func TestPluralString(t *testing.T) {
	tests := []struct {
		p    lang.Plural
		want string
	}{
		{lang.Zero, "zero"}, {lang.One, "one"}, {lang.Two, "two"},
		{lang.Few, "few"}, {lang.Many, "many"}, {lang.Other, "other"},
		{lang.Plural(-1), "other"}, {lang.Plural(6), "other"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.p.String(); got != tt.want {
				t.Errorf("Plural(%d).String() = %q, want %q", int(tt.p), got, tt.want)
			}
		})
	}
}

func TestPluralCategory(t *testing.T) {
	Z, O, T, F, M, X := lang.Zero, lang.One, lang.Two, lang.Few, lang.Many, lang.Other
	tests := []struct {
		tag  string
		n    int
		want lang.Plural
	}{
		// Arabic: six forms; the hundreds restart the cycle.
		{"ar", 0, Z}, {"ar", 1, O}, {"ar", 2, T}, {"ar", 3, F}, {"ar", 10, F},
		{"ar", 11, M}, {"ar", 99, M}, {"ar", 100, X}, {"ar", 101, X}, {"ar", 102, X},
		{"ar", 103, F}, {"ar", 110, F}, {"ar", 111, M}, {"ar", 200, X}, {"ar", 1000, X},
		{"ar", 1002, X}, {"ar", 1003, F}, {"ar", 1000001, X}, {"ar", 1000011, M},
		{"ar", -3, F}, {"ar-EG", 11, M},
		// Russian: integers use one/few/many.
		{"ru", 0, M}, {"ru", 1, O}, {"ru", 2, F}, {"ru", 4, F}, {"ru", 5, M},
		{"ru", 11, M}, {"ru", 12, M}, {"ru", 14, M}, {"ru", 20, M}, {"ru", 21, O},
		{"ru", 22, F}, {"ru", 24, F}, {"ru", 25, M}, {"ru", 101, O}, {"ru", 111, M},
		{"ru", 112, M}, {"ru", 114, M}, {"ru", 122, F}, {"ru", 1001, O}, {"ru", -21, O},
		// English: one/other.
		{"en", 0, X}, {"en", 1, O}, {"en", 2, X}, {"en", 11, X}, {"en", 21, X}, {"en", -1, O},
		// Others.
		{"fr", 0, O}, {"fr", 1, O}, {"fr", 2, X}, {"fr", 1000000, M}, {"fr", 2000000, M}, {"fr", 1000001, X},
		{"es", 0, X}, {"es", 1, O}, {"es", 2, X}, {"es", 1000000, M},
		{"de", 1, O}, {"de", 0, X}, {"tr", 1, O}, {"tr", 5, X}, {"ur", 1, O}, {"ur", 2, X},
		{"fa", 0, O}, {"fa", 1, O}, {"fa", 2, X},
		{"he", 1, O}, {"he", 2, T}, {"he", 3, X}, {"he", 20, X},
		{"uk", 21, O}, {"uk", 23, F}, {"uk", 11, M},
		{"xx", 1, O}, {"xx", 0, X}, {"", 5, X},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.tag, tt.n), func(t *testing.T) {
			if got := lang.PluralCategory(tt.tag, tt.n); got != tt.want {
				t.Errorf("PluralCategory(%q, %d) = %v, want %v", tt.tag, tt.n, got, tt.want)
			}
		})
	}
}

// TestPluralCategoryMatchesCLDRData cross-checks the hand-written rules
// against the CLDR data in golang.org/x/text for languages whose integer
// rules have not changed between its CLDR version and ours.
func TestPluralCategoryMatchesCLDRData(t *testing.T) {
	forms := map[plural.Form]lang.Plural{
		plural.Zero: lang.Zero, plural.One: lang.One, plural.Two: lang.Two,
		plural.Few: lang.Few, plural.Many: lang.Many, plural.Other: lang.Other,
	}
	for _, tag := range []string{"ar", "ru", "en", "de", "tr", "ur", "fa", "uk"} {
		t.Run(tag, func(t *testing.T) {
			lt := language.MustParse(tag)
			for n := 0; n <= 20000; n++ {
				want := forms[plural.Cardinal.MatchPlural(lt, n, 0, 0, 0, 0)]
				if got := lang.PluralCategory(tag, n); got != want {
					t.Fatalf("PluralCategory(%q, %d) = %v, CLDR data says %v", tag, n, got, want)
				}
			}
		})
	}
}

func TestPluralForms(t *testing.T) {
	P := func(ps ...lang.Plural) []lang.Plural { return ps }
	tests := []struct {
		tag  string
		want []lang.Plural
	}{
		{"ar", P(lang.Zero, lang.One, lang.Two, lang.Few, lang.Many, lang.Other)},
		{"ar-SA", P(lang.Zero, lang.One, lang.Two, lang.Few, lang.Many, lang.Other)},
		{"ru", P(lang.One, lang.Few, lang.Many, lang.Other)},
		{"en", P(lang.One, lang.Other)},
		{"de", P(lang.One, lang.Other)},
		{"fr", P(lang.One, lang.Many, lang.Other)},
		{"es", P(lang.One, lang.Many, lang.Other)},
		{"he", P(lang.One, lang.Two, lang.Other)},
		{"xx", P(lang.One, lang.Other)},
	}
	for _, tt := range tests {
		t.Run(tt.tag, func(t *testing.T) {
			if got := lang.PluralForms(tt.tag); !slices.Equal(got, tt.want) {
				t.Errorf("PluralForms(%q) = %v, want %v", tt.tag, got, tt.want)
			}
		})
	}
}

// TestPluralFormsCoverCategories proves that every category PluralCategory
// can return for an integer is one that PluralForms asks catalogues for, so
// a catalogue that passes its parity test never lacks a form at run time.
func TestPluralFormsCoverCategories(t *testing.T) {
	for _, tag := range []string{"ar", "ru", "en", "fr", "de", "es", "fa", "ur", "he", "tr", "uk", "xx"} {
		t.Run(tag, func(t *testing.T) {
			forms := lang.PluralForms(tag)
			for _, n := range []int{0, 1, 2, 3, 5, 11, 12, 21, 22, 100, 101, 102, 111, 1000000, 1000001, 2000000} {
				if c := lang.PluralCategory(tag, n); !slices.Contains(forms, c) {
					t.Errorf("PluralCategory(%q, %d) = %v, not in PluralForms %v", tag, n, c, forms)
				}
			}
		})
	}
}

func TestPluralFormsFreshSlice(t *testing.T) {
	a := lang.PluralForms("ar")
	a[0] = lang.Other
	if b := lang.PluralForms("ar"); b[0] != lang.Zero {
		t.Errorf("PluralForms shares its result: got %v", b)
	}
}
