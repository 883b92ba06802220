package storetest

import (
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// searchFixture is a newsroom with a few stories written for search: each
// language has a word in a title and the same word only in a body, so that
// ranking, forms and snippets can be checked.
type searchFixture struct {
	*fixture
	ids map[string]int64
	at  map[string]time.Time // publication times
}

func newSearchFixture(t *testing.T, open Opener) *searchFixture {
	f := &searchFixture{fixture: newFixture(t, open), ids: map[string]int64{}, at: map[string]time.Time{}}
	f.add(t, "league-title", f.politics.ID, []int64{f.cis.ID}, &khabar.Version{Lang: "ar",
		Title: "الرابطة تعقد اجتماعها في قازان", Summary: "اجتماع سنوي.",
		Body: "<p>عقدت الرابطة اجتماعاً في مدينة قازان بحضور الوزراء.</p>"})
	f.add(t, "league-body", f.economy.ID, []int64{f.trade.ID}, &khabar.Version{Lang: "ar",
		Title: "تجارة الحبوب تنمو", Summary: "",
		Body: "<p>قال مسؤول إن صادرات القمح زادت، وإن للرابطةِ دوراً في التنسيق مع الموانئ.</p>"})
	f.add(t, "record", f.economy.ID, nil, &khabar.Version{Lang: "ar",
		Title: "الصادرات تسجل رقماً قياسياً", Body: "<p>ارتفعت الصادرات ارتفاعا كبيرا هذا العام.</p>"})
	f.add(t, "twenty", f.politics.ID, nil, &khabar.Version{Lang: "ar",
		Title: "قادة مجموعة الـ20 يجتمعون", Body: "<p>تبدأ قمة الـ٢٠ غدا لبحث الشئون المالية.</p>"})
	f.add(t, "compound", f.economy.ID, nil, &khabar.Version{Lang: "en",
		Title: "A longterm plan for the e-mail archive", Body: "<p>Libraries keep every message.</p>"})
	f.add(t, "lexicon", f.economy.ID, nil, &khabar.Version{Lang: "en",
		Title: "Investors bought bonds of the UAE", Body: "<p>Hamas and Hama are not one word.</p>"})
	f.add(t, "banks", f.economy.ID, nil, &khabar.Version{Lang: "ar",
		Title: "البنوك ترفع الفائدة", Body: "<p>قالت البنوك إن القروض ستصبح أغلى.</p>"})
	f.add(t, "summit-title", f.politics.ID, []int64{f.putin.ID}, &khabar.Version{Lang: "ru",
		Title: "Саммит ШОС пройдёт в Казани", Body: "<p>Лидеры обсудят торговлю и транспорт.</p>"})
	f.add(t, "summit-body", f.economy.ID, nil, &khabar.Version{Lang: "ru",
		Title: "Урожай пшеницы растёт", Body: "<p>Аналитики ждут, что на саммитах обсудят экспорт зерна.</p>"})
	f.add(t, "grain-title", f.economy.ID, []int64{f.trade.ID}, &khabar.Version{Lang: "en",
		Title: "Grain exports reach a record", Body: "<p>Wheat shipments through the southern ports grew again.</p>"})
	f.add(t, "grain-body", f.politics.ID, nil, &khabar.Version{Lang: "en",
		Title: "Ministers meet in Cairo", Body: "<p>The ministers discussed energy, tourism and grain deliveries.</p>"})
	return f
}

func (f *searchFixture) add(t *testing.T, key string, section int64, tags []int64, v *khabar.Version) {
	t.Helper()
	v.Slug, v.Status, v.PublishedAt = key, khabar.StatusPublished, f.clock.now
	st := &khabar.Story{SectionID: section, TagIDs: tags}
	must(t, f.s.CreateStory(ctx, st, []*khabar.Version{v}))
	f.ids[key], f.at[key] = st.ID, v.PublishedAt
	f.clock.now = f.clock.now.Add(time.Minute)
}

// find searches and returns the story ids found, best first.
func (f *searchFixture) find(t *testing.T, q khabar.SearchQuery) []int64 {
	t.Helper()
	if q.Limit == 0 {
		q.Limit = 10
	}
	res, err := f.s.Search(ctx, q)
	must(t, err)
	var ids []int64
	for _, r := range res.Items {
		ids = append(ids, r.StoryID)
	}
	return ids
}

func (f *searchFixture) want(t *testing.T, q khabar.SearchQuery, keys ...string) {
	t.Helper()
	got := f.find(t, q)
	var want []int64
	for _, k := range keys {
		want = append(want, f.ids[k])
	}
	if len(got) != len(want) {
		t.Fatalf("Search(%q in %v) = %v, want %v (%v)", q.Text, q.Langs, got, want, keys)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("Search(%q in %v) = %v, want %v (%v) in that order", q.Text, q.Langs, got, want, keys)
		}
	}
}

