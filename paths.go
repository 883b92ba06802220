package khabar

import (
	"net/url"
	"strconv"
	"strings"
)

// ArticlePath is the permanent address of a version on the site: the story
// id keeps it working when the slug changes. Emails and channel posts link
// to it.
func ArticlePath(lang string, storyID int64, slug string) string {
	return "/" + lang + "/news/" + strconv.FormatInt(storyID, 10) + "-" + url.PathEscape(slug)
}

// MediaPath is the /media/ address of a stored file, each segment escaped.
func MediaPath(key string) string {
	parts := strings.Split(key, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return "/media/" + strings.Join(parts, "/")
}
