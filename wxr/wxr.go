// Package wxr reads WordPress eXtended RSS (WXR) export files, versions 1.0
// to 1.2, as WordPress writes them (wp-admin/includes/export.php): the
// site's authors, categories, tags and other terms, then one item per post,
// page, attachment, menu item or revision, each with its terms, its meta
// and its comments. It also turns WordPress's post content into plain HTML
// (content.go), decodes PHP-serialised values (php.go) and finds the
// translation groups of Polylang and WPML (languages.go).
//
// The package knows nothing of Khabar: package port maps what it reads
// onto the newsroom.
package wxr

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Site is a WXR file's channel: the site and the terms its items use.
type Site struct {
	Version     string // wp:wxr_version: "1.0", "1.1" or "1.2"
	Title       string
	Link        string
	Language    string // the site's language ("ar", "en-US")
	BaseSiteURL string
	BaseBlogURL string
	Authors     []Author
	// Terms are the categories, tags and other terms (Polylang's
	// languages and translation groups, menus …), each with its taxonomy.
	Terms []Term
}

// Author is a wp:author of the channel.
type Author struct {
	ID, Login, Email, DisplayName, FirstName, LastName string
	Line                                               int
}

// Term is a wp:category, wp:tag or wp:term of the channel.
type Term struct {
	ID          string
	Taxonomy    string // "category", "post_tag", "language", "post_translations" …
	Slug        string
	Parent      string // the parent's slug
	Name        string
	Description string
	Line        int
}

// Item is one wp:item: a post, page, attachment, menu item, revision…
type Item struct {
	Line, EndLine int // where it starts and ends in the file
	ID            string
	Type          string // wp:post_type
	Title         string
	Link          string
	GUID          string
	Creator       string // the author's login
	Content       string // content:encoded, as WordPress stored it
	Excerpt       string // excerpt:encoded
	Date          string // wp:post_date, the site's local time
	DateGMT       string // wp:post_date_gmt; "0000-00-00 00:00:00" for drafts
	ModifiedGMT   string // wp:post_modified_gmt (WordPress 5.7 and later)
	Name          string // wp:post_name, the slug
	Status        string // publish, draft, future, pending, private, trash, inherit
	Parent        string
	MenuOrder     string
	Password      string
	Sticky        bool
	AttachmentURL string
	Terms         []ItemTerm
	Meta          []Meta
	Comments      int
	// Flaws are the bytes of the item that XML cannot carry: an item with
	// any is not to be imported.
	Flaws []Flaw
}

// ItemTerm is a term an item is filed under.
type ItemTerm struct {
	Domain   string // the taxonomy: "category", "post_tag", "language" …
	Nicename string // the term's slug
	Name     string
}

// Meta is one wp:postmeta.
type Meta struct{ Key, Value string }

// MetaValue returns the value of the first meta called key.
func (it *Item) MetaValue(key string) string {
	for _, m := range it.Meta {
		if m.Key == key {
			return m.Value
		}
	}
	return ""
}

// TermsOf returns the slugs of the item's terms in one taxonomy.
func (it *Item) TermsOf(domain string) []ItemTerm {
	var out []ItemTerm
	for _, t := range it.Terms {
		if t.Domain == domain {
			out = append(out, t)
		}
	}
	return out
}

// Ref names the item for people: "post 12 “Title” (line 340)".
func (it *Item) Ref() string {
	kind := it.Type
	if kind == "" {
		kind = "item"
	}
	title := it.Title
	if r := []rune(title); len(r) > 60 {
		title = string(r[:60]) + "…"
	}
	if title != "" {
		return fmt.Sprintf("%s %s “%s” (line %d)", kind, it.ID, title, it.Line)
	}
	return fmt.Sprintf("%s %s (line %d)", kind, it.ID, it.Line)
}

// Versions of WXR this package reads.
var Versions = []string{"1.0", "1.1", "1.2"}

// SyntaxError is a file that is not well-formed XML, or not a WordPress
// export: nothing of it can be trusted, so nothing is imported.
type SyntaxError struct {
	Line int
	Msg  string
	// Item names the item being read when the reader stopped, if any.
	Item string
}

