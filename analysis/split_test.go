package analysis

import (
	"slices"
	"strings"
	"testing"
)

func TestFor(t *testing.T) {
	tests := []struct{ tag, want string }{
		{"ar", "ar"}, {"AR", "ar"}, {"ar-EG", "ar"}, {"ar_SA", "ar"}, {" ar ", "ar"},
		{"ru", "ru"}, {"ru-RU", "ru"}, {"en", "en"}, {"en-GB", "en"}, {"EN_us", "en"},
		{"fr", "fr"}, {"zh-Hant", "zh"}, {"", "und"}, {"-", "und"},
	}
	for _, tt := range tests {
		t.Run(tt.tag, func(t *testing.T) {
			if got := For(tt.tag).Lang(); got != tt.want {
				t.Errorf("For(%q).Lang() = %q, want %q", tt.tag, got, tt.want)
			}
		})
	}
	if For("ar") != For("ar-EG") {
		t.Error("For returns a new Arabic analyser per call; want the shared one")
	}
}

func TestWordSplitting(t *testing.T) {
	tests := []struct {
		name, text  string
		apostrophes bool
		want        []string
	}{
		{"spaces", "one two  three", false, []string{"one", "two", "three"}},
		{"punctuation", "one, two. (three)! «four» \"five\"", false, []string{"one", "two", "three", "four", "five"}},
		{"arabic punctuation", "أولاً، ثانياً؛ ثالثاً؟", false, []string{"أولاً", "ثانياً", "ثالثاً"}},
		{"hyphen", "well-known Санкт-Петербург", false, []string{"well", "known", "Санкт", "Петербург"}},
		{"en dash and em dash", "a–b—c", false, []string{"a", "b", "c"}},
		{"slash", "ديسمبر/كانون", false, []string{"ديسمبر", "كانون"}},
		{"digits in words", "G20 COVID19 2023م", false, []string{"G20", "COVID19", "2023م"}},
		{"decimal separator", "3.5 ٣٫٥", false, []string{"3", "5", "٣", "٥"}},
		{"marks stay with letters", "الكرملِين café", false, []string{"الكرملِين", "café"}},
		{"tatweel is a letter", "كـ تقليد", false, []string{"كـ", "تقليد"}},
		{"zero-width space joins", "foo\u200Bbar", false, []string{"foo\u200Bbar"}},
		{"zwnj joins", "می\u200Cخواهم", false, []string{"می\u200Cخواهم"}},
		{"bidi marks around", "\u200Fword\u200E next", false, []string{"word", "next"}},
		{"isolates around", "\u2067كلمة\u2069", false, []string{"كلمة"}},
		{"soft hyphen joins", "inter\u00ADnational", false, []string{"inter\u00ADnational"}},
		{"ignorable between words stays out", "a \u200B b", false, []string{"a", "b"}},
		{"apostrophe splits by default", "don't", false, []string{"don", "t"}},
		{"apostrophe joins in English", "don't", true, []string{"don't"}},
		{"typographic apostrophe", "don’t", true, []string{"don’t"}},
		{"leading apostrophe", "'quoted'", true, []string{"quoted"}},
		{"trailing apostrophe", "leaders' summit", true, []string{"leaders", "summit"}},
		{"apostrophe before space", "it' s", true, []string{"it", "s"}},
		{"double apostrophe", "a''b", true, []string{"a", "b"}},
		{"underscore splits", "snake_case", false, []string{"snake", "case"}},
		{"emoji splits", "good👍bad", false, []string{"good", "bad"}},
		{"cjk", "東京 2020", false, []string{"東京", "2020"}},
		{"nothing", " ,.-—", false, nil},
		{"empty", "", false, nil},
		{"invalid utf-8 splits", "ab\xffcd", false, []string{"ab", "cd"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for i := 0; ; {
				start, end, ok := nextWord(tt.text, i, tt.apostrophes)
				if !ok {
					break
				}
				got = append(got, tt.text[start:end])
				i = end
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("words of %q = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestTokenSpans(t *testing.T) {
	text := "«Путин» и G20:\u200F الكرملِين، ٢٠٢٣"
	a := For("ru")
	type span struct {
		word, term string
		pos        int
	}
	var got []span
	for _, tk := range a.Tokens(text) {
		got = append(got, span{text[tk.Start:tk.End], tk.Term, tk.Position})
	}
	want := []span{
		{"Путин", "путин", 0},
		// и: stop word at 1
		{"G20", "g20", 2},
		{"الكرملِين", "الكرملِين", 3}, // the Russian analyser does not normalise Arabic
		{"٢٠٢٣", "2023", 4},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Tokens(%q) = %+v, want %+v", text, got, want)
	}
}

func TestGeneric(t *testing.T) {
	a := For("fr")
	tests := []struct{ text, want string }{
		{"Le Président", "le président"},
		{"L'Élysée", "l élysée"},
		{"STRASSE Straße", "strasse strasse"},
		{"ΟΔΟΣ οδος", "οδοσ οδοσ"},
		{"İstanbul", "istanbul"},
		{"٢٠٢٣ ۱۴۰۲", "2023 1402"},
		{"la de et", "la de et"},                   // no stop words
		{"mangeons mangeait", "mangeons mangeait"}, // no stemming
		{"Z\u200Büri\u00ADch", "zürich"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := strings.Join(a.IndexTerms(tt.text), " "); got != tt.want {
				t.Errorf("IndexTerms(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestTruncation(t *testing.T) {
	long := strings.Repeat("абв", 30) // 90 runes
	for _, lang := range []string{"ar", "ru", "en", "fr"} {
		for _, term := range For(lang).IndexTerms(long + " " + strings.Repeat("x", 200)) {
			if n := len([]rune(term)); n > MaxTermRunes {
				t.Errorf("%s: term of %d runes, want at most %d", lang, n, MaxTermRunes)
			}
		}
	}
	if got := For("fr").IndexTerms(strings.Repeat("é", 100)); len(got) != 1 || got[0] != strings.Repeat("é", MaxTermRunes) {
		t.Errorf("IndexTerms(100 × é) = %q, want 64 × é", got)
	}
}

func TestQueryTerms(t *testing.T) {
	tests := []struct {
		lang, in string
		want     []string
	}{
		{"en", "", nil},
		{"en", "   ", nil},
		{"en", "the", nil},
		{"en", "Summits", []string{"summit", "summits"}},
		{"en", "summits of leaders", []string{"summit", "summits"}}, // first word only
		{"en", "the summit", nil},                                   // first word is a stop word
		{"ar", "والرابطة", []string{"رابط"}},
		{"ar", "في", nil},
		{"ar", "كـ", nil},
		{"ar", "الفن", []string{"الفن", "فن"}},
		{"ru", "Саммиты", []string{"саммит", "саммиты"}},
		{"ru", "и", nil},
		{"fr", "Élysée", []string{"élysée"}},
		{"fr", "\u200B", nil},
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.in, func(t *testing.T) {
			if got := For(tt.lang).QueryTerms(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("QueryTerms(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestIndexTermsAreTokenTerms checks that IndexTerms is exactly the terms of
// Tokens, so that a positional index (tsvector) and a plain one (FTS5) hold
// the same terms.
func TestIndexTermsAreTokenTerms(t *testing.T) {
	for _, lang := range []string{"ar", "ru", "en"} {
		text := MustReadTestdata(t, "news-"+lang+".txt")
		a := For(lang)
		var fromTokens []string
		for _, tk := range a.Tokens(text) {
			fromTokens = append(fromTokens, tk.Term)
		}
		if !slices.Equal(a.IndexTerms(text), fromTokens) {
			t.Errorf("%s: IndexTerms differs from the terms of Tokens", lang)
		}
	}
}
