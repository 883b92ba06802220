package port

import (
	stdhtml "html"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/khabarnews/khabar/markup"
)

// unescape is a text WordPress stored with HTML entities (titles, names), as
// the text it stands for.
func unescape(s string) string { return strings.TrimSpace(stdhtml.UnescapeString(s)) }

// plainText is an excerpt or caption, which may hold markup, as text.
func plainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.TrimSpace(s)
	}
	return markup.PlainText(s)
}

var reImgSrc = regexp.MustCompile(`(?i)<img\s[^>]*?src\s*=\s*["']([^"']+)["']`)

// imageSources lists the src of every <img> of a post's content.
func imageSources(content string) []string {
	var out []string
	for _, m := range reImgSrc.FindAllStringSubmatch(content, -1) {
		out = append(out, stdhtml.UnescapeString(m[1]))
	}
	return out
}

var (
	reSized  = regexp.MustCompile(`-\d+x\d+(\.[A-Za-z0-9]+)$`)
	reScaled = regexp.MustCompile(`-(?:scaled|rotated)(\.[A-Za-z0-9]+)$`)
)

// uploadsPath is the path of an image under WordPress's uploads folder:
// "2023/12/photo-300x169.jpg". "" when the address is not under an uploads
// folder.
func uploadsPath(src string) string {
	u, err := url.Parse(strings.TrimSpace(src))
	if err != nil {
		return ""
	}
	p := u.Path
	i := strings.Index(p, "/uploads/")
	if i < 0 {
		return ""
	}
	p = p[i+len("/uploads/"):]
	// Multisite keeps each site's files in sites/N/.
	if strings.HasPrefix(p, "sites/") {
		if parts := strings.SplitN(p, "/", 3); len(parts) == 3 {
			p = parts[2]
		}
	}
	return cleanUploadsPath(p)
}

// original strips the size WordPress gave a copy of an image
// ("photo-300x169.jpg", "photo-scaled.jpg" → "photo.jpg").
func original(p string) string {
	p = reSized.ReplaceAllString(p, "$1")
	return reScaled.ReplaceAllString(p, "$1")
}

// cleanUploadsPath keeps a relative path inside the uploads folder: no
// "..", no leading slash.
func cleanUploadsPath(p string) string {
	p = strings.TrimSpace(p)
	if p == "" {
		return ""
	}
	c := path.Clean("/" + p)[1:]
	if c == "" || c == "." || strings.Contains(c, "..") {
		return ""
	}
	return c
}

// absolute resolves a relative src against the old site.
func absolute(src, base string) string {
	u, err := url.Parse(src)
	if err != nil || u.IsAbs() {
		return src
	}
	b, err := url.Parse(strings.TrimRight(base, "/") + "/")
	if err != nil {
		return src
	}
	return b.ResolveReference(u).String()
}

func pathExt(p string) string { return path.Ext(p) }

func pathBase(p string) string { return path.Base(p) }