func (e *SyntaxError) Error() string {
	if e.Item != "" {
		return fmt.Sprintf("line %d: %s (in %s)", e.Line, e.Msg, e.Item)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// Options bound what Read accepts.
type Options struct {
	// MaxBytes refuses a longer file (0: no limit).
	MaxBytes int64
}

// Read reads a WXR file, calling item for each item in file order once the
// channel's header (authors, terms) has been read. An error from item stops
// the reading and is returned. A file that is not well-formed, not a WXR
// file, or of a version this package does not know is refused with a
// *SyntaxError before the first item.
func Read(r io.Reader, opts Options, item func(*Site, *Item) error) (*Site, error) {
	cr := newAheadReader(newCleanReader(r, opts.MaxBytes))
	defer cr.close()
	d := xml.NewDecoder(cr)
	// Titles are written with the_title_rss, which leaves HTML's named
	// entities (&nbsp; &hellip;) that XML itself does not define.
	d.Entity = xml.HTMLEntity
	p := &parser{d: d, cr: cr, site: &Site{}}
	err := p.document(item)
	var tooLarge *TooLargeError
	if errors.As(err, &tooLarge) {
		return p.site, err
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg := se.Msg
		if msg == "unexpected EOF" {
			msg = "the file ends inside an element: it was cut short"
		}
		return p.site, &SyntaxError{Line: se.Line, Msg: msg, Item: p.current}
	}
	return p.site, err
}

type parser struct {
	d       *xml.Decoder
	cr      *aheadReader
	site    *Site
	current string // the item being read, for errors
	items   int
}

func (p *parser) line() int {
	l, _ := p.d.InputPos()
	return l
}

// document reads <rss><channel>…</channel></rss>.
func (p *parser) document(item func(*Site, *Item) error) error {
	root, err := p.nextStart()
	if err != nil {
		if err == io.EOF {
			return &SyntaxError{Line: p.line(), Msg: "the file is empty, not a WordPress export"}
		}
		return err
	}
	if root.Name.Local != "rss" {
		return &SyntaxError{Line: p.line(), Msg: fmt.Sprintf("the file starts with <%s>, not <rss>: not a WordPress export", root.Name.Local)}
	}
	ch, err := p.nextStart()
	if err != nil || ch.Name.Local != "channel" {
		return &SyntaxError{Line: p.line(), Msg: "no <channel> in <rss>: not a WordPress export"}
	}
	return p.channel(item)
}

// nextStart returns the next start element, skipping everything else.
func (p *parser) nextStart() (xml.StartElement, error) {
	for {
		tok, err := p.d.Token()
		if err != nil {
			return xml.StartElement{}, err
		}
		if s, ok := tok.(xml.StartElement); ok {
			return s, nil
		}
	}
}

func (p *parser) channel(item func(*Site, *Item) error) error {
	for {
		tok, err := p.d.Token()
		if err == io.EOF {
			return &SyntaxError{Line: p.line(), Msg: "the file ends inside <channel>: it was cut short"}
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if p.site.Version == "" {
				return p.checkVersion()
			}
			return p.rest()
		case xml.StartElement:
			if err := p.channelChild(t, item); err != nil {
				return err
			}
		}
	}
}

// rest reads what follows </channel>: only the end of the document.
func (p *parser) rest() error {
	for {
		tok, err := p.d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if _, ok := tok.(xml.StartElement); ok {
			return &SyntaxError{Line: p.line(), Msg: "content after </channel>"}
		}
	}
}

func (p *parser) checkVersion() error {
	v := p.site.Version
	for _, known := range Versions {
		if v == known {
			return nil
		}
	}
	if v == "" {
		return &SyntaxError{Line: p.line(), Msg: "no <wp:wxr_version> before the first item: not a WordPress export"}
	}
	return &SyntaxError{Line: p.line(), Msg: fmt.Sprintf("WXR version %q is not one Khabar reads (%s)", v, strings.Join(Versions, ", "))}
}

func (p *parser) channelChild(t xml.StartElement, item func(*Site, *Item) error) error {
	s := p.site
	switch t.Name.Local {
	case "item":
		if p.items == 0 {
			if err := p.checkVersion(); err != nil {
				return err
			}
		}
		p.items++
		it, err := p.item()
		if err != nil {
			return err
		}
		return item(s, it)
	case "author":
		a, err := p.author()
		s.Authors = append(s.Authors, a)
		return err
	case "category", "tag", "term":
		term, err := p.term(t.Name.Local)
		s.Terms = append(s.Terms, term)
		return err
	}
	text, err := p.text()
	if err != nil {
		return err
	}
	switch t.Name.Local {
	case "title":
		s.Title = text
	case "link":
		s.Link = text
	case "language":
		s.Language = text
	case "wxr_version":
		s.Version = text
	case "base_site_url":
		s.BaseSiteURL = text
	case "base_blog_url":
		s.BaseBlogURL = text
	}
	return nil
}

// text reads the text of the element just started, up to its end; child
// elements (there should be none) are read through.
func (p *parser) text() (string, error) {
	var b strings.Builder
	depth := 1
	for depth > 0 {
		tok, err := p.d.Token()
		if err == io.EOF {
			return "", &SyntaxError{Line: p.line(), Msg: "the file ends inside an element: it was cut short"}
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if depth == 1 {
				b.Write(t)
			}
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return strings.TrimSpace(b.String()), nil
}

// fields reads the children of the element just started, calling set with
// each child's start; set reads the child through.
func (p *parser) fields(set func(t xml.StartElement) error) error {
	for {
		tok, err := p.d.Token()
		if err == io.EOF {
			return &SyntaxError{Line: p.line(), Msg: "the file ends inside an element: it was cut short"}
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if err := set(t); err != nil {
				return err
			}
		}
	}
}

func (p *parser) author() (Author, error) {
	a := Author{Line: p.line()}
	err := p.fields(func(n xml.StartElement) error {
		v, err := p.text()
		switch n.Name.Local {
		case "author_id":
			a.ID = v
		case "author_login":
			a.Login = v
		case "author_email":
			a.Email = v
		case "author_display_name":
			a.DisplayName = v
		case "author_first_name":
			a.FirstName = v
		case "author_last_name":
			a.LastName = v
		}
		return err
	})
	return a, err
}

func (p *parser) term(kind string) (Term, error) {
	t := Term{Line: p.line()}
	switch kind {
	case "category":
		t.Taxonomy = "category"
	case "tag":
		t.Taxonomy = "post_tag"
	}
	err := p.fields(func(n xml.StartElement) error {
		v, err := p.text()
		switch n.Name.Local {
		case "term_id":
			t.ID = v
		case "term_taxonomy":
			t.Taxonomy = v
		case "category_nicename", "tag_slug", "term_slug":
			t.Slug = v
		case "category_parent", "term_parent":
			t.Parent = v
		case "cat_name", "tag_name", "term_name":
			t.Name = v
		case "category_description", "tag_description", "term_description":
			t.Description = v
		}
		return err
	})
	return t, err
}
