package port

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"sync/atomic"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/wxr"
)

// A WordPress import reads its file twice. The first pass learns what the
// posts refer to: the attachments (images to bring in first), which posts
// are translations of which (Polylang, WPML), and how many items there are.
// The second brings in the images, then the posts and pages, each group of
// translations as one story.

// plan is what the first pass learns.
type plan struct {
	site        *wxr.Site
	source      string // the import's source: "wordpress " + the site's address
	attachments map[string]*attachment
	byPath      map[string]*attachment // by path under uploads/, sizes stripped
	loose       map[string]*looseImage // images in bodies that are no attachment, by original path
	groupSize   map[string]int         // members of each translation group seen
	groupOf     map[string]string      // post id → its group
	posts       int                    // posts and pages to bring in
	lang        string                 // of posts that name none
	hosts       map[string]bool        // where images may be fetched from
	termsBySlug map[string]*wxr.Term   // by "taxonomy slug"
	termsByID   map[string]*wxr.Term
	termGroups  map[string]map[string]string // Polylang's, by member id
}

// looseImage is an image a body shows from the old site's uploads folder
// that no attachment describes (an export of posts only has none).
type looseImage struct {
	path string   // as the body names it
	urls []string // to try, the original's first
	ref  string   // the first post that shows it
}

// attachmentAt finds the attachment of an image path under uploads/, or
// of the original it is a size of.
func (p *plan) attachmentAt(path string) *attachment {
	if a := p.byPath[path]; a != nil {
		return a
	}
	return p.byPath[original(path)]
}

// attachment is a wp:item of type attachment.
type attachment struct {
	id, url, path  string // path under uploads/
	title, caption string
	alt, credit    string
	lang           string // Polylang's language of the attachment, if any
	ref            string
	image          bool
}

// WordPress imports the WXR file at path through news, as actor (an
// administrator), and returns what it did. A file that is not a WordPress
// export, is not well-formed or is of an unknown WXR version is refused
// before anything is written. Items that break a rule are skipped and
// reported; images that cannot be had are reported, and the stories that
// show them are imported without them.
func WordPress(ctx context.Context, news *newsroom.Service, actor *khabar.User, path string, opts Options) (newsroom.ImportReport, error) {
	opts.defaults()
	p, err := readPlan(path, opts)
	if err != nil {
		return newsroom.ImportReport{}, err
	}
	im, err := news.StartImport(ctx, actor, p.source, opts.DryRun)
	if err != nil {
		return newsroom.ImportReport{}, err
	}
	if p.lang == "" {
		p.lang = im.Settings().DefaultLang
	}
	w := &wpImport{p: p, im: im, opts: opts, authors: map[string]int64{}, terms: map[string]int64{}, pending: map[string][]*wxr.Item{}}
	if err := w.run(ctx, path); err != nil {
		rep := im.Report()
		return rep, err
	}
	return im.Finish(ctx)
}

// readPlan is the first pass.
func readPlan(path string, opts Options) (*plan, error) {
	f, size, err := open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	p := &plan{attachments: map[string]*attachment{}, byPath: map[string]*attachment{}, loose: map[string]*looseImage{},
		groupSize: map[string]int{}, groupOf: map[string]string{}, hosts: map[string]bool{}, lang: opts.Lang}
	every := progressEvery{fn: opts.Progress}
	cr := &countingReader{r: f}
	site, err := wxr.Read(cr, wxr.Options{MaxBytes: opts.MaxBytes}, func(site *wxr.Site, it *wxr.Item) error {
		every.report(Progress{Phase: "reading", Done: cr.n.Load(), Total: size})
		p.note(site, it)
		return nil
	})
	if err != nil {
		return nil, err
	}
	p.site = site
	p.termsBySlug, p.termsByID = map[string]*wxr.Term{}, map[string]*wxr.Term{}
	for i := range site.Terms {
		t := &site.Terms[i]
		p.termsBySlug[t.Taxonomy+" "+t.Slug] = t
		p.termsByID[t.ID] = t
	}
	p.termGroups = wxr.TermGroups(site)
	base := strings.TrimRight(site.BaseBlogURL, "/")
	if base == "" {
		base = strings.TrimRight(site.Link, "/")
	}
	p.source = "wordpress " + base
	for _, u := range []string{site.BaseSiteURL, site.BaseBlogURL, site.Link} {
		if pu, err := url.Parse(u); err == nil && pu.Host != "" {
			p.hosts[strings.ToLower(pu.Host)] = true
		}
	}
	if p.lang == "" {
		p.lang = primaryLang(site.Language)
	}
	for orig, l := range p.loose {
		if p.attachmentAt(l.path) != nil {
			delete(p.loose, orig)
			continue
		}
		if pu, err := url.Parse(l.urls[0]); err != nil || !p.hosts[strings.ToLower(pu.Host)] {
			delete(p.loose, orig) // another site's image: left as a link
		}
	}
	return p, nil
}

