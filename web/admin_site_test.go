package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/auth"
)

// settingsForm is a complete, valid settings form with the given site name
// in English.
func settingsForm(name, zone string) url.Values {
	return url.Values{
		"site_name.ar": {"مجموعة الحوار"}, "site_name.ru": {"Группа «Диалог»"}, "site_name.en": {name},
		"tagline.en": {"News in three languages"},
		"languages":  {"ar", "ru", "en"},
		"order.ar":   {"1"}, "order.ru": {"2"}, "order.en": {"3"},
		"default_lang": {"en"}, "arabic_digits": {"arab"}, "arabic_months": {"both"},
		"hijri_langs": {"ar", "en"}, "time_zone": {zone}, "slug_style": {"native"},
	}
}

// signedIn makes a user of the role and a browser logged in as them.
func (s *site) signedIn(login string, role khabar.Role, langs ...string) (*khabar.User, *browser) {
	s.t.Helper()
	u := s.newsroomUser(login, role, langs...)
	b := s.browser()
	if r := b.login(login, "correct horse battery"); r.status != http.StatusSeeOther {
		s.t.Fatalf("login %s = %d", login, r.status)
	}
	return u, b
}

func TestSitePermissions(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	// Each check reports whether the POST of that row left a trace.
	type page struct {
		name    string
		get     string
		post    string
		form    func(role string) url.Values
		changed func(role string) bool
		allowed map[khabar.Role]bool
	}
	staff := map[khabar.Role]bool{khabar.RoleAdmin: true, khabar.RoleEditor: true}
	admins := map[khabar.Role]bool{khabar.RoleAdmin: true}
	pages := []page{
		{"sections", "/admin/sections", "/admin/sections",
			func(role string) url.Values {
				return url.Values{"name.en": {"Section " + role}, "slug": {"sec-" + role}}
			},
			func(role string) bool { _, err := s.store.SectionBySlug(ctx, "sec-"+role); return err == nil }, staff},
		{"tags", "/admin/tags", "/admin/tags",
			func(role string) url.Values { return url.Values{"name.en": {"Tag " + role}, "slug": {"tag-" + role}} },
			func(role string) bool { _, err := s.store.TagBySlug(ctx, "tag-"+role); return err == nil }, staff},
		{"sources", "/admin/sources", "/admin/sources",
			func(role string) url.Values {
				return url.Values{"name.en": {"Source " + role}, "url": {"https://example.org"}}
			},
			func(role string) bool {
				all, _ := s.store.Sources(ctx)
				for _, src := range all {
					if src.Names["en"] == "Source "+role {
						return true
					}
				}
				return false
			}, staff},
		{"pages", "/admin/pages", "/admin/pages",
			func(role string) url.Values {
				return url.Values{"key": {"page-" + role}, "title.en": {"Page " + role}, "slug.en": {"page-" + role}, "body.en": {"<p>x</p>"}}
			},
			func(role string) bool { _, err := s.store.PageBySlug(ctx, "en", "page-"+role); return err == nil }, staff},
		{"users", "/admin/users", "/admin/users",
			func(role string) url.Values {
				return url.Values{"login": {"made-by-" + role}, "name.en": {"Made"}, "role": {"author"}, "password": {"a long enough password"}}
			},
			func(role string) bool { _, err := s.store.UserByLogin(ctx, "made-by-"+role); return err == nil }, admins},
		{"settings", "/admin/settings", "/admin/settings",
			func(role string) url.Values { return settingsForm("Renamed by "+role, "Asia/Riyadh") },
			func(role string) bool { st, _ := s.store.Settings(ctx); return st.SiteName["en"] == "Renamed by "+role }, admins},
		{"lexicon", "/admin/lexicon", "/admin/lexicon",
			func(role string) url.Values {
				return url.Values{"lang": {"en"}, "class": {"name"}, "words": {"Name" + role}}
			},
			func(role string) bool {
				all, _ := s.store.SearchLexicon(ctx)
				for _, e := range all {
					if e.Words[0] == "Name"+role {
						return true
					}
				}
				return false
			}, staff},
		{"audit", "/admin/audit", "", nil, nil, staff},
	}
	for _, role := range []khabar.Role{khabar.RoleAdmin, khabar.RoleEditor, khabar.RoleAuthor, khabar.RoleTranslator} {
		_, b := s.signedIn("as-"+string(role), role, "ru")
		for _, p := range pages {
			t.Run(string(role)+"/"+p.name, func(t *testing.T) {
				ok := p.allowed[role]
				r := b.do("GET", p.get, nil)
				if ok && r.status != http.StatusOK || !ok && r.status != http.StatusForbidden {
					t.Errorf("GET %s = %d, allowed=%v", p.get, r.status, ok)
				}
				if p.post == "" {
					return
				}
				r = b.do("POST", p.post, p.form(string(role)))
				if ok && r.status != http.StatusSeeOther || !ok && r.status != http.StatusForbidden {
					t.Errorf("POST %s = %d, allowed=%v\n%.400s", p.post, r.status, ok, r.body)
				}
				if got := p.changed(string(role)); got != ok {
					t.Errorf("POST %s as %s: changed=%v, want %v", p.post, role, got, ok)
				}
			})
		}
		// Everyone has their own account page.
		if r := b.do("GET", "/admin/account", nil); r.status != http.StatusOK {
			t.Errorf("%s: GET /admin/account = %d", role, r.status)
		}
	}
}

