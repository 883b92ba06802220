package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/media"
)

// The API's conventions, shared by the Content API (api_content*.go) and
// the Admin API (api_admin*.go): JSON bodies, RFC 9457 problem documents in
// the language the client asks for (Accept-Language: ar, ru or en), and the
// limits in api_limits.go.

// problem is an RFC 9457 problem document, the body of every API error.
// Code is stable for programs; Title and Detail are for people, in the
// requested language; Field names the offending input.
type problem struct {
	Type            string         `json:"type"`
	Title           string         `json:"title"`
	Status          int            `json:"status"`
	Detail          string         `json:"detail"`
	Code            string         `json:"code"`
	Field           string         `json:"field,omitempty"`
	CurrentRevision int64          `json:"current_revision,omitempty"`
	InvalidParams   []invalidParam `json:"invalid_params,omitempty"`
}

type invalidParam struct {
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// apiError is a request the API refuses before it reaches the domain: a
// body it cannot read, a parameter it cannot use, a limit.
type apiError struct {
	status int
	code   string // problem code, also the catalogue key api.error.<code>
	field  string
	args   []string // for the catalogue message
	params []invalidParam
	// retryAfter is the Retry-After of a 429, in seconds.
	retryAfter int
}

func (e *apiError) Error() string { return e.code + " " + e.field }

func badRequest(code, field string, args ...string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: code, field: field, args: args}
}

// conflictError is a refused write with the revision now saved, so that a
// program can fetch it, merge and try again.
type conflictError struct {
	err     error
	current int64
}

func (e *conflictError) Error() string { return e.err.Error() }
func (e *conflictError) Unwrap() error { return e.err }

// apiMessageLang is the language of API messages: the best match of
// Accept-Language among the catalogue's languages, English otherwise.
func (s *Server) apiMessageLang(r *http.Request) string {
	return lang.Match(r.Header.Get("Accept-Language"), s.cat.Languages(), "en")
}

// handleAPI adapts an API handler: its error becomes a problem document.
func (s *Server) handleAPI(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
			return
		}
		p, retry := s.problemOf(r, err)
		if p.Status == http.StatusInternalServerError || p.Status == http.StatusServiceUnavailable {
			s.log.Error("API request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		}
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Language", s.apiMessageLang(r))
		if retry > 0 {
			h.Set("Retry-After", strconv.Itoa(retry))
		}
		writeAPIJSON(w, p.Status, "application/problem+json", p)
	})
}

// problemOf turns an error into a problem document in the client's language.
func (s *Server) problemOf(r *http.Request, err error) (problem, int) {
	tag := s.apiMessageLang(r)
	t := func(key string, args ...string) string { return s.cat.T(tag, key, args...) }
	p := problem{}
	retry := 0
	var ae *apiError
	var ce *conflictError
	var ke *khabar.Error
	switch {
	case errors.As(err, &ae):
		p.Status, p.Code, p.Field, p.InvalidParams, retry = ae.status, ae.code, ae.field, ae.params, ae.retryAfter
		args := append([]string{"field", ae.field}, ae.args...)
		p.Detail = t("api.error."+ae.code, args...)
	case errors.Is(err, khabar.ErrSearchUnavailable):
		p.Status, p.Code, p.Detail = http.StatusServiceUnavailable, "search_unavailable", t("api.error.search_unavailable")
	case media.RejectionOf(err) != nil:
		p.Status, p.Code, p.Field = http.StatusBadRequest, "upload_refused", "file"
		p.Detail = s.rejectionText(tag, media.RejectionOf(err), func(n int64) string { return strconv.FormatInt(n, 10) })
		if media.RejectionOf(err).Reason == media.ReasonTooLarge {
			p.Status = http.StatusRequestEntityTooLarge
		}
	case errors.As(err, &ke) && ke.Code != khabar.EInternal:
		p.Status, p.Code, p.Field = statusOf(err), string(ke.Code), ke.Field
		if errors.As(err, &ce) {
			p.CurrentRevision = ce.current
		}
		p.Detail = s.domainText(tag, ke, p.CurrentRevision)
	default:
		p.Status, p.Code, p.Detail = http.StatusInternalServerError, "internal", t("api.error.internal")
	}
	p.Type = s.absURL("/api/v1/docs#problem-" + p.Code)
	p.Title = t("api.title." + strconv.Itoa(p.Status))
	return p, retry
}

