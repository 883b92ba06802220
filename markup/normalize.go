package markup

import (
	"strings"

	"golang.org/x/net/html"
)

// The structural pass reads the sanitised parse and builds the stored form:
// blocks at the top, inline content inside them, renamed and unwrapped
// elements, trimmed paragraphs, no spacers. It is also the last allow-list:
// it can only build elements and attributes it knows, and re-checks URLs.
// Every rule here must map its own output to itself, which is what makes
// Clean idempotent.

// headingLevel maps heading tags onto the levels a body may use: the page's
// one h1 is the headline, and three levels are enough for a news story.
var headingLevel = map[string]string{
	"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4",
}

// outlineHeadings renumbers the headings of blocks, in document order, so
// that none skips a level: the body follows the page's h1, so its first
// heading is an h2, and each later one is at most one level below the one
// before it. A heading keeps its place in the outline the author gave it (an
// h4 under an h2 becomes its h3; two h4s in a row stay siblings); only the
// gaps close, since a reader's screen reader or a validator sees a skipped
// level as a missing one. Numbered output maps to itself, as Clean needs.
func outlineHeadings(blocks []*node) {
	var open []int // the author's levels of the headings still open, outermost first
	var walk func([]*node)
	walk = func(ns []*node) {
		for _, n := range ns {
			if level := headingNumber(n.tag); level > 0 {
				for len(open) > 0 && open[len(open)-1] >= level {
					open = open[:len(open)-1]
				}
				n.tag = "h" + string(rune('2'+len(open)))
				open = append(open, level)
				continue
			}
			walk(n.kids)
		}
	}
	walk(blocks)
}

// headingNumber is the level of a heading tag of the stored form, 0 for any
// other tag.
func headingNumber(tag string) int {
	switch tag {
	case "h2", "h3", "h4":
		return int(tag[1] - '0')
	}
	return 0
}

// flowBlocks are the elements that start a new block where they appear.
var flowBlocks = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "blockquote": true, "ul": true, "ol": true,
	"li": true, "figure": true, "figcaption": true, "hr": true,
}

// flow turns the children of n into a list of blocks; runs of inline content
// between blocks (bare text at the top level, Google Docs' stray <br>s)
// become paragraphs.
func flow(n *html.Node) []*node {
	var out, pending []*node
	flush := func() {
		out = append(out, paragraphs(nil, pending)...)
		pending = nil
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && flowBlocks[c.Data] {
			flush()
			out = append(out, block(c)...)
			continue
		}
		pending = append(pending, inline(c, false)...)
	}
	flush()
	return out
}

// hasBlockChild reports whether a div is a container of blocks rather than a
// paragraph in disguise.
func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && flowBlocks[c.Data] {
			return true
		}
	}
	return false
}

func block(c *html.Node) []*node {
	attrs := blockAttrs(c)
	switch c.Data {
	case "div":
		if hasBlockChild(c) {
			return inheritAttrs(flow(c), attrs)
		}
		return paragraphs(attrs, inlineKids(c, false))
	case "p", "li", "figcaption":
		// A list item or caption outside its list or figure is a paragraph.
		return paragraphs(attrs, inlineKids(c, false))
	case "h1", "h2", "h3", "h4", "h5", "h6":
		if kids := trim(inlineKids(c, false)); !blank(kids) {
			return []*node{{tag: headingLevel[c.Data], attrs: attrs, kids: kids}}
		}
	case "blockquote":
		if kids := flow(c); len(kids) > 0 {
			if u, ok := safeURL(attr(c, "cite"), false); ok {
				attrs = append([]attribute{{"cite", u}}, attrs...)
			}
			return []*node{{tag: "blockquote", attrs: attrs, kids: kids}}
		}
	case "ul", "ol":
		if items := listItems(c); len(items) > 0 {
			return []*node{{tag: c.Data, attrs: attrs, kids: items}}
		}
	case "figure":
		return figure(c, attrs)
	case "hr":
		return []*node{{tag: "hr"}}
	}
	return nil
}

// inheritAttrs gives the blocks of an unwrapped container its dir and lang
// where they have none of their own, so that <div dir="rtl"> keeps its
// meaning after the div is gone.
func inheritAttrs(blocks []*node, attrs []attribute) []*node {
	for _, a := range attrs {
		for _, b := range blocks {
			if b.tag != "hr" && b.attr(a.key) == "" {
				b.attrs = append(b.attrs, a)
			}
		}
	}
	for _, b := range blocks {
		sortBlockAttrs(b.attrs)
	}
	return blocks
}

func sortBlockAttrs(as []attribute) {
	order := map[string]int{"cite": 0, "dir": 1, "lang": 2}
	for i := 1; i < len(as); i++ {
		for j := i; j > 0 && order[as[j].key] < order[as[j-1].key]; j-- {
			as[j], as[j-1] = as[j-1], as[j]
		}
	}
}

