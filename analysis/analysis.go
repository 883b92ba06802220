package analysis

import (
	"strings"
)

// Version names the terms the analysers produce. It changes with every
// change to this package that changes the terms of some text, so that a
// store can tell that its index was written by another analyser and write
// it again.
const Version = "2"

// Token is one analysed term with the byte span of the original word it came
// from, so that snippets can highlight the words as written (with their
// tashkeel, their case and their invisible characters).
//
// A word that yields several terms (its stem, then alternative forms) yields
// one Token per term, all with the same span and Position, the way a
// positional index stores synonyms.
type Token struct {
	// Term is the analysed form that goes into the index.
	Term string
	// Start and End are byte offsets of the word in the analysed text;
	// text[Start:End] is the word as written.
	Start, End int
	// Position counts words from 0, stop words included, so that phrase and
	// proximity queries see the gaps where stop words were.
	Position int
	// Joined marks a term of this word read with the words before it: a
	// compound (long-term also gives longterm, see joinedTerms) or a
	// lexicon's member of several words (United Arab Emirates gives uae).
	// The word alone does not have it.
	Joined bool
}

// Analyzer turns text into index terms for one language. Implementations are
// immutable and safe for concurrent use.
type Analyzer interface {
	// Lang returns the language subtag the analyser was chosen for ("ar",
	// "ru", "en", or the subtag given to For for the generic analyser).
	Lang() string
	// Tokens splits text into words and returns their index terms (stop words
	// dropped, positions kept counting). Each word's stem comes first, then
	// its alternative forms at the same position.
	Tokens(text string) []Token
	// IndexTerms returns only the terms of Tokens, for indexing: the stems and
	// the extra forms (such as the unstemmed word) that keep exact queries
	// matching where the stemmer errs.
	IndexTerms(text string) []string
	// QueryTerms analyses one query word and returns the alternatives it
	// should match, best first: a document matches the word when it has any
	// of them among its IndexTerms. It returns nil for a stop word or for
	// input without a word. Only the first word of the input is analysed: to
	// analyse a whole query, split it with Tokens and call QueryTerms on
	// text[t.Start:t.End] for each distinct span.
	QueryTerms(word string) []string
}

// For returns the analyser for a language tag such as "ar", "ru-RU" or
// "en_GB" (only the primary subtag counts, in any case), with the lexicon
// Khabar ships (SeedLexicon). Languages without an
// analyser of their own get a generic one that splits, folds case and digits,
// and neither stems nor drops stop words: safe for any script.
func For(lang string) Analyzer {
	tag := primarySubtag(lang)
	switch tag {
	case "ar", "ru", "en":
		return seedLexicon().analyzers[tag]
	}
	if tag == "" {
		tag = "und"
	}
	return &analyzer{tag: tag, lang: generic{}}
}

// The analysers without a lexicon, which the lexicons build on, are built
// once; they hold only immutable tables.
var (
	arabicAnalyzer  = &analyzer{tag: "ar", lang: newArabic()}
	russianAnalyzer = &analyzer{tag: "ru", lang: newRussian()}
	englishAnalyzer = &analyzer{tag: "en", lang: newEnglish(), apostrophes: true}
)

func primarySubtag(lang string) string {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return strings.ToLower(strings.TrimSpace(lang))
}

// language is what differs between analysers: how a rune is normalised once
// folded, and which terms a normalised word yields.
type language interface {
	// normRune appends the language-specific normal form of the folded rune
	// r to buf; it may also rewrite the end of buf (to compose a letter with
	// a combining mark).
	normRune(buf []rune, r rune) []rune
	// terms appends the terms of a word to dst: the primary term first, then
	// alternatives, without duplicates; nothing for a word that is not
	// indexed (a stop word). raw is the word as written, norm its normalised
	// form (never empty). With query set, it appends the query alternatives
	// instead of the index terms.
	terms(dst []string, raw, norm string, query bool, st *state) []string
}

// finisher is implemented by languages whose normalisation needs to see the
// end of the word.
type finisher interface {
	finish(buf []rune) []rune
}

// state is the per-call scratch space of an analysis, so that analysers stay
// immutable and concurrent calls share nothing.
type state struct {
	buf     []rune
	key     []byte // see lexLang.phraseTerms
	stemmer stemmer
}

type analyzer struct {
	tag         string
	lang        language
	apostrophes bool
	lex         *lexLang // nil: no lexicon
}

// terms appends the terms of one word (see language.terms): a listed
// name's, or the language's and then those of the lexicon's classes the
// word is in.
func (a *analyzer) terms(dst []string, raw, norm string, query bool, st *state) []string {
	if a.lex == nil {
		return a.lang.terms(dst, raw, norm, query, st)
	}
	if t, ok := a.lex.name(a.tag, norm); ok {
		dst = append(dst, t)
		if n := strings.TrimSuffix(norm, "'s"); n != t {
			dst = append(dst, n)
		}
		return dst
	}
	start := len(dst)
	if dst = a.lang.terms(dst, raw, norm, query, st); len(dst) > start {
		dst = a.lex.apply(dst, start, norm)
	}
	return dst
}

