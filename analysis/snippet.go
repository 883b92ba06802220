package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fragment is a piece of a snippet: text exactly as written in the document
// (tashkeel, case and all), and whether it is a word the query matched.
// Fragments carry no markup: the caller escapes them and marks the matches
// in its own format.
type Fragment struct {
	Text  string
	Match bool
}

// matcher tells which query word, if any, a document word matches. Query
// words are numbered in the order of q.Must; excluded words never match.
type matcher struct {
	terms    map[string]int
	prefixes []string
	prefixOf []int
	heads    []string // see maybe
}

func newMatcher(q Query) *matcher {
	m := &matcher{terms: map[string]int{}}
	n := 0
	for _, c := range q.Must {
		for _, w := range c.Words {
			for _, t := range w.Terms {
				if _, ok := m.terms[t]; !ok {
					m.terms[t] = n
				}
			}
			for _, p := range w.Prefixes {
				m.prefixes = append(m.prefixes, p)
				m.prefixOf = append(m.prefixOf, n)
			}
			n++
		}
		for _, t := range c.Alts {
			if _, ok := m.terms[t]; !ok {
				m.terms[t] = n - len(c.Words)
			}
		}
	}
	seen := map[string]bool{}
	for t := range m.terms {
		if h := head(t); !seen[h] {
			seen[h] = true
			m.heads = append(m.heads, h)
		}
	}
	for _, p := range m.prefixes {
		if h := head(p); !seen[h] {
			seen[h] = true
			m.heads = append(m.heads, h)
		}
	}
	return m
}

// matchWalk calls fn with the span and terms of every word of text that
// maybe accepts; the others are normalised only.
func (a *analyzer) matchWalk(text string, maybe func(norm string) bool, fn func(start, end int, terms []string)) {
	st := &state{}
	var terms, joined []string
	var prev struct {
		start, end int
		raw, norm  string
	}
	for i := 0; ; {
		start, end, ok := nextWord(text, i, a.apostrophes)
		if !ok {
			return
		}
		i = end
		raw := text[start:end]
		norm := a.normalize(raw, st)
		if norm == "" {
			prev.norm = ""
			continue
		}
		terms = terms[:0]
		if maybe(norm) {
			if terms = a.terms(terms, raw, norm, false, st); len(terms) > 0 {
				fn(start, end, terms)
			}
		}
		if prev.norm != "" && isHyphen(text[prev.end:start]) && maybe(prev.norm+norm) {
			// A compound (see joinedTerms): one match for both words.
			if len(terms) == 0 {
				terms = a.terms(terms, raw, norm, false, st)
			}
			joined = joined[:0]
			if len(terms) > 0 && len(a.terms(joined, prev.raw, prev.norm, false, st)) > 0 {
				if joined = a.joinedTerms(joined[:0], prev.raw, raw, st, terms); len(joined) > 0 {
					fn(prev.start, end, joined)
				}
			}
		}
		prev.start, prev.end, prev.raw, prev.norm = start, end, raw, norm
	}
}

// addMembers makes maybe accept the words of the lexicon's classes whose
// terms the query asks for: went has the term go, yet not its letters.
func (m *matcher) addMembers(l *lexLang) {
	seen := map[string]bool{}
	for _, h := range m.heads {
		seen[h] = true
	}
	for t := range m.terms {
		for _, member := range l.members[t] {
			if h := head(member); !seen[h] {
				seen[h] = true
				m.heads = append(m.heads, h)
			}
		}
	}
}

// maybe reports whether a word with this normal form might match: whether
// it holds the first two letters of a query term or prefix. A term is the
// word's normal form with proclitics, suffixes or both taken off (a stem
// may change its last letters, never its first ones), so a word without
// any of them cannot have a matching term, and need not be stemmed.
func (m *matcher) maybe(norm string) bool {
	for _, h := range m.heads {
		if strings.Contains(norm, h) {
			return true
		}
	}
	return false
}

// head returns the first two letters of t (all of it when shorter).
func head(t string) string {
	n := 0
	for i := range t {
		if n == 2 {
			return t[:i]
		}
		n++
	}
	return t
}

