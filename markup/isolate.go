package markup

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Isolate wraps, inside the text nodes of body HTML meant for a right-to-left
// page, each run of Latin or Cyrillic words (letters with the digits, spaces,
// hyphens, dots, apostrophes between them; e.g. "Vladimir Putin", "ТАСС",
// "G20", "COP29") in <bdi>…</bdi>, so that they do not scramble the
// surrounding Arabic. Pure digit runs stay as they are (numbers render
// correctly in RTL already). Text already inside bdi, a, code, or an element
// with its own dir attribute is left alone. Returns the HTML unchanged for
// input that has no such runs.
//
// "Its own dir" means dir="ltr" or dir="auto": an element marked dir="rtl"
// runs with the page, and pasted Arabic carries that mark on every paragraph,
// so its Latin runs are isolated like any others.
//
// Isolate works on the token stream, not on a parsed tree, so everything it
// does not wrap (tags, attributes, entities such as &amp;) comes out byte for
// byte as it went in. It is meant for Clean's output at render time, not for
// storage: the same body also serves left-to-right contexts such as feeds.
func Isolate(body string) string {
	z := html.NewTokenizer(strings.NewReader(body))
	var b strings.Builder
	b.Grow(len(body) + len(body)/8)
	changed := false
	var stack []frame
	open := map[string]int{} // open elements in stack by name
	skip := 0                // open elements in stack that leave their text alone
	pos := 0                 // bytes of body consumed so far
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			// At the end, or in a tag cut short by it, which the
			// tokenizer drops: keep whatever it did not return.
			b.WriteString(body[pos:])
			break
		}
		raw := z.Raw()
		pos += len(raw)
		switch tt {
		case html.TextToken:
			if skip == 0 {
				if out, ok := isolateText(raw); ok {
					b.WriteString(out)
					changed = true
					continue
				}
			}
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			if voidElement(string(name)) {
				break
			}
			f := frame{string(name), keepsText(string(name)) || ownDir(z, hasAttr)}
			stack = append(stack, f)
			open[f.name]++
			if f.keep {
				skip++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			// Pop to the matching open element, as a parser would; a
			// stray end tag closes nothing (and costs nothing: the
			// count says so without a search).
			if open[string(name)] == 0 {
				break
			}
			for {
				f := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				open[f.name]--
				if f.keep {
					skip--
				}
				if f.name == string(name) {
					break
				}
			}
		}
		b.Write(raw)
	}
	if !changed {
		return body
	}
	return b.String()
}

// frame is an open element in Isolate's walk.
type frame struct {
	name string
	keep bool // leaves its text alone
}

// keepsText lists the elements whose text Isolate must not touch: already
// isolated, links (the link text is its own unit), code, and raw-text elements
// whose content is not text at all.
func keepsText(name string) bool {
	switch name {
	case "bdi", "bdo", "a", "code", "pre", "kbd", "samp", "script", "style",
		"textarea", "title", "xmp", "iframe", "noscript", "noembed", "noframes",
		"plaintext", "svg", "math", "template":
		return true
	}
	return false
}

// ownDir reports whether the tag has a dir attribute that sets its text
// apart from the right-to-left flow: "ltr" or "auto". dir="rtl" does not
// count: Word and Google Docs put it on every paragraph of an Arabic paste,
// and a Latin name in such a paragraph scrambles just as in any other.
func ownDir(z *html.Tokenizer, more bool) bool {
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		if string(k) == "dir" {
			return !strings.EqualFold(strings.TrimSpace(string(v)), "rtl")
		}
	}
	return false
}

// unit is one character of raw text: a literal rune, or a whole character
// reference such as "&amp;" classified by the character it stands for, so
// that a wrap can never be inserted inside an entity.
type unit struct {
	start, end int32 // byte range in the raw text
	class      byte
}

const (
	other  byte = iota
	letter      // Latin or Cyrillic letter
	digit       // ASCII digit
	mark        // combining mark: belongs to the letter before it
	joiner      // may stand between the words of one run
)

// asciiClass is classify for ASCII, by table: most runes of a body are
// ASCII or Arabic, and Isolate runs on every page view.
var asciiClass = func() (t [128]byte) {
	for r := range t {
		t[r] = classifySlow(rune(r))
	}
	return t
}()

