package markup

import (
	"strings"
	"unicode/utf8"
)

// IsClean reports that body is certainly in the form Clean stores, so that
// cleaning it again would give it back unchanged: a body that was cleaned
// already (one read back from a Khabar archive, or saved again without a
// change) need not be parsed three times over. It recognises the plain
// shape most stories have — paragraphs, subheadings, lists and quotes of
// text with bold and italic words — and answers false, meaning only "not
// sure", for anything else (links, images, attributes, entities other than
// &amp; &lt; &gt;), which Clean then cleans. Tests hold it to its promise:
// wherever it says true, Clean returns the body unchanged.
func IsClean(body string) bool {
	if body == "" || !utf8.ValidString(body) {
		return body == ""
	}
	lines := strings.Split(body, "\n")
	heading := 1 // the level of the last heading; the page's h1 comes first
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		switch line {
		case "<ul>", "<ol>":
			end := "</" + line[1:]
			n, ok := container(lines[i+1:], end, "li")
			if !ok {
				return false
			}
			i += n
			continue
		case "<blockquote>":
			n, ok := container(lines[i+1:], "</blockquote>", "p")
			if !ok {
				return false
			}
			i += n
			continue
		}
		if simpleBlock(line, "p") {
			continue
		}
		// A heading may go at most one level below the one before it, the
		// first being an h2 (outlineHeadings).
		tag := ""
		if len(line) > 3 {
			tag = line[1:3]
		}
		level := headingNumber(tag)
		if level == 0 || level > heading+1 || !simpleBlock(line, tag) {
			return false
		}
		heading = level
	}
	return true
}

// container reads the lines of a list or quote after its opening line: one
// or more <tag>…</tag> lines, then end. It returns how many lines it read.
func container(lines []string, end, tag string) (int, bool) {
	for i, l := range lines {
		if l == end {
			return i + 1, i > 0
		}
		if !simpleBlock(l, tag) {
			return 0, false
		}
	}
	return 0, false
}

// simpleBlock reports whether line is <tag>inline</tag> with inline in the
// stored form.
func simpleBlock(line, tag string) bool {
	open, close := "<"+tag+">", "</"+tag+">"
	if !strings.HasPrefix(line, open) || !strings.HasSuffix(line, close) || len(line) < len(open)+len(close) {
		return false
	}
	return cleanInline(line[len(open) : len(line)-len(close)])
}

// cleanInline checks inline content: text and <strong>/<em> elements of
// text, with no edge to trim, no space to fold, no blank and nothing to
// escape or decode.
func cleanInline(s string) bool {
	var text strings.Builder // the content as a reader sees it
	last := ""               // the tag of the previous piece, "" for text
	for s != "" {
		tag := ""
		for _, t := range []string{"strong", "em"} {
			if strings.HasPrefix(s, "<"+t+">") {
				tag = t
			}
		}
		var piece string
		if tag != "" {
			end := strings.Index(s, "</"+tag+">")
			if end < 0 || tag == last {
				return false
			}
			piece = s[len(tag)+2 : end]
			s = s[end+len(tag)+3:]
			if strings.Trim(piece, " ") == "" {
				return false // an element of nothing, or of spaces: Clean drops it
			}
		} else {
			end := strings.IndexByte(s, '<')
			if end < 0 {
				end = len(s)
			}
			if end == 0 {
				return false // a tag other than <strong> or <em>
			}
			piece, s = s[:end], s[end:]
		}
		decoded, ok := plainText(piece)
		if !ok {
			return false
		}
		text.WriteString(decoded)
		last = tag
	}
	return visibleText(text.String())
}

// plainText decodes text as stored: only &amp; &lt; &gt; may stand for a
// character, and nothing else needs escaping but what they stand for.
func plainText(s string) (string, bool) {
	if strings.ContainsAny(s, "<>") {
		return "", false
	}
	if !strings.Contains(s, "&") {
		return s, true
	}
	var b strings.Builder
	for s != "" {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		switch {
		case strings.HasPrefix(s, "&amp;"):
			b.WriteByte('&')
			s = s[5:]
		case strings.HasPrefix(s, "&lt;"):
			b.WriteByte('<')
			s = s[4:]
		case strings.HasPrefix(s, "&gt;"):
			b.WriteByte('>')
			s = s[4:]
		default:
			return "", false
		}
	}
	return b.String(), true
}

// visibleText checks the whole text of a block: something to see, nothing
// to trim at its edges, no run of spaces, no character Clean drops.
func visibleText(t string) bool {
	if t == "" || onlySpacer(t) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(t)
	last, _ := utf8.DecodeLastRuneInString(t)
	if isTrimmable(first) || isTrimmable(last) || strings.Contains(t, "  ") {
		return false
	}
	for _, r := range t {
		switch {
		case r < 0x20 || r == 0x7f:
			return false // tabs and line breaks fold into spaces; controls go
		case r >= 0x80 && r <= 0x9f, r >= 0xfdd0 && r <= 0xfdef, r&0xfffe == 0xfffe:
			return false
		}
	}
	return true
}
