package analysis

import (
	"unicode"
	"unicode/utf8"
)

// MaxTermRunes bounds the length of a term: longer words are cut, so that a
// pasted URL or a run of letters without spaces cannot bloat the index.
const MaxTermRunes = 64

// ignorable reports whether r is an invisible formatting character that must
// neither split a word nor end up in a term. Such characters arrive with
// pasted text (zero-width spaces from web pages, bidi marks around Latin
// words in Arabic text, soft hyphens from word processors); a word must give
// the same term with or without them.
func ignorable(r rune) bool {
	switch {
	case r >= 0x200B && r <= 0x200F: // zero-width space, ZWNJ, ZWJ, LRM, RLM
		return true
	case r >= 0x202A && r <= 0x202E: // bidi embeddings and overrides
		return true
	case r >= 0x2060 && r <= 0x2064: // word joiner, invisible operators
		return true
	case r >= 0x2066 && r <= 0x2069: // bidi isolates
		return true
	case r == 0xFEFF, r == 0x061C, r == 0x00AD: // BOM, Arabic letter mark, soft hyphen
		return true
	}
	return false
}

// isApostrophe reports whether r is one of the characters used as an
// apostrophe in English text: the typewriter one, the typographic right
// single quotation mark that most editors produce, and the modifier letter.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u02BC'
}

// isWordRune reports whether r belongs to a word: letters, marks (so that
// Arabic tashkeel and combining accents stay with their letter) and decimal
// digits.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	if r >= 0x0621 && r <= 0x0669 || r >= 0x0400 && r <= 0x044F { // common letters, quickly
		return true
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

// nextWord finds the next word in s at or after byte offset i and returns its
// byte span. The span starts at the first rune of the word and ends after its
// last letter, mark or digit: ignorable characters inside a word are part of
// the span, those around it are not. With apostrophes set, an apostrophe
// between two letters or digits joins them (English "don't", "O'Neill").
func nextWord(s string, i int, apostrophes bool) (start, end int, ok bool) {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			break
		}
		i += size
	}
	if i >= len(s) {
		return 0, 0, false
	}
	start = i
	prevApostrophe := false
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWordRune(r):
			i += size
			end = i
			prevApostrophe = false
			continue
		case ignorable(r):
			i += size
			continue
		case apostrophes && isApostrophe(r) && !prevApostrophe && i == end:
			next, _ := utf8.DecodeRuneInString(s[i+size:])
			if unicode.IsLetter(next) || unicode.IsDigit(next) {
				i += size
				prevApostrophe = true
				continue
			}
		}
		break
	}
	return start, end, true
}

// foldRune appends the language-independent folded form of r to buf: it
// drops ignorable characters, turns Arabic-Indic digits into ASCII digits so
// that ٢٠٢٣ and 2023 are the same term, turns every apostrophe into "'", and
// lower-cases (with ß as "ss" and final sigma as sigma, so that case folding
// never depends on the position of a letter).
func foldRune(buf []rune, r rune) []rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(buf, r)
	case ignorable(r):
		return buf
	case r >= 0x0660 && r <= 0x0669: // Arabic-Indic digits
		return append(buf, '0'+r-0x0660)
	case r >= 0x06F0 && r <= 0x06F9: // Extended Arabic-Indic (Persian, Urdu) digits
		return append(buf, '0'+r-0x06F0)
	case r >= 0x0600 && r <= 0x06FF: // Arabic has no case: skip the tables
		return append(buf, r)
	case isApostrophe(r):
		return append(buf, '\'')
	case r == 'ß' || r == 'ẞ':
		return append(buf, 's', 's')
	case r == 'ς':
		return append(buf, 'σ')
	}
	return append(buf, unicode.ToLower(r))
}