// domainText says in tag what a domain error means. The domain's messages
// are English sentences for logs and for English clients; the situations a
// program meets most have their own translations, others a translated
// sentence that names the field.
func (s *Server) domainText(tag string, e *khabar.Error, current int64) string {
	t := func(key string, args ...string) string { return s.cat.T(tag, key, args...) }
	switch {
	case e.Code == khabar.EConflict && e.Field == "revision":
		return t("api.error.version_conflict", "current", strconv.FormatInt(current, 10))
	case e.Code == khabar.EConflict && e.Field == "story_revision":
		return t("api.error.story_conflict", "current", strconv.FormatInt(current, 10))
	case e.Code == khabar.EForbidden:
		return t("api.error.forbidden")
	case e.Code == khabar.ENotFound:
		return t("api.error.not_found")
	case e.Code == khabar.EUnauthorized:
		return t("api.error.unauthorized")
	case tag == "en":
		return upperFirst(e.Message) + "."
	case e.Code == khabar.EInvalid && e.Field == "status":
		return t("api.error.transition")
	case e.Code == khabar.EInvalid && e.Field == "published_at":
		return t("api.error.publish_time")
	case e.Code == khabar.EInvalid && e.Field == "story":
		return t("api.error.reference")
	case e.Code == khabar.EInvalid:
		return t("api.error.invalid", "field", e.Field)
	}
	return t("api.error.conflict")
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

// rejectionText is a refused upload in tag, as the media library says it;
// num writes a number (with the site's digits in the newsroom).
func (s *Server) rejectionText(tag string, rej *media.Rejection, num func(int64) string) string {
	lim := rej.Limits
	switch rej.Reason {
	case media.ReasonTooLarge:
		return s.cat.T(tag, "media.error.too_large", "mb", num(lim.MaxBytes>>20))
	case media.ReasonType:
		return s.cat.T(tag, "media.error.type", "type", rej.Type)
	case media.ReasonDimensions:
		return s.cat.T(tag, "media.error.dimensions", "width", num(int64(rej.Width)), "height", num(int64(rej.Height)),
			"side", num(int64(lim.MaxSide)), "megapixels", num(lim.MaxPixels/1_000_000))
	case media.ReasonDamaged:
		return s.cat.T(tag, "media.error.damaged")
	}
	return s.cat.T(tag, "media.error.empty")
}

func writeAPIJSON(w http.ResponseWriter, status int, contentType string, v any) {
	b, err := json.Marshal(v)
	if err != nil { // only plain structs are written: cannot happen
		http.Error(w, "encoding failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType+"; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// maxJSONBody bounds a JSON request: a story body may be 2 MiB once
// cleaned, and HTML from a word processor is bigger before.
const maxJSONBody = 8 << 20

// decodeJSON reads a JSON request body into dst, refusing, before anything
// is changed, a body that is not JSON, too big, not UTF-8, malformed, or
// that has a field dst does not know or a value of the wrong type.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(strings.ToLower(strings.TrimSpace(ct)), "application/json") {
		return &apiError{status: http.StatusUnsupportedMediaType, code: "content_type", args: []string{"type", ct}}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxJSONBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &apiError{status: http.StatusRequestEntityTooLarge, code: "body_too_large", args: []string{"mb", strconv.Itoa(maxJSONBody >> 20)}}
		}
		return badRequest("malformed_json", "", "offset", "0")
	}
	if !utf8.Valid(body) {
		return badRequest("invalid_utf8", "", "offset", strconv.Itoa(firstInvalidUTF8(body)))
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return badRequest("malformed_json", "", "offset", strconv.FormatInt(dec.InputOffset(), 10))
	}
	return nil
}

// jsonError names what was wrong with a body that did not decode.
func jsonError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return badRequest("malformed_json", "", "offset", strconv.FormatInt(syntax.Offset, 10))
	case errors.As(err, &typ):
		return badRequest("wrong_type", typ.Field, "want", jsonTypeName(typ.Type.Kind().String()))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("malformed_json", "", "offset", "end")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		return badRequest("unknown_field", name)
	}
	return badRequest("malformed_json", "", "offset", "?")
}

func jsonTypeName(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"), strings.HasPrefix(kind, "float"):
		return "number"
	case kind == "slice":
		return "array"
	case kind == "map", kind == "struct", kind == "ptr":
		return "object"
	case kind == "bool":
		return "boolean"
	}
	return kind
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// pathID reads a positive id from the URL path.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, khabar.Errorf(khabar.ENotFound, "no %s %q", name, r.PathValue(name))
	}
	return id, nil
}

// apiText is a piece of user text with its language and direction, so that
// a program can show it right without knowing the languages.
type apiText struct {
	Lang string   `json:"lang"`
	Dir  lang.Dir `json:"dir"`
	Text string   `json:"text"`
}

func textIn(l, text string) apiText { return apiText{Lang: l, Dir: lang.Direction(l), Text: text} }

// apiTexts is a khabar.Text as a map of apiText, by language.
func apiTexts(t khabar.Text) map[string]apiText {
	out := map[string]apiText{}
	for l, v := range t {
		if v != "" {
			out[l] = textIn(l, v)
		}
	}
	return out
}
