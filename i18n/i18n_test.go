package i18n

import (
	"regexp"
	"slices"
	"testing"
	"unicode"

	"github.com/khabarnews/khabar/lang"
)

// mustLoad loads the embedded catalogues or fails the test.
func mustLoad(tb testing.TB) *Catalog {
	tb.Helper()
	c, err := Load()
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return c
}

// sameInEveryLanguage lists keys whose value may equal the English one:
// brand and format names, and templates made only of placeholders.
var sameInEveryLanguage = map[string]bool{
	"footer.rss":    true,
	"footer.atom":   true,
	"footer.json":   true,
	"section.title": true,
	"feed.title":    true,
}

// scripts says which letters a catalogue's values must contain.
var scripts = map[string]*unicode.RangeTable{
	"ar": unicode.Arabic,
	"ru": unicode.Cyrillic,
	"en": unicode.Latin,
}

var placeholderRE = regexp.MustCompile(`\{[^{}]*\}`)

// placeholders returns the set of {name} placeholders in s.
func placeholders(s string) map[string]bool {
	set := make(map[string]bool)
	for _, p := range placeholderRE.FindAllString(s, -1) {
		set[p] = true
	}
	return set
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func subset(a, b map[string]bool) bool {
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func hasLetterOf(s string, table *unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && unicode.Is(table, r) {
			return true
		}
	}
	return false
}

func TestLanguages(t *testing.T) {
	c := mustLoad(t)
	if got, want := c.Languages(), []string{"ar", "en", "ru"}; !slices.Equal(got, want) {
		t.Errorf("Languages() = %v, want %v", got, want)
	}
	for _, tag := range c.Languages() {
		if _, ok := lang.Lookup(tag); !ok {
			t.Errorf("catalogue %s.json is for a language lang.Lookup does not know", tag)
		}
		if _, ok := scripts[tag]; !ok {
			t.Errorf("catalogue %s.json has no script check in this test; add one", tag)
		}
	}
}

// TestParityKeys: every language has exactly the keys of the English
// catalogue, and each key is plural in all of them or in none.
func TestParityKeys(t *testing.T) {
	c := mustLoad(t)
	ref := c.langs[Reference]
	for _, tag := range c.Languages() {
		t.Run(tag, func(t *testing.T) {
			cat := c.langs[tag]
			for key, want := range ref {
				got, ok := cat[key]
				switch {
				case !ok:
					t.Errorf("%s.json lacks key %q", tag, key)
				case got.plural != want.plural:
					t.Errorf("%s.json: key %q plural=%v, English plural=%v", tag, key, got.plural, want.plural)
				}
			}
			for key := range cat {
				if _, ok := ref[key]; !ok {
					t.Errorf("%s.json has key %q that en.json lacks", tag, key)
				}
			}
		})
	}
}

// TestParityPluralForms: every plural key has exactly the CLDR forms its
// language needs, no fewer (a reader would see the wrong grammar) and no
// more (a translator wasted effort, or picked the wrong language's rules).
func TestParityPluralForms(t *testing.T) {
	c := mustLoad(t)
	for _, tag := range c.Languages() {
		want := lang.PluralForms(tag)
		t.Run(tag, func(t *testing.T) {
			for key, e := range c.langs[tag] {
				if !e.plural {
					continue
				}
				var got []lang.Plural
				for p := range e.forms {
					got = append(got, p)
				}
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("%s.json: key %q has forms %v, want %v", tag, key, got, want)
				}
			}
		})
	}
}

// TestParityPlaceholders: a translation uses the same placeholders as the
// English string, or the filled-in value silently disappears. A plural form
// may drop {n} where the language spells the number out ("مقالتان"), but
// the "other" form must keep the full set.
func TestParityPlaceholders(t *testing.T) {
	c := mustLoad(t)
	ref := c.langs[Reference]
	for _, tag := range c.Languages() {
		t.Run(tag, func(t *testing.T) {
			for key, e := range c.langs[tag] {
				r, ok := ref[key]
				if !ok {
					continue // reported by TestParityKeys
				}
				want := placeholders(r.text)
				for _, f := range r.forms {
					for p := range placeholders(f) {
						want[p] = true
					}
				}
				if got := placeholders(e.text); !sameSet(got, want) {
					t.Errorf("%s.json: key %q has placeholders %v, English has %v", tag, key, got, want)
				}
				for p, f := range e.forms {
					if got := placeholders(f); !subset(got, want) {
						t.Errorf("%s.json: key %q form %v has placeholders %v, English has %v", tag, key, p, got, want)
					}
				}
			}
		})
	}
}

