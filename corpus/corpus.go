// Package corpus generates a large news corpus in Arabic, Russian and
// English for benchmarks and load tests: deterministic (the same options
// always give the same stories, and story i does not depend on the others,
// so stories can be generated in any order or in parallel), with a
// vocabulary whose shape resembles news text.
//
// Each language has a hand-written core vocabulary of a few hundred news
// words with their inflected forms (Russian cases, English plurals and verb
// forms, Arabic plurals and feminines), drawn with a Zipf-like skew, and
// two long tails of generated words: common words and proper names
// (people, places, companies), drawn so that a word's frequency falls with
// its rank (Zipf–Mandelbrot). Document frequencies range from a core word
// in most stories to a rare word or name in a handful, as in a real
// archive. Arabic text
// gets the conjunctions, prepositions and article (و ف ب ل ال وال بال لل),
// tashkeel, tatweel, hamza and ta marbuta variants and Arabic-Indic digits
// that search must see through; Russian text writes ё as е half the time.
//
// The text is nonsense at the sentence level: it is built for the index,
// not for readers.
package corpus

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
)

// Options configure a Generator. Zero values take the defaults.
type Options struct {
	Seed uint64
	// Langs are the languages of every story (default ar, ru, en).
	Langs []string
	// Start is the publication time of story 0; each story is published
	// Step later than the previous one (default 2023-01-01 UTC, 5 minutes).
	Start time.Time
	Step  time.Duration
	// Sections and Tags are how many there are to choose from: a story
	// gets a section in [0, Sections) and up to three tags in [0, Tags).
	Sections, Tags int
	// Names is the number of generated proper names (default 20,000), and
	// Words the number of generated common words (default 30,000).
	Names, Words int
}

// Story is one generated story.
type Story struct {
	Index       int
	Section     int   // -1 without sections
	Tags        []int // indexes, most common first
	PublishedAt time.Time
	Versions    []Version
}

// Version is one language version of a generated story; Body is HTML.
type Version struct {
	Lang, Title, Slug, Summary, Body string
}

// Generator makes stories. It is immutable and safe for concurrent use.
type Generator struct {
	o     Options
	langs map[string]*Vocabulary
	tags  *zipf
}

// Vocabulary is the word stock of one language, for building queries that
// are known to match: each entry of Nouns, Verbs and Adjectives lists a
// word's forms, base form first.
type Vocabulary struct {
	Lang                     string
	Nouns, Verbs, Adjectives [][]string
	// Words and Names are the generated long tails, most frequent first.
	Words, Names []string
	Stops        []string

	nouns, verbs, adjectives *zipf
	words, names             mandelbrot
}

