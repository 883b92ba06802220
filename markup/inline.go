package markup

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Inline content: the text and phrase elements inside a block, and the
// whitespace rules that make a paragraph's edges clean and its spacers
// detectable.

func inlineKids(n *html.Node, inLink bool) []*node {
	var out []*node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, inline(c, inLink)...)
	}
	return mergeText(out)
}

// inline converts one node of inline content. Blocks met inside inline
// content (a <p> inside a link, a list inside a heading) are unwrapped into
// their inline content.
func inline(c *html.Node, inLink bool) []*node {
	switch c.Type {
	case html.TextNode:
		if t := cleanText(c.Data); t != "" {
			return []*node{textNode(t)}
		}
		return nil
	case html.ElementNode:
	default:
		return nil
	}
	switch c.Data {
	case "br":
		return []*node{{tag: "br"}}
	case "img":
		return image(c)
	case "hr":
		return nil
	case "a":
		href, ok := safeURL(attr(c, "href"), false)
		kids := inlineKids(c, true)
		if !ok || inLink || !hasContent(kids) || onlyWhitespace(kids) {
			return kids
		}
		a := &node{tag: "a", attrs: []attribute{{"href", href}}, kids: kids}
		if t := oneLine(attr(c, "title")); t != "" {
			a.attrs = append(a.attrs, attribute{"title", t})
		}
		return []*node{a}
	}
	kids := inlineKids(c, inLink)
	tag := c.Data
	var attrs []attribute
	switch tag {
	case "b":
		tag = "strong"
	case "i":
		tag = "em"
	case "strong", "em", "s", "sub", "sup", "cite":
	case "q":
		if u, ok := safeURL(attr(c, "cite"), false); ok {
			attrs = append(attrs, attribute{"cite", u})
		}
		attrs = append(attrs, blockAttrs(c)...)
	case "bdi":
		attrs = blockAttrs(c)
	case "span":
		// A span is kept only to say which way or in which language its
		// text runs; a span saying nothing is unwrapped.
		if attrs = blockAttrs(c); len(attrs) == 0 {
			return kids
		}
	default:
		return kids
	}
	if !hasContent(kids) || onlyWhitespace(kids) {
		return kids
	}
	return []*node{{tag: tag, attrs: attrs, kids: kids}}
}

func image(c *html.Node) []*node {
	src, ok := safeURL(attr(c, "src"), true)
	if !ok {
		return nil
	}
	img := &node{tag: "img", attrs: []attribute{{"src", src}}}
	img.attrs = append(img.attrs, attribute{"alt", oneLine(attr(c, "alt"))})
	for _, k := range []string{"width", "height"} {
		if v := attr(c, k); digitsValue.MatchString(v) {
			img.attrs = append(img.attrs, attribute{k, v})
		}
	}
	if v := strings.ToLower(attr(c, "loading")); loadValue.MatchString(v) {
		img.attrs = append(img.attrs, attribute{"loading", v})
	}
	return []*node{img}
}

// mergeText joins neighbouring text nodes left behind by unwrapping, so that
// trimming and spacer detection see whole runs of text.
func mergeText(ns []*node) []*node {
	out := ns[:0]
	for _, n := range ns {
		if n.tag == "" && len(out) > 0 && out[len(out)-1].tag == "" {
			left, right := out[len(out)-1].text, n.text
			if strings.HasSuffix(left, " ") {
				right = strings.TrimPrefix(right, " ")
			}
			out[len(out)-1] = textNode(left + right)
			continue
		}
		out = append(out, n)
	}
	return out
}

// cleanText collapses runs of HTML whitespace (which a browser shows as one
// space anyway; Word wraps its lines inside paragraphs) and drops control
// characters, which no reader sees and which XML feeds cannot carry. Every
// other character, no-break spaces inside a sentence included, is kept.
func cleanText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f':
			space = true
			continue
		case r < 0x20 || r == 0x7f || r == 0xfffe || r == 0xffff:
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

func oneLine(s string) string {
	return strings.Join(strings.Fields(cleanText(s)), " ")
}

