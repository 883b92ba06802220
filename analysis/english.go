package analysis

import (
	"strings"

	"github.com/blevesearch/snowballstem/english"
)

// englishLang is the English analyser: case folding, possessive 's removed,
// stop words, and the Snowball English (Porter2) stemmer.
type englishLang struct {
	stop map[string]bool
}

func newEnglish() *englishLang {
	l := &englishLang{stop: map[string]bool{}}
	for _, w := range strings.Fields(englishStopWords) {
		l.stop[w] = true
	}
	return l
}

func (l *englishLang) normRune(buf []rune, r rune) []rune { return append(buf, r) }

func (l *englishLang) terms(dst []string, _, norm string, _ bool, st *state) []string {
	// Russia's and Russia are the same word; the 's of a contraction (it's)
	// goes too, which leaves a stop word.
	if l.stop[norm] {
		return dst
	}
	norm = strings.TrimSuffix(norm, "'s")
	if norm == "" || l.stop[norm] {
		return dst
	}
	if !asciiLetters(norm) {
		return append(dst, norm)
	}
	// Porter2 may leave an apostrophe at the end (bbaa'e → bbaa'), which the
	// word splitter would never keep: trim it so that a term reads back as
	// itself.
	dst = appendUnique(dst, strings.Trim(st.stemmer.stem(norm, english.Stem), "'"))
	// Porter2 is not idempotent (agreed → agre → agr): the word itself as a
	// query alternative keeps every index term able to find its document.
	return appendUnique(dst, norm)
}

// asciiLetters reports whether s is made of a-z and apostrophes, the only
// input Porter2 is written for.
func asciiLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'a' || c > 'z') && c != '\'' {
			return false
		}
	}
	return true
}

// englishStopWords is a common English stop list: articles, pronouns,
// auxiliaries, prepositions, conjunctions and their contractions.
const englishStopWords = `
a about above after again against all am an and any are aren't as at be because been before being
below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't
down during each few for from further had hadn't has hasn't have haven't having he he'd he'll her
here hers herself him himself his how i i'd i'll i'm i've if in into is isn't it its itself let's
me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves out
over own same shan't she she'd she'll should shouldn't so some such than that the their theirs them
themselves then there these they they'd they'll they're they've this those through to too under
until up very was wasn't we we'd we'll we're we've were weren't what when where which while who whom
why will with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves
`
