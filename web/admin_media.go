package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
)

// The media library: upload (a form, or JSON for the story editor's
// upload-on-the-spot), a paginated grid, and one page per image with its
// sizes, its texts per language and the stories that use it.

// mediaPerPage fills four or six columns of the grid.
const mediaPerPage = 24

// formSlack is what a multipart request may carry beyond the file itself:
// boundaries, headers and the texts in every language.
const formSlack = 1 << 20

// mediaRoutes registers the media library.
func (s *Server) mediaRoutes(m *http.ServeMux) {
	m.Handle("GET /admin/media", s.mediaHandle(s.mediaLibrary))
	m.Handle("POST /admin/media", s.mediaHandle(s.mediaUpload))
	m.Handle("GET /admin/media.json", s.mediaHandle(s.mediaList))
	m.Handle("GET /admin/media/{id}", s.mediaHandle(s.mediaItem))
	m.Handle("POST /admin/media/{id}", s.mediaHandle(s.mediaSaveTexts))
}

func mediaForbidden() error { return khabar.Forbidden("err.forbidden.media") }

// mediaHandle adapts a media handler: errors become JSON for the editor's
// scripts and a page in the interface language for people.
func (s *Server) mediaHandle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			if wantsJSON(r) {
				s.jsonFail(w, r, err)
			} else {
				s.adminFail(w, r, err)
			}
		}
	})
}

func wantsJSON(r *http.Request) bool {
	return strings.HasSuffix(r.URL.Path, ".json") || strings.Contains(r.Header.Get("Accept"), "application/json")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// mayBrowseMedia: everyone who may put an image into a story or describe one.
func mayBrowseMedia(u *khabar.User) bool {
	return khabar.Can(u, khabar.ActUploadMedia, khabar.Target{}) || khabar.Can(u, khabar.ActEditMedia, khabar.Target{})
}

// mediaTexts are the credit, caption and alt text typed into a form.
type mediaTexts struct{ Credit, Caption, Alt khabar.Text }

// readMediaTexts reads "credit.ar", "caption.ru" … for the site's
// languages into t, keeping what t holds in other languages.
func readMediaTexts(r *http.Request, langs []string, t *mediaTexts) {
	for _, f := range []struct {
		name string
		text *khabar.Text
	}{{"credit", &t.Credit}, {"caption", &t.Caption}, {"alt", &t.Alt}} {
		out := khabar.Text{}
		for l, s := range *f.text {
			out[l] = s
		}
		for _, l := range langs {
			if s := strings.TrimSpace(r.FormValue(f.name + "." + l)); s != "" {
				out[l] = s
			} else {
				delete(out, l)
			}
		}
		*f.text = out
	}
}

// mediaPage is the data of templates/admin/media.html: the library or one
// image. The two share a template file for the fields they have in common.
type mediaPage struct {
	Library *mediaLibraryData
	Item    *mediaItemData
}

// mediaLibraryData is the grid page.
type mediaLibraryData struct {
	Items      []khabar.Media
	Total      int
	Page       int
	Pages      int
	Prev, Next string
	Form       mediaTexts // what was typed before a refused upload
	Limits     media.Limits
	LimitMB    int
}

func (s *Server) mediaLibrary(w http.ResponseWriter, r *http.Request) error {
	return s.renderLibrary(w, r, http.StatusOK, nil, mediaTexts{})
}

// renderLibrary shows the grid; after a refused upload, with the error and
// the texts that were typed.
func (s *Server) renderLibrary(w http.ResponseWriter, r *http.Request, status int, failure error, form mediaTexts) error {
	if !mayBrowseMedia(userFrom(r.Context())) {
		return mediaForbidden()
	}
	page, err := pageParam(r)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, "admin.media", "media")
	if err != nil {
		return err
	}
	items, total, err := s.store.ListMedia(r.Context(), mediaPerPage, (page-1)*mediaPerPage)
	if err != nil {
		return err
	}
	pages := max(1, (total+mediaPerPage-1)/mediaPerPage)
	if page > pages {
		return khabar.NotFound("err.page_number.not_found")
	}
	d := mediaLibraryData{Items: items, Total: total, Page: page, Pages: pages, Form: form, Limits: media.DefaultLimits()}
	d.LimitMB = int(d.Limits.MaxBytes >> 20)
	if page > 1 {
		d.Prev = "/admin/media?page=" + strconv.Itoa(page-1)
	}
	if page < pages {
		d.Next = "/admin/media?page=" + strconv.Itoa(page+1)
	}
	if failure != nil {
		v.Error = v.ErrorText(failure)
	}
	v.Data = mediaPage{Library: &d}
	return s.renderAdmin(w, status, "media", v)
}

