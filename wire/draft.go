package wire

import (
	"html"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/khabarnews/khabar"
)

// A draft made from a wire item starts with the agency's title as its
// working title and, as its body, the agency's text in one quotation
// marked as the agency's (cite="/admin/wire/items/ID", the item in the inbox)
// under a note that says to rewrite it. The quotation is the material, not
// the story: the newsroom refuses to schedule or publish a version while a
// quotation of a wire item is still in its body (HasAgencyText), so agency
// copy never reaches readers as it came.

// quotePrefix begins the cite of every wire quotation.
const quotePrefix = "/admin/wire/items/"

// DraftBody is the body a draft made from it starts with: note (in the
// editor's language, plain text) then the item's text, all in one
// quotation that cites the item.
func DraftBody(it khabar.WireItem, note string) string {
	var b strings.Builder
	b.WriteString(`<blockquote cite="` + quotePrefix + strconv.FormatInt(it.ID, 10) + `">`)
	b.WriteString("<p><strong>" + html.EscapeString(note) + "</strong>")
	if it.Link != "" {
		b.WriteString(` <a href="` + html.EscapeString(it.Link) + `">` + html.EscapeString(it.Link) + `</a>`)
	}
	b.WriteString("</p>")
	texts := []string{it.Summary, it.Body}
	if strings.HasPrefix(strings.Join(strings.Fields(it.Body), " "), strings.Join(strings.Fields(it.Summary), " ")) {
		texts = texts[1:] // the body begins with the summary: once is enough
	}
	for _, t := range texts {
		for _, para := range strings.Split(t, "\n\n") {
			if para = strings.TrimSpace(para); para != "" {
				b.WriteString("<p>" + html.EscapeString(para) + "</p>")
			}
		}
	}
	b.WriteString("</blockquote>")
	return b.String()
}

// HasAgencyText reports whether a body still holds a quotation of a wire
// item that DraftBody put there.
func HasAgencyText(body string) bool {
	if !strings.Contains(body, quotePrefix) {
		return false
	}
	z := xhtml.NewTokenizer(strings.NewReader(body))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return false
		case xhtml.StartTagToken:
			name, hasAttr := z.TagName()
			if atom.Lookup(name) != atom.Blockquote || !hasAttr {
				continue
			}
			for {
				k, v, more := z.TagAttr()
				if string(k) == "cite" && strings.HasPrefix(string(v), quotePrefix) {
					return true
				}
				if !more {
					break
				}
			}
		}
	}
}