// isTrimmable reports whether r may be cut from the edges of a paragraph:
// spaces of every width, the no-break spaces pasted text begins paragraphs
// with, and invisible debris. Direction marks are kept: at a paragraph's edge
// they still decide its direction.
func isTrimmable(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\u00a0', '\u202f', '\u2007', '\u200b', '\ufeff', '\u2060', '\u3000':
		return true
	}
	return r >= '\u2000' && r <= '\u200a'
}

// isSpacer reports whether r is invisible on its own: a paragraph made only
// of these is a spacer, whatever the word processor used to make it.
func isSpacer(r rune) bool {
	return isTrimmable(r) || r >= '\u200b' && r <= '\u200f' || r == '\u061c'
}

func onlySpacer(s string) bool {
	for _, r := range s {
		if !isSpacer(r) {
			return false
		}
	}
	return true
}

// blank reports whether inline content shows nothing: no image and no
// visible character.
func blank(ns []*node) bool {
	for _, n := range ns {
		switch {
		case n.tag == "img":
			return false
		case n.tag == "" && !onlySpacer(n.text):
			return false
		case !blank(n.kids):
			return false
		}
	}
	return true
}

func hasImage(ns []*node) bool {
	for _, n := range ns {
		if n.tag == "img" || hasImage(n.kids) {
			return true
		}
	}
	return false
}

// hasContent reports whether an inline element would hold anything at all.
func hasContent(ns []*node) bool {
	for _, n := range ns {
		if n.tag != "" || n.text != "" {
			return true
		}
	}
	return false
}

// onlyWhitespace is true for content like "<strong> </strong>": the space
// matters to the sentence, the element around it does not.
func onlyWhitespace(ns []*node) bool {
	for _, n := range ns {
		if n.tag != "" || strings.Trim(n.text, " ") != "" {
			return false
		}
	}
	return true
}

// trim removes leading and trailing trimmable characters and <br>s from
// inline content, reaching into inline elements at the edges, and folds
// spaces that meet across element boundaries or around a <br>.
func trim(ns []*node) []*node {
	ns = trimLeft(mergeText(ns))
	ns = trimRight(ns)
	foldSpaces(ns, new(true))
	return prune(ns)
}

// prune drops text emptied by foldSpaces and inline elements left without
// content, which a second Clean would drop too.
func prune(ns []*node) []*node {
	out := ns[:0]
	for _, n := range ns {
		switch n.tag {
		case "":
			if n.text == "" {
				continue
			}
		case "br", "img":
		default:
			if n.kids = prune(n.kids); !hasContent(n.kids) {
				continue
			}
		}
		out = append(out, n)
	}
	return out
}

func trimLeft(ns []*node) []*node {
	for len(ns) > 0 {
		n := ns[0]
		switch {
		case n.tag == "br":
		case n.tag == "":
			n.text = strings.TrimLeftFunc(n.text, isTrimmable)
			if n.text != "" {
				return ns
			}
		case n.tag == "img":
			return ns
		default:
			n.kids = trimLeft(n.kids)
			if hasContent(n.kids) {
				return ns
			}
		}
		ns = ns[1:]
	}
	return ns
}

func trimRight(ns []*node) []*node {
	for len(ns) > 0 {
		n := ns[len(ns)-1]
		switch {
		case n.tag == "br":
		case n.tag == "":
			n.text = strings.TrimRightFunc(n.text, isTrimmable)
			if n.text != "" {
				return ns
			}
		case n.tag == "img":
			return ns
		default:
			n.kids = trimRight(n.kids)
			if hasContent(n.kids) {
				return ns
			}
		}
		ns = ns[:len(ns)-1]
	}
	return ns
}

// foldSpaces drops a space that follows another space or a <br> across
// element boundaries ("a <b> b</b>" reads "a b"), and a space just before a
// <br>. space says whether the previous character was a space or break.
func foldSpaces(ns []*node, space *bool) {
	for i, n := range ns {
		switch n.tag {
		case "":
			if *space {
				n.text = strings.TrimPrefix(n.text, " ")
			}
			if i+1 < len(ns) && ns[i+1].tag == "br" {
				n.text = strings.TrimSuffix(n.text, " ")
			}
			if n.text != "" {
				r, _ := utf8.DecodeLastRuneInString(n.text)
				*space = r == ' '
			}
		case "br":
			*space = true
		case "img":
			*space = false
		default:
			foldSpaces(n.kids, space)
		}
	}
}
