package wxr

import (
	"strings"
	"unicode/utf8"
)

// The steps of wpautop that look at block-level tags, matched by hand.
// As regexps — (?i) and an alternation of 47 names — they were run by
// Go's automaton over every tag of every post, most of Autop's time. Each
// rule below says the regexp it stands for, and gives what its
// ReplaceAllString gives on any text (TestAutopReference, FuzzAutop).

// blockNames are wpautop's block-level elements (h[1-6] spelt out).
var blockNames = []string{"table", "thead", "tfoot", "caption", "col", "colgroup", "tbody", "tr", "td", "th", "div",
	"dl", "dd", "dt", "ul", "ol", "li", "pre", "form", "map", "area", "blockquote", "address", "math", "style", "p",
	"h1", "h2", "h3", "h4", "h5", "h6", "hr", "fieldset", "legend", "section", "article", "aside", "hgroup",
	"header", "footer", "nav", "figure", "figcaption", "details", "menu", "summary"}

// A tagRule matches at s[i], a '<': it returns where the match ends and
// the part of it kept (the regexp's $1), or ok false.
type tagRule func(s string, i int) (end, keepFrom, keepTo int, ok bool)

// replaceTags is re.ReplaceAllString(s, before+"$1"+after) for the regexp
// rule stands for, whose every match starts at a '<' and depends on
// nothing before it.
func replaceTags(s string, rule tagRule, before, after string) string {
	var b strings.Builder
	pos := 0 // s[:pos] is done
	for from := 0; ; {
		i := strings.IndexByte(s[from:], '<')
		if i < 0 {
			break
		}
		i += from
		end, k0, k1, ok := rule(s, i)
		if !ok {
			from = i + 1
			continue
		}
		if pos == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[pos:i])
		b.WriteString(before)
		b.WriteString(s[k0:k1])
		b.WriteString(after)
		pos, from = end, end
	}
	if pos == 0 {
		return s
	}
	b.WriteString(s[pos:])
	return b.String()
}

// blockOpen is (?i)(<BLOCK[\s/>]).
func blockOpen(s string, i int) (int, int, int, bool) {
	j := i + 1
	for _, name := range blockNames {
		if n := prefixFold(s[j:], name); n > 0 && j+n < len(s) && (isSpace(s[j+n]) || s[j+n] == '/' || s[j+n] == '>') {
			return j + n + 1, i, j + n + 1, true
		}
	}
	return 0, 0, 0, false
}

// blockClose is (?i)(</BLOCK>).
func blockClose(s string, i int) (int, int, int, bool) {
	j := i + 2
	if j > len(s) || s[i+1] != '/' {
		return 0, 0, 0, false
	}
	for _, name := range blockNames {
		if n := prefixFold(s[j:], name); n > 0 && j+n < len(s) && s[j+n] == '>' {
			return j + n + 1, i, j + n + 1, true
		}
	}
	return 0, 0, 0, false
}

// wrappedBlock is (?i)<p>\s*(</?BLOCK[^>]*>)\s*</p>.
func wrappedBlock(s string, i int) (int, int, int, bool) {
	if !hasPrefixFold(s[i:], "<p>") {
		return 0, 0, 0, false
	}
	t := skipSpace(s, i+3)
	e := blockTag(s, t)
	if e < 0 {
		return 0, 0, 0, false
	}
	j := skipSpace(s, e)
	if !hasPrefixFold(s[j:], "</p>") {
		return 0, 0, 0, false
	}
	return j + 4, t, e, true
}

// openBeforeBlock is (?i)<p>\s*(</?BLOCK[^>]*>).
func openBeforeBlock(s string, i int) (int, int, int, bool) {
	if !hasPrefixFold(s[i:], "<p>") {
		return 0, 0, 0, false
	}
	t := skipSpace(s, i+3)
	e := blockTag(s, t)
	if e < 0 {
		return 0, 0, 0, false
	}
	return e, t, e, true
}

// closeAfterBlock is (?i)(</?BLOCK[^>]*>)\s*</p>.
func closeAfterBlock(s string, i int) (int, int, int, bool) {
	return blockTagThen(s, i, "</p>")
}

// brAfterBlock is (?i)(</?BLOCK[^>]*>)\s*<br />.
func brAfterBlock(s string, i int) (int, int, int, bool) {
	return blockTagThen(s, i, "<br />")
}

// blockTagThen is (?i)(</?BLOCK[^>]*>)\s*lit.
func blockTagThen(s string, i int, lit string) (int, int, int, bool) {
	e := blockTag(s, i)
	if e < 0 {
		return 0, 0, 0, false
	}
	j := skipSpace(s, e)
	if !hasPrefixFold(s[j:], lit) {
		return 0, 0, 0, false
	}
	return j + len(lit), i, e, true
}

// blockTag is the end of (?i)</?BLOCK[^>]*> at s[i:], or -1. Which name
// matches does not matter: [^>]* takes the rest up to the first '>'.
func blockTag(s string, i int) int {
	if i >= len(s) || s[i] != '<' {
		return -1
	}
	j := i + 1
	if j < len(s) && s[j] == '/' {
		j++ // </? tries the slash first; without it, no name starts with '/'
	}
	named := false
	for _, name := range blockNames {
		if prefixFold(s[j:], name) > 0 {
			named = true
			break
		}
	}
	if !named {
		return -1
	}
	k := strings.IndexByte(s[j:], '>')
	if k < 0 {
		return -1
	}
	return j + k + 1
}

// prefixFold is the length in bytes of the start of s that matches name
// (lower-case ASCII letters and digits) as (?i)name does, or 0: a letter
// matches itself in either case, k also the Kelvin sign and s the long s,
// which fold to them.
func prefixFold(s, name string) int {
	n := 0
	for k := 0; k < len(name); k++ {
		if n >= len(s) {
			return 0
		}
		c := name[k]
		if b := s[n]; b < utf8.RuneSelf {
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			if b != c {
				return 0
			}
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[n:])
		if !(c == 'k' && r == '\u212A' || c == 's' && r == '\u017F') {
			return 0
		}
		n += size
	}
	return n
}

// hasPrefixFold reports whether s starts with lit, a lower-case ASCII
// literal holding no k or s, as (?i)lit would match it.
func hasPrefixFold(s, lit string) bool {
	return len(s) >= len(lit) && equalFoldASCII(s[:len(lit)], lit)
}

// skipSpace is the index of the first byte at or after i that is not \s.
func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}
