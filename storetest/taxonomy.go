package storetest

import (
	"slices"
	"testing"

	"github.com/khabarnews/khabar"
)

func testSections(t *testing.T, open Opener) {
	s := open(t, newClock().Now)
	politics := &khabar.Section{Slug: "politics", Names: khabar.Text{"ar": "سياسة", "ru": "Политика", "en": "Politics"}, Position: 2}
	economy := &khabar.Section{Slug: "economy", Names: khabar.Text{"ar": "اقتصاد", "en": "Economy"}, Position: 1}
	must(t, s.CreateSection(ctx, politics))
	must(t, s.CreateSection(ctx, economy))
	if politics.ID == 0 || economy.ID == politics.ID {
		t.Fatalf("ids not set: %d %d", politics.ID, economy.ID)
	}
	wantCode(t, s.CreateSection(ctx, &khabar.Section{Slug: "politics", Names: khabar.Text{"en": "Dup"}}), khabar.EInvalid)
	wantCode(t, s.CreateSection(ctx, &khabar.Section{Slug: "empty", Names: khabar.Text{}}), khabar.EInvalid)
	wantCode(t, s.CreateSection(ctx, &khabar.Section{Slug: "a/b", Names: khabar.Text{"en": "Slash"}}), khabar.EInvalid)

	list, err := s.Sections(ctx)
	must(t, err)
	if len(list) != 2 || list[0].Slug != "economy" || list[1].Names["ar"] != "سياسة" {
		t.Fatalf("sections = %+v, want economy then politics", list)
	}
	politics.Names["ru"] = "Политика и общество"
	must(t, s.UpdateSection(ctx, politics))
	got, err := s.SectionBySlug(ctx, "politics")
	must(t, err)
	if got.Names["ru"] != "Политика и общество" {
		t.Fatalf("updated name = %q", got.Names["ru"])
	}
	_, err = s.SectionBySlug(ctx, "sport")
	wantCode(t, err, khabar.ENotFound)
	wantCode(t, s.UpdateSection(ctx, &khabar.Section{ID: 999, Slug: "x", Names: khabar.Text{"en": "X"}}), khabar.ENotFound)
}

func testTags(t *testing.T, open Opener) {
	s := open(t, newClock().Now)
	putin := &khabar.Tag{Slug: "putin", Names: khabar.Text{"ar": "بوتين", "ru": "Путин", "en": "Putin"}}
	must(t, s.CreateTag(ctx, putin))
	wantCode(t, s.CreateTag(ctx, &khabar.Tag{Slug: "putin", Names: khabar.Text{"en": "Again"}}), khabar.EInvalid)
	got, err := s.TagBySlug(ctx, "putin")
	must(t, err)
	if got.ID != putin.ID || got.Names["ar"] != "بوتين" || got.Names["ru"] != "Путин" {
		t.Fatalf("tag = %+v", got)
	}
	got.Names["en"] = "Vladimir Putin"
	must(t, s.UpdateTag(ctx, got))
	tags, err := s.Tags(ctx)
	must(t, err)
	if len(tags) != 1 || tags[0].Names["en"] != "Vladimir Putin" {
		t.Fatalf("tags = %+v", tags)
	}
	_, err = s.TagBySlug(ctx, "nobody")
	wantCode(t, err, khabar.ENotFound)
}

func testUsers(t *testing.T, open Opener) {
	s := open(t, newClock().Now)
	u := &khabar.User{Login: "layla", Slug: "layla-haddad", Names: khabar.Text{"ar": "ليلى حداد", "en": "Layla Haddad"},
		Role: khabar.RoleTranslator, Languages: []string{"ru", "en"}, PasswordHash: "$argon2id$x"}
	must(t, s.CreateUser(ctx, u))
	wantCode(t, s.CreateUser(ctx, &khabar.User{Login: "layla", Slug: "other", Names: khabar.Text{"en": "L"}, Role: khabar.RoleAuthor}), khabar.EInvalid)
	wantCode(t, s.CreateUser(ctx, &khabar.User{Login: "x", Slug: "x", Names: khabar.Text{"en": "X"}, Role: "boss"}), khabar.EInvalid)
	got, err := s.UserByLogin(ctx, "layla")
	must(t, err)
	if got.ID != u.ID || got.Role != khabar.RoleTranslator || len(got.Languages) != 2 || got.PasswordHash != "$argon2id$x" {
		t.Fatalf("user = %+v", got)
	}
	got.Disabled = true
	must(t, s.UpdateUser(ctx, got))
	again, err := s.UserBySlug(ctx, "layla-haddad")
	must(t, err)
	if !again.Disabled {
		t.Fatal("disabled flag not saved")
	}
	_, err = s.User(ctx, 12345)
	wantCode(t, err, khabar.ENotFound)
	all, err := s.Users(ctx)
	must(t, err)
	if len(all) != 1 {
		t.Fatalf("users = %d", len(all))
	}
}

