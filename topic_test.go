package khabar

import (
	"fmt"
	"testing"
)

func TestTagSets(t *testing.T) {
	var got []string
	TagSets([]int64{3, 5, 9, 12}, 2, func(set []int64) { got = append(got, TagSetTopic(set, "ru")) })
	want := "[lk3,5:ru lk3,9:ru lk3,12:ru lk5,9:ru lk5,12:ru lk9,12:ru]"
	if fmt.Sprint(got) != want {
		t.Fatalf("pairs = %v, want %v", got, want)
	}
	got = nil
	TagSets([]int64{7}, 1, func(set []int64) { got = append(got, TagSetTopic(set, "ar")) })
	if fmt.Sprint(got) != "[lt7:ar]" {
		t.Fatalf("one tag = %v, want the tag's list", got)
	}
}
