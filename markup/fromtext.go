package markup

import (
	"strings"
	"unicode"
)

// FromText converts plain text (paragraphs separated by blank lines; a line
// starting with "## " is an h2 and "### " an h3; lines starting with "> " a
// blockquote) into body HTML ready for Clean. Used by importers and demo
// content.
//
// Lines of one paragraph are joined with a space, as in Markdown: importers
// meet hard-wrapped text far more often than intended line breaks. A line
// holding only white space (pasted text uses a no-break space) is blank.
// Consecutive quoted lines form one blockquote, itself read as text, so a
// blank "> " line separates paragraphs inside the quote.
func FromText(text string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var b strings.Builder
	var para []string
	flush := func() {
		if len(para) > 0 {
			writeBlock(&b, "p", strings.Join(para, " "))
			para = nil
		}
	}
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimFunc(lines[i], unicode.IsSpace)
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "### "):
			flush()
			writeBlock(&b, "h3", strings.TrimFunc(line[4:], unicode.IsSpace))
		case strings.HasPrefix(line, "## "):
			flush()
			writeBlock(&b, "h2", strings.TrimFunc(line[3:], unicode.IsSpace))
		case quoted(line):
			flush()
			var q []string
			for ; i < len(lines); i++ {
				l := strings.TrimFunc(lines[i], unicode.IsSpace)
				if !quoted(l) {
					break
				}
				q = append(q, strings.TrimPrefix(l[1:], " "))
			}
			i--
			if inner := FromText(strings.Join(q, "\n")); inner != "" {
				b.WriteString("<blockquote>\n" + inner + "\n</blockquote>\n")
			}
		default:
			para = append(para, line)
		}
	}
	flush()
	return strings.TrimSuffix(b.String(), "\n")
}

// quoted reports whether a trimmed line belongs to a blockquote: "> text",
// or a lone ">" separating the quote's paragraphs.
func quoted(line string) bool {
	return line == ">" || strings.HasPrefix(line, "> ")
}

func writeBlock(b *strings.Builder, tag, text string) {
	if text == "" {
		return
	}
	b.WriteString("<" + tag + ">")
	escapeText(b, text)
	b.WriteString("</" + tag + ">\n")
}