func (a *analyzer) Lang() string { return a.tag }

// memoMinBytes is the shortest text whose words walk remembers: in longer
// texts words repeat (a news story repeats a third of its words), and
// looking a word up costs far less than normalising and stemming it again.
const memoMinBytes = 256

// word is one word of a text as walk sees it: its span, position and
// terms (empty for a stop word), and the terms it has with the words
// before it (see Token.Joined).
type word struct {
	start, end, pos int
	terms, joined   []string
}

// walk calls fn for every word of text that has a non-empty normal form. fn
// must not keep the word's slices after it returns. Compounds are read only
// from documents (query unset): a query reads them in ParseQuery.
func (a *analyzer) walk(text string, query bool, fn func(w *word) bool) {
	st := &state{}
	var buf, joined []string // scratch
	var recent []string      // primary terms of the last words (see lexLang.phrases)
	if a.lex != nil && a.lex.maxPhrase > 0 {
		recent = make([]string, 0, 64)
	}
	var memo map[string][]string // raw word → terms; nil: no normal form
	if len(text) >= memoMinBytes {
		memo = map[string][]string{}
	}
	var prev struct {
		end int
		raw string
		ok  bool // prev has terms
	}
	w := &word{}
	for i := 0; ; {
		start, end, ok := nextWord(text, i, a.apostrophes)
		if !ok {
			return
		}
		i = end
		raw := text[start:end]
		known, seen := memo[raw]
		var terms []string
		switch {
		case seen && known == nil:
			prev.ok = false
			continue
		case seen:
			terms = known
		default:
			norm := a.normalize(raw, st)
			if norm == "" {
				if memo != nil {
					memo[raw] = nil
				}
				prev.ok = false
				continue
			}
			buf = a.terms(buf[:0], raw, norm, query, st)
			terms = buf
			if memo != nil {
				saved := append(make([]string, 0, len(terms)), terms...)
				memo[raw] = saved
				terms = saved
			}
		}
		joined = joined[:0]
		if !query && prev.ok && len(terms) > 0 && isHyphen(text[prev.end:start]) {
			joined = a.joinedTerms(joined, prev.raw, raw, st, terms)
		}
		if !query && a.lex != nil && a.lex.maxPhrase > 0 && len(terms) > 0 {
			// A member of several words of the lexicon ends here: the
			// last word has the class's term.
			joined = a.lex.phraseTerms(joined, recent, terms[0], terms, &st.key)
			if len(recent) == cap(recent) && len(recent) > 0 { // keep the last words only, now and then
				keep := a.lex.maxPhrase - 1
				recent = recent[:copy(recent, recent[len(recent)-keep:])]
			}
			recent = append(recent, terms[0])
		}
		prev.end, prev.raw, prev.ok = end, raw, len(terms) > 0
		*w = word{start: start, end: end, pos: w.pos, terms: terms, joined: joined}
		if !fn(w) {
			return
		}
		w.pos++
	}
}

// normalize folds and normalises one word and cuts it to MaxTermRunes runes.
func (a *analyzer) normalize(raw string, st *state) string {
	buf := st.buf[:0]
	for _, r := range raw {
		if ignorable(r) {
			continue
		}
		n := len(buf)
		buf = foldRune(buf, r)
		if len(buf) == n+1 {
			buf = a.lang.normRune(buf[:n], buf[n])
		}
	}
	if f, ok := a.lang.(finisher); ok {
		buf = f.finish(buf)
	}
	if len(buf) > MaxTermRunes {
		buf = buf[:MaxTermRunes]
	}
	st.buf = buf
	// nextWord never ends a word on an apostrophe, but the cut at
	// MaxTermRunes may: a term never starts or ends with one.
	return strings.Trim(string(buf), "'")
}

func (a *analyzer) Tokens(text string) []Token {
	var out []Token
	a.walk(text, false, func(w *word) bool {
		for _, t := range w.terms {
			out = append(out, Token{Term: t, Start: w.start, End: w.end, Position: w.pos})
		}
		for _, t := range w.joined {
			out = append(out, Token{Term: t, Start: w.start, End: w.end, Position: w.pos, Joined: true})
		}
		return true
	})
	return out
}

func (a *analyzer) IndexTerms(text string) []string {
	var out []string
	a.walk(text, false, func(w *word) bool {
		out = append(out, w.terms...)
		out = append(out, w.joined...)
		return true
	})
	return out
}

func (a *analyzer) QueryTerms(text string) []string {
	var out []string
	a.walk(text, true, func(w *word) bool {
		if len(w.terms) > 0 {
			out = append([]string(nil), w.terms...)
		}
		return false
	})
	return out
}

// appendUnique appends the non-empty s to dst unless dst already holds it;
// term lists are a handful long, so a linear scan is cheapest.
func appendUnique(dst []string, s string) []string {
	if s == "" {
		return dst
	}
	for _, d := range dst {
		if d == s {
			return dst
		}
	}
	return append(dst, s)
}