func testSearch(t *testing.T, open Opener) {
	t.Run("Visibility", func(t *testing.T) { testSearchVisibility(t, open) })
	f := newSearchFixture(t, open)
	ar, ru, en := []string{"ar"}, []string{"ru"}, []string{"en"}
	tests := []struct {
		name string
		q    khabar.SearchQuery
		want []string
	}{
		{"arabic clitics, title first", khabar.SearchQuery{Text: "والرابطة", Langs: ar}, []string{"league-title", "league-body"}},
		{"arabic prefix being typed", khabar.SearchQuery{Text: "الراب", Langs: ar}, []string{"league-title", "league-body"}},
		{"arabic tanwin typed without its mark", khabar.SearchQuery{Text: "قياسيا", Langs: ar}, []string{"record"}},
		{"arabic tanwin typed with its mark", khabar.SearchQuery{Text: "كبيراً", Langs: ar}, []string{"record"}},
		{"arabic tanwin, the bare word", khabar.SearchQuery{Text: "رقم", Langs: ar}, []string{"record"}},
		{"arabic phrase across tanwin spellings", khabar.SearchQuery{Text: `"رقما قياسيا"`, Langs: ar}, []string{"record"}},
		{"arabic hamza on another seat", khabar.SearchQuery{Text: "مسئول", Langs: ar}, []string{"league-body"}},
		{"arabic hamza, the other way", khabar.SearchQuery{Text: "الشؤون", Langs: ar}, []string{"twenty"}},
		{"arabic number after the article", khabar.SearchQuery{Text: "20", Langs: ar}, []string{"twenty"}},
		{"arabic number with the article", khabar.SearchQuery{Text: "الـ٢٠", Langs: ar}, []string{"twenty"}},
		{"compound, hyphenated query", khabar.SearchQuery{Text: "long-term", Langs: en}, []string{"compound"}},
		{"compound, closed query", khabar.SearchQuery{Text: "email", Langs: en}, []string{"compound"}},
		{"compound excluded", khabar.SearchQuery{Text: "plan -long-term", Langs: en}, nil},
		{"lexicon: irregular form", khabar.SearchQuery{Text: "buy ", Langs: en}, []string{"lexicon"}},
		{"lexicon: acronym expanded", khabar.SearchQuery{Text: "United Arab Emirates", Langs: en}, []string{"lexicon"}},
		{"lexicon: broken plural", khabar.SearchQuery{Text: "بنك", Langs: ar}, []string{"banks"}},
		{"lexicon: hollow verb", khabar.SearchQuery{Text: "يقول", Langs: ar}, []string{"league-body", "banks"}},
		{"russian verbal noun", khabar.SearchQuery{Text: "обсуждение торговли", Langs: ru}, []string{"summit-title"}},
		{"russian forms, title first", khabar.SearchQuery{Text: "саммиты", Langs: ru}, []string{"summit-title", "summit-body"}},
		{"english plural", khabar.SearchQuery{Text: "grains ", Langs: en}, []string{"grain-title", "grain-body"}},
		{"two words", khabar.SearchQuery{Text: "grain ministers", Langs: en}, []string{"grain-body"}},
		{"phrase", khabar.SearchQuery{Text: `"grain exports"`, Langs: en}, []string{"grain-title"}},
		{"phrase, words apart", khabar.SearchQuery{Text: `"exports grain"`, Langs: en}, nil},
		{"exclusion", khabar.SearchQuery{Text: "grain -ministers", Langs: en}, []string{"grain-title"}},
		{"section", khabar.SearchQuery{Text: "grain", Langs: en, SectionID: f.politics.ID}, []string{"grain-body"}},
		{"tag", khabar.SearchQuery{Text: "الرابطة", Langs: ar, TagID: f.trade.ID}, []string{"league-body"}},
		{"other language not searched", khabar.SearchQuery{Text: "grain", Langs: ru}, nil},
		{"all languages", khabar.SearchQuery{Text: "Казани", Langs: []string{"en", "ar", "ru"}}, []string{"summit-title"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { f.want(t, tt.q, tt.want...) })
	}

	t.Run("dates", func(t *testing.T) {
		first := f.at["league-title"]
		f.want(t, khabar.SearchQuery{Text: "الرابطة", Langs: ar, From: first, To: first.Add(time.Minute)}, "league-title")
		f.want(t, khabar.SearchQuery{Text: "الرابطة", Langs: ar, From: first.Add(time.Minute)}, "league-body")
	})

	t.Run("snippet keeps the word as written", func(t *testing.T) {
		res, err := f.s.Search(ctx, khabar.SearchQuery{Text: "الرابطة", Langs: ar, Limit: 10})
		must(t, err)
		if res.Total != 2 || len(res.Items) != 2 {
			t.Fatalf("total %d, %d items", res.Total, len(res.Items))
		}
		body := res.Items[1]
		if body.Title[0].Match || body.Slug != "league-body" {
			t.Fatalf("second result %q: title %+v", body.Slug, body.Title)
		}
		if !hasMatch(body.Snippet, "للرابطةِ") {
			t.Fatalf("snippet %+v does not mark للرابطةِ with its kasra", body.Snippet)
		}
		if !hasMatch(res.Items[0].Title, "الرابطة") {
			t.Fatalf("title %+v does not mark الرابطة", res.Items[0].Title)
		}
		if res.Items[0].SectionID != f.politics.ID || res.Items[0].PublishedAt.IsZero() {
			t.Fatalf("result lacks its summary fields: %+v", res.Items[0].Summary)
		}
	})

	t.Run("snippet from the summary or the body, not both", func(t *testing.T) {
		for _, c := range []struct{ q, want string }{
			{"سنوي", "اجتماع [سنوي]."},
			{"الوزراء", "عقدت الرابطة اجتماعاً في مدينة قازان بحضور [الوزراء]."},
			{"قازان", "عقدت الرابطة اجتماعاً في مدينة [قازان] بحضور الوزراء."},
		} {
			res, err := f.s.Search(ctx, khabar.SearchQuery{Text: c.q, Langs: ar, Limit: 10})
			must(t, err)
			if len(res.Items) != 1 || res.Items[0].StoryID != f.ids["league-title"] {
				t.Fatalf("Search(%q) = %+v, want league-title alone", c.q, res.Items)
			}
			if got := marked(res.Items[0].Snippet); got != c.want {
				t.Errorf("Search(%q): snippet %q, want %q", c.q, got, c.want)
			}
		}
	})

	t.Run("pages", func(t *testing.T) {
		res, err := f.s.Search(ctx, khabar.SearchQuery{Text: "الرابطة", Langs: ar, Limit: 1, Offset: 1})
		must(t, err)
		if res.Total != 2 || len(res.Items) != 1 || res.Items[0].StoryID != f.ids["league-body"] {
			t.Fatalf("second page: total %d, items %+v", res.Total, res.Items)
		}
	})

	t.Run("nothing to search for", func(t *testing.T) {
		for _, text := range []string{"", "   ", "في من", "the of", `"`, "-", "-grain", "!!! ...", "«»"} {
			res, err := f.s.Search(ctx, khabar.SearchQuery{Text: text, Langs: []string{"ar", "en"}, Limit: 10})
			must(t, err)
			if !res.Empty || res.Total != 0 {
				t.Fatalf("Search(%q) = %+v, want Empty", text, res)
			}
		}
		_, err := f.s.Search(ctx, khabar.SearchQuery{Text: strings.Repeat("قمة ", 60), Langs: ar})
		wantCode(t, err, khabar.EInvalid)
		_, err = f.s.Search(ctx, khabar.SearchQuery{Text: "grain"})
		wantCode(t, err, khabar.EInvalid)
	})

	t.Run("malformed queries", func(t *testing.T) {
		for _, text := range []string{`"grain`, `grain"`, `grain - ""`, `--grain grain`, `"grain" "" -"`, `grain*`, `grain OR NOT`, `NEAR(grain)`, `{title}: grain`} {
			if _, err := f.s.Search(ctx, khabar.SearchQuery{Text: text, Langs: en, Limit: 10}); err != nil {
				t.Fatalf("Search(%q): %v", text, err)
			}
		}
	})
}

// marked writes a snippet with its matches in brackets.
func marked(hs []khabar.Highlight) string {
	var b strings.Builder
	for _, h := range hs {
		if h.Match {
			b.WriteString("[" + h.Text + "]")
		} else {
			b.WriteString(h.Text)
		}
	}
	return b.String()
}

func hasMatch(hs []khabar.Highlight, text string) bool {
	for _, h := range hs {
		if h.Match && h.Text == text {
			return true
		}
	}
	return false
}

// testSearchVisibility: every version is indexed, only published and due
// ones are found, with no help from the scheduler.
func testSearchVisibility(t *testing.T, open Opener) {
	f := newSearchFixture(t, open)
	en := []string{"en"}
	q := khabar.SearchQuery{Text: "hydrogen", Langs: en}
	st := &khabar.Story{SectionID: f.economy.ID}
	draft := &khabar.Version{Lang: "en", Title: "Hydrogen plans", Slug: "hydrogen", Body: "<p>Draft.</p>", Status: khabar.StatusDraft}
	must(t, f.s.CreateStory(ctx, st, []*khabar.Version{draft}))
	f.ids["hydrogen"] = st.ID
	f.want(t, q)
	// A published sibling in another language is found; the draft is not.
	ru := &khabar.Version{StoryID: st.ID, Lang: "ru", Title: "Водородный коридор", Slug: "vodorod", Body: "<p>Hydrogen.</p>", Status: khabar.StatusPublished}
	must(t, f.s.SaveVersion(ctx, ru, 0))
	f.want(t, khabar.SearchQuery{Text: "водородный", Langs: []string{"ru"}}, "hydrogen")
	f.want(t, khabar.SearchQuery{Text: "hydrogen", Langs: []string{"en", "ru"}}, "hydrogen")
	f.want(t, q)

	draft.Status, draft.PublishedAt = khabar.StatusScheduled, f.clock.now.Add(time.Hour)
	must(t, f.s.SaveVersion(ctx, draft, 0))
	f.want(t, q)
	f.clock.now = f.clock.now.Add(2 * time.Hour)
	f.want(t, q) // due, but the scheduler has not published it yet
	_, err := f.s.PublishDue(ctx)
	must(t, err)
	f.want(t, q, "hydrogen")

	draft.Status, draft.Revision = khabar.StatusUnpublished, draft.Revision+1
	must(t, f.s.SaveVersion(ctx, draft, 0))
	f.want(t, q)

	draft.Status, draft.Title = khabar.StatusPublished, "Ammonia plans"
	must(t, f.s.SaveVersion(ctx, draft, 0))
	f.want(t, q)
	f.want(t, khabar.SearchQuery{Text: "ammonia", Langs: en}, "hydrogen")

	future := &khabar.Version{Lang: "en", Title: "Ammonia tomorrow", Slug: "tomorrow", Status: khabar.StatusPublished, PublishedAt: f.clock.now.Add(time.Hour)}
	must(t, f.s.CreateStory(ctx, &khabar.Story{}, []*khabar.Version{future}))
	f.want(t, khabar.SearchQuery{Text: "ammonia", Langs: en}, "hydrogen")

	must(t, f.s.Reindex(ctx, nil))
	f.want(t, khabar.SearchQuery{Text: "ammonia", Langs: en}, "hydrogen")
	f.want(t, khabar.SearchQuery{Text: "grain", Langs: en}, "grain-title", "grain-body")
}
