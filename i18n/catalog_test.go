package i18n

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/khabarnews/khabar/lang"
)

func TestT(t *testing.T) {
	c := mustLoad(t)
	tests := []struct {
		name, tag, key string
		args           []string
		want           string
	}{
		{"ar plain", "ar", "nav.home", nil, "الرئيسية"},
		{"ru plain", "ru", "nav.home", nil, "Главная"},
		{"en plain", "en", "nav.home", nil, "Home"},
		{"ar placeholder", "ar", "article.by", []string{"name", "ليلى"}, "بقلم ليلى"},
		{"ru placeholder", "ru", "article.source", []string{"name", "ТАСС"}, "Источник: ТАСС"},
		{"en two placeholders", "en", "pager.page", []string{"n", "2", "total", "10"}, "Page 2 of 10"},
		{"ar two placeholders", "ar", "pager.page", []string{"n", "٢", "total", "١٠"}, "الصفحة ٢ من ١٠"},
		{"placeholder repeated", "en", "lang.switch.missing", []string{"language", "Русский"}, "Not yet translated into Русский — go to the Русский front page"},
		{"args in any order", "en", "footer.rights", []string{"site", "Khabar", "year", "2023"}, "© 2023 Khabar. All rights reserved."},
		{"missing arg left visible", "en", "article.by", nil, "By {name}"},
		{"unknown arg ignored", "en", "article.by", []string{"who", "x", "name", "Leila"}, "By Leila"},
		{"odd args ignore the last", "en", "article.by", []string{"name", "Leila", "dangling"}, "By Leila"},
		{"value not re-expanded", "en", "pager.page", []string{"n", "{total}", "total", "3"}, "Page {total} of 3"},
		{"regional tag", "ar-EG", "nav.home", nil, "الرئيسية"},
		{"posix tag", "ru_RU", "nav.home", nil, "Главная"},
		{"unknown language falls back to English", "fr", "nav.home", nil, "Home"},
		{"empty tag falls back to English", "", "nav.home", nil, "Home"},
		{"missing key returns key", "ar", "no.such.key", nil, "no.such.key"},
		{"empty key", "ar", "", nil, ""},
		{"plural key gives other form", "ru", "count.articles", nil, "{n} статьи"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.T(tt.tag, tt.key, tt.args...); got != tt.want {
				t.Errorf("T(%q, %q, %q) = %q, want %q", tt.tag, tt.key, tt.args, got, tt.want)
			}
		})
	}
}

func TestN(t *testing.T) {
	c := mustLoad(t)
	tests := []struct {
		tag, key string
		n        int
		want     string
	}{
		{"ar", "count.articles", 0, "لا توجد مقالات"},
		{"ar", "count.articles", 1, "مقالة واحدة"},
		{"ar", "count.articles", 2, "مقالتان"},
		{"ar", "count.articles", 3, "٣ مقالات"},
		{"ar", "count.articles", 10, "١٠ مقالات"},
		{"ar", "count.articles", 11, "١١ مقالة"},
		{"ar", "count.articles", 99, "٩٩ مقالة"},
		{"ar", "count.articles", 100, "١٠٠ مقالة"},
		{"ar", "count.articles", 103, "١٠٣ مقالات"},
		{"ar", "count.articles", 12345, "١٢٬٣٤٥ مقالة"},
		{"ar", "count.minutes", 2, "دقيقتان للقراءة"},
		{"ar", "count.minutes", 5, "٥ دقائق للقراءة"},
		{"ar", "count.minutes", 15, "١٥ دقيقة للقراءة"},
		{"ru", "count.articles", 1, "1 статья"},
		{"ru", "count.articles", 2, "2 статьи"},
		{"ru", "count.articles", 5, "5 статей"},
		{"ru", "count.articles", 11, "11 статей"},
		{"ru", "count.articles", 21, "21 статья"},
		{"ru", "count.articles", 22, "22 статьи"},
		{"ru", "count.articles", 0, "0 статей"},
		{"ru", "count.articles", 12345, "12\u00a0345 статей"},
		{"ru", "count.minutes", 3, "3 минуты чтения"},
		{"ru", "count.minutes", 7, "7 минут чтения"},
		{"en", "count.articles", 1, "1 article"},
		{"en", "count.articles", 0, "0 articles"},
		{"en", "count.articles", 2, "2 articles"},
		{"en", "count.minutes", 4, "4 min read"},
		{"fr", "count.articles", 1000000, "1\u202f000\u202f000 articles"}, // English text, English rule, not French "many"
		{"ar", "no.such.key", 3, "no.such.key"},
		{"en", "nav.home", 3, "Home"},
	}
	for _, tt := range tests {
		t.Run(tt.tag+"/"+tt.key+"/"+tt.want, func(t *testing.T) {
			formatted := lang.FormatInt(tt.n, tt.tag, lang.ArabDigits)
			if got := c.N(tt.tag, tt.key, tt.n, formatted); got != tt.want {
				t.Errorf("N(%q, %q, %d, %q) = %q, want %q", tt.tag, tt.key, tt.n, formatted, got, tt.want)
			}
		})
	}
}