// match returns the query word that a document word with these index terms
// matches, or -1.
func (m *matcher) match(terms []string) int {
	for _, t := range terms {
		if i, ok := m.terms[t]; ok {
			return i
		}
	}
	for _, t := range terms {
		for i, p := range m.prefixes {
			if strings.HasPrefix(t, p) {
				return m.prefixOf[i]
			}
		}
	}
	return -1
}

// hit is a matched word of the document: its byte span, rune offset, and
// the query word it matched.
type hit struct {
	start, end int
	runeStart  int
	runeEnd    int
	word       int
}

// hits finds the words of text that match the query.
func hits(a Analyzer, text string, q Query) []hit {
	m := newMatcher(q)
	if len(m.terms) == 0 && len(m.prefixes) == 0 {
		return nil
	}
	var out []hit
	runes, at := 0, 0 // rune offset of byte offset at
	add := func(start, end int, terms []string) {
		w := m.match(terms)
		if w < 0 {
			return
		}
		if start < at {
			// A compound over its words' own matches: one match for all.
			for len(out) > 0 && out[len(out)-1].start >= start {
				out = out[:len(out)-1]
			}
			at, runes = start, utf8.RuneCountInString(text[:start])
		}
		runes += utf8.RuneCountInString(text[at:start])
		rs := runes
		runes += utf8.RuneCountInString(text[start:end])
		at = end
		out = append(out, hit{start: start, end: end, runeStart: rs, runeEnd: runes, word: w})
	}
	if x, ok := a.(*analyzer); ok {
		// A snippet is cut for every result shown, so its words are
		// stemmed only when they might match (see maybe), and no slice
		// of every token of the text is made.
		if x.lex != nil {
			m.addMembers(x.lex)
		}
		x.matchWalk(text, m.maybe, add)
		return out
	}
	toks := a.Tokens(text)
	for i := 0; i < len(toks); {
		j := i
		var terms []string
		for j < len(toks) && toks[j].Start == toks[i].Start {
			terms = append(terms, toks[j].Term)
			j++
		}
		add(toks[i].Start, toks[i].End, terms)
		i = j
	}
	return out
}

// Highlight returns the whole of text in fragments, the words that match
// the query marked; for titles.
func Highlight(a Analyzer, text string, q Query) []Fragment {
	return fragments(text, 0, len(text), hits(a, text, q))
}

// Snippet returns the passage of text, about maxRunes runes long, that holds
// the most distinct query words (then the most matches, then the earliest),
// with some context before the first match, cut at word boundaries and
// marked with "…" where cut. Without matches it is the start of the text.
// Runs of white space, paragraph breaks included, read as one space.
func Snippet(a Analyzer, text string, q Query, maxRunes int) []Fragment {
	text = strings.TrimSpace(text)
	if text == "" || maxRunes <= 0 {
		return nil
	}
	return cut(text, hits(a, text, q), maxRunes)
}

// SnippetOf returns the snippet of one of several texts of a document, such
// as its summary and its body: the text whose best passage holds the most
// distinct query words, then the most matches, the first on a tie; without
// any match, the first text that is not empty. A passage never runs from
// one text into the next: a summary and the start of a body usually say the
// same thing, and a snippet that showed both would say it twice.
func SnippetOf(a Analyzer, texts []string, q Query, maxRunes int) []Fragment {
	if maxRunes <= 0 {
		return nil
	}
	best, bestHits := "", []hit(nil)
	bestWords, bestCount := -1, -1
	for _, text := range texts {
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		hs := hits(a, text, q)
		_, words, count := bestWindow(hs, maxRunes*4/5)
		if words > bestWords || words == bestWords && count > bestCount {
			best, bestHits, bestWords, bestCount = text, hs, words, count
		}
	}
	if best == "" {
		return nil
	}
	return cut(best, bestHits, maxRunes)
}

// cut returns the snippet of text with its hits (see Snippet).
func cut(text string, hs []hit, maxRunes int) []Fragment {
	if utf8.RuneCountInString(text) <= maxRunes {
		return fragments(text, 0, len(text), hs)
	}
	first, _, _ := bestWindow(hs, maxRunes*4/5)
	start := 0
	if first >= 0 {
		start = contextStart(text, hs[first].start, maxRunes/5)
	}
	end := windowEnd(text, start, maxRunes)
	var in []hit
	for _, h := range hs {
		if h.start >= start && h.end <= end {
			in = append(in, h)
		}
	}
	fs := fragments(text, start, end, in)
	if start > 0 {
		fs = append([]Fragment{{Text: "…"}}, fs...)
	}
	if end < len(text) {
		fs = append(fs, Fragment{Text: "…"})
	}
	return mergeFragments(fs)
}

