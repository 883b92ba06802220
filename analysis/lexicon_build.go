package analysis

import (
	"fmt"
	"strings"
)

// lexLang is the lexicon of one language, ready for analysis.
type lexLang struct {
	// byKey maps a word's primary term, or for an English acronym its
	// normal form, to the terms of the classes it is in.
	byKey map[string][]string
	// names maps the key of a listed name (see nameKey) to its class term.
	names map[string]string
	// phrases maps the primary terms of a member of several words, joined
	// by spaces, to its class terms; ends holds the last terms of them.
	phrases   map[string][]string
	ends      map[string]bool
	maxPhrase int
	// members lists the normal forms of each class term's words, which a
	// snippet looks for (see matcher.maybe).
	members map[string][]string
}

// lexMember is one member of an entry, analysed: the primary term and the
// normal form of each of its words.
type lexMember struct{ primaries, norms []string }

// buildLexicon returns the analyser of lang with entries applied.
func buildLexicon(lang string, entries []Entry) (*analyzer, error) {
	base := baseAnalyzer(lang, entries)
	l := &lexLang{byKey: map[string][]string{}, names: map[string]string{}, phrases: map[string][]string{},
		ends: map[string]bool{}, members: map[string][]string{}}
	for _, e := range entries {
		ms := make([]lexMember, len(e.Words))
		for i, w := range e.Words {
			ms[i] = analyseMember(base, w)
			if len(ms[i].primaries) == 0 {
				return nil, fmt.Errorf("%s: %q has no word that search indexes", strings.Join(e.Words, ", "), w)
			}
		}
		class := l.classTerm(lang, e.Class, ms[0])
		for _, m := range ms {
			l.add(lang, e.Class, class, m)
		}
	}
	a := *base
	if len(entries) > 0 {
		a.lex = l
	}
	return &a, nil
}

// baseAnalyzer returns the analyser that reads the entries: for Arabic, one
// that knows their names (frozen) and their words (protected).
func baseAnalyzer(lang string, entries []Entry) *analyzer {
	switch lang {
	case "ru":
		return russianAnalyzer
	case "en":
		return englishAnalyzer
	}
	ar := newArabic()
	for _, e := range entries {
		for _, w := range e.Words {
			if strings.ContainsRune(w, ' ') {
				continue
			}
			if e.Class == "name" {
				ar.freeze(w)
			} else {
				ar.protect(w)
			}
		}
	}
	return &analyzer{tag: "ar", lang: ar}
}

// analyseMember analyses one member as the base analyser indexes it.
func analyseMember(base *analyzer, text string) lexMember {
	var m lexMember
	st := &state{}
	base.walk(text, true, func(w *word) bool {
		if len(w.terms) > 0 {
			m.primaries = append(m.primaries, w.terms[0])
			m.norms = append(m.norms, base.normalize(text[w.start:w.end], st))
		}
		return true
	})
	return m
}

// classTerm is the term that stands for a class: its first member's
// primary term (a name's key, for a name in Russian or English), or for a
// member of several words their primary terms run together.
func (l *lexLang) classTerm(lang, class string, first lexMember) string {
	if len(first.primaries) > 1 {
		return strings.Join(first.primaries, "")
	}
	if class == "name" && lang != "ar" {
		return nameKey(lang, first.norms[0])
	}
	return first.primaries[0]
}

func (l *lexLang) add(lang, class, term string, m lexMember) {
	l.members[term] = appendUnique(l.members[term], strings.Join(m.norms, " "))
	if len(m.primaries) > 1 {
		key := strings.Join(m.primaries, " ")
		l.phrases[key] = appendUnique(l.phrases[key], term)
		l.ends[m.primaries[len(m.primaries)-1]] = true
		l.maxPhrase = max(l.maxPhrase, len(m.primaries))
		return
	}
	switch {
	case class == "name" && lang != "ar":
		l.names[nameKey(lang, m.norms[0])] = term
	case class == "acronym" && lang == "en":
		// An English name of a country or an organisation as written:
		// the stemmer would make Emirates emir.
		l.byKey[m.norms[0]] = appendUnique(l.byKey[m.norms[0]], term)
	default:
		l.byKey[m.primaries[0]] = appendUnique(l.byKey[m.primaries[0]], term)
	}
}

// nameKey is what a listed name and every form of it have in common: the
// word without a possessive (English) or a case ending (Russian: Песков,
// Пескова, Песковым; Зеленский, Зеленского).
func nameKey(lang, norm string) string {
	if lang == "en" {
		return strings.TrimSuffix(norm, "'s")
	}
	// The longest ending first: endings are one to three letters of two
	// bytes each.
	for n := 6; n >= 2; n -= 2 {
		if len(norm)-n >= 6 && russianNameEndings[norm[len(norm)-n:]] { // three letters left
			return norm[:len(norm)-n]
		}
	}
	return norm
}

// russianNameEndings are the case endings of Russian surnames (-ов, -ин,
// -ский and indeclinable ones alike).
var russianNameEndings = map[string]bool{
	"ыми": true, "ого": true, "ому": true, "ими": true, "ой": true, "ою": true, "ым": true, "ом": true, "ых": true,
	"ей": true, "ем": true, "ую": true, "ая": true, "ий": true, "ый": true, "им": true, "их": true,
	"а": true, "у": true, "е": true, "ы": true, "и": true, "я": true, "ю": true,
}

// name returns the class term of a listed name, when norm is one.
func (l *lexLang) name(lang, norm string) (string, bool) {
	if len(l.names) == 0 {
		return "", false
	}
	if t, ok := l.names[norm]; ok {
		return t, true
	}
	t, ok := l.names[nameKey(lang, norm)]
	return t, ok
}

// apply appends to dst the class terms of a word whose terms (primary
// first) are dst[start:], leaving out those it has.
func (l *lexLang) apply(dst []string, start int, norm string) []string {
	for _, k := range []string{dst[start], norm} {
		for _, t := range l.byKey[k] {
			if !contains(dst[start:], t) {
				dst = append(dst, t)
			}
		}
	}
	return dst
}

// phraseTerms appends to dst the class terms of the members of several
// words that end with a word of primary term last, after the words of
// primary terms recent (oldest first), leaving out those in have. key is
// scratch space, so that looking a phrase up allocates nothing.
func (l *lexLang) phraseTerms(dst []string, recent []string, last string, have []string, key *[]byte) []string {
	if !l.ends[last] {
		return dst
	}
	for n := 1; n < l.maxPhrase && n <= len(recent); n++ {
		k := (*key)[:0]
		for _, r := range recent[len(recent)-n:] {
			k = append(append(k, r...), ' ')
		}
		k = append(k, last...)
		*key = k
		for _, t := range l.phrases[string(k)] {
			if !contains(have, t) && !contains(dst, t) {
				dst = append(dst, t)
			}
		}
	}
	return dst
}