// note learns what one item tells the plan.
func (p *plan) note(site *wxr.Site, it *wxr.Item) {
	switch it.Type {
	case "attachment":
		a := newAttachment(it)
		p.attachments[it.ID] = a
		if a.path != "" {
			p.byPath[a.path] = a
		}
		if pu, err := url.Parse(a.url); err == nil && pu.Host != "" {
			p.hosts[strings.ToLower(pu.Host)] = true
		}
	case "post", "page":
		if !imported(it.Status) || it.Type == "page" && it.Status != "publish" {
			return
		}
		p.posts++
		if g := wxr.ItemGroup(it); g != "" {
			p.groupOf[it.ID] = g
			p.groupSize[g]++
		}
		for _, src := range imageSources(it.Content) {
			path := uploadsPath(src)
			if path == "" || p.loose[original(path)] != nil {
				continue
			}
			u := absolute(src, site.BaseBlogURL)
			l := &looseImage{path: path, urls: []string{u}, ref: it.Ref()}
			if o := original(path); o != path {
				// The original first: the size in the body may be small.
				l.urls = []string{strings.TrimSuffix(u, pathBase(path)) + pathBase(o), u}
			}
			p.loose[original(path)] = l
		}
	}
}

// imported reports whether a post in this status becomes a story.
func imported(status string) bool {
	switch status {
	case "publish", "future", "draft", "pending", "private":
		return true
	}
	return false
}

func newAttachment(it *wxr.Item) *attachment {
	a := &attachment{id: it.ID, url: it.AttachmentURL, title: unescape(it.Title), caption: plainText(it.Excerpt),
		alt: strings.TrimSpace(it.MetaValue("_wp_attachment_image_alt")), ref: it.Ref(), lang: wxr.ItemLanguage(it)}
	if a.url == "" && strings.HasPrefix(it.GUID, "http") {
		a.url = it.GUID
	}
	a.path = cleanUploadsPath(it.MetaValue("_wp_attached_file"))
	if a.path == "" {
		a.path = uploadsPath(a.url)
	}
	if meta, err := wxr.Unserialize(it.MetaValue("_wp_attachment_metadata")); err == nil {
		if m, ok := meta.(map[string]any); ok {
			if im, ok := m["image_meta"].(map[string]any); ok {
				a.credit, _ = im["copyright"].(string)
				if a.credit == "" {
					a.credit, _ = im["credit"].(string)
				}
			}
		}
	}
	switch strings.ToLower(pathExt(a.path)) {
	case ".jpg", ".jpeg", ".png", ".webp", ".gif":
		a.image = true
	}
	return a
}

// primaryLang is the language of a tag: "en-US" → "en".
func primaryLang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i > 0 {
		tag = tag[:i]
	}
	return tag
}

// open opens an import file and says its size.
func open(path string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	if st.IsDir() {
		f.Close()
		return nil, 0, fmt.Errorf("%s is a directory, not a WordPress export", path)
	}
	return f, st.Size(), nil
}

// countingReader counts the bytes read through it, for progress. wxr.Read
// reads on a goroutine of its own while items are handled on another.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
