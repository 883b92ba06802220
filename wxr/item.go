package wxr

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

// item reads one <item> whose start was just read.
func (p *parser) item() (*Item, error) {
	it := &Item{Line: p.line()}
	p.current = "the item that starts on line " + strconv.Itoa(it.Line)
	err := p.fields(func(n xml.StartElement) error {
		switch n.Name.Local {
		case "category":
			return p.itemTerm(it, n)
		case "postmeta":
			return p.itemMeta(it)
		case "comment":
			it.Comments++
			return p.skip()
		}
		v, err := p.text()
		if err != nil {
			return err
		}
		p.itemField(it, n.Name, v)
		if it.ID != "" {
			p.current = it.Ref()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	it.EndLine = p.line()
	it.Flaws = p.cr.flawsIn(it.Line, it.EndLine)
	return it, nil
}

func (p *parser) itemField(it *Item, n xml.Name, v string) {
	switch n.Local {
	case "title":
		it.Title = v
	case "link":
		it.Link = v
	case "guid":
		it.GUID = v
	case "creator":
		it.Creator = v
	case "encoded":
		// content:encoded and excerpt:encoded share a local name; the
		// excerpt's namespace is WordPress's …/excerpt/.
		if strings.Contains(n.Space, "excerpt") {
			it.Excerpt = v
		} else {
			it.Content = v
		}
	case "post_id":
		it.ID = v
	case "post_date":
		it.Date = v
	case "post_date_gmt":
		it.DateGMT = v
	case "post_modified_gmt":
		it.ModifiedGMT = v
	case "post_name":
		it.Name = v
	case "status":
		it.Status = v
	case "post_parent":
		it.Parent = v
	case "menu_order":
		it.MenuOrder = v
	case "post_type":
		it.Type = v
	case "post_password":
		it.Password = v
	case "is_sticky":
		it.Sticky = v == "1"
	case "attachment_url":
		it.AttachmentURL = v
	}
}

func (p *parser) itemTerm(it *Item, start xml.StartElement) error {
	var t ItemTerm
	for _, a := range start.Attr {
		switch a.Name.Local {
		case "domain":
			t.Domain = a.Value
		case "nicename":
			t.Nicename = a.Value
		}
	}
	v, err := p.text()
	t.Name = v
	if t.Domain == "" {
		t.Domain = "category" // WXR 1.0 wrote plain <category> for categories
	}
	it.Terms = append(it.Terms, t)
	return err
}

func (p *parser) itemMeta(it *Item) error {
	var m Meta
	err := p.fields(func(n xml.StartElement) error {
		v, err := p.text()
		switch n.Name.Local {
		case "meta_key":
			m.Key = v
		case "meta_value":
			m.Value = v
		}
		return err
	})
	it.Meta = append(it.Meta, m)
	return err
}

// skip reads through the element just started.
func (p *parser) skip() error {
	if err := p.d.Skip(); err != nil {
		if err == io.EOF {
			return &SyntaxError{Line: p.line(), Msg: "the file ends inside an element: it was cut short"}
		}
		return err
	}
	return nil
}
