package newsroom_test

import (
	"testing"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

var pickerTags = []khabar.Tag{
	{ID: 1, Slug: "putin", Names: khabar.Text{"ar": "بوتين", "ru": "Путин", "en": "Vladimir Putin"}},
	{ID: 2, Slug: "cis", Names: khabar.Text{"ar": "رابطة الدول المستقلة", "ru": "СНГ", "en": "CIS"}},
	{ID: 3, Slug: "kremlin", Names: khabar.Text{"ar": "الكرملين", "ru": "Кремль", "en": "Kremlin"}},
	{ID: 4, Slug: "elka", Names: khabar.Text{"ru": "Ёлка"}},
	{ID: 5, Slug: "put", Names: khabar.Text{"en": "Put options"}},
}

func TestMatchTags(t *testing.T) {
	for _, c := range []struct {
		typed string
		want  []int64
	}{
		{"пут", []int64{1}},
		{"put", []int64{5, 1}}, // the slug put is the very word; putin starts with it; "Vladimir Putin" has a word that does
		{"بوت", []int64{1}},
		{"الدول", []int64{2}},     // a word of the name
		{"رابطةُ", []int64{2}},    // with a damma and ة
		{"الكرملِين", []int64{3}}, // with a kasra
		{"елк", []int64{4}},       // е for ё
		{"imir", []int64{1}},      // inside a word
		{"", nil},
		{"zzz", nil},
	} {
		var got []int64
		for _, tag := range newsroom.MatchTags(pickerTags, c.typed, 10) {
			got = append(got, tag.ID)
		}
		if len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) {
			t.Errorf("MatchTags(%q) = %v, want %v", c.typed, got, c.want)
		}
	}
	if got := newsroom.MatchTags(pickerTags, "i", 2); len(got) != 2 {
		t.Errorf("MatchTags with limit 2 gave %d", len(got))
	}
}

func TestFindTags(t *testing.T) {
	ids, err := newsroom.FindTags(pickerTags, []string{" путин ", "КРЕМЛЬ", "kremlin", "الكرملين"})
	if err != nil || len(ids) != 4 || ids[0] != 1 || ids[1] != 3 || ids[2] != 3 || ids[3] != 3 {
		t.Fatalf("FindTags = %v, %v", ids, err)
	}
	_, err = newsroom.FindTags(pickerTags, []string{"Путин", "Нет такой"})
	if e := khabar.AsError(err); e.Code != khabar.EInvalid || e.Key != "err.tag.unknown" || e.Arg("name") != "Нет такой" {
		t.Errorf("an unknown tag: %v", err)
	}
	if _, err := newsroom.FindTags(pickerTags, []string{" "}); khabar.ErrorCode(err) != khabar.EInvalid {
		t.Errorf("an empty tag name: %v", err)
	}
}
