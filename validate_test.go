package khabar

import "testing"

func TestCleanLine(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Summit\x00 in\x07 Kazan\x1b[0m", "Summit in Kazan[0m"},
		{"قمة\ufffe في\uffff قازان\ufdd0", "قمة في قازان"},
		{"C1\u0085 and DEL\x7f", "C1 and DEL"},
		{"  line\nbreaks\tand tabs\r\n", "line breaks and tabs"},
		{"\u200f\u200bكـ تقليد\u200b", "\u200f\u200bكـ تقليد\u200b"}, // marks beside letters stay
		{"\U0001F600", "\U0001F600"},
		{"\xff\xfe", "\xff\xfe"}, // left for the check to refuse
		// Nothing a reader can see: empty.
		{"   \u200b \u200b  ", ""},
		{"\u200e\u200f\u2066\u2069\ufeff", ""},
		{"\u3164\u115f\u2800\u00a0\u3000", ""},
		{"\u0301\u0301\ufe0f", ""},
		{"\x00\x07\x1b\ufffe\uffff", ""},
	} {
		if got := CleanLine(tt.in); got != tt.want {
			t.Errorf("CleanLine(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
	}
	texts := CleanTexts(Text{"ar": "سياسة\x00", "ru": "\u200b ", "en": "Politics"})
	if len(texts) != 2 || texts["ar"] != "سياسة" || texts["en"] != "Politics" {
		t.Errorf("CleanTexts = %+q", texts)
	}
	if got := CleanText("First\x07 paragraph.\n\nSecond\x1b.\n"); got != "First paragraph.\n\nSecond.\n" {
		t.Errorf("CleanText kept %+q", got)
	}
}

func TestVersionTitleMustBeVisible(t *testing.T) {
	for _, title := range []string{"   ", " \u200b ", "\u200b\u200c\u200d\u2060", "\u3164", "\u2800\u2800", "\u0651"} {
		v := &Version{Lang: "ar", Title: title, Slug: "s"}
		if err := v.Validate(); ErrorCode(err) != EInvalid || AsError(err).Key != "err.title.required" {
			t.Errorf("title %+q: %v, want err.title.required", title, err)
		}
	}
	for _, title := range []string{"Bell\x07", "NUL\x00", "\ufffe"} {
		v := &Version{Lang: "en", Title: title, Slug: "s"}
		if err := v.Validate(); ErrorCode(err) != EInvalid || AsError(err).Key != "err.text.control" {
			t.Errorf("title %+q reached the store check: %v, want err.text.control", title, err)
		}
	}
}