// TestNLatinDigitsInArabic: the caller, not the catalogue, chooses digits.
func TestNLatinDigitsInArabic(t *testing.T) {
	c := mustLoad(t)
	if got, want := c.N("ar", "count.articles", 3, "3"), "3 مقالات"; got != want {
		t.Errorf("N = %q, want %q", got, want)
	}
}

func TestHasAndKeys(t *testing.T) {
	c := mustLoad(t)
	for _, tt := range []struct {
		tag  string
		want bool
	}{{"ar", true}, {"ru", true}, {"en", true}, {"fr", false}, {"", false}, {"AR", false}} {
		t.Run(tt.tag, func(t *testing.T) {
			if got := c.Has(tt.tag); got != tt.want {
				t.Errorf("Has(%q) = %v, want %v", tt.tag, got, tt.want)
			}
		})
	}
	keys := c.Keys("en")
	if !slices.IsSorted(keys) || len(keys) < 60 {
		t.Errorf("Keys(en) = %d keys, sorted=%v", len(keys), slices.IsSorted(keys))
	}
	if got := c.Keys("fr"); got != nil {
		t.Errorf("Keys(fr) = %v, want nil", got)
	}
}

func TestNFallsBackToOther(t *testing.T) {
	c, err := load(fstest.MapFS{
		"en.json": {Data: []byte(`{"x": {"one": "{n} thing", "other": "{n} things"}}`)},
		"ar.json": {Data: []byte(`{"x": {"other": "{n} شيء"}}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.N("ar", "x", 1, "١"), "١ شيء"; got != want {
		t.Errorf("N = %q, want %q", got, want)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		wantErr string
	}{
		{"malformed json", map[string]string{"en.json": `{"a": "b",}`}, "en.json"},
		{"truncated", map[string]string{"en.json": `{"a": "b"`}, "en.json"},
		{"not an object", map[string]string{"en.json": `["a"]`}, "object"},
		{"empty file", map[string]string{"en.json": ``}, "object"},
		{"trailing data", map[string]string{"en.json": `{"a": "b"} {}`}, "trailing"},
		{"duplicate key", map[string]string{"en.json": `{"a": "b", "a": "c"}`}, "duplicate"},
		{"number value", map[string]string{"en.json": `{"a": 1}`}, `"a"`},
		{"nested non-string", map[string]string{"en.json": `{"a": {"one": 1, "other": "x"}}`}, `"a"`},
		{"unknown category", map[string]string{"en.json": `{"a": {"one": "x", "several": "y", "other": "z"}}`}, "several"},
		{"no other form", map[string]string{"en.json": `{"a": {"one": "x"}}`}, "other"},
		{"no english", map[string]string{"ar.json": `{"a": "ب"}`}, "en.json"},
		{"bad second file", map[string]string{"en.json": `{"a": "b"}`, "ru.json": `{"a": }`}, "ru.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			c, err := load(fsys)
			if err == nil {
				t.Fatalf("load succeeded with %v", c.Languages())
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not mention %q", err, tt.wantErr)
			}
		})
	}
}

func TestLoadMinimal(t *testing.T) {
	c, err := load(fstest.MapFS{"en.json": {Data: []byte(`{}`)}, "notes.txt": {Data: []byte("x")}})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Languages(); !slices.Equal(got, []string{"en"}) {
		t.Errorf("Languages() = %v", got)
	}
	if got := c.T("en", "a"); got != "a" {
		t.Errorf("T on empty catalogue = %q", got)
	}
}

// TestConcurrentUse runs lookups in parallel; with -race it proves the
// catalogue is read-only after Load.
func TestConcurrentUse(t *testing.T) {
	c := mustLoad(t)
	for _, tag := range []string{"ar", "ru", "en"} {
		t.Run(tag, func(t *testing.T) {
			t.Parallel()
			for n := range 200 {
				_ = c.N(tag, "count.articles", n, "x")
				_ = c.T(tag, "article.by", "name", "x")
			}
		})
	}
}
