package markup

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// The paste pass runs on the parsed input before sanitising, because the
// sanitiser throws away exactly what it needs to see: styles that say "bold",
// classes that say "this came from Word", comments that hide Word's list
// bullets. It removes debris and turns meaningful styling into elements; it
// does not try to be a sanitiser (the allow-list after it is), so anything it
// does not recognise passes through to be judged there.

// dropped elements are removed with everything inside them: their content is
// code, metadata or form widgets, never article text.
var dropped = map[string]bool{
	"script": true, "style": true, "template": true, "noscript": true,
	"head": true, "title": true, "meta": true, "link": true, "base": true,
	"xml": true, "iframe": true, "frame": true, "frameset": true,
	"noframes": true, "noembed": true, "object": true, "embed": true,
	"applet": true, "param": true, "svg": true, "math": true, "canvas": true,
	"audio": true, "video": true, "source": true, "track": true, "map": true,
	"area": true, "input": true, "button": true, "select": true,
	"option": true, "optgroup": true, "datalist": true, "textarea": true,
	"output": true, "progress": true, "meter": true, "xmp": true,
	"plaintext": true, "col": true, "colgroup": true, "dialog": true,
}

// asDiv elements are containers whose cells or sections read as paragraphs;
// stripping the tag alone would glue neighbouring cells' words together.
var asDiv = map[string]bool{
	"td": true, "th": true, "caption": true, "dt": true, "dd": true,
	"section": true, "article": true, "header": true, "footer": true,
	"main": true, "aside": true, "nav": true, "center": true, "address": true,
	"pre": true, "details": true, "summary": true, "hgroup": true,
	"fieldset": true, "legend": true,
}

// unwrapped elements lose their tag and keep their content: table scaffolding,
// presentational wrappers, and inline elements outside the allow-list whose
// text still belongs to the sentence.
var unwrapped = map[string]bool{
	"font": true, "table": true, "tbody": true, "thead": true, "tfoot": true,
	"tr": true, "dl": true, "form": true, "label": true, "u": true, "ins": true,
	"mark": true, "small": true, "big": true, "abbr": true, "acronym": true,
	"dfn": true, "kbd": true, "samp": true, "tt": true, "var": true,
	"time": true, "code": true, "picture": true, "nobr": true, "wbr": true,
	"data": true, "ruby": true, "rb": true, "blink": true, "marquee": true,
	"html": true, "body": true,
}

// cleanPaste removes word-processor debris from the children of n, in place.
func cleanPaste(n *html.Node) {
	wp := fromWordProcessor(n)
	groupWordLists(n)
	cleanChildren(n, wp)
}

// fromWordProcessor reports whether the fragment was pasted from MS Word,
// LibreOffice or Google Docs. Those put lang on every run of text (the
// author's keyboard locale, not a statement about the text), so their lang
// attributes are dropped; lang typed in the editor is kept.
func fromWordProcessor(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.CommentNode:
			if strings.HasPrefix(strings.TrimSpace(c.Data), "[if") {
				return true
			}
		case html.ElementNode:
			if strings.Contains(c.Data, ":") {
				return true
			}
			if c.Data == "meta" && strings.Contains(strings.ToLower(attr(c, "content")), "office") {
				return true
			}
			cls, id := attr(c, "class"), attr(c, "id")
			if strings.HasPrefix(cls, "Mso") || strings.HasPrefix(id, "docs-internal-guid") ||
				strings.Contains(attr(c, "style"), "mso-") ||
				(c.Data == "p" && (cls == "western" || cls == "ctl" || cls == "cjk")) {
				return true
			}
			if fromWordProcessor(c) {
				return true
			}
		}
	}
	return false
}

func cleanChildren(n *html.Node, wp bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		cleanNode(c, wp)
		c = next
	}
}

// cleanNode cleans c and its subtree; it may remove or replace c.
func cleanNode(c *html.Node, wp bool) {
	switch c.Type {
	case html.TextNode:
		return
	case html.ElementNode:
	default: // comments (Word's conditional comments included), doctypes
		c.Parent.RemoveChild(c)
		return
	}
	name := c.Data
	st := parseStyle(attr(c, "style"))
	switch {
	case c.Namespace != "" || dropped[name]:
		c.Parent.RemoveChild(c)
		return
	case st["mso-list"] == "ignore" || strings.Contains(attr(c, "class"), "Apple-interchange-newline"):
		// Word's typed list bullet ("·", "1.") lives in a span marked
		// mso-list:Ignore; the list itself becomes <ul>/<ol>.
		c.Parent.RemoveChild(c)
		return
	case name == "del" && wp:
		// Word writes tracked deletions as <del>: text the author removed.
		// (Its strikethrough is <s>, and tracked insertions <ins> are
		// unwrapped below, so the paste reads as the changes accepted.)
		c.Parent.RemoveChild(c)
		return
	case name == "span" && (st["mso-spacerun"] != "" || st["mso-tab-count"] != "") && onlySpacer(textOf(c)):
		// Word writes runs of spaces and tabs as no-break spaces in a marked
		// span; they were spaces to the author.
		c.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: " "}, c)
		c.Parent.RemoveChild(c)
		return
	}
	cleanChildren(c, wp)
	if wp {
		delAttr(c, "lang")
	}
	switch {
	case strings.Contains(name, ":"): // o:p, w:sdt, st1:place, v:shape …
		unwrap(c)
	case unwrapped[name]:
		unwrap(c)
	case asDiv[name]:
		c.Data, c.DataAtom = "div", 0
	case name == "strike" || name == "del":
		c.Data, c.DataAtom = "s", 0
	case name == "span":
		cleanSpan(c, st, wp)
	case name == "b" || name == "strong":
		// Google Docs wraps the whole paste in <b style="font-weight:normal">.
		if w := st["font-weight"]; w != "" && !isBold(w) {
			unwrap(c)
		}
	case name == "i" || name == "em":
		if s := st["font-style"]; s == "normal" {
			unwrap(c)
		}
	}
}

