package feed

import "strings"

// Robots writes a robots.txt that applies one rule group to every crawler:
// a Disallow line per path (a lone empty "Disallow:" when there are none,
// which means "crawl everything") and a Sitemap line per absolute sitemap
// URL. Line breaks and control characters are removed from each entry so
// that a path taken from configuration cannot inject directives.
func Robots(sitemaps []string, disallow []string) []byte {
	var b strings.Builder
	b.WriteString("User-agent: *\n")
	n := 0
	for _, p := range disallow {
		if p = robotsValue(p); p != "" {
			b.WriteString("Disallow: " + p + "\n")
			n++
		}
	}
	if n == 0 {
		b.WriteString("Disallow:\n")
	}
	for _, s := range sitemaps {
		if s = robotsValue(s); s != "" {
			b.WriteString("Sitemap: " + s + "\n")
		}
	}
	return []byte(b.String())
}

// robotsValue strips what cannot appear inside one robots.txt value:
// control characters (line breaks included) and surrounding blanks.
func robotsValue(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}
