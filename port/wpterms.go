package port

import (
	"context"
	"sort"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/wxr"
)

// term returns the section (a category) or tag (post_tag) a post's term
// became, bringing it in on first use: categories and tags no post uses do
// not clutter the new site. A term Polylang translated is one section or
// tag with a name in each language. postLang is the language of the post
// that uses it, the language of its name when nothing else says.
func (w *wpImport) term(ctx context.Context, taxonomy, nicename, postLang string) (int64, error) {
	t := w.findTerm(taxonomy, nicename)
	if t == nil {
		// A term the channel does not list (an export of one category):
		// its name is the slug.
		t = &wxr.Term{ID: nicename, Taxonomy: taxonomy, Slug: nicename, Name: slug(nicename)}
	}
	members := map[string]*wxr.Term{postLang: t}
	key := taxonomy + " " + t.ID
	if group := w.termGroups()[t.ID]; group != nil {
		members = map[string]*wxr.Term{}
		var ids []string
		for l, id := range group {
			if m := w.termByID(id); m != nil {
				members[primaryLang(l)] = m
				ids = append(ids, id)
			}
		}
		sort.Strings(ids)
		key = taxonomy + " " + strings.Join(ids, "+")
	}
	if id, ok := w.terms[key]; ok {
		return id, nil
	}
	names := khabar.Text{}
	settings := w.im.Settings()
	for l, m := range members {
		if settings.HasLang(l) {
			names[l] = unescape(m.Name)
		}
	}
	if len(names) == 0 {
		names[postLang] = unescape(t.Name)
	}
	s := slug(t.Slug)
	if m := members[w.p.lang]; m != nil {
		s = slug(m.Slug)
	}
	var sl *string
	if khabar.CheckSlug("slug", s) == nil {
		sl = &s
	}
	var id int64
	var err error
	if taxonomy == "category" {
		id, err = w.im.Section(ctx, key, newsroom.SectionInput{Slug: sl, Names: names})
	} else {
		id, err = w.im.Tag(ctx, key, newsroom.TagInput{Slug: sl, Names: names})
	}
	if err != nil {
		return 0, err
	}
	w.terms[key] = id
	return id, nil
}

// findTerm finds a term of the channel by taxonomy and slug.
func (w *wpImport) findTerm(taxonomy, nicename string) *wxr.Term {
	return w.p.termsBySlug[taxonomy+" "+nicename]
}

func (w *wpImport) termByID(id string) *wxr.Term { return w.p.termsByID[id] }

// termGroups are Polylang's groups of translated terms, by member id.
func (w *wpImport) termGroups() map[string]map[string]string { return w.p.termGroups }
