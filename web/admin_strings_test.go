package web_test

import (
	"strings"
	"testing"

	"github.com/khabarnews/khabar"
)

// TestNewsroomNamesLanguagesInItsOwnLanguage: the newsroom names content
// languages in the interface language ("Translate into Russian", not
// "Translate into Русский"), keeps native names only in the menu of
// interface languages, and points its arrows along the reading direction.
func TestNewsroomNamesLanguagesInItsOwnLanguage(t *testing.T) {
	s := newSite(t)
	s.newsroomUser("nadia", khabar.RoleEditor)
	id := s.ids["column"] // Arabic only

	cases := []struct {
		ui              string
		want, dontWant  []string
		forward, crumbs string
	}{
		{ui: "en", want: []string{"Translate into Russian", "Translate into English", "> Arabic\n"},
			dontWant: []string{"Translate into Русский", "Translate into English\u200f", "Translate into العربية"}},
		{ui: "ru", want: []string{"Перевести на английский", "Перевести на русский"},
			dontWant: []string{"Русский</button>", "English</button>"}},
		{ui: "ar", want: []string{"ترجمة إلى الروسية", "ترجمة إلى الإنجليزية"},
			dontWant: []string{"ترجمة إلى Русский", "ترجمة إلى English"}},
	}
	for _, c := range cases {
		t.Run(c.ui, func(t *testing.T) {
			b := s.signIn("nadia", c.ui)
			page := b.do("GET", storyPath(id, "ar"), nil).want(t, 200, "the editor of an Arabic story").body
			for _, w := range c.want {
				if !strings.Contains(page, w) {
					t.Errorf("the %s editor does not say %q", c.ui, w)
				}
			}
			for _, w := range c.dontWant {
				if strings.Contains(page, w) {
					t.Errorf("the %s editor says %q", c.ui, w)
				}
			}
			// The menu of interface languages names each in itself.
			for _, native := range []string{`lang="ar">العربية</option>`, `lang="ru">Русский</option>`, `lang="en">English</option>`} {
				if !strings.Contains(page, native) && !strings.Contains(page, strings.Replace(native, `">`, `" selected>`, 1)) {
					t.Errorf("the %s interface-language menu has no %s", c.ui, native)
				}
			}
		})
	}

	ar := s.signIn("nadia", "ar")
	dash := ar.do("GET", "/admin/", nil).want(t, 200, "the Arabic dashboard").body
	if !strings.Contains(dash, "الترجمات ←") || strings.Contains(dash, "الترجمات →") {
		t.Error("the Arabic dashboard's link to the translations does not point along the reading direction (الترجمات ←)")
	}
	// A system save (the fixture's stories are imported) in Arabic is the
	// system's, not «خبر» ("news").
	revs := ar.do("GET", storyPath(id, "ar")+"/revisions", nil).want(t, 200, "the Arabic revisions page").body
	if !strings.Contains(revs, "النظام (تلقائيًا)") || strings.Contains(revs, "خبر (تلقائياً)") {
		t.Error("the Arabic revisions page does not credit the system as «النظام (تلقائيًا)»")
	}
	// The interface language is the user's: signing in again in English
	// changes it for every browser.
	en := s.signIn("nadia", "en")
	if dash := en.do("GET", "/admin/", nil).body; !strings.Contains(dash, "Translations →") {
		t.Error("the English dashboard's link to the translations is not «Translations →»")
	}
}
