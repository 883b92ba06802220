package analysis

import (
	"slices"
	"strings"
	"testing"
)

// finds reports whether a document holding text matches the query, the way
// the stores match it: each required clause by one of its Alts anywhere,
// or by its words (a phrase's words in a row, over the words that have
// terms, by their primary terms), and no excluded clause.
func finds(a Analyzer, q Query, text string) bool {
	var words [][]string // the terms of each word with terms, primary first
	last := -1
	for _, tk := range a.Tokens(text) {
		if tk.Position != last {
			words = append(words, nil)
			last = tk.Position
		}
		words[len(words)-1] = append(words[len(words)-1], tk.Term)
	}
	match := func(c Clause) bool {
		for _, w := range words {
			if intersects(c.Alts, w) {
				return true
			}
		}
		if !c.Phrase() {
			for _, w := range words {
				if intersects(c.Words[0].Terms, w) {
					return true
				}
			}
			return false
		}
	start:
		for i := 0; i+len(c.Words) <= len(words); i++ {
			for j, qw := range c.Words {
				if !slices.Contains(qw.Terms, words[i+j][0]) {
					continue start
				}
			}
			return true
		}
		return false
	}
	for _, c := range q.Must {
		if !match(c) {
			return false
		}
	}
	for _, c := range q.Not {
		if match(c) {
			return false
		}
	}
	return !q.Empty()
}

// TestSeedLexicon checks every class of the lexicon Khabar ships: each
// member, searched for, finds a text with each other member.
func TestSeedLexicon(t *testing.T) {
	entries := SeedEntries()
	perClass := map[string]int{}
	for _, e := range entries {
		perClass[e.Lang+"/"+e.Class]++
		a := For(e.Lang)
		for _, q := range e.Words {
			for _, d := range e.Words {
				if !finds(a, ParseQuery(q+" ", a), "x "+d+" y") {
					t.Errorf("%s %s: %q does not find %q: query %+v, terms %q", e.Lang, e.Class, q, d, ParseQuery(q+" ", a).Must, a.IndexTerms(d))
				}
			}
		}
	}
	for _, want := range []string{"ar/broken-plural", "ar/hollow-verb", "ar/name", "ar/acronym", "ru/aspect", "ru/verbal-noun",
		"ru/name", "ru/acronym", "en/irregular", "en/spelling", "en/name", "en/acronym"} {
		if perClass[want] < 4 {
			t.Errorf("%s has %d entries", want, perClass[want])
		}
	}
}

// TestLexiconKeepsApart lists words that look alike and are not the same
// word: the lexicon must not join them (nor may the stemmer, for a name
// the lexicon lists).
func TestLexiconKeepsApart(t *testing.T) {
	for _, c := range []struct{ lang, pairs string }{
		{"en", "Hamas Hama; Abbas Abba; Texas texa; left leave; media medium; found find; saw see; lives life"},
		{"ru", "Алиев алые; Алиев Али; Песков песка; Лавров лавры; Медведев медведь; Зеленский зелень"},
		{"ar", "كاميرون أمير; ليبرمان يبرم; بلينكن لينكن; وزارة زيارة; مصارف صرف; أسعار سعير"},
	} {
		a := For(c.lang)
		for _, p := range strings.Split(c.pairs, ";") {
			ws := strings.Fields(p)
			if matches(a, ws[0], ws[1]) || matches(a, ws[1], ws[0]) {
				t.Errorf("%s: %q and %q find each other: %q/%q vs %q/%q", c.lang, ws[0], ws[1],
					a.QueryTerms(ws[0]), a.IndexTerms(ws[0]), a.QueryTerms(ws[1]), a.IndexTerms(ws[1]))
			}
		}
	}
}

