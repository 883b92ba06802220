package wxr

import (
	"html"
	"regexp"
	"strings"
)

// Attachment is what a gallery needs to know of an attachment.
type Attachment struct {
	URL, Caption, Alt string
}

// ContentOptions tell HTML what it cannot know from the text alone.
type ContentOptions struct {
	// Attachment finds an attachment by its post id, for [gallery ids=…];
	// nil finds none.
	Attachment func(id string) (Attachment, bool)
}

// HTML turns a post's content as WordPress stores it into the HTML a
// reader of the old site saw: block comments of the block editor
// (Gutenberg) removed, the [caption] shortcode and the other shortcodes of
// WordPress itself turned into the markup they stand for, and classic
// text given its paragraphs (Autop). What comes out still has to be
// cleaned and sanitised before it is kept.
func HTML(content string, opts ContentOptions) string {
	content = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(content)
	content = reMore.ReplaceAllString(content, "")
	if strings.Contains(content, "<!-- wp:") {
		return blocks(content, opts)
	}
	return Autop(Shortcodes(content, opts))
}

var (
	reMore       = regexp.MustCompile(`<!--\s*(?:more|nextpage|noteaser)(?:\s[^>]*)?-->`)
	reBlockDelim = regexp.MustCompile(`<!--\s+(/?)wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)(?:\s+(?:\{[\s\S]*?\}\s+)?)?(/?)-->`)
)

// blocks removes the block editor's comments. Content inside blocks is
// HTML as the editor rendered it; text outside any block (a "classic"
// block) is treated as classic text, as WordPress does.
func blocks(content string, opts ContentOptions) string {
	var b strings.Builder
	depth, last := 0, 0
	for _, m := range reBlockDelim.FindAllStringSubmatchIndex(content, -1) {
		segment := content[last:m[0]]
		if depth == 0 {
			b.WriteString(Autop(Shortcodes(segment, opts)))
		} else {
			b.WriteString(Shortcodes(segment, opts))
		}
		closing := m[3] > m[2]
		selfClosing := m[7] > m[6]
		switch {
		case closing:
			depth = max(0, depth-1)
		case !selfClosing:
			depth++
		}
		last = m[1]
	}
	if depth == 0 {
		b.WriteString(Autop(Shortcodes(content[last:], opts)))
	} else {
		b.WriteString(Shortcodes(content[last:], opts))
	}
	return b.String()
}

// layoutShortcodes are page builders' shortcodes whose content is the
// text: the shortcode is dropped and its content kept.
var layoutPrefixes = []string{"vc_", "et_pb_", "fusion_", "av_", "su_"}

// Shortcodes turns WordPress's own shortcodes into HTML: [caption] into a
// figure, [gallery] into figures of its images, [embed], [audio] and
// [video] into links. Page builders' layout shortcodes are dropped and
// their content kept. Any other [name] is left as written: WordPress too
// shows a shortcode no plugin handles as text, and "[Update]" in a
// sentence is text.
func Shortcodes(text string, opts ContentOptions) string {
	var b strings.Builder
	// The names whose closing tag is nowhere further on: not looked for
	// again, so that many unclosed shortcodes cost one search each name.
	unclosed := map[string]bool{}
	for {
		i := strings.IndexByte(text, '[')
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		b.WriteString(text[:i])
		text = text[i:]
		sc, ok := parseShortcode(text, unclosed)
		if !ok {
			b.WriteByte('[')
			text = text[1:]
			continue
		}
		b.WriteString(sc.render(opts))
		text = text[sc.length:]
	}
}

type shortcode struct {
	name    string
	attrs   map[string]string
	content string
	length  int  // of the whole shortcode in the text
	escaped bool // [[name]] stands for the text [name]
	raw     string
}

