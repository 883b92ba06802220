package web

import (
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
)

// What readers are told when an article changes after publication: the
// corrections and updates an editor notes on it, shown on the article, in
// its structured data and in the feeds; and, when it is taken down, a page
// that says so (410 Gone) instead of "not found".

// notice is a correction or update as an article shows it.
type notice struct {
	Kind  khabar.CorrectionKind
	Label string // "Correction, 12 March 2026"
	At    time.Time
	Note  string
}

// notices are an article's corrections and updates, oldest first, labelled
// in its language.
func (v *view) Notices(a *khabar.Article) []notice {
	var out []notice
	for _, c := range a.Corrections {
		out = append(out, notice{Kind: c.Kind, At: c.At, Note: c.Note, Label: v.T("article.notice."+string(c.Kind), "date", v.Date(c.At))})
	}
	return out
}

// noticesHTML is an article's notices as paragraphs at the head of its
// text in a feed, where a reader of the feed sees them first.
func noticesHTML(v *view, a *khabar.Article) string {
	var b strings.Builder
	for _, n := range v.Notices(a) {
		b.WriteString(`<p class="notice-` + string(n.Kind) + `"><strong>` + template.HTMLEscapeString(n.Label) + `:</strong> ` +
			template.HTMLEscapeString(n.Note) + "</p>\n")
	}
	return b.String()
}

// correctionsLD is the schema.org "correction" of an article: its
// corrections as CorrectionComments (updates change only dateModified).
func correctionsLD(a *khabar.Article) []map[string]any {
	var out []map[string]any
	for _, c := range a.Corrections {
		if c.Kind != khabar.KindCorrection {
			continue
		}
		out = append(out, map[string]any{"@type": "CorrectionComment", "text": c.Note, "datePublished": c.At.UTC().Format("2006-01-02T15:04:05Z")})
	}
	return out
}

// withdrawnData is the page of an article taken down after publication.
type withdrawnData struct {
	ID     int64
	At     time.Time
	Note   string
	Others []khabar.Translation // the story's versions still published
}

// withdrawn answers 410 Gone, with a notice in the page's language, when
// the story's version in it was published and has been taken down; it
// reports false (and writes nothing) otherwise.
func (s *Server) withdrawn(w http.ResponseWriter, r *http.Request, st *site, id int64) (bool, error) {
	ctx := r.Context()
	// Publishing it again touches the story; changing its note, the notice.
	khabar.Depend(ctx, khabar.StoryTopic(id), khabar.GoneTopic(id, st.Lang.Tag))
	vs, err := s.store.Versions(ctx, id)
	if khabar.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	var gone *khabar.Version
	d := withdrawnData{}
	for i := range vs {
		switch {
		case vs[i].Lang == st.Lang.Tag && vs[i].Withdrawn():
			gone = &vs[i]
		case vs[i].Lang != st.Lang.Tag && vs[i].Status == khabar.StatusPublished && !vs[i].PublishedAt.After(time.Now()):
			d.Others = append(d.Others, khabar.Translation{Lang: vs[i].Lang, Title: vs[i].Title, Slug: vs[i].Slug})
		}
	}
	if gone == nil {
		return false, nil
	}
	revs, err := s.store.Revisions(ctx, id, gone.Lang)
	if err != nil {
		return false, err
	}
	d.ID, d.At, d.Note = id, khabar.WithdrawnAt(revs), gone.WithdrawalNote
	if d.At.IsZero() {
		d.At = gone.UpdatedAt
	}
	v, err := s.newView(r, st, r.URL.Path)
	if err != nil {
		return false, err
	}
	v.Canonical, v.Alternates = "", nil
	v.Title = v.T("withdrawn.title")
	v.Meta = append(v.Meta, metaTag{Name: "robots", Content: "noindex"})
	v.Data = d
	return true, s.render(w, http.StatusGone, "withdrawn", v)
}