func classify(r rune) byte {
	switch {
	case r < 0x80:
		return asciiClass[r]
	case r >= 0x0600 && r <= 0x06ff:
		// The Arabic block: letters, digits, tashkeel, punctuation; all
		// part of the text around the runs.
		return other
	}
	return classifySlow(r)
}

func classifySlow(r rune) byte {
	switch {
	case r >= '0' && r <= '9':
		return digit
	case unicode.IsLetter(r) && (unicode.Is(unicode.Latin, r) || unicode.Is(unicode.Cyrillic, r)):
		return letter
	case unicode.Is(unicode.Mn, r):
		return mark
	}
	switch r {
	case ' ', '\u00a0', '\u202f', '-', '\u2010', '\u2011', '.', '\'', '\u2019', '&':
		return joiner
	}
	return other
}

func units(raw []byte) []unit {
	// Arabic takes two bytes a rune: len/2 is about right for a body.
	us := make([]unit, 0, len(raw)/2+16)
	for i := 0; i < len(raw); {
		if raw[i] == '&' {
			if j := refEnd(raw, i); j > i+1 {
				ref := string(raw[i:j])
				if dec := html.UnescapeString(ref); dec != ref {
					r, _ := utf8.DecodeRuneInString(dec)
					class := classify(r)
					if utf8.RuneCountInString(dec) > 1 && class != letter {
						// A legacy reference that decodes to more than
						// its name ("&ampx" is "&x") must not be split.
						class = other
					}
					us = append(us, unit{int32(i), int32(j), class})
					i = j
					continue
				}
			}
		}
		r, size := utf8.DecodeRune(raw[i:])
		us = append(us, unit{int32(i), int32(i + size), classify(r)})
		i += size
	}
	return us
}

// refEnd returns the end of the character reference candidate starting at
// raw[i] == '&': its name or number and the ';' if present.
func refEnd(raw []byte, i int) int {
	j := i + 1
	for j < len(raw) && j-i < 40 {
		c := raw[j]
		if c == ';' {
			return j + 1
		}
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '#') {
			break
		}
		j++
	}
	return j
}

// isolateText wraps the runs in one raw text token and reports whether it
// found any.
func isolateText(raw []byte) (string, bool) {
	if !hasLetter(raw) {
		return "", false
	}
	us := units(raw)
	type span struct{ start, end int } // unit indexes, end exclusive
	var runs []span
	// words: maximal sequences of letters, digits and marks.
	for i := 0; i < len(us); {
		if us[i].class != letter && us[i].class != digit {
			i++
			continue
		}
		// Scan forward over words and the joiners between them.
		j, runEnd, haveLetter, lastWord := i, -1, false, 0
		for j < len(us) {
			k := j
			wordLetter := false
			for k < len(us) && (us[k].class == letter || us[k].class == digit || us[k].class == mark && k > j) {
				wordLetter = wordLetter || us[k].class == letter
				k++
			}
			if k == j {
				break
			}
			if !haveLetter && !wordLetter {
				// Leading digits belong to the text around them.
				break
			}
			haveLetter = true
			runEnd, lastWord = k, k-j
			g := k
			for g < len(us) && us[g].class == joiner {
				g++
			}
			if g == k || g == len(us) || (us[g].class != letter && us[g].class != digit) {
				break
			}
			j = g
		}
		if runEnd < 0 {
			// A number: it stays in the text around it.
			for i < len(us) && (us[i].class == letter || us[i].class == digit || us[i].class == mark) {
				i++
			}
			continue
		}
		if lastWord == 1 && runEnd < len(us) && raw[us[runEnd].start] == '.' {
			runEnd++ // the dot of an initial or "U.S." belongs to the run
		}
		runs = append(runs, span{i, runEnd})
		i = runEnd
	}
	if len(runs) == 0 {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(raw) + 11*len(runs))
	at := 0
	for _, r := range runs {
		s, e := int(us[r.start].start), int(us[r.end-1].end)
		b.Write(raw[at:s])
		b.WriteString("<bdi>")
		b.Write(raw[s:e])
		b.WriteString("</bdi>")
		at = e
	}
	b.Write(raw[at:])
	return b.String(), true
}

// hasLetter is a cheap pre-check: a text without a single Latin or Cyrillic
// letter or a reference (which might stand for one) has nothing to isolate.
func hasLetter(raw []byte) bool {
	if bytes.IndexByte(raw, '&') >= 0 {
		return true
	}
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if classify(r) == letter {
			return true
		}
		i += size
	}
	return false
}
