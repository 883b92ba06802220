package analysis

import (
	"strings"
	"unicode/utf8"
)

// The accusative tanwin (رقماً قياسياً) is written on an alef, with or
// without its mark: most news text leaves the mark out (رقما قياسيا) and so
// do readers in a search box, while careful writers put it in. Either way
// the alef is only the tanwin's seat: the word is رقم, قياسي. A word ending
// in an alef gets both readings, the word with its alef and the word
// without it, in the index and in queries, so that every spelling finds
// every other.
//
// With the mark, the alef is surely a seat. Without it, it may be part of
// the word: روسيا is not روسي + tanwin, nor العليا علي. Names of places in
// alef are frozen (arabicFrozenWords) and the few common words in alef are
// listed (arabicFinalAlefWords); a word whose stem without the alef would
// have fewer than three letters (جدا, معا, لذا) keeps its alef, and so does
// a word whose alef belongs to a suffix (رئيسها).

// arabicFinalAlefWords end in an alef that is part of the word, not the seat
// of a tanwin; written as stems (without the article).
const arabicFinalAlefWords = `
عليا دنيا رؤيا روما دلتا أوبرا حيفا
`

// hasFathatan reports whether a word as written carries the accusative
// tanwin mark (or one of its presentation forms).
func hasFathatan(raw string) bool {
	return strings.ContainsAny(raw, "\u064B\uFE70\uFE71")
}

// tanwin returns the word read without its final alef, when the alef may be
// the seat of a tanwin. norm is the normalised word and stem its stem.
func (a *arabic) tanwin(raw, norm, stem string) (string, bool) {
	base, ok := strings.CutSuffix(norm, string(alef))
	if !ok || strings.HasSuffix(base, string(alef)) || letters(base) < 2 {
		return "", false
	}
	if hasFathatan(raw) {
		return base, true
	}
	if !strings.HasSuffix(stem, string(alef)) || !strings.HasSuffix(norm, stem) || a.frozen[stem] || a.finalAlef[stem] {
		return "", false
	}
	if s, _, _ := a.stem(base); letters(s) < arMinStem {
		return "", false
	}
	return base, true
}

// mixedTerms returns the terms of a word of Arabic letters mixed with
// digits or Latin letters. A number or a Latin word after the article or a
// conjunction (الـ20, والـG20, بـ15) is found by itself; so is a year with
// its era (2023م, 1445هـ).
func (a *arabic) mixedTerms(dst []string, norm string, query bool) []string {
	if rest, ok := a.afterProclitics(norm); ok {
		dst = a.mixedTerms(dst, rest, query)
		if !query {
			dst = appendUnique(dst, norm)
		}
		return dst
	}
	dst = append(dst, norm)
	if d := leadingDigits(norm); d != "" && len(norm)-len(d) <= 4 && allArabicLetters(norm[len(d):]) {
		dst = appendUnique(dst, d)
	}
	return dst
}

// afterProclitics returns what follows the proclitics at the start of a
// mixed word when it starts with a digit or a Latin letter: و or ف, then ب
// ل or ك, then the article, each optional (لل is ل and the article).
func (a *arabic) afterProclitics(norm string) (string, bool) {
	i := 0
	next := func() rune {
		r, _ := utf8.DecodeRuneInString(norm[i:])
		return r
	}
	if r := next(); r == waw || r == faa {
		i += 2
	}
	if r := next(); r == beh || r == lam || r == kaf {
		i += 2
	}
	switch rest := norm[i:]; {
	case strings.HasPrefix(rest, "ال"):
		i += 4
	case i > 0 && norm[i-2:i] == "ل" && strings.HasPrefix(rest, "ل"): // لل
		i += 2
	}
	if i == 0 || i >= len(norm) {
		return "", false
	}
	if c := norm[i]; c >= '0' && c <= '9' || c >= 'a' && c <= 'z' {
		return norm[i:], true
	}
	return "", false
}
