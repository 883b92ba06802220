package web

import (
	"html/template"
	"strings"

	"github.com/khabarnews/khabar/newsroom"
)

// diffTextHTML writes a word diff with <del> and <ins>.
func diffTextHTML(ops []newsroom.Op) template.HTML {
	var b strings.Builder
	for _, op := range ops {
		writeOp(&b, op)
	}
	return template.HTML(b.String()) //nolint:gosec // every text is escaped by writeOp
}

// diffBodyHTML writes a body diff, a <div> a block, each styled as the
// block it is (a subheading larger, a quote indented) and saying so when
// the kind of block changed; words keep their formatting, and a changed
// link shows its address.
func diffBodyHTML(v *adminView, blocks []newsroom.Block) template.HTML {
	var b strings.Builder
	for _, bl := range blocks {
		class := "diff-block b-" + blockClass(bl.Tag)
		switch {
		case allOps(bl.Ops, newsroom.Deleted):
			class += " diff-gone"
		case allOps(bl.Ops, newsroom.Inserted):
			class += " diff-new"
		}
		b.WriteString(`<div dir="auto" class="` + class + `">`)
		if bl.Tag != bl.WasTag {
			b.WriteString(`<span class="diff-kind">` + template.HTMLEscapeString(v.T("story.diff.kind", "was", blockName(v, bl.WasTag),
				"now", blockName(v, bl.Tag))) + `</span> `)
		}
		for _, op := range bl.Ops {
			writeOp(&b, op)
		}
		b.WriteString("</div>\n")
	}
	return template.HTML(b.String()) //nolint:gosec // every text and address is escaped by writeOp
}

// blockClass is the class suffix of a block's element.
func blockClass(tag string) string {
	switch tag {
	case "h2", "h3", "h4", "blockquote", "ul", "ol", "figure":
		return tag
	}
	return "p"
}

// blockName names a kind of block in the interface language.
func blockName(v *adminView, tag string) string {
	return v.T("story.diff.block." + blockClass(tag))
}

func allOps(ops []newsroom.Op, kind newsroom.OpKind) bool {
	for _, op := range ops {
		if op.Kind != kind {
			return false
		}
	}
	return len(ops) > 0
}

// writeOp writes one piece of a diff: its text inside its formatting, in
// <del> or <ins> when only one revision has it. An image shows as a small
// picture; a link removed or added shows its address after its text, since
// two links that read alike may lead to different places.
func writeOp(b *strings.Builder, op newsroom.Op) {
	switch op.Kind {
	case newsroom.Deleted:
		b.WriteString("<del>")
	case newsroom.Inserted:
		b.WriteString("<ins>")
	}
	var href string
	var closers []string
	for _, m := range op.Marks {
		switch m.Tag {
		case "img":
			b.WriteString(`<img class="diff-img" src="` + template.HTMLEscapeString(m.Href) + `" alt="` + template.HTMLEscapeString(op.Text) + `">`)
			continue
		case "a":
			href = m.Href
			b.WriteString(`<a href="` + template.HTMLEscapeString(m.Href) + `" rel="noopener noreferrer">`)
		default:
			b.WriteString("<" + m.Tag + ">")
		}
		closers = append(closers, "</"+m.Tag+">")
	}
	if len(op.Marks) == 0 || op.Marks[len(op.Marks)-1].Tag != "img" {
		b.WriteString(strings.ReplaceAll(template.HTMLEscapeString(op.Text), "\n", "<br>"))
	}
	for i := len(closers) - 1; i >= 0; i-- {
		b.WriteString(closers[i])
	}
	if href != "" && op.Kind != newsroom.Equal {
		b.WriteString(` <span class="diff-href" dir="ltr">` + template.HTMLEscapeString(href) + `</span>`)
	}
	switch op.Kind {
	case newsroom.Deleted:
		b.WriteString("</del>")
	case newsroom.Inserted:
		b.WriteString("</ins>")
	}
}

// changedOps reports whether a text diff has any change.
func changedOps(ops []newsroom.Op) bool {
	for _, op := range ops {
		if op.Kind != newsroom.Equal {
			return true
		}
	}
	return false
}

func changedBlocks(blocks []newsroom.Block) bool {
	for _, b := range blocks {
		if b.Changed() {
			return true
		}
	}
	return false
}
