package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/newsroom"
)

// articlePreview is the banner of the newsroom's preview of an article,
// in the interface language of whoever looks at it.
type articlePreview struct {
	UI        lang.Language
	Label     string
	Note      string
	Status    khabar.Status
	EditorURL string
	Back      string
}

// previewMain wraps the public article's "main" (renamed "article-main")
// with the preview banner. The banner's stylesheet is linked from the body,
// which HTML allows, because the public layout has no hook in its head.
const previewMain = `{{define "main"}}{{with .Data.Preview}}
<link rel="stylesheet" href="{{asset "admin-stories.css"}}">
<div class="preview-banner status-{{.Status}}" role="status" lang="{{.UI.Tag}}" dir="{{.UI.Dir}}">
  <strong>{{.Label}}</strong> <span>{{.Note}}</span> <a href="{{.EditorURL}}">{{.Back}}</a>
</div>
{{- end}}
{{template "article-main" .}}{{end}}`

// previewTemplate parses the public article page with the banner. It is
// parsed for each preview, which is rare, so that the public templates
// stay exactly as the site has them and no copy of them needs keeping.
// Its functions are those of parseTemplates: a function added there and
// not here makes TestStoryPreview fail, not a reader's page.
func (s *Server) previewTemplate() (*template.Template, error) {
	funcs := template.FuncMap{
		"asset": s.assets.url,
		"iso":   func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"add":   func(a, b int) int { return a + b },
	}
	t, err := template.New("preview").Funcs(funcs).ParseFS(embedded, "templates/layout.html", "templates/partials.html", "templates/article.html")
	if err != nil {
		return nil, fmt.Errorf("parsing the preview: %w", err)
	}
	main := t.Lookup("main")
	if main == nil {
		return nil, fmt.Errorf("parsing the preview: the article template has no main")
	}
	if _, err := t.AddParseTree("article-main", main.Tree.Copy()); err != nil {
		return nil, fmt.Errorf("parsing the preview: %w", err)
	}
	if _, err := t.New("preview-main").Parse(previewMain); err != nil {
		return nil, fmt.Errorf("parsing the preview: %w", err)
	}
	return t, nil
}

// previewStory shows a version exactly as readers will see it, whatever
// its status, under a banner that says it is a preview.
func (s *Server) previewStory(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st, err := s.loadStory(r)
	if err != nil {
		return err
	}
	cur, err := st.version()
	if err != nil {
		return err
	}
	av, err := s.newAdminView(r, "story.preview", "stories")
	if err != nil {
		return err
	}
	site, err := s.siteFor(ctx, st.lang)
	if err != nil {
		return err
	}
	a, err := s.previewArticle(r, st, cur)
	if err != nil {
		return err
	}
	p := &articlePreview{UI: av.UI, Label: av.T("story.preview.label"), Status: cur.Status,
		Note:      av.T("story.preview.note", "status", av.StatusName(cur.Status)),
		EditorURL: editorPath(st.story.ID, st.lang), Back: av.T("story.preview.back")}
	if cur.Status == khabar.StatusPublished && !cur.PublishedAt.After(time.Now()) {
		p.Note = av.T("story.preview.note_live")
	}
	v, err := s.articleView(r, site, a, p)
	if err != nil {
		return err
	}
	v.Title = av.T("story.preview.label") + ": " + a.Title
	v.Meta = append(v.Meta, metaTag{Name: "robots", Content: "noindex, nofollow"})
	t, err := s.previewTemplate()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		return fmt.Errorf("rendering the preview: %w", err)
	}
	h := w.Header()
	// The public page's policy (no script at all), and never cached: a
	// draft must not outlive its preview in a shared cache.
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", st.lang)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Robots-Tag", "noindex, nofollow")
	_, err = w.Write(buf.Bytes())
	return err
}

// previewArticle assembles what the public page shows of a version that
// need not be published: the store's Article only returns published ones.
func (s *Server) previewArticle(r *http.Request, st *storyState, cur *khabar.Version) (*khabar.Article, error) {
	ctx := r.Context()
	a := &khabar.Article{Version: *cur, Story: *st.story}
	if a.PublishedAt.IsZero() {
		a.PublishedAt = time.Now() // as if it went out now
	}
	sections, err := s.store.Sections(ctx)
	if err != nil {
		return nil, err
	}
	for i := range sections {
		if sections[i].ID == st.story.SectionID {
			a.Section = &sections[i]
		}
	}
	tags, err := s.store.Tags(ctx)
	if err != nil {
		return nil, err
	}
	for _, id := range st.story.TagIDs {
		for _, t := range tags {
			if t.ID == id {
				a.Tags = append(a.Tags, t)
			}
		}
	}
	for _, id := range st.story.AuthorIDs {
		u, err := s.store.User(ctx, id)
		if err != nil {
			return nil, err
		}
		a.Authors = append(a.Authors, *u)
	}
	if id := st.story.LeadMediaID; id != 0 {
		if a.Image, err = s.store.Media(ctx, id); err != nil {
			return nil, err
		}
	}
	if id := st.story.SourceID; id != 0 {
		sources, err := s.store.Sources(ctx)
		if err != nil {
			return nil, err
		}
		for i := range sources {
			if sources[i].ID == id {
				a.Source = &sources[i]
			}
		}
	}
	now := time.Now()
	for _, v := range st.versions {
		if v.Lang != cur.Lang && v.Status == khabar.StatusPublished && !v.PublishedAt.After(now) {
			a.Translations = append(a.Translations, khabar.Translation{Lang: v.Lang, Title: v.Title, Slug: v.Slug, Status: v.Status})
		}
	}
	return a, nil
}

// cleanPaste cleans HTML pasted into the editor, the way a save would, so
// that what the editor shows after a paste is what will be stored.
func (s *Server) cleanPaste(w http.ResponseWriter, r *http.Request) error {
	if err := readForm(r); err != nil { // within storyFormBytes (bodies.go)
		return err
	}
	body, err := newsroom.CleanBody(r.PostForm.Get("html"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write([]byte(body))
	return err
}
