package markup

import (
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ErrInvalidUTF8 is returned by Clean for a body that is not valid UTF-8.
// Such a body is refused rather than repaired: a silent U+FFFD in the middle
// of an Arabic word is a change nobody asked for.
var ErrInvalidUTF8 = errors.New("body is not valid UTF-8")

// ErrTooDeep is returned by Clean for a body whose elements nest deeper than
// 100 levels. No real article comes near that; the limit exists so that a
// hostile body is refused with a message rather than silently emptied (the
// HTML parser gives up at 512 levels) or made expensive to process.
var ErrTooDeep = errors.New("body is nested too deeply")

// maxDepth is the deepest element nesting Clean accepts, in its input and in
// its output alike, so that whatever Clean returns it also accepts.
const maxDepth = 100

// Clean turns body HTML as submitted (typed in the editor, pasted from a word
// processor, or imported) into the stored form.
//
// It runs in three steps: word-processor debris is removed while its styles
// and comments can still be read; the bluemonday allow-list sanitises; a
// structural pass builds the stored form (blocks at the top, one per line,
// h2–h4 only and never a level skipped, no spacer paragraphs, paragraphs
// trimmed). Text is kept exactly
// as written apart from HTML whitespace, which is collapsed as a browser
// would, white space at the edges of a paragraph, and control characters,
// which no reader sees.
//
// Clean is idempotent: Clean of its own output returns that output. It
// returns ErrInvalidUTF8 for invalid UTF-8 and ErrTooDeep for absurdly nested
// markup, and the string is empty then; any other input is cleaned.
func Clean(body string) (string, error) {
	if !utf8.ValidString(body) {
		return "", ErrInvalidUTF8
	}
	root, err := parse(body)
	if err != nil || htmlDepth(root) > maxDepth {
		return "", ErrTooDeep
	}
	cleanPaste(root)
	var b strings.Builder
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		renderLoose(&b, c)
	}
	safe, err := parse(policy().Sanitize(b.String()))
	if err != nil {
		return "", ErrTooDeep
	}
	blocks := flow(safe)
	outlineHeadings(blocks)
	for _, n := range blocks {
		if nodeDepth(n) > maxDepth {
			return "", ErrTooDeep
		}
	}
	return render(blocks), nil
}

// parse parses body HTML as the content of a <div> in a page's <body>, where
// it ends up, and returns a detached root holding the result. Its only error
// is the parser refusing to nest elements deeper than 512 levels.
func parse(s string) (*html.Node, error) {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return root, err
}

// htmlDepth is the element nesting depth below n.
func htmlDepth(n *html.Node) int {
	d := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			d = max(d, 1+htmlDepth(c))
		}
	}
	return d
}

// nodeDepth is the element nesting depth of n, n included, counted as
// htmlDepth counts the same markup once parsed.
func nodeDepth(n *node) int {
	if n.tag == "" {
		return 0
	}
	d := 0
	for _, k := range n.kids {
		d = max(d, nodeDepth(k))
	}
	return 1 + d
}
