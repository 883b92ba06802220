package analysis

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what one query may ask of the index, so that a pasted paragraph
// cannot turn into a query expression with thousands of terms.
const (
	// MaxQueryClauses bounds the words and phrases of a query (required and
	// excluded together); the rest are ignored.
	MaxQueryClauses = 12
	// MaxPhraseWords bounds the words of one phrase.
	MaxPhraseWords = 8
	// PrefixMinRunes is the shortest form matched as a prefix: shorter ones
	// would match a good part of the vocabulary and tell the reader nothing.
	PrefixMinRunes = 3
)

// Query is a search query as a reader typed it, parsed and analysed: the
// clauses every result must match and those no result may match. The query
// language is deliberately small:
//
//   - words are ANDed: every result has every word (in any of its forms);
//   - "a phrase" in quotes (straight, «guillemets» or “curly”) matches its
//     words next to each other; stop words inside it are skipped, on both
//     the query and the index side;
//   - -word and -"a phrase" exclude;
//   - the last word, when the query does not end with a space or a closing
//     quote, is being typed: it also matches as a prefix (search as you
//     type).
//
// Nothing is ever a syntax error: an unclosed quote runs to the end of the
// query, a lone "-" is ignored, punctuation separates words.
type Query struct {
	Must []Clause
	Not  []Clause
}

// Clause is one word of a query, or a phrase: several words that must be
// adjacent. A word the analyser splits (Rasht-Astara, U.S.) is a phrase too.
type Clause struct {
	Words []QueryWord
	// Alts are terms that a document may have instead of matching Words:
	// for two words joined by a hyphen (long-term), the terms of the two
	// read as one word (longterm), which a document that writes them so,
	// or with the hyphen, has among its index terms.
	Alts []string
}

// Phrase reports whether the clause needs its words adjacent.
func (c Clause) Phrase() bool { return len(c.Words) > 1 }

// QueryWord is one analysed word of a query.
type QueryWord struct {
	// Text is the word as written.
	Text string
	// Terms are the alternatives a document word may have among its index
	// terms to match, best first (Analyzer.QueryTerms).
	Terms []string
	// Prefixes is set only for the word being typed: normalised forms that
	// match any index term they begin. They are never stems: the end of a
	// half-typed word is not a suffix, so only proclitics are stripped (an
	// Arabic الراب gives الراب and راب, which begin الرابطة's normal form and
	// its stem رابط).
	Prefixes []string
}

// Empty reports whether the query has nothing to search for: no words, only
// stop words or punctuation, or only exclusions.
func (q Query) Empty() bool { return len(q.Must) == 0 }

// ParseQuery parses and analyses a query. The first analyser splits it into
// words; each word's alternatives are the union of every analyser's
// QueryTerms, so that a search across languages finds each language's forms
// (pass one analyser to search one language). A word that any analyser
// calls a stop word is dropped: stop lists never overlap another
// language's content words, which are written in other scripts.
func ParseQuery(text string, analyzers ...Analyzer) Query {
	var as []*analyzer
	for _, a := range analyzers {
		if x, ok := a.(*analyzer); ok {
			as = append(as, x)
		}
	}
	if len(as) == 0 {
		as = []*analyzer{For("und").(*analyzer)}
	}
	var q Query
	for _, it := range splitQuery(text) {
		if len(q.Must)+len(q.Not) >= MaxQueryClauses {
			break
		}
		c := analyseItem(as, it)
		if len(c.Words) == 0 {
			continue
		}
		if it.neg {
			c = stripPrefixes(c)
			q.Not = append(q.Not, c)
		} else {
			q.Must = append(q.Must, c)
		}
	}
	q.Must = lexiconPhrases(as, q.Must)
	return q
}