func TestSiteSettings(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	_, b := s.signedIn("root", khabar.RoleAdmin)
	before, err := s.store.Settings(ctx)
	s.must(err)

	// A wrong time zone: the form comes back as typed, with the error, and
	// nothing is saved.
	r := b.do("POST", "/admin/settings", settingsForm("Typed «Name»", "Mars/Olympus"))
	if r.status != http.StatusBadRequest {
		t.Fatalf("invalid settings = %d, want 400", r.status)
	}
	for _, want := range []string{`value="Typed «Name»"`, `value="Mars/Olympus"`, "Unknown time zone", `value="both" checked`} {
		if !strings.Contains(html.UnescapeString(r.body), want) {
			t.Errorf("the re-rendered form lacks %q", want)
		}
	}
	after, err := s.store.Settings(ctx)
	s.must(err)
	if after.SiteName["en"] != before.SiteName["en"] || after.TimeZone != before.TimeZone || after.ArabicMonths != before.ArabicMonths {
		t.Fatalf("invalid settings were saved: %+v", after)
	}

	// No language at all is refused too.
	form := settingsForm("X", "UTC")
	form.Del("languages")
	if r := b.do("POST", "/admin/settings", form); r.status != http.StatusBadRequest || !strings.Contains(r.body, "at least one language") {
		t.Errorf("no languages = %d", r.status)
	}

	// A valid change is saved and the public site shows it.
	r = b.do("POST", "/admin/settings", settingsForm("Dialogue Daily", "Asia/Riyadh"))
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/admin/settings?done=mng.saved" {
		t.Fatalf("save = %d %q\n%.500s", r.status, r.header.Get("Location"), r.body)
	}
	after, err = s.store.Settings(ctx)
	s.must(err)
	if after.SiteName["en"] != "Dialogue Daily" || after.TimeZone != "Asia/Riyadh" || after.ArabicMonths != "both" || strings.Join(after.HijriLangs, ",") != "ar,en" {
		t.Fatalf("saved settings = %+v", after)
	}
	if home := s.page("/en/"); !strings.Contains(home.body, "Dialogue Daily") {
		t.Error("the public site does not show the new name")
	}
	// The Hijri date shows on the pages of the languages ticked, only.
	for lang, want := range map[string]bool{"ar": true, "en": true, "ru": false} {
		if got := strings.Contains(s.page("/"+lang+"/").body, `class="hijri"`); got != want {
			t.Errorf("/%s/ shows the Hijri date: %v, want %v", lang, got, want)
		}
	}
	if r := b.do("GET", "/admin/settings?done=mng.saved", nil); !strings.Contains(r.body, "Saved.") {
		t.Error("no notice after saving")
	}

	// The order of the languages follows the numbers.
	form = settingsForm("Dialogue Daily", "UTC")
	form.Set("order.en", "0")
	b.do("POST", "/admin/settings", form)
	after, _ = s.store.Settings(ctx)
	if strings.Join(after.Languages, ",") != "en,ar,ru" {
		t.Errorf("languages = %v, want en,ar,ru", after.Languages)
	}
}

