package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// A story's images carry their caption, credit and alt text in every
// language the story is written in. The editor of each language version
// lists them with their texts in its language, beside the original's, so
// that a translator writes them as part of the translation.

// storyImages is the panel of a story's images in one language.
type storyImages struct {
	Lang   string
	Images []storyImage
}

// storyImage is one image with its texts in the panel's language and in
// the story's original one, for reference.
type storyImage struct {
	ID                    int64
	Thumb                 string
	Lead                  bool
	Caption, Credit, Alt  string
	WasCaption, WasCredit string // in the original language
	WasAlt                string
	Missing               bool // a text is missing in the panel's language
	Action                string
}

// bodyImage finds the /media/KEY addresses in a body.
var bodyImage = regexp.MustCompile(`src="/media/([^"]+)"`)

// maxStoryImages bounds the panel: a story with more pictures is a gallery.
const maxStoryImages = 12

// mayEditImageTexts reports whether the user may change the story's image
// texts in lang, as SaveMediaTexts decides.
func mayEditImageTexts(u *khabar.User, st *storyState, lang string) bool {
	return khabar.Can(u, khabar.ActEditMedia, khabar.Target{}) ||
		khabar.Can(u, khabar.ActEditMediaText, khabar.Target{AuthorIDs: st.story.AuthorIDs, Lang: lang})
}

// fillImages lists the story's lead image and the images of its bodies.
func (s *Server) fillImages(ctx context.Context, st *storyState, lang string) (*storyImages, error) {
	var ids []int64
	if st.story.LeadMediaID != 0 {
		ids = append(ids, st.story.LeadMediaID)
	}
	var media []*khabar.Media
	for _, ver := range st.versions {
		for _, m := range bodyImage.FindAllStringSubmatch(ver.Body, -1) {
			if len(ids) >= maxStoryImages {
				break
			}
			key, err := url.PathUnescape(m[1])
			if err != nil {
				continue
			}
			md, err := s.store.MediaByKey(ctx, key)
			if khabar.IsNotFound(err) {
				continue
			}
			if err != nil {
				return nil, err
			}
			if !slices.Contains(ids, md.ID) {
				ids = append(ids, md.ID)
				media = append(media, md)
			}
		}
	}
	if st.story.LeadMediaID != 0 {
		m, err := s.store.Media(ctx, st.story.LeadMediaID)
		if err != nil && !khabar.IsNotFound(err) {
			return nil, err
		}
		if m != nil {
			media = append([]*khabar.Media{m}, media...)
		}
	}
	p := &storyImages{Lang: lang}
	orig := st.story.OriginalLang
	for _, m := range media {
		img := storyImage{ID: m.ID, Thumb: variantImage(m, khabar.VariantThumb).URL, Lead: m.ID == st.story.LeadMediaID,
			Caption: m.Caption[lang], Credit: m.Credit[lang], Alt: m.Alt[lang],
			Action: editorPath(st.story.ID, lang) + "/media/" + strconv.FormatInt(m.ID, 10)}
		if orig != lang {
			img.WasCaption, img.WasCredit, img.WasAlt = m.Caption[orig], m.Credit[orig], m.Alt[orig]
		}
		img.Missing = img.Caption == "" || img.Credit == "" || img.Alt == ""
		p.Images = append(p.Images, img)
	}
	return p, nil
}

// saveImageTexts saves one image's texts in the editor's language.
func (s *Server) saveImageTexts(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st, err := s.loadStory(r)
	if err != nil {
		return err
	}
	if _, err := st.version(); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("media"), 10, 64)
	if err != nil || id <= 0 {
		return khabar.NotFound("err.media.not_found")
	}
	if err := r.ParseForm(); err != nil {
		return khabar.Invalid("form", "err.form")
	}
	l := st.lang
	texts := newsroom.MediaTexts{Lang: l, StoryID: st.story.ID}
	texts.Caption = khabar.Text{l: strings.TrimSpace(r.PostForm.Get("caption"))}
	texts.Credit = khabar.Text{l: strings.TrimSpace(r.PostForm.Get("credit"))}
	texts.Alt = khabar.Text{l: strings.TrimSpace(r.PostForm.Get("alt"))}
	if _, err := s.news.SaveMediaTexts(ctx, userFrom(ctx), id, texts); err != nil {
		return err
	}
	if wantsJSON(r) {
		v, err := s.newAdminView(r, "story.edit", "stories")
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, map[string]string{"saved": v.T("notice.media_texts_saved")})
		return nil
	}
	seeOther(w, r, editorPath(st.story.ID, l)+"#images", "media_texts_saved")
	return nil
}

// readableImageGaps lists the stories in lang whose lead image lacks a
// text in it, of those the user may read (private drafts hide others').
func (s *Server) readableImageGaps(r *http.Request, settings khabar.Settings, lang string) ([]khabar.MediaGap, error) {
	ctx := r.Context()
	gaps, err := s.store.MediaTextGaps(ctx, lang, gapsPerLanguage)
	if err != nil || !settings.PrivateDrafts {
		return gaps, err
	}
	var out []khabar.MediaGap
	for _, g := range gaps {
		st, err := s.store.Story(ctx, g.StoryID)
		if err != nil {
			return nil, err
		}
		vs, err := s.store.Versions(ctx, g.StoryID)
		if err != nil {
			return nil, err
		}
		for i := range vs {
			if vs[i].Lang == lang && newsroom.MayRead(settings, userFrom(ctx), st, &vs[i]) {
				out = append(out, g)
			}
		}
	}
	return out, nil
}
