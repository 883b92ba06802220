package wxr

import (
	"regexp"
	"strings"
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
	text = reDoubleBr.ReplaceAllString(text, "\n\n")
	text = reBlockOpen.ReplaceAllString(text, "\n\n$1")
	text = reBlockClose.ReplaceAllString(text, "$1\n\n")
	text = reHr.ReplaceAllString(text, "$1\n\n")
	text = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text)
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
	text = reUnclosedInDiv.ReplaceAllString(text, "<p>$1</p></$2>")
	text = reWrappedBlock.ReplaceAllString(text, "$1")
	text = reWrappedLi.ReplaceAllString(text, "$1")
	text = reBlockquoteInP.ReplaceAllString(text, "<blockquote$1><p>")
	text = strings.ReplaceAll(text, "</blockquote></p>", "</p></blockquote>")
	text = reOpenBeforeBlock.ReplaceAllString(text, "$1")
	text = reCloseAfterBlock.ReplaceAllString(text, "$1")
	text = strings.NewReplacer("<br>", "<br />", "<br/>", "<br />").Replace(text)
	text = lineBreaks(text)
	text = reBrAfterBlock.ReplaceAllString(text, "$1")
	text = reBrBeforeBlock.ReplaceAllString(text, "$1")
	text = strings.TrimSuffix(text, "\n")
	text = strings.ReplaceAll(text, "\n</p>", "</p>")
	text = strings.NewReplacer(" <!-- wpnl --> ", "\n", "<!-- wpnl -->", "\n").Replace(text)
	return restorePre(text, pres)
}

const allBlocks = `(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)`

var (
	reDoubleBr        = regexp.MustCompile(`(?i)<br\s*/?>\s*<br\s*/?>`)
	reBlockOpen       = regexp.MustCompile(`(?i)(<` + allBlocks + `[\s/>])`)
	reBlockClose      = regexp.MustCompile(`(?i)(</` + allBlocks + `>)`)
	reHr              = regexp.MustCompile(`(?i)(<hr\s*?/?>)`)
	reManyNewlines    = regexp.MustCompile(`\n\n+`)
	reParagraphs      = regexp.MustCompile(`\n\s*\n`)
	reEmptyP          = regexp.MustCompile(`<p>\s*</p>`)
	reUnclosedInDiv   = regexp.MustCompile(`<p>([^<]+)</(div|address|form)>`)
	reWrappedBlock    = regexp.MustCompile(`(?i)<p>\s*(</?` + allBlocks + `[^>]*>)\s*</p>`)
	reWrappedLi       = regexp.MustCompile(`<p>(<li.+?)</p>`)
	reBlockquoteInP   = regexp.MustCompile(`(?i)<p><blockquote([^>]*)>`)
	reOpenBeforeBlock = regexp.MustCompile(`(?i)<p>\s*(</?` + allBlocks + `[^>]*>)`)
	reCloseAfterBlock = regexp.MustCompile(`(?i)(</?` + allBlocks + `[^>]*>)\s*</p>`)
	reBrAfterBlock    = regexp.MustCompile(`(?i)(</?` + allBlocks + `[^>]*>)\s*<br />`)
	reBrBeforeBlock   = regexp.MustCompile(`(?i)<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)`)
	rePre             = regexp.MustCompile(`(?is)<pre[\s>].*?</pre>`)
)

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
