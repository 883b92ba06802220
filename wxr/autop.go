package wxr

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Autop makes paragraphs of classic-editor text as WordPress's wpautop
// does when it shows a post: text separated by a blank line becomes a <p>,
// a single line break inside one a <br />, and block-level elements stay
// outside paragraphs. WordPress stores classic posts without these tags;
// without them a post would run together into one block.
func Autop(text string) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	text += "\n"
	text, pres := holdPre(text)
	// Each regexp is skipped when the text lacks a literal every match of
	// it holds: most posts hold few tags, and the regexps cost far more
	// than the look.
	if hasFold(text, "<br") {
		text = reDoubleBr.ReplaceAllString(text, "\n\n")
	}
	text = replaceTags(text, blockOpen, "\n\n", "")
	text = replaceTags(text, blockClose, "", "\n\n")
	if hasFold(text, "<hr") {
		text = reHr.ReplaceAllString(text, "$1\n\n")
	}
	if strings.IndexByte(text, '\r') >= 0 {
		text = crlf.Replace(text)
	}
	text = newlinesInTags(text)
	text = reManyNewlines.ReplaceAllString(text, "\n\n")
	var b strings.Builder
	for _, p := range reParagraphs.Split(text, -1) {
		if strings.TrimSpace(p) == "" {
			continue
		}
		b.WriteString("<p>" + strings.Trim(p, "\n") + "</p>\n")
	}
	text = b.String()
	text = reEmptyP.ReplaceAllString(text, "")
	if strings.Contains(text, "</div>") || strings.Contains(text, "</address>") || strings.Contains(text, "</form>") {
		text = reUnclosedInDiv.ReplaceAllString(text, "<p>$1</p></$2>")
	}
	text = replaceTags(text, wrappedBlock, "", "")
	if strings.Contains(text, "<p><li") {
		text = reWrappedLi.ReplaceAllString(text, "$1")
	}
	if hasFold(text, "<p><bloc") {
		text = reBlockquoteInP.ReplaceAllString(text, "<blockquote$1><p>")
	}
	text = strings.ReplaceAll(text, "</blockquote></p>", "</p></blockquote>")
	text = replaceTags(text, openBeforeBlock, "", "")
	text = replaceTags(text, closeAfterBlock, "", "")
	if strings.Contains(text, "<br") {
		text = brs.Replace(text)
	}
	text = lineBreaks(text)
	text = replaceTags(text, brAfterBlock, "", "")
	if tagAfter(text, "<br />") {
		text = reBrBeforeBlock.ReplaceAllString(text, "$1")
	}
	text = strings.TrimSuffix(text, "\n")
	text = strings.ReplaceAll(text, "\n</p>", "</p>")
	if strings.Contains(text, "<!-- wpnl -->") {
		text = wpnl.Replace(text)
	}
	return restorePre(text, pres)
}

var (
	reDoubleBr      = regexp.MustCompile(`(?i)<br\s*/?>\s*<br\s*/?>`)
	reHr            = regexp.MustCompile(`(?i)(<hr\s*?/?>)`)
	reManyNewlines  = regexp.MustCompile(`\n\n+`)
	reParagraphs    = regexp.MustCompile(`\n\s*\n`)
	reEmptyP        = regexp.MustCompile(`<p>\s*</p>`)
	reUnclosedInDiv = regexp.MustCompile(`<p>([^<]+)</(div|address|form)>`)
	reWrappedLi     = regexp.MustCompile(`<p>(<li.+?)</p>`)
	reBlockquoteInP = regexp.MustCompile(`(?i)<p><blockquote([^>]*)>`)
	reBrBeforeBlock = regexp.MustCompile(`(?i)<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)`)
	rePre           = regexp.MustCompile(`(?is)<pre[\s>].*?</pre>`)

	crlf = strings.NewReplacer("\r\n", "\n", "\r", "\n")
	brs  = strings.NewReplacer("<br>", "<br />", "<br/>", "<br />")
	wpnl = strings.NewReplacer(" <!-- wpnl --> ", "\n", "<!-- wpnl -->", "\n")
)

// hasFold reports whether s holds lit, ASCII letters matched in either
// case. It stands in for a (?i) regexp's literal, whose letters also match
// the runes that fold to them: lit must hold no k or s, whose folds (the
// Kelvin sign, the long s) are not ASCII.
func hasFold(s, lit string) bool {
	return foldIndex(s, lit, 0) >= 0
}

// foldIndex is the index of lit in s at or after from, ASCII letters
// matched in either case, or -1. lit is in lower case and starts with a
// byte that is no letter.
func foldIndex(s, lit string, from int) int {
	for from+len(lit) <= len(s) {
		i := strings.IndexByte(s[from:], lit[0])
		if i < 0 {
			return -1
		}
		i += from
		if i+len(lit) > len(s) {
			return -1
		}
		if equalFoldASCII(s[i:i+len(lit)], lit) {
			return i
		}
		from = i + 1
	}
	return -1
}

func equalFoldASCII(a, b string) bool {
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// isSpace is regexp's \s.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// tagAfter reports whether lit (matched as hasFold does) is somewhere
// followed by white space and a '<': what "lit\s*<…" needs.
func tagAfter(s, lit string) bool {
	for i := foldIndex(s, lit, 0); i >= 0; i = foldIndex(s, lit, i+1) {
		j := i + len(lit)
		for j < len(s) && isSpace(s[j]) {
			j++
		}
		if j < len(s) && s[j] == '<' {
			return true
		}
	}
	return false
}

// lineBreaks puts <br /> before each line break not already after one, as
// wpautop's (?<!<br />)\s*\n does.
func lineBreaks(text string) string {
	var b strings.Builder
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		if i == len(lines)-1 {
			b.WriteString(line)
			break
		}
		trimmed := strings.TrimRight(line, " \t")
		if strings.HasSuffix(trimmed, "<br />") {
			b.WriteString(trimmed + "\n")
			continue
		}
		b.WriteString(trimmed + "<br />\n")
	}
	return b.String()
}

// newlinesInTags hides the line breaks inside tags (between < and >) from
// the paragraph split, as wp_replace_in_html_tags does.
func newlinesInTags(text string) string {
	if !newlineInTag(text) && utf8.ValidString(text) {
		return text // what the copy below would make of it
	}
	var b strings.Builder
	in := false
	for _, r := range text {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case r == '\n' && in:
			b.WriteString(" <!-- wpnl --> ")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// newlineInTag reports whether a line break is inside a tag. Bytes serve
// as well as runes: '<', '>' and '\n' are never part of a longer UTF-8
// sequence, valid or not.
func newlineInTag(text string) bool {
	in := false
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '<':
			in = true
		case '>':
			in = false
		case '\n':
			if in {
				return true
			}
		}
	}
	return false
}

// holdPre takes <pre> blocks out, which wpautop leaves as they are.
func holdPre(text string) (string, []string) {
	var pres []string
	text = rePre.ReplaceAllStringFunc(text, func(m string) string {
		pres = append(pres, m)
		return "<pre wp-pre-tag-" + itoa(len(pres)-1) + "></pre>"
	})
	return text, pres
}

func restorePre(text string, pres []string) string {
	for i, p := range pres {
		text = strings.Replace(text, "<pre wp-pre-tag-"+itoa(i)+"></pre>", p, 1)
	}
	return text
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