func TestSiteSections(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	_, b := s.signedIn("ed", khabar.RoleEditor)

	r := b.do("POST", "/admin/sections", url.Values{"name.ar": {"ثقافة"}, "name.ru": {"Культура"}, "name.en": {"Culture"}, "slug": {"culture"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("create = %d\n%.500s", r.status, r.body)
	}
	sec, err := s.store.SectionBySlug(ctx, "culture")
	s.must(err)
	if sec.Position != 3 {
		t.Errorf("a new section goes last: position %d", sec.Position)
	}
	if home := s.page("/ru/"); !strings.Contains(home.body, `href="/ru/section/culture"`) || !strings.Contains(home.body, "Культура") {
		t.Error("the new section is not in the Russian menu")
	}

	// Edit: the new name reaches the menu.
	r = b.do("POST", "/admin/sections/"+itoa(int(sec.ID)), url.Values{"name.ar": {"ثقافة وفنون"}, "name.ru": {"Культура"}, "name.en": {"Arts"}, "slug": {"culture"}, "position": {"3"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("edit = %d", r.status)
	}
	if home := s.page("/ar/"); !strings.Contains(home.body, "ثقافة وفنون") {
		t.Error("the edited name is not in the Arabic menu")
	}

	// Move it to the top.
	for range 2 {
		if r := b.do("POST", "/admin/sections/"+itoa(int(sec.ID))+"/move", url.Values{"by": {"-1"}}); r.status != http.StatusSeeOther {
			t.Fatalf("move = %d", r.status)
		}
	}
	list, _ := s.store.Sections(ctx)
	if list[0].Slug != "culture" {
		t.Errorf("after two moves up the order is %s, %s, %s", list[0].Slug, list[1].Slug, list[2].Slug)
	}

	// A bad slug comes back with the error and the typed names.
	r = b.do("POST", "/admin/sections", url.Values{"name.en": {"Sport"}, "slug": {"politics"}})
	if r.status != http.StatusBadRequest || !strings.Contains(r.body, `value="Sport"`) || !strings.Contains(r.body, "form-error") {
		t.Errorf("duplicate slug = %d", r.status)
	}
	// No name in any language.
	if r := b.do("POST", "/admin/sections", url.Values{"slug": {"nameless"}}); r.status != http.StatusBadRequest {
		t.Errorf("nameless section = %d", r.status)
	}
	// The list shows every section with its names per language.
	r = b.do("GET", "/admin/sections", nil)
	if !strings.Contains(r.body, `lang="ar" dir="rtl">ثقافة وفنون`) || !strings.Contains(r.body, "Economy") {
		t.Error("the list lacks names")
	}

	// Tags list their story counts; a tag can be renamed.
	r = b.do("GET", "/admin/tags", nil)
	if r.status != http.StatusOK || !strings.Contains(r.body, "2 stories") {
		t.Errorf("tags list = %d; want the putin tag with 2 stories", r.status)
	}
	putin, _ := s.store.TagBySlug(ctx, "putin")
	if r := b.do("POST", "/admin/tags/"+itoa(int(putin.ID)), url.Values{"name.en": {"Vladimir Putin"}, "name.ru": {"Путин"}, "name.ar": {"بوتين"}, "slug": {"putin"}}); r.status != http.StatusSeeOther {
		t.Fatalf("tag edit = %d", r.status)
	}
	if got, _ := s.store.TagBySlug(ctx, "putin"); got.Names["en"] != "Vladimir Putin" {
		t.Errorf("tag name = %q", got.Names["en"])
	}

	// Sources: a web address must be one.
	if r := b.do("POST", "/admin/sources", url.Values{"name.en": {"Reuters"}, "url": {"javascript:alert(1)"}}); r.status != http.StatusBadRequest {
		t.Errorf("a javascript: source URL = %d", r.status)
	}
	if r := b.do("POST", "/admin/sources", url.Values{"name.en": {"Reuters"}, "url": {"https://reuters.com"}}); r.status != http.StatusSeeOther {
		t.Errorf("source = %d", r.status)
	}
}

func TestSitePages(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	_, b := s.signedIn("ed", khabar.RoleEditor)
	about, err := s.store.PageBySlug(ctx, "en", "about")
	s.must(err)
	id := itoa(int(about.ID))

	form := url.Values{"key": {"about"}, "position": {"1"},
		"title.ar": {"عن المجموعة"}, "slug.ar": {"عن-المجموعة"}, "body.ar": {"<p>من نحن.</p>"},
		"title.ru": {"О группе"}, "slug.ru": {"o-gruppe"}, "body.ru": {"<p>Кто мы.</p>"},
		"title.en": {"About us"}, "slug.en": {"about"}, "body.en": {`<p onclick="x()">We report.</p><script>alert(1)</script>`}}
	r := b.do("POST", "/admin/pages/"+id, form)
	if r.status != http.StatusSeeOther {
		t.Fatalf("save = %d\n%.500s", r.status, r.body)
	}
	pub := s.page("/en/page/about")
	if !strings.Contains(pub.body, "About us") || !strings.Contains(pub.body, "We report.") {
		t.Error("the public page does not show the edit")
	}
	if strings.Contains(pub.body, "alert(1)") || strings.Contains(pub.body, "onclick") {
		t.Error("the body was not cleaned")
	}

	// A second page goes after the first in the footer, and can move up.
	r = b.do("POST", "/admin/pages", url.Values{"title.en": {"Contact"}, "body.en": {"<p>Write to us.</p>"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("new page = %d\n%.500s", r.status, r.body)
	}
	contact, err := s.store.PageBySlug(ctx, "en", "contact")
	s.must(err)
	if contact.Key != "contact" || contact.Position != 2 {
		t.Errorf("new page key %q position %d", contact.Key, contact.Position)
	}
	b.do("POST", "/admin/pages/"+itoa(int(contact.ID))+"/move", url.Values{"by": {"-1"}})
	home := s.page("/en/")
	if i, j := strings.Index(home.body, "/en/page/contact"), strings.Index(home.body, "/en/page/about"); i < 0 || j < 0 || i > j {
		t.Errorf("footer order: contact at %d, about at %d", i, j)
	}

	// A body without a title is refused, with the typed text kept.
	r = b.do("POST", "/admin/pages", url.Values{"key": {"faq"}, "body.ru": {"<p>Вопросы</p>"}})
	if r.status != http.StatusBadRequest || !strings.Contains(r.body, "Вопросы") {
		t.Errorf("untitled page = %d", r.status)
	}
	if r := b.do("GET", "/admin/pages", nil); !strings.Contains(r.body, "footer") {
		t.Error("the pages list does not explain the footer menu")
	}
}

func TestSiteUsers(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	_, admin := s.signedIn("root", khabar.RoleAdmin)

	// A weak password is refused and nothing is created.
	r := admin.do("POST", "/admin/users", url.Values{"login": {"layla"}, "name.en": {"Layla"}, "role": {"translator"}, "password": {"short"}})
	if r.status != http.StatusBadRequest || !strings.Contains(r.body, "at least 10 characters") || !strings.Contains(r.body, `value="layla"`) {
		t.Fatalf("weak password = %d", r.status)
	}
	if _, err := s.store.UserByLogin(ctx, "layla"); !khabar.IsNotFound(err) {
		t.Fatal("a user with a weak password was created")
	}
	r = admin.do("POST", "/admin/users", url.Values{"login": {"layla"}, "name.en": {"Layla Haddad"}, "name.ar": {"ليلى حداد"},
		"role": {"translator"}, "languages": {"ru", "en"}, "email": {"layla@example.org"}, "password": {"a long enough password"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("create = %d\n%.500s", r.status, r.body)
	}
	layla, err := s.store.UserByLogin(ctx, "layla")
	s.must(err)
	if layla.Role != khabar.RoleTranslator || strings.Join(layla.Languages, ",") != "ru,en" || layla.Slug != "layla" || layla.Names["ar"] != "ليلى حداد" {
		t.Fatalf("created user = %+v", layla)
	}
	list := admin.do("GET", "/admin/users", nil)
	if !strings.Contains(list.body, "Layla Haddad") || !strings.Contains(list.body, "translator") {
		t.Error("the list lacks the new user")
	}

	// Layla logs in; disabling her ends that session at once.
	lb := s.browser()
	if r := lb.login("layla", "a long enough password"); r.status != http.StatusSeeOther {
		t.Fatalf("new user login = %d", r.status)
	}
	id := itoa(int(layla.ID))
	if r := admin.do("POST", "/admin/users/"+id+"/disable", url.Values{}); r.status != http.StatusSeeOther {
		t.Fatalf("disable = %d", r.status)
	}
	if r := lb.do("GET", "/admin/", nil); r.status != http.StatusSeeOther {
		t.Errorf("a disabled user's session still works: %d", r.status)
	}
	if r := lb.login("layla", "a long enough password"); r.status != http.StatusUnauthorized {
		t.Errorf("a disabled user logged in: %d", r.status)
	}
	// (Logins are rate-limited per address, so the rest is checked in the store.)
	admin.do("POST", "/admin/users/"+id+"/enable", url.Values{})
	if got, _ := s.store.User(ctx, layla.ID); got.Disabled {
		t.Error("enabling did not enable")
	}
	lb.login("layla", "a long enough password")

	// Edit: role and names.
	r = admin.do("POST", "/admin/users/"+id, url.Values{"name.en": {"Layla H."}, "role": {"editor"}, "slug": {"layla"}, "bio.en": {"Desk editor."}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("edit = %d\n%.500s", r.status, r.body)
	}
	layla, _ = s.store.User(ctx, layla.ID)
	if layla.Role != khabar.RoleEditor || layla.Names["en"] != "Layla H." || layla.Bio["en"] != "Desk editor." || layla.Names["ar"] != "ليلى حداد" {
		t.Errorf("edited user = %+v", layla)
	}

	// Reset with a generated password: shown once, the old one stops working,
	// and her session ends.
	r = admin.do("POST", "/admin/users/"+id+"/password", url.Values{"password": {""}})
	m := regexp.MustCompile(`<code dir="ltr" class="site-big">([A-Za-z0-9]{16})</code>`).FindStringSubmatch(r.body)
	if r.status != http.StatusOK || m == nil {
		t.Fatalf("reset = %d, no generated password shown", r.status)
	}
	if r := lb.do("GET", "/admin/", nil); r.status != http.StatusSeeOther {
		t.Error("the session survived a password reset")
	}
	if got, _ := s.store.User(ctx, layla.ID); auth.Verify("a long enough password", got.PasswordHash) == nil {
		t.Error("the old password still works")
	}
	if r := s.browser().login("layla", m[1]); r.status != http.StatusSeeOther {
		t.Error("the generated password does not work")
	}

	// An administrator cannot disable themselves or change their own role.
	root, _ := s.store.UserByLogin(ctx, "root")
	if r := admin.do("POST", "/admin/users/"+itoa(int(root.ID))+"/disable", url.Values{}); r.status != http.StatusBadRequest {
		t.Errorf("self-disable = %d", r.status)
	}
	if r := admin.do("POST", "/admin/users/"+itoa(int(root.ID)), url.Values{"name.en": {"root"}, "role": {"author"}}); r.status != http.StatusBadRequest {
		t.Errorf("self-demotion = %d", r.status)
	}
	if root, _ = s.store.UserByLogin(ctx, "root"); root.Disabled || root.Role != khabar.RoleAdmin {
		t.Errorf("root = %+v", root)
	}
	if r := admin.do("GET", "/admin/users/999", nil); r.status != http.StatusNotFound {
		t.Errorf("unknown user = %d", r.status)
	}
}

var secretRE = regexp.MustCompile(`name="secret" value="([A-Z2-7]{32})"`)

func TestSiteTwoStep(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	u, b := s.signedIn("omar", khabar.RoleAuthor)

	r := b.do("GET", "/admin/account/two-step", nil)
	m := secretRE.FindStringSubmatch(r.body)
	if r.status != http.StatusOK || m == nil || !strings.Contains(r.body, "otpauth://totp/") {
		t.Fatalf("setup page = %d, secret found: %v", r.status, m != nil)
	}
	secret := m[1]
	// A wrong code saves nothing and keeps the same secret on the page.
	r = b.do("POST", "/admin/account/two-step", url.Values{"secret": {secret}, "code": {"000000"}})
	if r.status != http.StatusBadRequest || !strings.Contains(r.body, secret) {
		t.Fatalf("wrong code = %d", r.status)
	}
	if got, _ := s.store.User(ctx, u.ID); got.TOTPSecret != "" {
		t.Fatal("the secret was saved without a valid code")
	}
	code, err := auth.TOTPCode(secret, time.Now())
	s.must(err)
	if r := b.do("POST", "/admin/account/two-step", url.Values{"secret": {secret}, "code": {code}}); r.status != http.StatusSeeOther {
		t.Fatalf("valid code = %d", r.status)
	}
	if got, _ := s.store.User(ctx, u.ID); got.TOTPSecret != secret {
		t.Fatal("the secret was not saved")
	}
	// Logging in now needs the code.
	if r := s.browser().login("omar", "correct horse battery"); r.status != http.StatusUnauthorized {
		t.Errorf("login without a code = %d", r.status)
	}
	// Turning it off needs the password.
	if r := b.do("POST", "/admin/account/two-step/off", url.Values{"current": {"wrong"}}); r.status != http.StatusBadRequest {
		t.Errorf("off with a wrong password = %d", r.status)
	}
	if r := b.do("POST", "/admin/account/two-step/off", url.Values{"current": {"correct horse battery"}}); r.status != http.StatusSeeOther {
		t.Errorf("off = %d", r.status)
	}
	if got, _ := s.store.User(ctx, u.ID); got.TOTPSecret != "" {
		t.Error("two-step login is still on")
	}

	// An administrator sets it up for someone else the same way.
	_, admin := s.signedIn("root", khabar.RoleAdmin)
	id := itoa(int(u.ID))
	r = admin.do("GET", "/admin/users/"+id+"/two-step", nil)
	m = secretRE.FindStringSubmatch(r.body)
	if m == nil {
		t.Fatalf("admin setup page = %d", r.status)
	}
	if r := admin.do("POST", "/admin/users/"+id+"/two-step", url.Values{"secret": {"NOTASECRET"}, "code": {"123456"}}); r.status != http.StatusBadRequest {
		t.Errorf("a forged secret = %d", r.status)
	}
	code, _ = auth.TOTPCode(m[1], time.Now())
	if r := admin.do("POST", "/admin/users/"+id+"/two-step", url.Values{"secret": {m[1]}, "code": {code}}); r.status != http.StatusSeeOther {
		t.Fatalf("admin confirm = %d", r.status)
	}
	if r := admin.do("GET", "/admin/users", nil); !strings.Contains(r.body, `status-published">on`) {
		t.Error("the list does not show two-step login on")
	}
	admin.do("POST", "/admin/users/"+id+"/two-step/off", url.Values{})
	if got, _ := s.store.User(ctx, u.ID); got.TOTPSecret != "" {
		t.Error("the administrator could not turn it off")
	}
}

func TestSiteAccountPassword(t *testing.T) {
	s := newSite(t)
	_, b := s.signedIn("nadia", khabar.RoleEditor)
	other := s.browser()
	other.login("nadia", "correct horse battery")

	if r := b.do("POST", "/admin/account/password", url.Values{"current": {"nope"}, "password": {"a brand new password"}, "repeat": {"a brand new password"}}); r.status != http.StatusBadRequest {
		t.Errorf("wrong current password = %d", r.status)
	}
	if r := b.do("POST", "/admin/account/password", url.Values{"current": {"correct horse battery"}, "password": {"a brand new password"}, "repeat": {"a different one!!"}}); r.status != http.StatusBadRequest {
		t.Errorf("mismatched repeat = %d", r.status)
	}
	r := b.do("POST", "/admin/account/password", url.Values{"current": {"correct horse battery"}, "password": {"a brand new password"}, "repeat": {"a brand new password"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("change = %d\n%.400s", r.status, r.body)
	}
	if r := b.do("GET", "/admin/account", nil); r.status != http.StatusOK || !strings.Contains(r.body, "Log out everywhere") {
		t.Errorf("this browser lost its session: %d", r.status)
	}
	if r := other.do("GET", "/admin/", nil); r.status != http.StatusSeeOther {
		t.Error("the other session survived a password change")
	}
	if r := s.browser().login("nadia", "a brand new password"); r.status != http.StatusSeeOther {
		t.Error("the new password does not work")
	}
}

func TestSiteAudit(t *testing.T) {
	s := newSite(t)
	_, admin := s.signedIn("root", khabar.RoleAdmin)
	admin.do("POST", "/admin/sections", url.Values{"name.en": {"Culture"}, "slug": {"culture"}})
	admin.do("POST", "/admin/settings", settingsForm("Audited", "UTC"))
	admin.do("POST", "/admin/users", url.Values{"login": {"newbie"}, "name.en": {"Newbie"}, "role": {"author"}, "password": {"a long enough password"}})
	s.must(s.store.Audit(context.Background(), &khabar.AuditEntry{Action: "version.published", Object: "story/" + itoa(int(s.ids["summit"])) + "/ar"}))

	r := admin.do("GET", "/admin/audit", nil)
	if r.status != http.StatusOK {
		t.Fatalf("audit = %d", r.status)
	}
	for _, want := range []string{"section created", "settings saved", "user created", "logged in", "published",
		`href="/admin/stories/` + itoa(int(s.ids["summit"])) + `/ar"`, `href="/admin/settings"`, ">root<", "system"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the audit log lacks %q", want)
		}
	}
	table := strings.Join(auditRows(t, r.body), "\n")
	if i, j := strings.Index(table, "user created"), strings.Index(table, "section created"); i > j {
		t.Error("the audit log is not newest first")
	}
	r = admin.do("GET", "/admin/audit?object=section/", nil)
	if table := strings.Join(auditRows(t, r.body), "\n"); !strings.Contains(table, "section created") || strings.Contains(table, "settings saved") {
		t.Error("the object filter does not filter")
	}
	// The Arabic interface translates the actions.
	admin.do("POST", "/admin/ui-language", url.Values{"lang": {"ar"}, "next": {"/admin/audit"}})
	if r := admin.do("GET", "/admin/audit", nil); !strings.Contains(r.body, "إنشاء قسم") || !strings.Contains(r.body, `dir="rtl"`) {
		t.Error("the audit log is not in Arabic")
	}
}
