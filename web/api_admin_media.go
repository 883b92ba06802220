package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
)

// apiUploadMedia is POST /api/v1/admin/media: a multipart form with the
// image in "file" and, optionally, "credit.ar", "caption.ru", "alt.en" …
// The image is checked exactly as in the media library; nothing is kept
// when it is refused.
func (s *Server) apiUploadMedia(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := userFrom(ctx)
	if !newsroom.CanUpload(u) {
		return khabar.Forbidden("err.forbidden.upload_media") // before reading a body of megabytes
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(strings.ToLower(ct), "multipart/form-data") {
		return newAPIError(http.StatusUnsupportedMediaType, "content_type", "", "type", ct)
	}
	st, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	lim := media.DefaultLimits() // the body is within uploadBodyBytes (bodies.go)
	up, err := readUpload(r, lim)
	if err != nil {
		if media.RejectionOf(err) == nil && khabar.ErrorCode(err) == khabar.EInvalid {
			return badRequest("missing_field", "file")
		}
		return err
	}
	var texts mediaTexts
	readMediaTexts(r, st.Languages, &texts)
	m, err := s.news.UploadMedia(ctx, u, up, newsroom.MediaTexts{Credit: texts.Credit, Caption: texts.Caption, Alt: texts.Alt})
	if err != nil {
		return err
	}
	w.Header().Set("Location", s.absURL("/api/v1/admin/media/"+strconv.FormatInt(m.ID, 10)))
	writeAPIJSON(w, http.StatusCreated, "application/json", s.apiImageOf(m))
	return nil
}

func (s *Server) apiAdminMedia(w http.ResponseWriter, r *http.Request) error {
	if !mayBrowseMedia(userFrom(r.Context())) {
		return khabar.Forbidden("err.forbidden.media")
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	m, err := s.store.Media(r.Context(), id)
	if err != nil {
		return err
	}
	writeAPIJSON(w, http.StatusOK, "application/json", s.apiImageOf(m))
	return nil
}
