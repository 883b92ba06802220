package port

import (
	"fmt"
	stdhtml "html"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/wxr"
	"golang.org/x/net/html"
)

// body is a post's content as HTML for the newsroom to clean: WordPress's
// own markup turned into plain HTML, and its images pointed at the copies
// brought in.
func (w *wpImport) body(it *wxr.Item, lang string) string {
	if h, ok := w.bodies[it]; ok { // made ahead (readItems)
		delete(w.bodies, it)
		return h
	}
	return w.makeBody(it, lang)
}

// makeBody is body, made: it reads only what the import knows before the
// posts are read, so that it can be made on another goroutine.
func (w *wpImport) makeBody(it *wxr.Item, lang string) string {
	h := wxr.HTML(it.Content, wxr.ContentOptions{Attachment: w.galleryImage})
	return w.images(h, lang)
}

// galleryImage finds an attachment for [gallery ids=…].
func (w *wpImport) galleryImage(id string) (wxr.Attachment, bool) {
	a := w.p.attachments[id]
	if a == nil {
		return wxr.Attachment{}, false
	}
	return wxr.Attachment{URL: a.url, Caption: a.caption, Alt: a.alt}, true
}

var reWPImage = regexp.MustCompile(`\bwp-image-(\d+)\b`)

// images rewrites each <img> of body that shows an image brought in: its
// src becomes the copy's, with its size, and its alt the attachment's
// when the body gave none. Others are left as they are.
func (w *wpImport) images(body, lang string) string {
	if !strings.Contains(body, "<img") && !strings.Contains(body, "<IMG") {
		return body
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b.Write(raw)
			continue
		}
		tok := z.Token()
		if tok.Data != "img" {
			b.Write(raw)
			continue
		}
		b.WriteString(w.image(tok))
	}
	return b.String()
}

// image writes one <img>, pointed at the copy brought in when there is one.
func (w *wpImport) image(tok html.Token) string {
	attrs := map[string]string{}
	for _, a := range tok.Attr {
		attrs[a.Key] = a.Val
	}
	a, m := w.imageFor(attrs["src"], attrs["class"])
	src, alt := attrs["src"], attrs["alt"]
	width, height := attrs["width"], attrs["height"]
	if m != nil && m.Key != "" {
		src = mediaPath(m)
		width, height = "", ""
		if v, ok := m.Variant(khabar.VariantArticle); ok {
			width, height = strconv.Itoa(v.Width), strconv.Itoa(v.Height)
		} else if m.Width > 0 {
			width, height = strconv.Itoa(m.Width), strconv.Itoa(m.Height)
		}
	}
	if strings.TrimSpace(alt) == "" && a != nil {
		alt = a.alt
	}
	out := `<img src="` + stdhtml.EscapeString(src) + `" alt="` + stdhtml.EscapeString(alt) + `"`
	if width != "" && height != "" {
		out += fmt.Sprintf(` width="%s" height="%s"`, stdhtml.EscapeString(width), stdhtml.EscapeString(height))
	}
	return out + ">"
}

// imageFor finds the attachment and the copy of an image, by WordPress's
// wp-image-N class or by its path under uploads/.
func (w *wpImport) imageFor(src, class string) (*attachment, *khabar.Media) {
	var a *attachment
	if m := reWPImage.FindStringSubmatch(class); m != nil {
		a = w.p.attachments[m[1]]
	}
	p := uploadsPath(absolute(src, w.p.site.BaseBlogURL))
	if a == nil && p != "" {
		a = w.p.attachmentAt(p)
	}
	if a != nil {
		if m := w.media[a.path]; m != nil {
			return a, m
		}
	}
	if p != "" {
		if m := w.media[original(p)]; m != nil {
			return a, m
		}
		if m := w.media[p]; m != nil {
			return a, m
		}
	}
	return a, nil
}

// mediaPath is the site path of the variant pages show of an image.
func mediaPath(m *khabar.Media) string {
	key := m.Key
	if v, ok := m.Variant(khabar.VariantArticle); ok {
		key = v.Key
	}
	parts := strings.Split(key, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return "/media/" + strings.Join(parts, "/")
}