// mediaUpload stores an uploaded image with its variants. Nothing is kept
// when anything is wrong: media.Save writes the record last and removes
// the files it wrote when a later step fails.
func (s *Server) mediaUpload(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if !newsroom.CanUpload(userFrom(ctx)) {
		return mediaForbidden() // before reading a body of megabytes
	}
	st, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	lim := media.DefaultLimits() // the body is within uploadBodyBytes (bodies.go)
	var texts mediaTexts
	up, err := readUpload(r, lim)
	if r.MultipartForm != nil {
		readMediaTexts(r, st.Languages, &texts)
	}
	var m *khabar.Media
	if err == nil {
		m, err = s.news.UploadMedia(ctx, userFrom(ctx), up, newsroom.MediaTexts{Credit: texts.Credit, Caption: texts.Caption, Alt: texts.Alt})
	}
	if err != nil {
		if wantsJSON(r) || khabar.ErrorCode(err) != khabar.EInvalid {
			return err
		}
		return s.renderLibrary(w, r, statusOf(err), err, texts)
	}
	if wantsJSON(r) {
		writeJSON(w, http.StatusCreated, mediaItemJSON(m))
		return nil
	}
	seeOther(w, r, "/admin/media/"+strconv.FormatInt(m.ID, 10), "media.uploaded")
	return nil
}

// readUpload parses the multipart form and checks its "file". The file's
// name is never read: keys are made by media.Save.
func readUpload(r *http.Request, lim media.Limits) (*media.Upload, error) {
	// Parts beyond 1 MB wait in a temporary file, which the server removes
	// when the request ends; the body as a whole is capped by the caller.
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, media.TooLarge(lim)
		}
		return nil, khabar.Invalid("file", "err.media.form")
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		return nil, khabar.Invalid("file", "err.media.no_file")
	}
	defer f.Close()
	return media.Inspect(f, lim)
}

// mediaItemData is one image's page.
type mediaItemData struct {
	M        *khabar.Media
	Original mediaImage
	Variants []mediaVariantRow
	Uses     []khabar.MediaUse
	CanEdit  bool
	Form     mediaTexts
}

type mediaVariantRow struct {
	Name  string
	Image mediaImage
}

func (s *Server) mediaItem(w http.ResponseWriter, r *http.Request) error {
	return s.renderItem(w, r, http.StatusOK, nil, nil)
}

// renderItem shows one image; after a refused save, with the error and
// the texts as they were typed.
func (s *Server) renderItem(w http.ResponseWriter, r *http.Request, status int, failure error, form *mediaTexts) error {
	ctx := r.Context()
	if !mayBrowseMedia(userFrom(ctx)) {
		return mediaForbidden()
	}
	m, err := s.mediaParam(r)
	if err != nil {
		return err
	}
	uses, err := s.store.MediaUsage(ctx, m.ID)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, "media.item", "media")
	if err != nil {
		return err
	}
	d := mediaItemData{M: m, Original: mediaImage{URL: keyPath(m.Key), Width: m.Width, Height: m.Height}, Uses: uses,
		CanEdit: khabar.Can(v.User, khabar.ActEditMedia, khabar.Target{}), Form: mediaTexts{m.Credit, m.Caption, m.Alt}}
	if form != nil {
		d.Form = *form
	}
	for _, name := range khabar.VariantNames() {
		if vr, ok := m.Variant(name); ok {
			d.Variants = append(d.Variants, mediaVariantRow{Name: name, Image: mediaImage{URL: keyPath(vr.Key), Width: vr.Width, Height: vr.Height}})
		}
	}
	if failure != nil {
		v.Error = v.ErrorText(failure)
	}
	v.Data = mediaPage{Item: &d}
	return s.renderAdmin(w, status, "media", v)
}

// mediaParam loads the media named by {id}; anything else is not found.
func (s *Server) mediaParam(r *http.Request) (*khabar.Media, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != r.PathValue("id") {
		return nil, khabar.NotFound("err.media.not_found")
	}
	return s.store.Media(r.Context(), id)
}

