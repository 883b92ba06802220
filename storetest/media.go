package storetest

import (
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// variantsOf names three variants in a folder, as media.Save would.
func variantsOf(folder string) []khabar.MediaVariant {
	return []khabar.MediaVariant{
		{Name: khabar.VariantArticle, Key: folder + "/article.jpg", Width: 1200, Height: 675},
		{Name: khabar.VariantThumb, Key: folder + "/thumb.jpg", Width: 480, Height: 270},
		{Name: khabar.VariantSocial, Key: folder + "/social.jpg", Width: 1200, Height: 630},
	}
}

func testMediaLibrary(t *testing.T, open Opener) {
	f := newFixture(t, open) // f.photo: an old record without variants
	s := f.s

	// Created with variants, in one transaction.
	m := &khabar.Media{Key: "2026/11/ab/original.png", MIME: "image/png", Width: 2400, Height: 1350, Size: 4 << 20,
		Credit: khabar.Text{"ar": "الصورة: تاس"}, Variants: variantsOf("2026/11/ab")}
	must(t, s.CreateMedia(ctx, m))
	got, err := s.Media(ctx, m.ID)
	must(t, err)
	if v, ok := got.Variant(khabar.VariantSocial); len(got.Variants) != 3 || !ok || v.Key != "2026/11/ab/social.jpg" || v.Width != 1200 || v.Height != 630 {
		t.Fatalf("variants = %+v", got.Variants)
	}
	if old, err := s.Media(ctx, f.photo.ID); err != nil || len(old.Variants) != 0 {
		t.Fatalf("old media: %+v, %v", old, err)
	}

	// Bad variants: nothing stored, not even the media row.
	for _, vs := range [][]khabar.MediaVariant{
		{{Name: "poster", Key: "x/poster.jpg", Width: 1, Height: 1}},
		{{Name: khabar.VariantThumb, Key: "x/t.jpg", Width: 1, Height: 1}, {Name: khabar.VariantThumb, Key: "x/t2.jpg", Width: 1, Height: 1}},
		{{Name: khabar.VariantThumb, Key: "", Width: 1, Height: 1}},
		{{Name: khabar.VariantThumb, Key: "x/t.jpg"}},
	} {
		bad := &khabar.Media{Key: "x/original.jpg", MIME: "image/jpeg", Width: 10, Height: 10, Variants: vs}
		wantCode(t, s.CreateMedia(ctx, bad), khabar.EInvalid)
		if bad.ID != 0 {
			t.Fatalf("a refused media got id %d", bad.ID)
		}
	}
	// A variant key already used by another media: the whole create fails.
	dup := &khabar.Media{Key: "2026/11/ab/original.png", MIME: "image/png", Width: 10, Height: 10}
	wantCode(t, s.CreateMedia(ctx, dup), khabar.EInvalid)

	// The library: newest first, paginated, with variants, one total.
	for i := 0; i < 3; i++ {
		f.clock.now = f.clock.now.Add(time.Minute)
		folder := "2026/11/n" + string(rune('0'+i))
		must(t, s.CreateMedia(ctx, &khabar.Media{Key: folder + "/original.jpg", MIME: "image/jpeg", Width: 1200, Height: 675, Variants: variantsOf(folder)}))
	}
	page, total, err := s.ListMedia(ctx, 2, 0)
	must(t, err)
	if total != 5 || len(page) != 2 || page[0].Key != "2026/11/n2/original.jpg" || page[1].Key != "2026/11/n1/original.jpg" || len(page[0].Variants) != 3 {
		t.Fatalf("first page: total %d, %+v", total, page)
	}
	page, _, err = s.ListMedia(ctx, 2, 4)
	must(t, err)
	if len(page) != 1 || page[0].ID != f.photo.ID || len(page[0].Variants) != 0 {
		t.Fatalf("last page: %+v", page)
	}

	// Texts: per language, other fields untouched, bad input changes nothing.
	m.Credit = khabar.Text{"ar": "الصورة: تاس", "ru": "Фото: ТАСС"}
	m.Caption = khabar.Text{"ru": "Казань, набережная"}
	m.Alt = khabar.Text{"en": "The Kazan embankment at dusk"}
	m.Width, m.Key = 1, "changed.jpg" // not texts: ignored
	must(t, s.UpdateMediaTexts(ctx, m))
	got, err = s.Media(ctx, m.ID)
	must(t, err)
	if got.Credit["ru"] != "Фото: ТАСС" || got.Caption["ru"] != "Казань, набережная" || got.Alt["en"] != "The Kazan embankment at dusk" ||
		got.Width != 2400 || got.Key != "2026/11/ab/original.png" || len(got.Variants) != 3 {
		t.Fatalf("after UpdateMediaTexts: %+v", got)
	}
	wantCode(t, s.UpdateMediaTexts(ctx, &khabar.Media{ID: m.ID, Caption: khabar.Text{"ar": "\xff"}}), khabar.EInvalid)
	if again, _ := s.Media(ctx, m.ID); again.Caption["ru"] != "Казань, набережная" {
		t.Fatal("a refused update changed the caption")
	}
	wantCode(t, s.UpdateMediaTexts(ctx, &khabar.Media{ID: 9999}), khabar.ENotFound)

	// Variants for an old record; unknown media and names refused.
	must(t, s.SetVariants(ctx, f.photo.ID, variantsOf("p")))
	wantCode(t, s.SetVariants(ctx, 9999, variantsOf("q")), khabar.ENotFound)
	wantCode(t, s.SetVariants(ctx, f.photo.ID, []khabar.MediaVariant{{Name: "huge", Key: "p/huge.jpg", Width: 1, Height: 1}}), khabar.EInvalid)
	must(t, s.SetVariants(ctx, f.photo.ID, variantsOf("p")[1:])) // replaces, does not add
	if p, _ := s.Media(ctx, f.photo.ID); len(p.Variants) != 2 {
		t.Fatalf("after SetVariants: %+v", p.Variants)
	}

	// Readers' lists carry the variants of their lead images.
	lead := f.story(t, f.politics.ID, nil, "ar", "ru")
	list, _, err := s.ListArticles(ctx, khabar.ListFilter{Lang: "ar", Limit: 10})
	must(t, err)
	if len(list) != 1 || list[0].Image == nil || len(list[0].Image.Variants) != 2 {
		t.Fatalf("summary image: %+v", list)
	}
	a, err := s.Article(ctx, lead.ID, "ru")
	must(t, err)
	if _, ok := a.Image.Variant(khabar.VariantThumb); !ok {
		t.Fatalf("article image: %+v", a.Image)
	}

	// Usage: as lead image, and in a body through a variant's URL.
	st := &khabar.Story{SectionID: f.economy.ID, LeadMediaID: m.ID}
	must(t, s.CreateStory(ctx, st, []*khabar.Version{{Lang: "ru", Title: "Казань", Slug: "kazan", Body: "<p>Текст</p>", Status: khabar.StatusDraft}}))
	inBody := &khabar.Story{SectionID: f.economy.ID}
	must(t, s.CreateStory(ctx, inBody, []*khabar.Version{
		{Lang: "en", Title: "Gallery", Slug: "gallery", Body: `<p><img src="/media/2026/11/ab/article.jpg" alt=""></p>`, Status: khabar.StatusDraft},
		{Lang: "ar", Title: "معرض", Slug: "معرض", Body: "<p>نص</p>", Status: khabar.StatusDraft},
	}))
	// A key that only looks like ours in a LIKE pattern must not match.
	other := &khabar.Story{SectionID: f.economy.ID}
	must(t, s.CreateStory(ctx, other, []*khabar.Version{{Lang: "en", Title: "Other", Slug: "other",
		Body: `<p><img src="/media/2026/11/xb/original.png"></p>`, Status: khabar.StatusDraft}}))
	uses, err := s.MediaUsage(ctx, m.ID)
	must(t, err)
	if len(uses) != 2 || uses[0].StoryID != inBody.ID || !uses[0].InBody || uses[0].Lead || uses[0].Lang != "en" || uses[0].Title != "Gallery" ||
		uses[1].StoryID != st.ID || !uses[1].Lead || uses[1].InBody || uses[1].Title != "Казань" {
		t.Fatalf("usage = %+v", uses)
	}
	if uses, err := s.MediaUsage(ctx, f.photo.ID); err != nil || len(uses) != 1 || uses[0].StoryID != lead.ID {
		t.Fatalf("usage of the fixture photo = %+v, %v", uses, err)
	}
	_, err = s.MediaUsage(ctx, 9999)
	wantCode(t, err, khabar.ENotFound)
}

// testMediaSearch: the library is found by any word start of its texts in
// any language, folded as the site's search folds; paged, newest first.
func testMediaSearch(t *testing.T, open Opener) {
	clock := newClock()
	s := open(t, clock.Now)
	add := func(key string, caption, credit khabar.Text) *khabar.Media {
		m := &khabar.Media{Key: key, MIME: "image/jpeg", Width: 10, Height: 10, Caption: caption, Credit: credit}
		must(t, s.CreateMedia(ctx, m))
		clock.now = clock.now.Add(time.Minute)
		return m
	}
	kremlin := add("a.jpg", khabar.Text{"ar": "قاعة الكرملِين", "ru": "Зал Кремля"}, khabar.Text{"en": "Official site of the President"})
	harvest := add("b.jpg", khabar.Text{"ru": "Уборка урожая в Ставрополье"}, khabar.Text{"ru": "ТАСС"})
	bare := add("c.jpg", nil, nil)
	for _, c := range []struct {
		q    string
		want []int64
	}{
		{"кремл", []int64{kremlin.ID}},
		{"الكرملين", []int64{kremlin.ID}},
		{"president зал", []int64{kremlin.ID}},
		{"тасс", []int64{harvest.ID}},
		{"ставрополь", []int64{harvest.ID}},
		{"ремля", nil}, // not the start of a word
		{"", []int64{bare.ID, harvest.ID, kremlin.ID}},
		{"%", nil},
	} {
		got, total, err := s.SearchMedia(ctx, c.q, 10, 0)
		must(t, err)
		var ids []int64
		for _, m := range got {
			ids = append(ids, m.ID)
		}
		if !equalIDs(ids, c.want) || total != len(c.want) {
			t.Errorf("SearchMedia(%q) = %v (total %d), want %v", c.q, ids, total, c.want)
		}
	}
	// Texts changed are found by their new words only.
	kremlin.Caption = khabar.Text{"en": "Round table"}
	must(t, s.UpdateMediaTexts(ctx, kremlin))
	if got, _, _ := s.SearchMedia(ctx, "кремл", 10, 0); len(got) != 0 {
		t.Errorf("the old caption still finds the image")
	}
	if got, _, _ := s.SearchMedia(ctx, "round", 10, 0); len(got) != 1 || len(got[0].Variants) != 0 || got[0].Caption["en"] != "Round table" {
		t.Errorf("the new caption: %+v", got)
	}
	page, total, err := s.SearchMedia(ctx, "", 1, 1)
	must(t, err)
	if total != 3 || len(page) != 1 || page[0].ID != harvest.ID {
		t.Errorf("a page of the library: %+v of %d", page, total)
	}
}
