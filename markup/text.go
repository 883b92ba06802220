package markup

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// textBlocks are the elements whose text stands apart from its neighbours'
// in plain text.
var textBlocks = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "blockquote": true, "ul": true, "ol": true,
	"li": true, "figure": true, "figcaption": true, "hr": true, "pre": true,
	"table": true, "tr": true, "td": true, "th": true, "dl": true, "dt": true,
	"dd": true, "section": true, "article": true, "header": true,
	"footer": true, "aside": true, "address": true, "caption": true,
}

// notText are elements whose content is never read as text.
var notText = map[string]bool{
	"script": true, "style": true, "template": true, "noscript": true,
	"head": true, "title": true, "textarea": true, "svg": true, "math": true,
	"iframe": true, "object": true, "select": true,
}

// blocksOf returns the text of each block of body HTML, entities decoded and
// whitespace (no-break spaces included) collapsed; empty blocks are left out.
func blocksOf(body string) []string {
	var blocks []string
	var cur strings.Builder
	flush := func() {
		if s := collapse(cur.String()); s != "" {
			blocks = append(blocks, s)
		}
		cur.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if notText[n.Data] || n.Namespace != "" {
				return
			}
			if n.Data == "br" {
				cur.WriteByte(' ')
				return
			}
		}
		block := n.Type == html.ElementNode && textBlocks[n.Data]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	// A body too deep to parse (only possible if it bypassed Clean) reads
	// as what the parser managed, which may be nothing.
	root, _ := parse(body)
	walk(root)
	flush()
	return blocks
}

// collapse folds every run of Unicode white space into one space and trims
// the ends: in plain text a no-break space is just a space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// PlainText returns the text content of body HTML, blocks separated by
// "\n\n", entities decoded, whitespace collapsed within blocks.
//
// It is what feeds, search indexing and the API's plain-text fields read:
// images contribute nothing (their alt text describes, it is not the story),
// a <br> reads as a space, and no-break spaces become ordinary ones.
func PlainText(body string) string {
	return strings.Join(blocksOf(body), "\n\n")
}

// Excerpt returns the first maxRunes runes of the plain text, cut at a word
// boundary with "…" when cut.
//
// The blocks are joined by single spaces (an excerpt is one line: a meta
// description, a card on the front page), and the result, ellipsis included,
// is never longer than maxRunes runes, so callers can use it against a hard
// limit. A first word longer than the limit is cut inside the word rather
// than leave nothing. maxRunes <= 0 gives "".
func Excerpt(body string, maxRunes int) string {
	if maxRunes <= 0 {
		return ""
	}
	text := strings.Join(blocksOf(body), " ")
	if utf8.RuneCountInString(text) <= maxRunes {
		return text
	}
	// Byte offset just after the first maxRunes-1 runes: room for "…".
	end, n := 0, 0
	for i := range text {
		if n == maxRunes-1 {
			end = i
			break
		}
		n++
	}
	cut := text[:end]
	// The cut is at a word boundary if what follows is a space or
	// punctuation ("ثانياً،"); otherwise go back to the last space.
	if next, _ := utf8.DecodeRuneInString(text[end:]); next != ' ' && !unicode.IsPunct(next) {
		if sp := strings.LastIndexByte(cut, ' '); sp > 0 {
			cut = cut[:sp]
		}
	}
	cut = strings.TrimRightFunc(cut, func(r rune) bool {
		return r == ' ' || strings.ContainsRune(",،;؛:.-–—", r)
	})
	return cut + "…"
}

// WordCount counts words in any script (for reading-time estimates).
//
// A word is a run of letters and digits: combining marks (tashkeel), the
// tatweel, and apostrophes or hyphens inside a word ("don't", "Нижний-
// Новгород") do not split it. Han and kana characters, written without
// spaces, count one word each.
func WordCount(body string) int {
	count := 0
	for _, block := range blocksOf(body) {
		in := false
		for _, r := range block {
			switch {
			case unicode.IsSpace(r):
				in = false
			case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
				count++
				in = false
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				if !in {
					count++
					in = true
				}
			}
		}
	}
	return count
}

// Heading is a subheading of a body, for a table of contents.
type Heading struct {
	Level int    // 2 or 3
	Text  string // plain text, whitespace collapsed
}

// Headings returns the h2/h3 texts (for a table of contents, later), in
// document order. Empty headings are left out; h4 is too fine for a
// table of contents.
func Headings(body string) []Heading {
	var out []Heading
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "h2" || n.Data == "h3") && n.Namespace == "" {
			if t := collapse(textOf(n)); t != "" {
				out = append(out, Heading{Level: int(n.Data[1] - '0'), Text: t})
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	root, _ := parse(body)
	walk(root)
	return out
}