// mediaSaveTexts saves the credit, caption and alt text in every site
// language. Texts in languages the site no longer has are kept.
func (s *Server) mediaSaveTexts(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	m, err := s.mediaParam(r)
	if err != nil {
		return err
	}
	st, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	if err := readForm(r); err != nil {
		return err
	}
	t := mediaTexts{m.Credit, m.Caption, m.Alt}
	readMediaTexts(r, st.Languages, &t)
	if _, err := s.news.SaveMediaTexts(ctx, userFrom(ctx), m.ID, newsroom.MediaTexts{Credit: t.Credit, Caption: t.Caption, Alt: t.Alt}); err != nil {
		if khabar.ErrorCode(err) != khabar.EInvalid {
			return err
		}
		return s.renderItem(w, r, http.StatusBadRequest, err, &t)
	}
	seeOther(w, r, "/admin/media/"+strconv.FormatInt(m.ID, 10), "media.saved")
	return nil
}

// mediaJSON is one image as the story editor's picker sees it. URLs fall
// back to the original for media stored before variants existed.
type mediaJSON struct {
	ID       int64             `json:"id"`
	Width    int               `json:"width"` // of the original
	Height   int               `json:"height"`
	URLs     map[string]string `json:"urls"` // original, article, thumb, social
	Variants []variantJSON     `json:"variants"`
	Credit   khabar.Text       `json:"credit"`
	Caption  khabar.Text       `json:"caption"`
	Alt      khabar.Text       `json:"alt"`
}

type variantJSON struct {
	Name   string `json:"name"`
	URL    string `json:"url"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

func mediaItemJSON(m *khabar.Media) mediaJSON {
	j := mediaJSON{ID: m.ID, Width: m.Width, Height: m.Height, URLs: map[string]string{"original": keyPath(m.Key)},
		Variants: []variantJSON{}, Credit: m.Credit, Caption: m.Caption, Alt: m.Alt}
	for _, name := range khabar.VariantNames() {
		img := variantImage(m, name)
		j.URLs[name] = img.URL
		if v, ok := m.Variant(name); ok {
			j.Variants = append(j.Variants, variantJSON{Name: name, URL: img.URL, Width: v.Width, Height: v.Height})
		}
	}
	for _, t := range []*khabar.Text{&j.Credit, &j.Caption, &j.Alt} {
		if *t == nil {
			*t = khabar.Text{}
		}
	}
	return j
}

// mediaList is GET /admin/media.json?q=…&page=N: the library, newest
// first, or the images whose texts have words starting with those of q,
// for the story editor's picker.
func (s *Server) mediaList(w http.ResponseWriter, r *http.Request) error {
	if !mayBrowseMedia(userFrom(r.Context())) {
		return mediaForbidden()
	}
	page, err := pageParam(r)
	if err != nil {
		return err
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if utf8.RuneCountInString(q) > khabar.MaxQueryRunes {
		return khabar.Invalid("q", "err.query.too_long", "max", khabar.MaxQueryRunes)
	}
	items, total, err := s.store.SearchMedia(r.Context(), q, mediaPerPage, (page-1)*mediaPerPage)
	if err != nil {
		return err
	}
	out := struct {
		Page  int         `json:"page"`
		Pages int         `json:"pages"`
		Total int         `json:"total"`
		Items []mediaJSON `json:"items"`
	}{Page: page, Pages: max(1, (total+mediaPerPage-1)/mediaPerPage), Total: total, Items: []mediaJSON{}}
	for i := range items {
		out.Items = append(out.Items, mediaItemJSON(&items[i]))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// MediaImage is a library item's picture for one purpose, for templates.
func (v *adminView) MediaImage(m khabar.Media, name string) mediaImage { return variantImage(&m, name) }

// MediaNum writes a number in the interface language's digits.
func (v *adminView) MediaNum(n int) string {
	return lang.FormatInt(n, v.UI.Tag, lang.Digits(v.Settings.ArabicDigits))
}

// MediaNum64 writes an id in the interface language's digits.
func (v *adminView) MediaNum64(n int64) string { return v.MediaNum(int(n)) }

// MediaPixels writes "1200 × 675 px" in the interface language.
func (v *adminView) MediaPixels(w, h int) string {
	return v.T("media.pixels", "width", v.MediaNum(w), "height", v.MediaNum(h))
}

// MediaBytes writes a file size, with the interface language's digits.
func (v *adminView) MediaBytes(n int64) string {
	return lang.LocalizeDigits(media.FormatBytes(n), v.UI.Tag, lang.Digits(v.Settings.ArabicDigits))
}

// MediaText is one language's value of a text typed into a form.
func (v *adminView) MediaText(t khabar.Text, l string) string { return t[l] }