// New returns a generator for the options.
func New(o Options) *Generator {
	if len(o.Langs) == 0 {
		o.Langs = []string{"ar", "ru", "en"}
	}
	if o.Start.IsZero() {
		o.Start = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if o.Step == 0 {
		o.Step = 5 * time.Minute
	}
	if o.Names == 0 {
		o.Names = 20000
	}
	if o.Words == 0 {
		o.Words = 30000
	}
	g := &Generator{o: o, langs: map[string]*Vocabulary{}}
	names := nameSyllables(o.Seed, 0x6e616d6573, o.Names, nil)
	words := nameSyllables(o.Seed, 0x776f726473, o.Words, names)
	for _, l := range o.Langs {
		g.langs[l] = newVocabulary(l, names, words)
	}
	if o.Tags > 0 {
		g.tags = newZipf(o.Tags, 1.0)
	}
	return g
}

// Vocabulary returns the word stock of lang, or nil for a language the
// generator was not asked for.
func (g *Generator) Vocabulary(lang string) *Vocabulary { return g.langs[lang] }

// Story returns story i.
func (g *Generator) Story(i int) Story {
	r := rand.New(rand.NewPCG(g.o.Seed, uint64(i)))
	s := Story{Index: i, Section: -1, PublishedAt: g.o.Start.Add(time.Duration(i)*g.o.Step + time.Duration(r.Int64N(int64(g.o.Step))))}
	if g.o.Sections > 0 {
		s.Section = r.IntN(g.o.Sections)
	}
	if g.tags != nil {
		for range r.IntN(4) {
			t := g.tags.draw(r)
			if !contains(s.Tags, t) {
				s.Tags = append(s.Tags, t)
			}
		}
	}
	for _, l := range g.o.Langs {
		s.Versions = append(s.Versions, g.langs[l].version(r, i))
	}
	return s
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func (v *Vocabulary) version(r *rand.Rand, i int) Version {
	out := Version{Lang: v.Lang, Slug: fmt.Sprintf("story-%d", i)}
	out.Title = strings.TrimSuffix(v.sentence(r, 5+r.IntN(5)), ".")
	out.Summary = v.sentence(r, 12+r.IntN(7))
	var b strings.Builder
	for range 3 + r.IntN(3) {
		b.WriteString("<p>")
		for k := range 2 + r.IntN(2) {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(v.sentence(r, 10+r.IntN(7)))
		}
		b.WriteString("</p>")
	}
	out.Body = b.String()
	return out
}

// sentence strings n words of mixed kinds, capitalised, with a full stop.
func (v *Vocabulary) sentence(r *rand.Rand, n int) string {
	words := make([]string, 0, n)
	for len(words) < n {
		switch x := r.IntN(100); {
		case x < 20:
			words = append(words, v.Stops[r.IntN(len(v.Stops))])
		case x < 36:
			words = append(words, v.form(r, v.Nouns, v.nouns, true))
		case x < 43:
			words = append(words, v.form(r, v.Adjectives, v.adjectives, true))
		case x < 50:
			words = append(words, v.form(r, v.Verbs, v.verbs, false))
		case x < 80:
			words = append(words, v.tail(r, v.Words[v.words.draw(r)]))
		case x < 97:
			words = append(words, v.Names[v.names.draw(r)])
		default:
			words = append(words, v.number(r))
		}
	}
	s := strings.Join(words, " ")
	if v.Lang != "ar" {
		s = capitalise(s)
	}
	return s + "."
}

// form picks a word by its frequency rank, then one of its forms, and
// dresses it as the language's writers would.
func (v *Vocabulary) form(r *rand.Rand, list [][]string, z *zipf, clitics bool) string {
	forms := list[z.draw(r)]
	w := forms[r.IntN(len(forms))]
	switch v.Lang {
	case "ar":
		return arabicDress(r, w, clitics)
	case "ru":
		if strings.Contains(w, "ё") && r.IntN(2) == 0 {
			w = strings.ReplaceAll(w, "ё", "е")
		}
	}
	return strings.ReplaceAll(w, "_", " ")
}

// tail dresses a generated common word; Arabic ones get clitics too.
func (v *Vocabulary) tail(r *rand.Rand, w string) string {
	if v.Lang == "ar" {
		return arabicDress(r, w, true)
	}
	return w
}

func (v *Vocabulary) number(r *rand.Rand) string {
	n := fmt.Sprint(2000 + r.IntN(26))
	if r.IntN(3) == 0 {
		n = fmt.Sprint(1 + r.IntN(500))
	}
	if v.Lang == "ar" && r.IntN(2) == 0 {
		var b strings.Builder
		for _, c := range n {
			b.WriteRune('٠' + c - '0')
		}
		return b.String()
	}
	return n
}

func capitalise(s string) string {
	for i, c := range s {
		return strings.ToUpper(string(c)) + s[i+len(string(c)):]
	}
	return s
}

// arabicPrefixes are the proclitic sequences the generator attaches, with
// their weights in a hundred.
var arabicPrefixes = []struct {
	p string
	w int
}{{"", 45}, {"ال", 30}, {"وال", 8}, {"بال", 6}, {"لل", 4}, {"و", 4}, {"ب", 2}, {"ل", 1}}

// arabicDress adds clitics, spelling variants, tashkeel and tatweel to an
// Arabic word.
func arabicDress(r *rand.Rand, w string, clitics bool) string {
	first, rest, compound := strings.Cut(w, "_")
	if clitics {
		x := r.IntN(100)
		for _, p := range arabicPrefixes {
			if x < p.w {
				first = p.p + first
				break
			}
			x -= p.w
		}
	}
	if r.IntN(10) == 0 { // hamza seats often go unwritten
		first = strings.NewReplacer("أ", "ا", "إ", "ا", "آ", "ا").Replace(first)
	}
	if r.IntN(30) == 0 && strings.HasSuffix(first, "ة") {
		first = strings.TrimSuffix(first, "ة") + "ه"
	}
	if r.IntN(20) == 0 && strings.HasSuffix(first, "ى") {
		first = strings.TrimSuffix(first, "ى") + "ي"
	}
	if r.IntN(7) == 0 {
		first = addTashkeel(r, first)
	}
	if r.IntN(100) == 0 {
		first = addTatweel(first)
	}
	if compound {
		return first + " " + rest
	}
	return first
}

var harakat = []rune{'\u064E', '\u064F', '\u0650', '\u0652', '\u0651'}

func addTashkeel(r *rand.Rand, w string) string {
	rs := []rune(w)
	var out []rune
	for i, c := range rs {
		out = append(out, c)
		if i > 0 && r.IntN(3) == 0 {
			out = append(out, harakat[r.IntN(len(harakat))])
		}
	}
	return string(out)
}

// addTatweel stretches a word after its second letter, where that letter
// joins the next.
func addTatweel(w string) string {
	rs := []rune(w)
	if len(rs) < 3 || strings.ContainsRune("ادذرزوةى", rs[1]) {
		return w
	}
	return string(rs[:2]) + "ـ" + string(rs[2:])
}

// zipf draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s.
type zipf struct{ cdf []float64 }

func newZipf(n int, s float64) *zipf {
	z := &zipf{cdf: make([]float64, n)}
	sum := 0.0
	for i := range n {
		sum += 1 / math.Pow(float64(i+1), s)
		z.cdf[i] = sum
	}
	for i := range z.cdf {
		z.cdf[i] /= sum
	}
	return z
}

func (z *zipf) draw(r *rand.Rand) int {
	i := sort.SearchFloat64s(z.cdf, r.Float64())
	return min(i, len(z.cdf)-1)
}

// mandelbrot draws ranks 0..n-1 with probability proportional to
// 1/(rank+offset): Zipf's law with a flattened head, so that the most
// frequent generated word is common but not in every story.
type mandelbrot struct{ n, offset float64 }

func (m mandelbrot) draw(r *rand.Rand) int {
	k := m.offset*math.Exp(r.Float64()*math.Log((m.n+m.offset)/m.offset)) - m.offset
	return min(int(k), int(m.n)-1)
}

func newVocabulary(lang string, names, words [][]int) *Vocabulary {
	v := &Vocabulary{Lang: lang}
	var nouns, verbs, adjectives, stops string
	switch lang {
	case "ar":
		nouns, verbs, adjectives, stops = arabicNouns, arabicVerbs, arabicAdjectives, arabicStops
	case "ru":
		nouns, verbs, adjectives, stops = russianNouns, russianVerbs, russianAdjectives, russianStops
	default:
		nouns, verbs, adjectives, stops = englishNouns, englishVerbs, englishAdjectives, englishStops
	}
	v.Nouns, v.Verbs, v.Adjectives = lines(nouns), lines(verbs), lines(adjectives)
	v.Stops = strings.Fields(stops)
	for _, n := range names {
		v.Names = append(v.Names, spellName(lang, n, true))
	}
	for _, w := range words {
		v.Words = append(v.Words, spellName(lang, w, false))
	}
	// Core words are drawn with a flat skew (news vocabulary is broad);
	// the tails with a steep one (a few names are in the news every day,
	// most rarely).
	v.nouns, v.verbs, v.adjectives = newZipf(len(v.Nouns), 0.8), newZipf(len(v.Verbs), 0.8), newZipf(len(v.Adjectives), 0.8)
	v.words = mandelbrot{n: float64(len(v.Words)), offset: 10}
	v.names = mandelbrot{n: float64(len(v.Names)), offset: 3}
	return v
}

func lines(s string) [][]string {
	var out [][]string
	for _, l := range strings.Split(s, "\n") {
		if f := strings.Fields(l); len(f) > 0 {
			out = append(out, f)
		}
	}
	return out
}