// TestParityPlaceholderSyntax catches typos such as "{name" or "{ name }"
// that the set comparison would treat as text.
func TestParityPlaceholderSyntax(t *testing.T) {
	c := mustLoad(t)
	valid := regexp.MustCompile(`^\{[a-z][a-z_]*\}$`)
	for _, tag := range c.Languages() {
		for key, e := range c.langs[tag] {
			values := []string{e.text}
			for _, f := range e.forms {
				values = append(values, f)
			}
			for _, v := range values {
				for _, p := range placeholderRE.FindAllString(v, -1) {
					if !valid.MatchString(p) {
						t.Errorf("%s.json: key %q has malformed placeholder %q", tag, key, p)
					}
				}
				stripped := placeholderRE.ReplaceAllString(v, "")
				if slices.Contains([]rune(stripped), '{') || slices.Contains([]rune(stripped), '}') {
					t.Errorf("%s.json: key %q has an unbalanced brace in %q", tag, key, v)
				}
			}
		}
	}
}

// TestParityTranslated: Arabic and Russian values differ from English (an
// untranslated copy is the commonest catalogue bug) and are written in
// their script, except for the allow-listed keys.
func TestParityTranslated(t *testing.T) {
	c := mustLoad(t)
	ref := c.langs[Reference]
	for _, tag := range c.Languages() {
		t.Run(tag, func(t *testing.T) {
			for key, e := range c.langs[tag] {
				if sameInEveryLanguage[key] {
					continue
				}
				values := []string{e.text}
				for _, f := range e.forms {
					values = append(values, f)
				}
				for _, v := range values {
					if v == "" {
						t.Errorf("%s.json: key %q has an empty value", tag, key)
					}
					if !hasLetterOf(v, scripts[tag]) {
						t.Errorf("%s.json: key %q = %q has no letters of the %s script", tag, key, v, tag)
					}
				}
				if tag != Reference && e.text == ref[key].text {
					t.Errorf("%s.json: key %q = %q is the English text; translate it or allow-list it", tag, key, e.text)
				}
			}
		})
	}
}

// TestPublicSiteKeys pins the keys the templates rely on, so a key cannot
// vanish from every catalogue at once without a test noticing.
func TestPublicSiteKeys(t *testing.T) {
	c := mustLoad(t)
	keys := []string{
		"site.skip", "nav.home", "nav.sections", "nav.menu", "nav.languages",
		"lang.switch.to", "lang.switch.missing", "lang.missing.mark",
		"search.label", "search.placeholder", "search.button",
		"front.lead", "front.latest", "front.more_in",
		"article.published", "article.updated", "article.by", "article.source", "article.photo",
		"article.tags", "article.related", "article.prev", "article.next", "article.share",
		"article.translations", "section.title", "tag.title", "tag.heading", "author.title",
		"archive.title", "archive.day", "archive.month", "archive.year", "archive.empty",
		"list.empty", "pager.label", "pager.prev", "pager.next", "pager.page",
		"count.articles", "count.minutes",
		"notfound.title", "notfound.body", "notfound.home", "error.title", "error.body",
		"footer.about", "footer.feeds", "footer.rights", "footer.rss", "footer.atom", "footer.json",
		"feed.title", "page.about", "hijri.label", "lead.image", "sections.all", "latest.title", "more",
		"admin.login", "admin.logout", "admin.dashboard", "admin.stories", "admin.save",
		"admin.username", "admin.password",
	}
	have := c.Keys(Reference)
	for _, k := range keys {
		if !slices.Contains(have, k) {
			t.Errorf("en.json lacks %q", k)
		}
	}
	for _, k := range []string{"count.articles", "count.minutes"} {
		if !c.langs[Reference][k].plural {
			t.Errorf("%q must be a plural key", k)
		}
	}
}
