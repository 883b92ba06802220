package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// The type-ahead pickers of the story editor and the story list
// (static/pickers.js): tags and authors found as they are typed, a tag
// created on the spot where the role allows, and tags suggested by the
// text while it is written, before the first save.

// listRoutes registers the story list's bulk actions and the pickers.
func (s *Server) listRoutes(m *http.ServeMux) {
	m.Handle("POST /admin/stories/bulk", s.adminHandle(s.storyBulk))
	m.Handle("GET /admin/tags.json", s.jsonHandle(s.tagChoices))
	m.Handle("POST /admin/tags.json", s.jsonHandle(s.tagCreate))
	m.Handle("GET /admin/authors.json", s.jsonHandle(s.authorChoices))
	m.Handle("POST /admin/stories/suggest-tags", s.jsonHandle(s.tagSuggestions))
}

// pickerLimit is how many choices a picker lists at once: a short list to
// pick from while typing, not a directory.
const pickerLimit = 12

// choiceJSON is one choice of a picker.
type choiceJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// Other is the name in another language, when it differs: a tag the
	// story's language has no name for yet is recognised by it.
	Other string `json:"other,omitempty"`
}

// choicesJSON is a picker's answer; Create is set when the user may make a
// new tag of what was typed (no tag has that name).
type choicesJSON struct {
	Items  []choiceJSON `json:"items"`
	Create bool         `json:"create"`
}

// tagJSON is a tag named in lang, with its name in the interface
// language when that differs.
func tagJSON(v *adminView, t khabar.Tag, lang string) choiceJSON {
	c := choiceJSON{ID: t.ID, Name: t.Names.Get(lang, v.Settings.DefaultLang)}
	if o := v.Name(t.Names); o != c.Name {
		c.Other = o
	}
	return c
}

// pickerLang is the language a picker names things in: the story's, when
// the site has it, else the interface's.
func pickerLang(r *http.Request, v *adminView) string {
	if l := r.FormValue("lang"); v.Settings.HasLang(l) {
		return l
	}
	return v.UI.Tag
}

// tagChoices is GET /admin/tags.json?q=…&lang=…: the tags matching what is
// typed, best first.
func (s *Server) tagChoices(w http.ResponseWriter, r *http.Request) (any, error) {
	v, err := s.newAdminView(r, "story.field.tags", "stories")
	if err != nil {
		return nil, err
	}
	tags, err := s.store.Tags(r.Context())
	if err != nil {
		return nil, err
	}
	typed := strings.TrimSpace(r.FormValue("q"))
	l := pickerLang(r, v)
	out := choicesJSON{Items: []choiceJSON{}}
	for _, t := range newsroom.MatchTags(tags, typed, pickerLimit) {
		out.Items = append(out.Items, tagJSON(v, t, l))
	}
	if typed != "" && khabar.Can(v.User, khabar.ActManageTaxonomy, khabar.Target{}) {
		_, err := newsroom.FindTags(tags, []string{typed})
		out.Create = err != nil
	}
	return out, nil
}

// tagCreate is POST /admin/tags.json (name, lang): a new tag named in the
// story's language, made from the picker. A name some tag already has
// gives that tag instead of a twin.
func (s *Server) tagCreate(w http.ResponseWriter, r *http.Request) (any, error) {
	ctx := r.Context()
	v, err := s.newAdminView(r, "story.field.tags", "stories")
	if err != nil {
		return nil, err
	}
	if err := readForm(r); err != nil { // within signedInBodyBytes (bodies.go)
		return nil, err
	}
	name, l := r.PostFormValue("name"), pickerLang(r, v)
	tags, err := s.store.Tags(ctx)
	if err != nil {
		return nil, err
	}
	if ids, err := newsroom.FindTags(tags, []string{name}); err == nil {
		i := slices.IndexFunc(tags, func(t khabar.Tag) bool { return t.ID == ids[0] })
		return tagJSON(v, tags[i], l), nil
	}
	t, err := s.news.SaveTag(ctx, v.User, 0, newsroom.TagInput{Names: khabar.Text{l: name}})
	if err != nil {
		return nil, err
	}
	return tagJSON(v, *t, l), nil
}

// authorChoices is GET /admin/authors.json?q=…: the enabled users whose
// name in some language, or login, matches what is typed.
func (s *Server) authorChoices(w http.ResponseWriter, r *http.Request) (any, error) {
	v, err := s.newAdminView(r, "story.field.authors", "stories")
	if err != nil {
		return nil, err
	}
	users, err := s.store.Users(r.Context())
	if err != nil {
		return nil, err
	}
	l := pickerLang(r, v)
	// Users are matched as tags are: a user is a tag of names here.
	var people []khabar.Tag
	byID := map[int64]khabar.User{}
	for _, u := range users {
		if u.Disabled {
			continue
		}
		people = append(people, khabar.Tag{ID: u.ID, Slug: u.Login, Names: u.Names})
		byID[u.ID] = u
	}
	out := choicesJSON{Items: []choiceJSON{}}
	for _, p := range newsroom.MatchTags(people, r.FormValue("q"), pickerLimit) {
		u := byID[p.ID]
		c := choiceJSON{ID: u.ID, Name: u.Names.Get(l, v.Settings.DefaultLang)}
		if c.Name == "" {
			c.Name = u.Login
		}
		if o := v.Name(u.Names); o != c.Name && o != "" {
			c.Other = o
		}
		out.Items = append(out.Items, c)
	}
	return out, nil
}

// tagSuggestions is POST /admin/stories/suggest-tags (lang, title, summary,
// body, tags): the tags the text names that are not chosen yet, asked by
// the editor as the text changes, before the story is ever saved.
func (s *Server) tagSuggestions(w http.ResponseWriter, r *http.Request) (any, error) {
	v, err := s.newAdminView(r, "story.tags.suggested", "stories")
	if err != nil {
		return nil, err
	}
	if err := readForm(r); err != nil { // within storyFormBytes (bodies.go)
		return nil, err
	}
	tags, err := s.store.Tags(r.Context())
	if err != nil {
		return nil, err
	}
	chosen := map[int64]bool{}
	for _, raw := range r.PostForm["tags"] {
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
			chosen[id] = true
		}
	}
	l := pickerLang(r, v)
	p := r.PostForm
	out := choicesJSON{Items: []choiceJSON{}}
	for _, t := range newsroom.SuggestTags(tags, p.Get("title"), p.Get("summary"), p.Get("body")) {
		if !chosen[t.ID] {
			out.Items = append(out.Items, tagJSON(v, t, l))
		}
	}
	return out, nil
}
