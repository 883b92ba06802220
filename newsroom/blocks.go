package newsroom

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A stored body is a sequence of blocks: paragraphs, subheadings, quotes,
// lists and figures. Diffs compare bodies block by block and, inside a
// changed block, word by word with each word's formatting; merges take
// whole blocks from one side or the other.

// block is one top-level element of a body.
type block struct {
	Tag  string // "p", "h2", "blockquote", "ul", "figure" …; "" for loose text
	HTML string // the element as stored
}

// Mark is formatting a piece of text carries: an inline element ("strong",
// "em", "a" …) and, for a link, its address; for an image, "img" and its
// source.
type Mark struct {
	Tag, Href string
}

// token is a word or a run of space with its formatting.
type token struct {
	Text  string
	Marks []Mark
}

// key is what makes two tokens the same for a diff: text and formatting.
func (t token) key() string {
	if len(t.Marks) == 0 {
		return t.Text
	}
	var b strings.Builder
	for _, m := range t.Marks {
		b.WriteString(m.Tag + "=" + m.Href + "\x00")
	}
	return b.String() + t.Text
}

// bodyContext is what a body's fragment is parsed in.
var bodyContext = &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}

// blocksOf splits a body into its blocks. What cannot be parsed (a stored
// body always can) is one block of its own.
func blocksOf(body string) []block {
	nodes, err := html.ParseFragment(strings.NewReader(body), bodyContext)
	if err != nil {
		return []block{{HTML: body}}
	}
	var out []block
	for _, n := range nodes {
		var b strings.Builder
		if err := html.Render(&b, n); err != nil {
			return []block{{HTML: body}}
		}
		s := b.String()
		if n.Type == html.TextNode {
			if strings.TrimSpace(s) == "" {
				continue
			}
			out = append(out, block{HTML: s})
			continue
		}
		if n.Type != html.ElementNode {
			continue
		}
		out = append(out, block{Tag: n.Data, HTML: s})
	}
	return out
}

// joinBlocks writes blocks back as a body, one a line as bodies are stored.
func joinBlocks(bs []block) string {
	parts := make([]string, len(bs))
	for i, b := range bs {
		parts[i] = b.HTML
	}
	return strings.Join(parts, "\n")
}

// tokens returns the words of a block with their formatting. Items of a
// list start with a line break and a bullet, so that a diff shows them
// one a line; an image is one token.
func tokens(b block) []token {
	nodes, err := html.ParseFragment(strings.NewReader(b.HTML), bodyContext)
	if err != nil {
		return []token{{Text: b.HTML}}
	}
	var out []token
	var walk func(n *html.Node, marks []Mark, top bool)
	walk = func(n *html.Node, marks []Mark, top bool) {
		switch n.Type {
		case html.TextNode:
			for _, w := range words(n.Data) {
				out = append(out, token{Text: w, Marks: marks})
			}
			return
		case html.ElementNode:
		default:
			return
		}
		switch n.DataAtom {
		case atom.Img:
			out = append(out, token{Text: attr(n, "alt"), Marks: append(clone(marks), Mark{Tag: "img", Href: attr(n, "src")})})
			return
		case atom.Br:
			out = append(out, token{Text: "\n", Marks: marks})
			return
		case atom.Li:
			if len(out) > 0 {
				out = append(out, token{Text: "\n"})
			}
			out = append(out, token{Text: "• "})
		case atom.Figcaption:
			out = append(out, token{Text: "\n"})
		}
		if !top && inline[n.DataAtom] {
			m := Mark{Tag: n.Data}
			if n.DataAtom == atom.A {
				m.Href = attr(n, "href")
			}
			marks = append(clone(marks), m)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, marks, false)
		}
	}
	for _, n := range nodes {
		walk(n, nil, true)
	}
	return out
}

// inline are the elements that format text inside a block.
var inline = map[atom.Atom]bool{atom.A: true, atom.Strong: true, atom.Em: true, atom.B: true, atom.I: true, atom.S: true,
	atom.Sub: true, atom.Sup: true, atom.Cite: true, atom.Q: true}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func clone(m []Mark) []Mark { return append([]Mark(nil), m...) }
