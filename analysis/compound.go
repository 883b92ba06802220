package analysis

import "unicode/utf8"

// A compound is written with a hyphen or as one word: long-term and
// longterm, co-operation and cooperation, e-mail and email, F-16 and F16,
// Covid-19 and Covid19. The word splitter cuts at the hyphen, so that
// long-term is found by long and by term; a document also gets, beside the
// second word's terms, the terms of both words read as one (marked Joined),
// and a query for a hyphenated pair matches that too (Clause.Alts). So
// each spelling finds the other.

// isHyphen reports whether the text between two words is one hyphen: the
// hyphen-minus, the hyphen or the non-breaking hyphen (not a dash, which
// separates, as in 2023–2024).
func isHyphen(gap string) bool {
	switch gap {
	case "-", "\u2010", "\u2011":
		return true
	}
	return false
}

// joinedTerms appends to dst the terms of two hyphenated words read as one
// word, leaving out those the second word already has. Two numbers
// (2023-2024) make no compound.
func (a *analyzer) joinedTerms(dst []string, raw1, raw2 string, st *state, terms2 []string) []string {
	norm1 := a.normalize(raw1, st)
	norm2 := a.normalize(raw2, st)
	if onlyDigits(norm1) && onlyDigits(norm2) {
		return dst
	}
	norm := norm1 + norm2
	if utf8.RuneCountInString(norm) > MaxTermRunes {
		return dst
	}
	start := len(dst)
	dst = a.terms(dst, raw1+raw2, norm, false, st)
	out := dst[:start]
	for _, t := range dst[start:] {
		if !contains(terms2, t) && !contains(out[start:], t) {
			out = append(out, t)
		}
	}
	return out
}

func onlyDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
