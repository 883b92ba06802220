package analysis

import "testing"

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"الكرملِين", "الكرملين"},
		{"إجتماعٌ  ودّي", "اجتماع ودي"},
		{"رابطةُ", "رابطه"},
		{"مصطفى", "مصطفي"},
		{"كـ تقليد", "ك تقليد"},
		{"Ёлка  ПУТИН", "елка путин"},
		{"Kremlin's ٢٠٢٣", "kremlin's 2023"},
		{"\u200fبوتين\u200e", "بوتين"},
		{"  ", ""},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
