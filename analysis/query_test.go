package analysis

import (
	"slices"
	"strings"
	"testing"
)

// clauses renders a parsed query compactly: words by their first term,
// phrases in quotes, prefixes after a star, exclusions after a minus.
func clauses(q Query) string {
	var parts []string
	render := func(c Clause, neg bool) string {
		var ws []string
		for _, w := range c.Words {
			s := w.Terms[0]
			if len(w.Prefixes) > 0 {
				s += "*" + strings.Join(w.Prefixes, "|")
			}
			ws = append(ws, s)
		}
		s := strings.Join(ws, " ")
		if c.Phrase() {
			s = `"` + s + `"`
		}
		if neg {
			s = "-" + s
		}
		return s
	}
	for _, c := range q.Must {
		parts = append(parts, render(c, false))
	}
	for _, c := range q.Not {
		parts = append(parts, render(c, true))
	}
	return strings.Join(parts, " ")
}

func TestParseQuery(t *testing.T) {
	ar, ru, en := For("ar"), For("ru"), For("en")
	tests := []struct {
		text string
		as   []Analyzer
		want string
	}{
		{"summits ", []Analyzer{en}, "summit"},
		{"summits", []Analyzer{en}, "summit*summits"},
		{"grain exports ", []Analyzer{en}, "grain export"},
		{`"grain exports" -tea `, []Analyzer{en}, `"grain export" -tea`},
		{`«саммит ШОС» -Путин `, []Analyzer{ru}, `"самм шос" -путин`},
		{`“Rasht Astara” `, []Analyzer{en}, `"rasht astara"`},
		{`„Решт Астара“ `, []Analyzer{ru}, `"решт астар"`},
		{"Rasht-Astara ", []Analyzer{en}, `"rasht astara"`},
		{`"unclosed phrase beg`, []Analyzer{en}, `"unclos phrase beg*beg"`},
		{`"closed phrase"`, []Analyzer{en}, `"close phrase"`},
		{"the of and", []Analyzer{en}, ""},
		{"- -- ---", []Analyzer{en}, ""},
		{"-grain", []Analyzer{en}, "-grain"},
		{"grain -", []Analyzer{en}, "grain"},
		{"grain - tea ", []Analyzer{en}, "grain tea"},
		{"grain −tea ", []Analyzer{en}, "grain -tea"},
		{"-grain*", []Analyzer{en}, "-grain"},
		{"putin.", []Analyzer{en}, "putin"},
		{"الراب", []Analyzer{ar}, "راب*الراب|راب"},
		{"والرابطة ", []Analyzer{ar}, "رابط"},
		{"في من على", []Analyzer{ar}, ""},
		{"ab", []Analyzer{en}, "ab"},
		{"Путин в Казани ", []Analyzer{en, ru, ar}, "путин казани"},
		{"Путин и", []Analyzer{ru}, "путин"},
	}
	for _, tt := range tests {
		if got := clauses(ParseQuery(tt.text, tt.as...)); got != tt.want {
			t.Errorf("ParseQuery(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestParseQueryAlternatives: every analyser's terms are alternatives of a
// word; with several, a word any of them calls a stop word is dropped.
func TestParseQueryAlternatives(t *testing.T) {
	q := ParseQuery("Казани ", For("en"), For("ru"))
	if len(q.Must) != 1 || !slices.Contains(q.Must[0].Words[0].Terms, "казан") || !slices.Contains(q.Must[0].Words[0].Terms, "казани") {
		t.Fatalf("terms of Казани across analysers: %+v", q.Must)
	}
	if q := ParseQuery("the Kremlin", For("ru"), For("en")); len(q.Must) != 1 {
		t.Fatalf("an English stop word searched across languages: %+v", q.Must)
	}
}

func TestParseQueryLimits(t *testing.T) {
	q := ParseQuery(strings.Repeat("grain ", 40), For("en"))
	if len(q.Must) != MaxQueryClauses {
		t.Errorf("%d clauses, want at most %d", len(q.Must), MaxQueryClauses)
	}
	q = ParseQuery(`"`+strings.Repeat("grain ", 40)+`"`, For("en"))
	if len(q.Must) != 1 || len(q.Must[0].Words) != MaxPhraseWords {
		t.Errorf("phrase of %d words, want at most %d", len(q.Must[0].Words), MaxPhraseWords)
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{`"a b" -c d*`, `«саммит»`, "والرابطة", `"`, "-", `""""`, "a\u200cb -\"x"} {
		f.Add(s)
	}
	as := []Analyzer{For("ar"), For("ru"), For("en")}
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQuery(s, as...)
		for _, cs := range [][]Clause{q.Must, q.Not} {
			for _, c := range cs {
				if len(c.Words) == 0 || len(c.Words) > MaxPhraseWords {
					t.Fatalf("clause of %d words in %q", len(c.Words), s)
				}
				for _, w := range c.Words {
					if len(w.Terms) == 0 {
						t.Fatalf("word %q without terms in %q", w.Text, s)
					}
				}
			}
		}
		for _, c := range q.Not {
			for _, w := range c.Words {
				if len(w.Prefixes) > 0 {
					t.Fatalf("an excluded word is matched as a prefix in %q", s)
				}
			}
		}
	})
}

// TestCompounds checks that a hyphenated compound and its closed form find
// each other, in documents and in queries, and that the snippet marks the
// compound whole.
func TestCompounds(t *testing.T) {
	for _, c := range []struct{ lang, hyphen, closed string }{
		{"en", "long-term", "longterm"},
		{"en", "co-operation", "cooperation"},
		{"en", "e-mail", "email"},
		{"en", "F-16", "F16"},
		{"en", "Covid-19", "COVID19"},
		{"ru", "северо-западный", "северозападный"},
		{"ru", "онлайн-торговля", "онлайнторговля"},
	} {
		a := For(c.lang)
		// A document with the closed form is found by the hyphenated query.
		q := ParseQuery(c.hyphen+" ", a)
		if len(q.Must) != 1 || !intersects(q.Must[0].Alts, a.IndexTerms("a "+c.closed+" b")) {
			t.Errorf("query %q (%+v) does not find %q (%q)", c.hyphen, q.Must, c.closed, a.IndexTerms(c.closed))
		}
		// A document with the hyphen is found by the closed form.
		if !intersects(a.QueryTerms(c.closed), a.IndexTerms("a "+c.hyphen+" b")) {
			t.Errorf("query %q (%q) does not find %q (%q)", c.closed, a.QueryTerms(c.closed), c.hyphen, a.IndexTerms(c.hyphen))
		}
		if got, want := render(Highlight(a, "x "+c.hyphen+" y", ParseQuery(c.closed+" ", a))), "x ["+c.hyphen+"] y"; got != want {
			t.Errorf("Highlight = %q, want %q", got, want)
		}
		if got, want := render(Highlight(a, "x "+c.closed+" y", ParseQuery(c.hyphen+" ", a))), "x ["+c.closed+"] y"; got != want {
			t.Errorf("Highlight = %q, want %q", got, want)
		}
	}
	en := For("en")
	// Dashes and spaces make no compound; nor do two numbers.
	for _, d := range []string{"long - term", "long–term", "long term", "2023-2024"} {
		for _, term := range en.IndexTerms(d) {
			if term == "longterm" || term == "20232024" {
				t.Errorf("IndexTerms(%q) = %q joins the words", d, en.IndexTerms(d))
			}
		}
	}
	if q := ParseQuery("2023-2024", en); len(q.Must) != 1 || q.Must[0].Alts != nil {
		t.Errorf("two numbers make a compound: %+v", q.Must)
	}
	if q := ParseQuery(`"a long-term plan"`, en); len(q.Must) != 1 || q.Must[0].Alts != nil {
		t.Errorf("a longer phrase makes a compound: %+v", q.Must)
	}
	// The compound's words still match on their own.
	if got, want := render(Highlight(en, "a long-term plan", ParseQuery("term ", en))), "a long-[term] plan"; got != want {
		t.Errorf("Highlight = %q, want %q", got, want)
	}
}
