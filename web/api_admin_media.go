package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/media"
)

// apiUploadMedia is POST /api/v1/admin/media: a multipart form with the
// image in "file" and, optionally, "credit.ar", "caption.ru", "alt.en" …
// The image is checked exactly as in the media library; nothing is kept
// when it is refused.
func (s *Server) apiUploadMedia(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := userFrom(ctx)
	if !khabar.Can(u, khabar.ActUploadMedia, khabar.Target{}) {
		return khabar.Errorf(khabar.EForbidden, "your role does not allow you to upload images")
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(strings.ToLower(ct), "multipart/form-data") {
		return &apiError{status: http.StatusUnsupportedMediaType, code: "content_type", args: []string{"type", ct}}
	}
	st, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	lim := media.DefaultLimits()
	r.Body = http.MaxBytesReader(w, r.Body, lim.MaxBytes+formSlack)
	up, err := readUpload(r, lim)
	if err != nil {
		if media.RejectionOf(err) == nil && khabar.ErrorCode(err) == khabar.EInvalid {
			return badRequest("missing_field", "file")
		}
		return err
	}
	var texts mediaTexts
	readMediaTexts(r, st.Languages, &texts)
	m := &khabar.Media{Credit: texts.Credit, Caption: texts.Caption, Alt: texts.Alt}
	if err := media.Save(ctx, s.blobs, s.store, up, m, time.Now()); err != nil {
		return err
	}
	s.mediaAudit(r, "media.upload", m.ID, m.MIME+" "+strconv.Itoa(m.Width)+"×"+strconv.Itoa(m.Height))
	w.Header().Set("Location", s.absURL("/api/v1/admin/media/"+strconv.FormatInt(m.ID, 10)))
	writeAPIJSON(w, http.StatusCreated, "application/json", s.apiImageOf(m))
	return nil
}

func (s *Server) apiAdminMedia(w http.ResponseWriter, r *http.Request) error {
	if !mayBrowseMedia(userFrom(r.Context())) {
		return khabar.Errorf(khabar.EForbidden, "your role does not allow you to see the media library")
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
