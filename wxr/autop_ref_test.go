package wxr

import (
	"regexp"
	"strings"
)

// refAutop is the reference for Autop: wpautop as first written here, one
// regexp after another with nothing skipped. Autop must give what it
// gives, byte for byte (TestAutopReference, FuzzAutop). Keep it plain.
func refAutop(text string) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	text += "\n"
	text, pres := refHoldPre(text)
	text = refReDoubleBr.ReplaceAllString(text, "\n\n")
	text = refReBlockOpen.ReplaceAllString(text, "\n\n$1")
	text = refReBlockClose.ReplaceAllString(text, "$1\n\n")
	text = refReHr.ReplaceAllString(text, "$1\n\n")
	text = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text)
	text = refNewlinesInTags(text)
	text = refReManyNewlines.ReplaceAllString(text, "\n\n")
	var b strings.Builder
	for _, p := range refReParagraphs.Split(text, -1) {
		if strings.TrimSpace(p) == "" {
			continue
		}
		b.WriteString("<p>" + strings.Trim(p, "\n") + "</p>\n")
	}
	text = b.String()
	text = refReEmptyP.ReplaceAllString(text, "")
	text = refReUnclosedInDiv.ReplaceAllString(text, "<p>$1</p></$2>")
	text = refReWrappedBlock.ReplaceAllString(text, "$1")
	text = refReWrappedLi.ReplaceAllString(text, "$1")
	text = refReBlockquoteInP.ReplaceAllString(text, "<blockquote$1><p>")
	text = strings.ReplaceAll(text, "</blockquote></p>", "</p></blockquote>")
	text = refReOpenBeforeBlock.ReplaceAllString(text, "$1")
	text = refReCloseAfterBlock.ReplaceAllString(text, "$1")
	text = strings.NewReplacer("<br>", "<br />", "<br/>", "<br />").Replace(text)
	text = refLineBreaks(text)
	text = refReBrAfterBlock.ReplaceAllString(text, "$1")
	text = refReBrBeforeBlock.ReplaceAllString(text, "$1")
	text = strings.TrimSuffix(text, "\n")
	text = strings.ReplaceAll(text, "\n</p>", "</p>")
	text = strings.NewReplacer(" <!-- wpnl --> ", "\n", "<!-- wpnl -->", "\n").Replace(text)
	return refRestorePre(text, pres)
}

const refAllBlocks = `(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)`

var (
	refReDoubleBr        = regexp.MustCompile(`(?i)<br\s*/?>\s*<br\s*/?>`)
	refReBlockOpen       = regexp.MustCompile(`(?i)(<` + refAllBlocks + `[\s/>])`)
	refReBlockClose      = regexp.MustCompile(`(?i)(</` + refAllBlocks + `>)`)
	refReHr              = regexp.MustCompile(`(?i)(<hr\s*?/?>)`)
	refReManyNewlines    = regexp.MustCompile(`\n\n+`)
	refReParagraphs      = regexp.MustCompile(`\n\s*\n`)
	refReEmptyP          = regexp.MustCompile(`<p>\s*</p>`)
	refReUnclosedInDiv   = regexp.MustCompile(`<p>([^<]+)</(div|address|form)>`)
	refReWrappedBlock    = regexp.MustCompile(`(?i)<p>\s*(</?` + refAllBlocks + `[^>]*>)\s*</p>`)
	refReWrappedLi       = regexp.MustCompile(`<p>(<li.+?)</p>`)
	refReBlockquoteInP   = regexp.MustCompile(`(?i)<p><blockquote([^>]*)>`)
	refReOpenBeforeBlock = regexp.MustCompile(`(?i)<p>\s*(</?` + refAllBlocks + `[^>]*>)`)
	refReCloseAfterBlock = regexp.MustCompile(`(?i)(</?` + refAllBlocks + `[^>]*>)\s*</p>`)
	refReBrAfterBlock    = regexp.MustCompile(`(?i)(</?` + refAllBlocks + `[^>]*>)\s*<br />`)
	refReBrBeforeBlock   = regexp.MustCompile(`(?i)<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)`)
	refRePre             = regexp.MustCompile(`(?is)<pre[\s>].*?</pre>`)
)

// refLineBreaks puts <br /> before each line break not already after one, as
// wpautop's (?<!<br />)\s*\n does.
func refLineBreaks(text string) string {
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

// refNewlinesInTags hides the line breaks inside tags (between < and >) from
// the paragraph split, as wp_replace_in_html_tags does.
func refNewlinesInTags(text string) string {
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

// refHoldPre takes <pre> blocks out, which wpautop leaves as they are.
func refHoldPre(text string) (string, []string) {
	var pres []string
	text = refRePre.ReplaceAllStringFunc(text, func(m string) string {
		pres = append(pres, m)
		return "<pre wp-pre-tag-" + refItoa(len(pres)-1) + "></pre>"
	})
	return text, pres
}

func refRestorePre(text string, pres []string) string {
	for i, p := range pres {
		text = strings.Replace(text, "<pre wp-pre-tag-"+refItoa(i)+"></pre>", p, 1)
	}
	return text
}

func refItoa(n int) string {
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