// handled reports whether Shortcodes turns a shortcode called name into
// something.
func handled(name string) bool {
	switch name {
	case "caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist":
		return true
	}
	for _, p := range layoutPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

var reShortcodeOpen = regexp.MustCompile(`^\[(\[?)([A-Za-z][\w-]*)((?:\s[^\]]*?)?)(/?)\](\]?)`)

// parseShortcode reads the shortcode at the start of text, if one of
// those handled is there.
func parseShortcode(text string, unclosed map[string]bool) (shortcode, bool) {
	m := reShortcodeOpen.FindStringSubmatch(text)
	if m == nil || !handled(strings.ToLower(m[2])) {
		return shortcode{}, false
	}
	sc := shortcode{name: strings.ToLower(m[2]), attrs: shortcodeAttrs(m[3]), length: len(m[0]), raw: m[0]}
	if m[1] == "[" && m[5] == "]" {
		sc.escaped = true
		sc.raw = m[0][1 : len(m[0])-1]
		return sc, true
	}
	if m[4] == "/" {
		return sc, true
	}
	if unclosed[sc.name] {
		return sc, true
	}
	end := "[/" + m[2] + "]"
	if j := indexFold(text[sc.length:], end); j >= 0 {
		sc.content = text[sc.length : sc.length+j]
		sc.length += j + len(end)
	} else {
		unclosed[sc.name] = true
	}
	return sc, true
}

var reAttr = regexp.MustCompile(`([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|(\S+)`)

func shortcodeAttrs(s string) map[string]string {
	out := map[string]string{}
	for _, m := range reAttr.FindAllStringSubmatch(s, -1) {
		switch {
		case m[1] != "":
			out[strings.ToLower(m[1])] = html.UnescapeString(m[2])
		case m[3] != "":
			out[strings.ToLower(m[3])] = html.UnescapeString(m[4])
		case m[5] != "":
			out[strings.ToLower(m[5])] = html.UnescapeString(m[6])
		}
	}
	return out
}

// indexFold is strings.Index ignoring the case of ASCII letters; sub is
// ASCII and starts with "[". (strings.ToLower would move byte offsets in
// invalid UTF-8.)
func indexFold(s, sub string) int {
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '[')
		if j < 0 || i+j+len(sub) > len(s) {
			return -1
		}
		i += j
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
		i++
	}
}

func (sc shortcode) render(opts ContentOptions) string {
	if sc.escaped {
		return sc.raw
	}
	switch sc.name {
	case "caption", "wp_caption":
		return caption(sc, opts)
	case "gallery":
		return gallery(sc, opts)
	case "embed":
		return link(strings.TrimSpace(sc.content))
	case "audio", "video":
		for _, k := range []string{"src", "mp3", "m4a", "ogg", "wav", "mp4", "webm", "ogv"} {
			if sc.attrs[k] != "" {
				return link(sc.attrs[k])
			}
		}
		return ""
	case "playlist":
		return ""
	}
	return Shortcodes(sc.content, opts) // a page builder's layout
}

var reImgOrLink = regexp.MustCompile(`(?is)^\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?)(.*)$`)

// caption turns [caption]<img …> Text[/caption] into a figure. The text
// may also be in the caption attribute (WordPress before 3.4).
func caption(sc shortcode, opts ContentOptions) string {
	inner := Shortcodes(sc.content, opts)
	img, text := inner, ""
	if m := reImgOrLink.FindStringSubmatch(inner); m != nil {
		img, text = m[1], strings.TrimSpace(m[2])
	}
	if text == "" {
		text = html.EscapeString(sc.attrs["caption"])
	}
	if strings.TrimSpace(img) == "" && text == "" {
		return ""
	}
	out := "<figure>" + img
	if text != "" {
		out += "<figcaption>" + text + "</figcaption>"
	}
	return out + "</figure>"
}

// gallery lists the images of [gallery ids="…"] as figures.
func gallery(sc shortcode, opts ContentOptions) string {
	if opts.Attachment == nil {
		return ""
	}
	var b strings.Builder
	for _, id := range strings.Split(sc.attrs["ids"], ",") {
		a, ok := opts.Attachment(strings.TrimSpace(id))
		if !ok || a.URL == "" {
			continue
		}
		b.WriteString(`<figure><img src="` + html.EscapeString(a.URL) + `" alt="` + html.EscapeString(a.Alt) + `">`)
		if a.Caption != "" {
			b.WriteString("<figcaption>" + html.EscapeString(a.Caption) + "</figcaption>")
		}
		b.WriteString("</figure>\n\n")
	}
	return b.String()
}

func link(url string) string {
	if url == "" {
		return ""
	}
	u := html.EscapeString(url)
	return `<p><a href="` + u + `">` + u + `</a></p>`
}