// cleanSpan turns a span into the elements its style means (Google Docs
// marks bold as <span style="font-weight:700">) and unwraps it otherwise.
func cleanSpan(c *html.Node, st map[string]string, wp bool) {
	var wrap []string
	if isBold(st["font-weight"]) {
		wrap = append(wrap, "strong")
	}
	if s := st["font-style"]; s == "italic" || s == "oblique" {
		wrap = append(wrap, "em")
	}
	switch st["vertical-align"] {
	case "super":
		wrap = append(wrap, "sup")
	case "sub":
		wrap = append(wrap, "sub")
	}
	if strings.Contains(st["text-decoration"]+st["text-decoration-line"], "line-through") {
		wrap = append(wrap, "s")
	}
	if wp || (attr(c, "dir") == "" && attr(c, "lang") == "") {
		c.Attr = nil
		if len(wrap) == 0 {
			unwrap(c)
			return
		}
		c.Data, c.DataAtom, wrap = wrap[0], 0, wrap[1:]
	}
	for i := len(wrap) - 1; i >= 0; i-- {
		inner := &html.Node{Type: html.ElementNode, Data: wrap[i]}
		for k := c.FirstChild; k != nil; {
			next := k.NextSibling
			c.RemoveChild(k)
			inner.AppendChild(k)
			k = next
		}
		c.AppendChild(inner)
	}
}

func isBold(weight string) bool {
	switch weight {
	case "bold", "bolder", "600", "700", "800", "900":
		return true
	}
	return false
}

// groupWordLists finds Word's list paragraphs (<p class=MsoListParagraph
// style="mso-list:l0 level1 lfo1">) among the descendants of n and turns each
// run of them into a real <ul> or <ol>. Nesting levels are flattened: a news
// body rarely needs them and Word's level markup is unreliable.
func groupWordLists(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			groupWordLists(c)
		}
	}
	for c := n.FirstChild; c != nil; {
		id := wordListID(c)
		if id == "" {
			c = c.NextSibling
			continue
		}
		list := &html.Node{Type: html.ElementNode, Data: "ul"}
		if orderedBullet(c) {
			list.Data = "ol"
		}
		if d := attr(c, "dir"); d != "" {
			list.Attr = []html.Attribute{{Key: "dir", Val: d}}
		}
		n.InsertBefore(list, c)
		for c != nil {
			if c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" || c.Type == html.CommentNode {
				next := c.NextSibling
				n.RemoveChild(c)
				c = next
				continue
			}
			if wordListID(c) != id {
				break
			}
			next := c.NextSibling
			n.RemoveChild(c)
			c.Data, c.DataAtom = "li", 0
			if strings.EqualFold(attr(c, "dir"), attr(list, "dir")) {
				delAttr(c, "dir") // said once, on the list
			}
			list.AppendChild(c)
			c = next
		}
	}
}

// wordListID returns the list id ("l0") of a Word list paragraph, or "".
func wordListID(c *html.Node) string {
	if c.Type != html.ElementNode || c.Data != "p" {
		return ""
	}
	v := parseStyle(attr(c, "style"))["mso-list"]
	if v == "" || v == "ignore" || v == "none" {
		return ""
	}
	id, _, _ := strings.Cut(v, " ")
	return id
}

// orderedBullet reports whether a Word list paragraph's typed bullet is a
// number or letter ("1.", "أ)", "iv.") rather than a symbol ("·", "o", "§").
func orderedBullet(p *html.Node) bool {
	var bullet string
	var find func(*html.Node) bool
	find = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if parseStyle(attr(c, "style"))["mso-list"] == "ignore" {
				bullet = textOf(c)
				return true
			}
			if find(c) {
				return true
			}
		}
		return false
	}
	find(p)
	bullet = strings.TrimFunc(bullet, isTrimmable)
	last, _ := utf8.DecodeLastRuneInString(bullet)
	return utf8.RuneCountInString(bullet) > 1 && strings.ContainsRune(".)-", last)
}

// parseStyle reads a style attribute into lower-cased property → value, so
// that "mso-bidi-font-weight:normal" is not mistaken for "font-weight:normal".
func parseStyle(s string) map[string]string {
	if s == "" {
		return nil
	}
	m := map[string]string{}
	for decl := range strings.SplitSeq(s, ";") {
		k, v, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "!important")))
		m[k] = strings.TrimSpace(v)
	}
	return m
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

func delAttr(n *html.Node, key string) {
	out := n.Attr[:0]
	for _, a := range n.Attr {
		if a.Key != key {
			out = append(out, a)
		}
	}
	n.Attr = out
}

// unwrap replaces n by its children.
func unwrap(n *html.Node) {
	p := n.Parent
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		n.RemoveChild(c)
		p.InsertBefore(c, n)
		c = next
	}
	p.RemoveChild(n)
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
