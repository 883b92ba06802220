package main

import (
	"bufio"
	"context"
	"fmt"
	"html"
	"io"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/bench/corpusdb"
	"github.com/khabarnews/khabar/corpus"
	"github.com/khabarnews/khabar/markup"
	"github.com/khabarnews/khabar/port"
)

// chunk is how many stories are generated at once, on every core.
const chunk = 2000

// generate makes stories [start, start+count) of the corpus on every core,
// their bodies in the stored form.
func generate(g *corpus.Generator, start, count int) ([]corpus.Story, error) {
	out := make([]corpus.Story, count)
	errs := make([]error, count)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < count; i += workers {
				s := g.Story(start + i)
				for j := range s.Versions {
					s.Versions[j].Body, errs[i] = markup.Clean(s.Versions[j].Body)
				}
				out[i] = s
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ensureArchive writes the corpus as a Khabar archive once.
func ensureArchive(ctx context.Context, dir string, n int, log io.Writer) (string, error) {
	if _, err := os.Stat(dir + ".done"); err == nil {
		return dir, nil
	}
	os.RemoveAll(dir)
	fmt.Fprintf(log, "writing the corpus as a Khabar archive in %s (once)\n", dir)
	w, err := port.NewArchiveWriter(dir, "bench-corpus", khabar.DefaultSettings())
	if err != nil {
		return "", err
	}
	for i := range corpusdb.Sections {
		sec := khabar.Section{ID: int64(i + 1), Slug: fmt.Sprintf("section-%d", i), Names: khabar.Text{"en": fmt.Sprintf("Section %d", i)}, Position: i}
		if err := w.Section(sec); err != nil {
			return "", err
		}
	}
	for i := range corpusdb.Tags {
		if err := w.Tag(khabar.Tag{ID: int64(i + 1), Slug: fmt.Sprintf("tag-%d", i), Names: khabar.Text{"en": fmt.Sprintf("Tag %d", i)}}); err != nil {
			return "", err
		}
	}
	author := khabar.User{ID: 1, Login: "desk", Slug: "desk", Names: khabar.Text{"en": "News desk"}, Role: khabar.RoleEditor,
		CreatedAt: time.Date(2022, 12, 1, 0, 0, 0, 0, time.UTC)}
	if err := w.User(author); err != nil {
		return "", err
	}
	g := corpus.New(corpusdb.Options)
	for start := 0; start < n; start += chunk {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		batch, err := generate(g, start, min(chunk, n-start))
		if err != nil {
			return "", err
		}
		for _, s := range batch {
			if err := w.Story(archived(s)); err != nil {
				return "", err
			}
		}
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	return dir, os.WriteFile(dir+".done", nil, 0o644)
}

// archived is a corpus story as an export of a site holding it writes it:
// published in three languages, one revision each, by the desk.
func archived(s corpus.Story) khabar.ImportedStory {
	st := &khabar.Story{ID: int64(s.Index + 1), AuthorIDs: []int64{1}, OriginalLang: s.Versions[0].Lang, Revision: 1,
		CreatedAt: s.PublishedAt, UpdatedAt: s.PublishedAt}
	if s.Section >= 0 {
		st.SectionID = int64(s.Section + 1)
	}
	for _, t := range s.Tags {
		st.TagIDs = append(st.TagIDs, int64(t+1))
	}
	out := khabar.ImportedStory{Story: st}
	for _, v := range s.Versions {
		out.Versions = append(out.Versions, &khabar.Version{Lang: v.Lang, Title: v.Title, Slug: v.Slug, Summary: v.Summary, Body: v.Body,
			Status: khabar.StatusPublished, PublishedAt: s.PublishedAt, UpdatedAt: s.PublishedAt, Revision: 1, ContentRevision: 1})
		out.Revisions = append(out.Revisions, khabar.Revision{Lang: v.Lang, Number: 1, Title: v.Title, Slug: v.Slug, Summary: v.Summary,
			Body: v.Body, Status: khabar.StatusPublished, UserID: 1, CreatedAt: s.PublishedAt})
	}
	return out
}

// ensureWXR writes the corpus as a WordPress export with Polylang once.
func ensureWXR(ctx context.Context, path string, n int, log io.Writer) (string, error) {
	if _, err := os.Stat(path + ".done"); err == nil {
		return path, nil
	}
	fmt.Fprintf(log, "writing the corpus as a WordPress export in %s (once)\n", path)
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Corpus</title>
	<link>https://corpus.example.org</link>
	<language>en-US</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://corpus.example.org</wp:base_site_url>
	<wp:base_blog_url>https://corpus.example.org</wp:base_blog_url>
	<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[desk]]></wp:author_login><wp:author_display_name><![CDATA[News desk]]></wp:author_display_name></wp:author>
`)
	for i := range corpusdb.Sections {
		fmt.Fprintf(w, "\t<wp:category><wp:term_id>%d</wp:term_id><wp:category_nicename><![CDATA[section-%d]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Section %d]]></wp:cat_name></wp:category>\n", i+1, i, i)
	}
	for i := range corpusdb.Tags {
		fmt.Fprintf(w, "\t<wp:tag><wp:term_id>%d</wp:term_id><wp:tag_slug><![CDATA[tag-%d]]></wp:tag_slug><wp:tag_name><![CDATA[Tag %d]]></wp:tag_name></wp:tag>\n", 100+i, i, i)
	}
	for _, l := range []string{"ar", "ru", "en"} {
		fmt.Fprintf(w, "\t<wp:term><wp:term_id>%d</wp:term_id><wp:term_taxonomy><![CDATA[language]]></wp:term_taxonomy><wp:term_slug><![CDATA[%s]]></wp:term_slug><wp:term_name><![CDATA[%s]]></wp:term_name></wp:term>\n", 200+len(l), l, l)
	}
	g := corpus.New(corpusdb.Options)
	for start := 0; start < n; start += chunk {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		count := min(chunk, n-start)
		for i := range count {
			writeGroup(w, g.Story(start+i))
		}
	}
	fmt.Fprint(w, "</channel>\n</rss>\n")
	if err := w.Flush(); err != nil {
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	return path, os.WriteFile(path+".done", nil, 0o644)
}

// writeGroup writes a corpus story as a Polylang group of posts.
func writeGroup(w io.Writer, s corpus.Story) {
	group := fmt.Sprintf("pll_story%d", s.Index)
	date := s.PublishedAt.UTC().Format(time.DateTime)
	for j, v := range s.Versions {
		id := s.Index*3 + j + 1
		fmt.Fprintf(w, `	<item>
		<title><![CDATA[%s]]></title>
		<link>https://corpus.example.org/%s/%s/</link>
		<dc:creator><![CDATA[desk]]></dc:creator>
		<guid isPermaLink="false">https://corpus.example.org/?p=%d</guid>
		<content:encoded><![CDATA[%s]]></content:encoded>
		<excerpt:encoded><![CDATA[%s]]></excerpt:encoded>
		<wp:post_id>%d</wp:post_id>
		<wp:post_date><![CDATA[%s]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[%s]]></wp:post_date_gmt>
		<wp:post_name><![CDATA[%s]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<category domain="language" nicename="%s"><![CDATA[%s]]></category>
		<category domain="post_translations" nicename="%s"><![CDATA[%s]]></category>
`, v.Title, v.Lang, html.EscapeString(v.Slug), id, v.Body, v.Summary, id, date, date, html.EscapeString(v.Slug), v.Lang, v.Lang, group, group)
		if s.Section >= 0 {
			fmt.Fprintf(w, "\t\t<category domain=\"category\" nicename=\"section-%d\"><![CDATA[Section %d]]></category>\n", s.Section, s.Section)
		}
		for _, t := range s.Tags {
			fmt.Fprintf(w, "\t\t<category domain=\"post_tag\" nicename=\"tag-%d\"><![CDATA[Tag %d]]></category>\n", t, t)
		}
		fmt.Fprint(w, "\t</item>\n")
	}
}
