package web

import (
	"context"
	"slices"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
)

// What the editor's story fields offer: the chosen tags and authors, the
// tags the text suggests, and a few images for the lead. The page works
// without scripts — chosen items are ticked boxes, more are added by name
// (tags) or from a short list (authors) — and static/pickers.js and
// static/upload.js turn them into type-ahead pickers and an image picker
// that search the server; neither the tags, nor the users, nor the media
// library are ever listed whole.

// storyChoices are the choices of the story fields.
type storyChoices struct {
	Tags      []tagChoice // chosen, in order
	Suggested []tagChoice // named by the text and not chosen yet
	// TagNames are the names typed into the tag field without the
	// picker's script, kept when a save is refused.
	TagNames        string
	CanCreateTag    bool
	Authors         []khabar.User // chosen, in byline order
	Others          []khabar.User // the enabled users who are not
	Media           []mediaChoice // the lead image and the newest of the library
	Lead            *mediaChoice
	UploadLimitText string // the largest upload in MB, in the interface's digits
	CanUpload       bool
	CanBrowse       bool // may search the library (not a translator)
}

// tagChoice is a tag in the editor, named in the story's language.
type tagChoice struct {
	ID   int64
	Name string
}

// mediaChoice is an image of the library as the editor offers it.
type mediaChoice struct {
	ID      int64
	URL     string
	Thumb   string // the small variant, for the picker
	Label   string
	Alt     string
	Caption string
	Credit  string
	// CreditLine is the credit as the article shows it ("Photo: …"), in
	// the story's language.
	CreditLine string
	Width      int
	Height     int
	Selected   bool
}

// editorMediaChoices is how many of the newest images the lead image's
// select offers without the picker's script: the picker searches them all.
const editorMediaChoices = mediaPerPage

// fillChoices loads what the story fields offer.
func (s *Server) fillChoices(ctx context.Context, v *adminView, d *editorData) error {
	var err error
	if d.Sections, err = s.store.Sections(ctx); err != nil {
		return err
	}
	if d.Sources, err = s.store.Sources(ctx); err != nil {
		return err
	}
	c := &storyChoices{TagNames: d.Form.TagNames, CanCreateTag: khabar.Can(v.User, khabar.ActManageTaxonomy, khabar.Target{}),
		CanUpload: newsroom.CanUpload(v.User), CanBrowse: mayBrowseMedia(v.User), UploadLimitText: uiNum(v, uploadLimit()>>20)}
	d.Choices = c
	if err := s.fillPeople(ctx, d.Form.AuthorIDs, c); err != nil {
		return err
	}
	if err := s.fillTags(ctx, v, d, c); err != nil {
		return err
	}
	if err := s.fillMedia(ctx, v, d.Lang.Tag, d.Form.LeadMediaID, c); err != nil {
		return err
	}
	d.PhotoLabel = s.cat.T(d.Lang.Tag, "article.photo", "credit", "{credit}")
	return nil
}

func (s *Server) fillPeople(ctx context.Context, chosen []int64, c *storyChoices) error {
	users, err := s.store.Users(ctx)
	if err != nil {
		return err
	}
	for _, id := range chosen {
		if i := slices.IndexFunc(users, func(u khabar.User) bool { return u.ID == id }); i >= 0 {
			c.Authors = append(c.Authors, users[i])
		}
	}
	for _, u := range users {
		if !u.Disabled && !slices.Contains(chosen, u.ID) {
			c.Others = append(c.Others, u)
		}
	}
	return nil
}

func (s *Server) fillTags(ctx context.Context, v *adminView, d *editorData, c *storyChoices) error {
	tags, err := s.store.Tags(ctx)
	if err != nil {
		return err
	}
	name := func(t khabar.Tag) tagChoice {
		return tagChoice{ID: t.ID, Name: t.Names.Get(d.Lang.Tag, v.Settings.DefaultLang)}
	}
	for _, id := range d.Form.TagIDs {
		if i := slices.IndexFunc(tags, func(t khabar.Tag) bool { return t.ID == id }); i >= 0 {
			c.Tags = append(c.Tags, name(tags[i]))
		}
	}
	for _, t := range newsroom.SuggestTags(tags, d.Form.Title, d.Form.Summary, d.Form.Body) {
		if !slices.Contains(d.Form.TagIDs, t.ID) {
			c.Suggested = append(c.Suggested, name(t))
		}
	}
	return nil
}

func (s *Server) fillMedia(ctx context.Context, v *adminView, tl string, lead int64, c *storyChoices) error {
	media, _, err := s.store.ListMedia(ctx, editorMediaChoices, 0)
	if err != nil {
		return err
	}
	if lead != 0 && !slices.ContainsFunc(media, func(m khabar.Media) bool { return m.ID == lead }) {
		m, err := s.store.Media(ctx, lead)
		if err != nil && !khabar.IsNotFound(err) {
			return err
		}
		if m != nil {
			media = append([]khabar.Media{*m}, media...)
		}
	}
	for _, m := range media {
		mc := mediaChoice{ID: m.ID, URL: mediaPath(&m), Thumb: variantImage(&m, khabar.VariantThumb).URL, Alt: m.Alt.Get(tl, v.Settings.DefaultLang),
			Caption: m.Caption.Get(tl, v.Settings.DefaultLang), Credit: m.Credit.Get(tl, v.Settings.DefaultLang),
			Width: m.Width, Height: m.Height, Selected: m.ID == lead}
		if mc.Credit != "" {
			mc.CreditLine = s.cat.T(tl, "article.photo", "credit", mc.Credit)
		}
		if mc.Label = mc.Caption; mc.Label == "" {
			mc.Label = mc.Alt
		}
		if mc.Label == "" {
			mc.Label = "#" + uiNum(v, m.ID)
		}
		c.Media = append(c.Media, mc)
		if mc.Selected {
			c.Lead = &c.Media[len(c.Media)-1]
		}
	}
	return nil
}

// resolveTagNames adds the tags named in the form's tag field (typed
// without the picker's script, separated by commas) to its tags; a name no
// tag has is refused, and the form keeps what was typed.
func (s *Server) resolveTagNames(ctx context.Context, f *storyForm) error {
	var names []string
	for _, n := range strings.FieldsFunc(f.TagNames, func(r rune) bool { return r == ',' || r == '،' || r == ';' }) {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return nil
	}
	tags, err := s.store.Tags(ctx)
	if err != nil {
		return err
	}
	ids, err := newsroom.FindTags(tags, names)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if !slices.Contains(f.TagIDs, id) {
			f.TagIDs = append(f.TagIDs, id)
		}
	}
	f.TagNames = ""
	return nil
}

// uploadLimit is the largest image an upload may be, in bytes.
func uploadLimit() int64 { return media.DefaultLimits().MaxBytes }
