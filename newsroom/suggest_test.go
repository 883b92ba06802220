package newsroom_test

import (
	"slices"
	"testing"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

func TestSuggestTags(t *testing.T) {
	tags := []khabar.Tag{
		{ID: 1, Slug: "putin", Names: khabar.Text{"ar": "بوتين", "ru": "Путин", "en": "Vladimir Putin"}},
		{ID: 2, Slug: "kremlin", Names: khabar.Text{"ar": "الكرملين", "ru": "Кремль", "en": "Kremlin"}},
		{ID: 3, Slug: "world", Names: khabar.Text{"ru": "Мир", "en": "World"}},
		{ID: 4, Slug: "kazan", Names: khabar.Text{"ar": "قازان", "ru": "Казань", "en": "Kazan"}},
		{ID: 5, Slug: "empty", Names: khabar.Text{"en": " "}},
		{ID: 6, Slug: "erdogan", Names: khabar.Text{"ar": "أردوغان", "ru": "Эрдоган"}},
		{ID: 7, Slug: "moscow", Names: khabar.Text{"ru": "Москва"}},
	}
	tests := []struct {
		name                 string
		title, summary, body string
		want                 []int64
	}{
		{"arabic with tashkeel, tatweel and clitics", "وبوتين يزور موسكو", "", "<p>أعلن الكرملِين أمس…</p><p>وقالت مصادر الكـرملين</p>", []int64{1, 2}},
		{"arabic without the article", "", "بيان كرملين اليوم", "", []int64{2}},
		{"arabic with the article and a preposition", "", "", "<p>في القازان</p>", []int64{4}},
		{"russian inflection and case", "Встреча ПУТИНА в Казани", "", "", []int64{1, 4}},
		{"short russian word is exact", "Мирный процесс", "", "", nil},
		{"short russian word alone", "", "", "<p>Весь мир смотрит</p>", []int64{3}},
		{"english phrase and plural", "vladimir putin's visit", "", "<p>Two Kremlins</p>", []int64{1, 2}},
		{"half a phrase is not the phrase", "Vladimir Nabokov", "", "", nil},
		{"a word inside another word is not the word", "", "", "<p>Worldwide</p>", nil},
		{"hamza form and tashkeel as search folds them", "", "", "<p>التقى إردوغانُ نظيره</p>", []int64{6}},
		{"russian endings as search stems them", "Переговоры с Москвой", "", "", []int64{7}},
		{"nothing", "", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int64
			for _, tag := range newsroom.SuggestTags(tags, tt.title, tt.summary, tt.body) {
				got = append(got, tag.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("SuggestTags = %v, want %v", got, tt.want)
			}
		})
	}
}