func testMedia(t *testing.T, open Opener) {
	s := open(t, newClock().Now)
	m := &khabar.Media{Key: "2023/12/kremlin.jpg", MIME: "image/jpeg", Width: 1200, Height: 675, Size: 81234,
		Credit:  khabar.Text{"ar": "الصورة: المكتب الصحفي", "en": "Photo: press office"},
		Caption: khabar.Text{"ru": "Кремль зимой"}, Alt: khabar.Text{"en": "The Kremlin in snow"}}
	must(t, s.CreateMedia(ctx, m))
	got, err := s.Media(ctx, m.ID)
	must(t, err)
	if got.Key != m.Key || got.Width != 1200 || got.Credit["ar"] != "الصورة: المكتب الصحفي" || got.Caption["ru"] != "Кремль зимой" {
		t.Fatalf("media = %+v", got)
	}
	wantCode(t, s.CreateMedia(ctx, &khabar.Media{Key: "2023/12/kremlin.jpg", Width: 1, Height: 1}), khabar.EInvalid)
	wantCode(t, s.CreateMedia(ctx, &khabar.Media{Key: "zero.jpg"}), khabar.EInvalid)
}

func testSettings(t *testing.T, open Opener) {
	s := open(t, newClock().Now)
	got, err := s.Settings(ctx)
	must(t, err)
	if got.DefaultLang == "" || len(got.Languages) == 0 {
		t.Fatalf("defaults missing: %+v", got)
	}
	got.ArabicMonths = "both"
	got.HijriLangs = []string{"ar", "ru"}
	got.TimeZone = "Asia/Riyadh"
	must(t, s.SaveSettings(ctx, got))
	bad := got
	bad.ArabicDigits = "roman"
	wantCode(t, s.SaveSettings(ctx, bad), khabar.EInvalid)
	bad = got
	bad.TimeZone = "Mars/Olympus"
	wantCode(t, s.SaveSettings(ctx, bad), khabar.EInvalid)
	bad = got
	bad.HijriLangs = []string{"ar", "fr"} // not a language of the site
	wantCode(t, s.SaveSettings(ctx, bad), khabar.EInvalid)
	after, err := s.Settings(ctx)
	must(t, err)
	if after.ArabicMonths != "both" || !slices.Equal(after.HijriLangs, []string{"ar", "ru"}) || after.TimeZone != "Asia/Riyadh" || after.ArabicDigits != "arab" {
		t.Fatalf("settings after refused saves = %+v", after)
	}
}

func testPages(t *testing.T, open Opener) {
	s := open(t, newClock().Now)
	p := &khabar.Page{Key: "about", Versions: map[string]*khabar.PageVersion{
		"ar": {Title: "عن المجموعة", Slug: "عن-المجموعة", Body: "<p>نص</p>"},
		"en": {Title: "About the group", Slug: "about", Body: "<p>Text</p>"},
	}}
	must(t, s.SavePage(ctx, p))
	got, err := s.PageBySlug(ctx, "ar", "عن-المجموعة")
	must(t, err)
	if got.ID != p.ID || got.Versions["en"].Slug != "about" {
		t.Fatalf("page = %+v", got)
	}
	_, err = s.PageBySlug(ctx, "ru", "about")
	wantCode(t, err, khabar.ENotFound)
	other := &khabar.Page{Key: "contact", Versions: map[string]*khabar.PageVersion{"en": {Title: "Contact", Slug: "about"}}}
	wantCode(t, s.SavePage(ctx, other), khabar.EInvalid)
	pages, err := s.Pages(ctx)
	must(t, err)
	if len(pages) != 1 {
		t.Fatalf("pages = %d, want 1 (the refused page must not be half-saved)", len(pages))
	}
}
