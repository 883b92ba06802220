package lang_test

import (
	"strings"
	"testing"

	"github.com/khabarnews/khabar/lang"
)

func TestMatch(t *testing.T) {
	site := []string{"ar", "ru", "en"}
	tests := []struct {
		name      string
		header    string
		supported []string
		fallback  string
		want      string
	}{
		{"russian browser", "ru-RU,ru;q=0.9,en;q=0.8", site, "ar", "ru"},
		{"egyptian browser", "ar-EG", site, "en", "ar"},
		{"saudi browser with english", "ar-SA,ar;q=0.9,en-US;q=0.8,en;q=0.7", site, "ru", "ar"},
		{"plain english", "en", site, "ar", "en"},
		{"british english", "en-GB,en;q=0.9", site, "ar", "en"},
		{"q order beats header order", "en;q=0.5,ru;q=0.9", site, "ar", "ru"},
		{"equal q keeps header order", "en,ru", site, "ar", "en"},
		{"unsupported first", "de-DE,de;q=0.9,ru;q=0.5", site, "ar", "ru"},
		{"only unsupported", "de-DE,fr;q=0.9", site, "ar", "ar"},
		{"wildcard", "*", site, "ar", "ar"},
		{"wildcard first", "*,ru;q=0.5", site, "en", "ru"},
		{"q zero excludes", "ru;q=0,en;q=0.1", site, "ar", "en"},
		{"all q zero", "ru;q=0", site, "ar", "ar"},
		{"empty header", "", site, "ar", "ar"},
		{"garbage", "!!!@@@", site, "ar", "ar"},
		{"binary garbage", "\xff\xfe\x00", site, "ru", "ru"},
		{"bad q skipped", "ru;q=abc,en;q=0.3", site, "ar", "en"},
		{"q above one skipped", "ru;q=2,en;q=0.3", site, "ar", "en"},
		{"negative q skipped", "ru;q=-1", site, "ar", "ar"},
		{"spaces and case", "  RU-ru ; Q=0.8 ,  EN ; q=0.9 ", site, "ar", "en"},
		{"underscore", "ru_RU", site, "ar", "ru"},
		{"other params ignored", "ru;level=1;q=0.9,en;q=0.5", site, "ar", "ru"},
		{"empty entries", ",,ru,,", site, "ar", "ru"},
		{"script subtag", "ar-Arab-EG", site, "en", "ar"},
		{"overlong subtag", "russian-federation", site, "ar", "ar"},
		{"digits in primary", "r2;q=1,en", site, "ar", "en"},
		{"no supported", "ru", nil, "ar", "ar"},
		{"exact regional beats base", "pt-BR,pt;q=0.9", []string{"pt-PT", "pt-BR"}, "en", "pt-BR"},
		{"base match returns spelling from supported", "pt", []string{"en", "pt-BR"}, "en", "pt-BR"},
		{"supported in upper case", "ru", []string{"AR", "RU"}, "AR", "RU"},
		{"three-letter prefix not a match", "ara", site, "en", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lang.Match(tt.header, tt.supported, tt.fallback); got != tt.want {
				t.Errorf("Match(%q, %v, %q) = %q, want %q", tt.header, tt.supported, tt.fallback, got, tt.want)
			}
		})
	}
}

// TestMatchBoundsWork shows that a huge header is cut off after the first
// entries instead of being parsed in full.
func TestMatchBoundsWork(t *testing.T) {
	header := strings.Repeat("de,", 100000) + "ru"
	if got := lang.Match(header, []string{"ar", "ru"}, "ar"); got != "ar" {
		t.Errorf("Match(huge header) = %q, want fallback", got)
	}
}