// TestLexiconForms checks forms that the lexicon lists only through a
// stem: clitics, suffixes, cases and possessives around its words.
func TestLexiconForms(t *testing.T) {
	for _, c := range []struct{ lang, q, d string }{
		{"ar", "مصرف", "بالمصارف"}, {"ar", "المصارف", "للمصرف"}, {"ar", "زار", "وتزور"}, {"ar", "الزيارة", "زاروا"},
		{"ar", "زيلينسكي", "والرئيس زيلنسكي"}, {"ar", "شويغو", "لشويجو"},
		{"ru", "подписание", "подписали"}, {"ru", "подписывают", "подписанию"}, {"ru", "Пескова", "Песков"},
		{"ru", "Зеленскому", "Зеленский"}, {"ru", "ОАЭ", "Объединённых Арабских Эмиратов"},
		{"en", "bought", "buying"}, {"en", "children's", "child"}, {"en", "organisations", "organization"},
		{"en", "Zelenskyy", "Zelensky's"}, {"en", "Emirati", "the UAE"},
	} {
		a := For(c.lang)
		if !finds(a, ParseQuery(c.q+" ", a), c.d) {
			t.Errorf("%s: %q does not find %q: query %+v, terms %q", c.lang, c.q, c.d, ParseQuery(c.q+" ", a).Must, a.IndexTerms(c.d))
		}
	}
}

// TestLexiconPhrase: a query for a member of several words finds a text
// with the class's other members, and is one clause (the phrase, or the
// class's term).
func TestLexiconPhrase(t *testing.T) {
	en := For("en")
	q := ParseQuery("United Arab Emirates", en)
	if len(q.Must) != 1 || !slices.Contains(q.Must[0].Alts, "uae") || len(q.Must[0].Words) != 3 {
		t.Fatalf("ParseQuery = %+v, want one clause of three words, or uae", q.Must)
	}
	for _, d := range []string{"the UAE said", "Emirati officials", "the United Arab Emirates said"} {
		if !finds(en, q, d) {
			t.Errorf("%+v does not find %q (%q)", q.Must, d, en.IndexTerms(d))
		}
	}
	if finds(en, q, "united we stand, the Arab world, the emirates of old") {
		t.Error("the words apart match the phrase")
	}
	if q := ParseQuery(`"United Arab Emirates" grain`, en); len(q.Must) != 2 || !slices.Contains(q.Must[0].Alts, "uae") {
		t.Errorf("a quoted member: %+v", q.Must)
	}
	if got, want := render(Highlight(en, "He went home", ParseQuery("go ", en))), "He [went] home"; got != want {
		t.Errorf("Highlight = %q, want %q", got, want)
	}
}

// TestNewLexiconRefuses: an entry that cannot be used is refused with the
// reason, naming it.
func TestNewLexiconRefuses(t *testing.T) {
	for _, c := range []struct {
		e    Entry
		want string
	}{
		{Entry{Lang: "fr", Class: "spelling", Words: []string{"a", "b"}}, "language"},
		{Entry{Lang: "en", Class: "synonym", Words: []string{"car", "automobile"}}, "class"},
		{Entry{Lang: "en", Class: "spelling", Words: []string{"color"}}, "two words"},
		{Entry{Lang: "en", Class: "acronym", Words: []string{"WHO", "World Health Organization"}}, `"WHO" has no word`},
		{Entry{Lang: "en", Class: "acronym", Words: []string{"X", strings.Repeat("word ", 9)}}, "at most 8"},
		{Entry{Lang: "en", Class: "spelling", Words: []string{"a\xffb", "ab"}}, "UTF-8"},
	} {
		_, err := NewLexicon([]Entry{c.e})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("NewLexicon(%+v) = %v, want an error about %q", c.e, err, c.want)
		}
	}
	if _, err := ParseEntries("en", "spelling", "color, colour\n\ncolour"); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("ParseEntries: %v, want an error on line 3", err)
	}
}

// TestLexiconFingerprint: the fingerprint follows the entries.
func TestLexiconFingerprint(t *testing.T) {
	a, _ := NewLexicon([]Entry{{Lang: "en", Class: "spelling", Words: []string{"color", "colour"}}})
	b, _ := NewLexicon([]Entry{{Lang: "en", Class: "spelling", Words: []string{"color", "colour"}}})
	c, _ := NewLexicon([]Entry{{Lang: "en", Class: "spelling", Words: []string{"colour", "color"}}})
	if a.Fingerprint() != b.Fingerprint() || a.Fingerprint() == c.Fingerprint() || a.Fingerprint() == SeedLexicon().Fingerprint() {
		t.Errorf("fingerprints %s %s %s %s", a.Fingerprint(), b.Fingerprint(), c.Fingerprint(), SeedLexicon().Fingerprint())
	}
	// A lexicon applies only its own entries.
	if matches(a.For("en"), "went", "go") || !matches(a.For("en"), "colours", "color") {
		t.Error("a lexicon of one entry applies others, or not its own")
	}
}