// lexiconPhrases makes one clause of the words of a query that are a
// lexicon's member of several words (United Arab Emirates, typed as words
// or as a phrase): the phrase, or the class's term (uae), so that a
// document that writes either matches.
func lexiconPhrases(as []*analyzer, cs []Clause) []Clause {
	for _, a := range as {
		if a.lex == nil || a.lex.maxPhrase == 0 {
			continue
		}
		var out []Clause
		for i := 0; i < len(cs); {
			n, terms := a.lexiconPhrase(cs[i:])
			if n == 0 {
				out = append(out, cs[i])
				i++
				continue
			}
			c := Clause{Alts: slices.Clone(cs[i].Alts)}
			for _, x := range cs[i : i+n] {
				c.Words = append(c.Words, x.Words...)
			}
			for _, t := range terms {
				c.Alts = appendUnique(c.Alts, t)
			}
			out = append(out, c)
			i += n
		}
		cs = out
	}
	return cs
}

// lexiconPhrase reports how many clauses from the first make a member of
// several words, and its class terms: a phrase clause, or the most
// one-word clauses in a row.
func (a *analyzer) lexiconPhrase(cs []Clause) (int, []string) {
	primary := func(w QueryWord) string {
		if t := a.QueryTerms(w.Text); len(t) > 0 {
			return t[0]
		}
		return ""
	}
	if len(cs[0].Words) > 1 {
		var key []string
		for _, w := range cs[0].Words {
			key = append(key, primary(w))
		}
		if terms := a.lex.phrases[strings.Join(key, " ")]; len(terms) > 0 {
			return 1, terms
		}
		return 0, nil
	}
	for n := min(a.lex.maxPhrase, len(cs)); n >= 2; n-- {
		key := make([]string, 0, n)
		for _, c := range cs[:n] {
			if len(c.Words) != 1 || len(c.Alts) > 0 {
				break
			}
			key = append(key, primary(c.Words[0]))
		}
		if len(key) < n {
			continue
		}
		if terms := a.lex.phrases[strings.Join(key, " ")]; len(terms) > 0 {
			return n, terms
		}
	}
	return 0, nil
}

// item is one piece of a query before analysis: a run of text between
// spaces, or a quoted phrase.
type item struct {
	text   string
	neg    bool // written with a leading minus
	quoted bool
	typing bool // the query ends inside it: its last word may be incomplete
}

func isQuote(r rune) bool {
	switch r {
	case '"', '«', '»', '“', '”', '„', '‟', '＂':
		return true
	}
	return false
}

func isMinus(r rune) bool { return r == '-' || r == '−' }

// splitQuery cuts a query into items. It never fails: see Query.
func splitQuery(s string) []item {
	var items []item
	neg := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			neg = false // a minus followed by a space excludes nothing
			i += size
		case isQuote(r):
			start := i + size
			end := strings.IndexFunc(s[start:], isQuote)
			if end < 0 {
				items = append(items, item{text: s[start:], neg: neg, quoted: true, typing: true})
				return items
			}
			items = append(items, item{text: s[start : start+end], neg: neg, quoted: true})
			_, qsize := utf8.DecodeRuneInString(s[start+end:])
			i = start + end + qsize
			neg = false
		case isMinus(r) && !neg && (i == 0 || startsItem(s[:i])):
			neg = true
			i += size
		default:
			end := strings.IndexFunc(s[i:], func(r rune) bool { return unicode.IsSpace(r) || isQuote(r) })
			if end < 0 {
				end = len(s) - i
			}
			items = append(items, item{text: s[i : i+end], neg: neg, typing: i+end == len(s)})
			i += end
			neg = false
		}
	}
	return items
}

// startsItem reports whether a minus after before begins an item (rather
// than sitting inside a word, as in Rasht-Astara).
func startsItem(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return unicode.IsSpace(r) || isQuote(r)
}

