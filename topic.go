package khabar

import (
	"context"
	"slices"
	"strconv"
	"sync"
)

// A topic names one thing that public pages show: a story, the list of a
// section in one language, a tag's name, the site's settings. Every write
// that readers can see lists the topics it touched (Store.ChangesSince),
// and a page records the topics it was made from (Depend), so that a page
// cache drops exactly the pages a change shows on, on every node.
//
// Two kinds of topic are told apart: what something says (a story's title,
// a tag's name: StoryTopic, TagTopic) and which stories a list holds in
// which order (ListTopic, SectionListTopic …). Editing a title touches the
// first only, so it reaches the pages that show that story and no others;
// publishing, unpublishing, moving and retagging touch the lists too.
const (
	// TopicAll is a change of anything (a bulk import, a migration), or a
	// page that named none of its topics: it matches every topic.
	TopicAll = "*"
	// TopicSite is what every page shows: the settings, the sections menu
	// and the static pages in the footer.
	TopicSite = "site"
	// TopicStories is any change of any published story (the sitemap, the
	// Content API's lists and changes).
	TopicStories = "stories"
	// TopicWithdrawn is any change of a version unpublished or archived
	// after being published (the Content API's list of changes shows them).
	TopicWithdrawn = "withdrawn"
	// TopicTags is the list of tags and their names.
	TopicTags = "tags"
)

func topic(kind string, id int64) string { return kind + strconv.FormatInt(id, 10) }

// StoryTopic is a story as its own pages show it: every language version
// (the language switcher names them), its image, source, section and tags.
func StoryTopic(id int64) string { return topic("s", id) }

// VersionTopic is a story as lists in one language show it: that version's
// title, summary and link, the image and section beside them.
func VersionTopic(id int64, lang string) string { return topic("s", id) + ":" + lang }

// GoneTopic is what the address of a version withdrawn after publication
// answers in lang (410): its note and when it was withdrawn. The story's
// versions still published, which it links, are StoryTopic.
func GoneTopic(id int64, lang string) string { return topic("g", id) + ":" + lang }

// NeighboursTopic is which stories are just before and after a story in
// lang: its page's "previous" and "next" links.
func NeighboursTopic(id int64, lang string) string { return topic("n", id) + ":" + lang }

// MediaTopic is an image's caption, credit, alt text and variants.
func MediaTopic(id int64) string { return topic("m", id) }

// TagTopic is a tag's name and slug.
func TagTopic(id int64) string { return topic("t", id) }

// UserTopic is an author's name and slug.
func UserTopic(id int64) string { return topic("u", id) }

// SourceTopic is a source's name and address.
func SourceTopic(id int64) string { return topic("src", id) }

// ListTopic is which stories are published in lang, in which order, and
// which are featured: the front page, archives, feeds, news sitemap.
func ListTopic(lang string) string { return "l:" + lang }

// SectionListTopic is which stories of a section are published in lang.
func SectionListTopic(id int64, lang string) string { return topic("ls", id) + ":" + lang }

// TagListTopic is which stories with a tag are published in lang.
func TagListTopic(id int64, lang string) string { return topic("lt", id) + ":" + lang }

// TagSetTopic is which stories with all of a few tags are published in
// lang (a story's related stories are the ones sharing most tags with it);
// tags are sorted. One tag is TagListTopic.
func TagSetTopic(tags []int64, lang string) string {
	if len(tags) == 1 {
		return TagListTopic(tags[0], lang)
	}
	b := []byte("lk")
	for i, t := range tags {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, t, 10)
	}
	return string(b) + ":" + lang
}

// MaxTagSet is the size of the largest tag set a change names.
const MaxTagSet = 3

// TagSets calls fn with every set of k of the sorted tags.
func TagSets(tags []int64, k int, fn func([]int64)) {
	set := make([]int64, 0, k)
	var walk func(from int)
	walk = func(from int) {
		if len(set) == k {
			fn(set)
			return
		}
		for i := from; i <= len(tags)-(k-len(set)); i++ {
			set = append(set, tags[i])
			walk(i + 1)
			set = set[:len(set)-1]
		}
	}
	walk(0)
}

// AuthorListTopic is which stories by an author are published in lang.
func AuthorListTopic(id int64, lang string) string { return topic("lu", id) + ":" + lang }

// SearchTopic is the results of searches in lang: which stories match,
// and the text their snippets are cut from.
func SearchTopic(lang string) string { return "q:" + lang }

// Deps collects the topics one page is made from. The zero value is ready;
// it is safe for concurrent use.
type Deps struct {
	mu     sync.Mutex
	topics map[string]struct{}
}

// Topics returns the collected topics, sorted.
func (d *Deps) Topics() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]string, 0, len(d.topics))
	for t := range d.topics {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

type depsKey struct{}

// WithDeps returns a context whose store reads add their topics to d.
func WithDeps(ctx context.Context, d *Deps) context.Context {
	return context.WithValue(ctx, depsKey{}, d)
}

// Depend records that what is being made shows the topics; it does
// nothing when ctx collects none (the newsroom, the CLI).
func Depend(ctx context.Context, topics ...string) {
	d, _ := ctx.Value(depsKey{}).(*Deps)
	if d == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.topics == nil {
		d.topics = map[string]struct{}{}
	}
	for _, t := range topics {
		d.topics[t] = struct{}{}
	}
}

// Collecting reports whether ctx collects topics, so that a store can skip
// work done only to name them.
func Collecting(ctx context.Context) bool {
	d, _ := ctx.Value(depsKey{}).(*Deps)
	return d != nil
}
