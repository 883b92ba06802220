package markup

import (
	"strings"

	"golang.org/x/net/html"
)

// node is the stored form's own small tree. The structural pass builds it from
// the sanitised parse and render writes it out; with only allow-listed tags and
// attributes representable, the output is safe by construction.
type node struct {
	tag   string // "" for a text node
	text  string // text nodes: decoded text
	attrs []attribute
	kids  []*node
}

type attribute struct{ key, val string }

func textNode(s string) *node { return &node{text: s} }

func (n *node) attr(key string) string {
	for _, a := range n.attrs {
		if a.key == key {
			return a.val
		}
	}
	return ""
}

// containers hold blocks, each written on its own line; the other block
// elements hold inline content and take one line each. One block per line
// keeps revision diffs readable.
var containers = map[string]bool{"blockquote": true, "ul": true, "ol": true, "figure": true}

func render(blocks []*node) string {
	var b strings.Builder
	for i, n := range blocks {
		if i > 0 {
			b.WriteByte('\n')
		}
		renderBlock(&b, n)
	}
	return b.String()
}

func renderBlock(b *strings.Builder, n *node) {
	if n.tag == "img" || n.tag == "hr" || n.tag == "" || n.tag == "a" {
		renderInline(b, n)
		return
	}
	openTag(b, n)
	nested := containers[n.tag]
	for i, k := range n.kids {
		if nested || isBlockNode(k) {
			if nested || i > 0 {
				b.WriteByte('\n')
			}
			renderBlock(b, k)
			continue
		}
		renderInline(b, k)
	}
	if nested || (len(n.kids) > 0 && isBlockNode(n.kids[len(n.kids)-1])) {
		b.WriteByte('\n')
	}
	b.WriteString("</" + n.tag + ">")
}

func isBlockNode(n *node) bool {
	switch n.tag {
	case "p", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "figure", "figcaption", "hr":
		return true
	}
	return false
}

func renderInline(b *strings.Builder, n *node) {
	switch n.tag {
	case "":
		escapeText(b, n.text)
		return
	case "br", "hr", "img":
		openTag(b, n)
		return
	}
	openTag(b, n)
	for _, k := range n.kids {
		renderInline(b, k)
	}
	b.WriteString("</" + n.tag + ">")
}

func openTag(b *strings.Builder, n *node) {
	b.WriteString("<" + n.tag)
	for _, a := range n.attrs {
		b.WriteString(" " + a.key + `="`)
		escapeAttr(b, a.val)
		b.WriteByte('"')
	}
	b.WriteByte('>')
}

// escapeText escapes only what HTML requires in text, so that quotes,
// «guillemets» and no-break spaces stay readable in the stored form.
func escapeText(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteByte(c)
		}
	}
}

func escapeAttr(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteByte(c)
		}
	}
}

// renderLoose writes the pasted-and-cleaned tree for the sanitiser. It is not
// trusted to be safe (the sanitiser and the structural pass after it are); it
// only has to be unambiguous, so names that could not round-trip through a
// tokenizer are dropped rather than written.
func renderLoose(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		escapeText(b, n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	ok := plainName(n.Data)
	if ok {
		b.WriteString("<" + n.Data)
		for _, a := range n.Attr {
			if a.Namespace != "" || !plainName(a.Key) {
				continue
			}
			b.WriteString(" " + a.Key + `="`)
			escapeAttr(b, a.Val)
			b.WriteByte('"')
		}
		b.WriteByte('>')
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		renderLoose(b, c)
	}
	if ok && !voidElement(n.Data) {
		b.WriteString("</" + n.Data + ">")
	}
}

func plainName(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func voidElement(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
		"meta", "param", "source", "track", "wbr":
		return true
	}
	return false
}
