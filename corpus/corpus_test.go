package corpus

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
)

func TestDeterministic(t *testing.T) {
	a := New(Options{Seed: 7, Sections: 4, Tags: 10})
	b := New(Options{Seed: 7, Sections: 4, Tags: 10})
	// Story i does not depend on the stories made before it.
	for _, i := range []int{0, 41, 9999} {
		if !reflect.DeepEqual(a.Story(i), b.Story(i)) {
			t.Fatalf("story %d differs between two generators with one seed", i)
		}
	}
	if reflect.DeepEqual(a.Story(3), New(Options{Seed: 8}).Story(3)) {
		t.Fatal("two seeds made the same story")
	}
	s := a.Story(5)
	if s.Section < 0 || s.Section >= 4 || len(s.Versions) != 3 || len(s.Tags) > 3 {
		t.Fatalf("story 5: section %d, %d versions, tags %v", s.Section, len(s.Versions), s.Tags)
	}
	if !s.PublishedAt.After(a.Story(4).PublishedAt) {
		t.Fatal("stories are not in publication order")
	}
}

// TestArabicVariety: the Arabic text has what search must see through.
func TestArabicVariety(t *testing.T) {
	g := New(Options{Seed: 1})
	var text strings.Builder
	for i := range 50 {
		text.WriteString(g.Story(i).Versions[0].Body)
	}
	s := text.String()
	for _, want := range []struct{ name, sub string }{
		{"article", " ال"}, {"و + article", " وال"}, {"ب + article", " بال"}, {"ل + article", " لل"},
		{"Arabic-Indic digits", "٢٠"}, {"tatweel", "ـ"},
	} {
		if !strings.Contains(s, want.sub) {
			t.Errorf("no %s (%q) in 50 Arabic bodies", want.name, want.sub)
		}
	}
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x064B && r <= 0x0652 }) {
		t.Error("no tashkeel in 50 Arabic bodies")
	}
}

func TestVocabulary(t *testing.T) {
	g := New(Options{Seed: 1, Langs: []string{"ru", "en"}})
	if g.Vocabulary("ar") != nil {
		t.Fatal("a vocabulary for a language not asked for")
	}
	for _, l := range []string{"ru", "en"} {
		v := g.Vocabulary(l)
		if len(v.Nouns) < 100 || len(v.Verbs) < 30 || len(v.Adjectives) < 30 || len(v.Names) != 20000 || len(v.Words) != 30000 {
			t.Fatalf("%s: %d nouns, %d verbs, %d adjectives, %d names, %d words", l, len(v.Nouns), len(v.Verbs), len(v.Adjectives), len(v.Names), len(v.Words))
		}
		if r := []rune(v.Names[0])[0]; !unicode.IsUpper(r) {
			t.Errorf("%s name %q is not capitalised", l, v.Names[0])
		}
	}
	seen := map[string]bool{}
	for _, n := range g.Vocabulary("en").Names {
		if seen[n] {
			t.Fatalf("name %q twice", n)
		}
		seen[n] = true
	}
}

// TestZipfShape: frequent words are much more frequent than rare ones, and
// the rare ones still appear.
func TestZipfShape(t *testing.T) {
	g := New(Options{Seed: 3, Langs: []string{"en"}})
	v := g.Vocabulary("en")
	counts := map[string]int{}
	for i := range 2000 {
		for _, w := range strings.Fields(strings.ToLower(g.Story(i).Versions[0].Body)) {
			counts[strings.Trim(w, ".<>/p")]++
		}
	}
	top, mid := counts[strings.ToLower(v.Names[0])], counts[strings.ToLower(v.Names[1000])]
	if top < 20*max(mid, 1) {
		t.Errorf("name 0 appears %d times, name 1000 %d: no long tail", top, mid)
	}
	distinct := 0
	for _, w := range v.Words {
		if counts[w] > 0 {
			distinct++
		}
	}
	if distinct < 3000 {
		t.Errorf("only %d generated words in 2000 stories", distinct)
	}
}

func BenchmarkStory(b *testing.B) {
	g := New(Options{Seed: 1, Sections: 8, Tags: 50})
	i := 0
	for b.Loop() {
		g.Story(i)
		i++
	}
}