// bestWindow returns the index of the hit that starts the best window of
// width runes, with the number of distinct query words and of hits in that
// window; -1 and zeros without hits.
func bestWindow(hs []hit, width int) (first, words, count int) {
	if len(hs) == 0 {
		return -1, 0, 0
	}
	n := 0
	for _, h := range hs {
		n = max(n, h.word+1)
	}
	seen := make([]int, n)
	best, bestScore := 0, -1
	distinct, j := 0, 0
	for i := range hs {
		for j < len(hs) && hs[j].runeEnd-hs[i].runeStart <= width {
			if seen[hs[j].word] == 0 {
				distinct++
			}
			seen[hs[j].word]++
			j++
		}
		if score := distinct*len(hs) + (j - i); score > bestScore {
			best, bestScore = i, score
			words, count = distinct, j-i
		}
		if j == i { // a single word wider than the window
			j++
			continue
		}
		seen[hs[i].word]--
		if seen[hs[i].word] == 0 {
			distinct--
		}
	}
	return best, words, count
}

// contextStart moves back from byte offset at by up to lead runes, but not
// past the start of a paragraph or sentence, and not into a word.
func contextStart(text string, at, lead int) int {
	i := at
	for n := 0; i > 0 && n < lead; n++ {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if r == '\n' || (n > 0 && isSentenceEnd(r)) {
			break
		}
		i -= size
	}
	// Forward to the start of a word, unless already at one.
	if i > 0 {
		if r, _ := utf8.DecodeLastRuneInString(text[:i]); !unicode.IsSpace(r) && !isSentenceEnd(r) {
			if sp := strings.IndexFunc(text[i:at], unicode.IsSpace); sp >= 0 {
				i += sp
			} else {
				i = at
			}
		}
	}
	for i < at {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) && !unicode.IsPunct(r) {
			break
		}
		i += size
	}
	return i
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '؟', '۔', '…':
		return true
	}
	return false
}

// windowEnd returns the byte offset maxRunes runes after start, moved back
// to the end of a word and before the punctuation that the ellipsis
// replaces.
func windowEnd(text string, start, maxRunes int) int {
	i, n := start, 0
	for i < len(text) && n < maxRunes {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
		n++
	}
	if i >= len(text) {
		return len(text)
	}
	if r, _ := utf8.DecodeRuneInString(text[i:]); !unicode.IsSpace(r) {
		if sp := strings.LastIndexFunc(text[start:i], unicode.IsSpace); sp > 0 {
			i = start + sp
		}
	}
	return len(strings.TrimRightFunc(text[:i], func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '،' || r == ';' || r == '؛' || r == ':' || r == '.'
	}))
}

// fragments cuts text[start:end] at the hits, which lie inside it in order.
func fragments(text string, start, end int, hs []hit) []Fragment {
	var out []Fragment
	at := start
	for _, h := range hs {
		if h.start > at {
			out = append(out, Fragment{Text: text[at:h.start]})
		}
		out = append(out, Fragment{Text: text[h.start:h.end], Match: true})
		at = h.end
	}
	if at < end {
		out = append(out, Fragment{Text: text[at:end]})
	}
	return mergeFragments(out)
}

// mergeFragments folds white space runs into single spaces and joins
// neighbouring unmatched fragments.
func mergeFragments(fs []Fragment) []Fragment {
	out := fs[:0]
	for _, f := range fs {
		if !f.Match {
			f.Text = foldSpace(f.Text)
		}
		if f.Text == "" {
			continue
		}
		if n := len(out); n > 0 && !f.Match && !out[n-1].Match {
			out[n-1].Text += f.Text
			continue
		}
		out = append(out, f)
	}
	return out
}

// foldSpace replaces each run of white space by one space, keeping a space
// at either end (it separates the fragment from its neighbours).
func foldSpace(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' }) && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}