// blockAttrs keeps dir and lang, the only attributes a block may carry
// (blockquote's cite is added by its caller).
func blockAttrs(c *html.Node) []attribute {
	var out []attribute
	if d := strings.ToLower(attr(c, "dir")); dirValue.MatchString(d) {
		out = append(out, attribute{"dir", d})
	}
	if l := attr(c, "lang"); langValue.MatchString(l) {
		out = append(out, attribute{"lang", l})
	}
	return out
}

// paragraphs builds paragraphs from inline content, splitting it where
// two or more <br> follow each other: a blank line typed with Shift+Enter is a
// paragraph break to its author. Spacer paragraphs are dropped.
func paragraphs(attrs []attribute, kids []*node) []*node {
	var out []*node
	emit := func(part []*node) {
		if part = trim(part); !blank(part) {
			out = append(out, &node{tag: "p", attrs: append([]attribute(nil), attrs...), kids: part})
		}
	}
	start := 0
	for i := 0; i < len(kids); i++ {
		if kids[i].tag != "br" {
			continue
		}
		j, brs := i, 0
		for ; j < len(kids) && (kids[j].tag == "br" || kids[j].tag == "" && onlySpacer(kids[j].text)); j++ {
			if kids[j].tag == "br" {
				brs++
			}
		}
		if brs >= 2 {
			emit(kids[start:i])
			start = j
		}
		i = j - 1
	}
	emit(kids[start:])
	return out
}

// listItems gathers a list's items. Text and elements loose inside the list
// become items of their own, and a nested list placed directly inside its
// parent list (as some editors write it) joins the item before it.
func listItems(list *html.Node) []*node {
	var items []*node
	var pending []*node
	flush := func() {
		if kids := trim(pending); !blank(kids) {
			items = append(items, &node{tag: "li", kids: kids})
		}
		pending = nil
	}
	for c := list.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && c.Data == "li":
			flush()
			if it := listItem(c); it != nil {
				items = append(items, it)
			}
		case c.Type == html.ElementNode && (c.Data == "ul" || c.Data == "ol") && len(pending) == 0 && len(items) > 0:
			last := items[len(items)-1]
			last.kids = append(last.kids, block(c)...)
		case c.Type == html.ElementNode && flowBlocks[c.Data]:
			flush()
			if kids := block(c); len(kids) > 0 {
				items = append(items, liFrom(nil, kids))
			}
		default:
			pending = append(pending, inline(c, false)...)
		}
	}
	flush()
	return items
}

func listItem(li *html.Node) *node {
	attrs := blockAttrs(li)
	if !hasBlockChild(li) {
		if kids := trim(inlineKids(li, false)); !blank(kids) {
			return &node{tag: "li", attrs: attrs, kids: kids}
		}
		return nil
	}
	kids := flow(li)
	if len(kids) == 0 {
		return nil
	}
	return liFrom(attrs, kids)
}

// liFrom builds an item from blocks. A leading paragraph followed only by
// nested lists is hoisted into the item itself (<li>text<ul>…</ul></li>), the
// shape Google Docs' <li><p>…</p></li> and hand-written nesting both mean.
func liFrom(attrs []attribute, kids []*node) *node {
	li := &node{tag: "li", attrs: attrs}
	hoist := kids[0].tag == "p"
	for _, k := range kids[1:] {
		hoist = hoist && (k.tag == "ul" || k.tag == "ol")
	}
	if !hoist {
		li.kids = kids
		return li
	}
	if len(li.attrs) == 0 {
		li.attrs = kids[0].attrs
	}
	li.kids = append(kids[0].kids, kids[1:]...)
	return li
}

// figure keeps a figure's images and its caption. A figure without an image
// is not a figure: its caption text, if any, stays as a paragraph.
func figure(c *html.Node, attrs []attribute) []*node {
	var imgs []*node
	var caption *node
	for k := c.FirstChild; k != nil; k = k.NextSibling {
		if k.Type == html.ElementNode && k.Data == "figcaption" {
			if kids := trim(inlineKids(k, false)); !blank(kids) && caption == nil {
				caption = &node{tag: "figcaption", attrs: blockAttrs(k), kids: kids}
			}
			continue
		}
		for _, n := range inline(k, false) {
			if n.tag == "img" || n.tag == "a" && hasImage(n.kids) {
				imgs = append(imgs, n)
			}
		}
	}
	if len(imgs) == 0 {
		if caption == nil {
			return nil
		}
		caption.tag = "p"
		return []*node{caption}
	}
	f := &node{tag: "figure", attrs: attrs, kids: imgs}
	if caption != nil {
		f.kids = append(f.kids, caption)
	}
	return []*node{f}
}