// analyseItem turns an item into a clause of its searchable words.
func analyseItem(as []*analyzer, it item) Clause {
	var c Clause
	split := as[0]
	lastEnd, lastRaw := -1, ""
	var spans [][2]int // of every word, stop words too
	for i := 0; len(c.Words) < MaxPhraseWords; {
		start, end, ok := nextWord(it.text, i, split.apostrophes)
		if !ok {
			break
		}
		i = end
		spans = append(spans, [2]int{start, end})
		raw := it.text[start:end]
		if w, ok := analyseWord(as, raw); ok {
			c.Words = append(c.Words, w)
			lastEnd, lastRaw = end, raw
		}
	}
	if len(spans) == 2 && len(c.Words) == 2 && isHyphen(it.text[spans[0][1]:spans[1][0]]) {
		c.Alts = compoundTerms(as, it.text[spans[0][0]:spans[0][1]], it.text[spans[1][0]:spans[1][1]])
	}
	// Only a word that runs to the very end of the query can be half
	// typed: one followed by a space, a closing quote or punctuation is
	// complete.
	if it.typing && lastEnd == len(it.text) {
		c.Words[len(c.Words)-1].Prefixes = prefixForms(as, lastRaw)
	}
	return c
}

// analyseWord returns the union of the analysers' query terms for one word,
// or false for a stop word or a word without terms.
func analyseWord(as []*analyzer, raw string) (QueryWord, bool) {
	w := QueryWord{Text: raw}
	for _, a := range as {
		terms, words := a.wordTerms(raw)
		if words != 1 {
			continue // this analyser splits the word differently: no opinion
		}
		if len(terms) == 0 {
			return QueryWord{}, false // a stop word in this analyser's language
		}
		for _, t := range terms {
			w.Terms = appendUnique(w.Terms, t)
		}
	}
	return w, len(w.Terms) > 0
}

// compoundTerms returns the query terms of two words read as one (see
// Clause.Alts), or nil where the index makes no compound of them.
func compoundTerms(as []*analyzer, raw1, raw2 string) []string {
	st := &state{}
	if onlyDigits(as[0].normalize(raw1, st)) && onlyDigits(as[0].normalize(raw2, st)) {
		return nil
	}
	w, ok := analyseWord(as, raw1+raw2)
	if !ok {
		return nil
	}
	return w.Terms
}

// wordTerms analyses raw as a query word and reports how many words the
// analyser saw in it.
func (a *analyzer) wordTerms(raw string) (terms []string, words int) {
	a.walk(raw, true, func(w *word) bool {
		words++
		if words == 1 {
			terms = append(terms, w.terms...)
		}
		return true
	})
	return terms, words
}

// prefixer is implemented by languages whose half-typed words need more
// than their normal form as a prefix (Arabic: the form without proclitics).
type prefixer interface {
	prefixForms(dst []string, norm string) []string
}

// prefixForms returns the forms of a half-typed word to match as prefixes,
// at least PrefixMinRunes long.
func prefixForms(as []*analyzer, raw string) []string {
	var out []string
	st := &state{}
	for _, a := range as {
		norm := a.normalize(raw, st)
		if norm == "" {
			continue
		}
		forms := []string{norm}
		if p, ok := a.lang.(prefixer); ok {
			forms = p.prefixForms(forms, norm)
		}
		for _, f := range forms {
			if utf8.RuneCountInString(f) >= PrefixMinRunes {
				out = appendUnique(out, f)
			}
		}
	}
	return out
}

// prefixForms strips proclitics only (never suffixes: the end of a word
// being typed is not a suffix), the way the stemmer strips them.
func (a *arabic) prefixForms(dst []string, norm string) []string {
	if !allArabicLetters(norm) {
		return dst
	}
	for s := norm; ; {
		t, alt := a.stripPrefix(s)
		if alt != "" {
			dst = appendUnique(dst, alt)
		}
		if t == s {
			return dst
		}
		s = t
		dst = appendUnique(dst, s)
	}
}

func stripPrefixes(c Clause) Clause {
	for i := range c.Words {
		c.Words[i].Prefixes = nil
	}
	return c
}
