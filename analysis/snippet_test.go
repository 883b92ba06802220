package analysis

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// render writes fragments with matches in brackets.
func render(fs []Fragment) string {
	var b strings.Builder
	for _, f := range fs {
		if f.Match {
			b.WriteString("[" + f.Text + "]")
		} else {
			b.WriteString(f.Text)
		}
	}
	return b.String()
}

func TestHighlight(t *testing.T) {
	ar := For("ar")
	got := render(Highlight(ar, "اجتمع قادة الرابطةِ في قازان وللرابطة دور", ParseQuery("والرابطة ", ar)))
	if want := "اجتمع قادة [الرابطةِ] في قازان [وللرابطة] دور"; got != want {
		t.Errorf("Highlight = %q, want %q", got, want)
	}
	ru := For("ru")
	got = render(Highlight(ru, "Саммиты и саммит: Ёлка", ParseQuery("саммит елка ", ru)))
	if want := "[Саммиты] и [саммит]: [Ёлка]"; got != want {
		t.Errorf("Highlight = %q, want %q", got, want)
	}
	en := For("en")
	got = render(Highlight(en, "Summits summer", ParseQuery("summ", en)))
	if want := "[Summits] [summer]"; got != want {
		t.Errorf("prefix Highlight = %q, want %q", got, want)
	}
	got = render(Highlight(en, "grain and tea", ParseQuery("grain -tea", en)))
	if want := "[grain] and tea"; got != want {
		t.Errorf("an excluded word is marked: %q", got)
	}
}

func TestSnippet(t *testing.T) {
	en := For("en")
	text := strings.Repeat("Filler words about nothing at all. ", 20) +
		"The ministers discussed grain exports through the southern ports. " +
		strings.Repeat("More filler follows here. ", 10) +
		"Grain again, without the other word. " + strings.Repeat("Tail text. ", 10)
	q := ParseQuery("grain ports ", en)
	fs := Snippet(en, text, q, 120)
	got := render(fs)
	if !strings.Contains(got, "[grain]") || !strings.Contains(got, "[ports]") {
		t.Fatalf("the snippet misses the passage with both words: %q", got)
	}
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") {
		t.Errorf("a cut snippet should show where it was cut: %q", got)
	}
	if n := utf8.RuneCountInString(got) - 4; n > 122 {
		t.Errorf("snippet of %d runes for a limit of 120: %q", n, got)
	}
	if !strings.HasPrefix(got, "…The ministers") {
		t.Errorf("the snippet should start at the sentence: %q", got)
	}

	short := "Grain exports grew."
	if got := render(Snippet(en, short, q, 120)); got != "[Grain] exports grew." {
		t.Errorf("a short text is whole: %q", got)
	}
	if got := render(Snippet(en, text, ParseQuery("absent ", en), 40)); got != "Filler words about nothing at all…" {
		t.Errorf("without a match, the start of the text: %q", got)
	}
	para := "First paragraph ends here.\n\nSecond one."
	if got := render(Snippet(en, para, ParseQuery("second ", en), 200)); got != "First paragraph ends here. [Second] one." {
		t.Errorf("paragraph breaks read as spaces: %q", got)
	}
}

func TestSnippetKeepsTashkeel(t *testing.T) {
	ar := For("ar")
	text := strings.Repeat("نص لا علاقة له بالموضوع. ", 15) + "وقال مسؤول إن للرابطةِ دوراً في التنسيق. " + strings.Repeat("نص آخر. ", 15)
	got := render(Snippet(ar, text, ParseQuery("الرابطة", ar), 100))
	if !strings.Contains(got, "[للرابطةِ]") {
		t.Fatalf("snippet %q lacks the word as written", got)
	}
}

func FuzzSnippet(f *testing.F) {
	f.Add("The ministers discussed grain exports.", "grain", 20)
	f.Add("الرابطةِ في قازان", "الراب", 5)
	f.Add("a\u200b b\n\nc", `"a b`, 1)
	a := For("en")
	f.Fuzz(func(t *testing.T, text, query string, n int) {
		if n < 0 || n > 1000 || !utf8.ValidString(text) {
			return
		}
		fs := Snippet(a, text, ParseQuery(query, a), n)
		for i, fr := range fs {
			if fr.Text == "" {
				t.Fatalf("empty fragment %d", i)
			}
			if fr.Match && !strings.Contains(text, fr.Text) {
				t.Fatalf("match %q is not in the text", fr.Text)
			}
			if i > 0 && !fr.Match && !fs[i-1].Match {
				t.Fatalf("two unmatched fragments in a row")
			}
		}
	})
}

// TestTermHeads checks what matcher.maybe relies on: the first two letters
// of every term of a word are in the word's normal form, so that skipping
// words without them never loses a match. The lexicon's terms are not (see
// TestLexiconSnippet).
func TestTermHeads(t *testing.T) {
	for _, lang := range []string{"ar", "ru", "en", "tr"} {
		a := For(lang).(*analyzer)
		a = &analyzer{tag: a.tag, lang: a.lang, apostrophes: a.apostrophes}
		text := ""
		if lang != "tr" {
			text = MustReadTestdata(t, "news-"+lang+".txt")
		}
		text += " الفن والفن 2023م ١٤٤٥هـ قوات مباراة مستواه Studies happy flies O'Neill's Ёлки ёлкам Iğdır"
		a.walk(text, false, func(w *word) bool {
			start, end := w.start, w.end
			norm := a.normalize(text[start:end], &state{})
			for _, term := range w.terms {
				if !strings.Contains(norm, head(term)) {
					t.Errorf("%s: term %q of %q (normal form %q) does not begin with letters of the word", lang, term, text[start:end], norm)
				}
			}
			return true
		})
	}
}

// TestSnippetOf checks that a snippet comes from the summary or from the
// body, whichever holds the query better, and never runs from the summary
// into the start of the body, which says the same thing again.
func TestSnippetOf(t *testing.T) {
	en := For("en")
	summary := "Wheat exports reached a record this season."
	body := "Wheat exports reached a record this season, the ministry said. " +
		strings.Repeat("Shipments went through the southern ports. ", 8) +
		"Traders expect barley to follow."
	texts := []string{summary, body}
	for _, c := range []struct{ q, want string }{
		{"wheat ", "[Wheat] exports reached a record this season."},
		{"absent ", "Wheat exports reached a record this season."},
		{"barley ", "…Traders expect [barley] to follow."},
		{"wheat ministry ", "[Wheat] exports reached a record this season, the [ministry] said. Shipments went through the southern ports. Shipments went through the…"},
	} {
		got := render(SnippetOf(en, texts, ParseQuery(c.q, en), 140))
		if got != c.want {
			t.Errorf("SnippetOf(%q) = %q, want %q", c.q, got, c.want)
		}
	}
	if got := render(SnippetOf(en, []string{"", "  ", body}, ParseQuery("absent ", en), 40)); got != "Wheat exports reached a record this…" {
		t.Errorf("an empty summary: the start of the body, got %q", got)
	}
	if got := SnippetOf(en, []string{"", " "}, ParseQuery("wheat ", en), 40); got != nil {
		t.Errorf("no text: %+v", got)
	}
}
