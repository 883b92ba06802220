package web

import (
	"context"
	"encoding/json"
	"errors"
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
// body it cannot read, a parameter it cannot use, a limit. Its message is
// the catalogue's api.error.<code>, carried by the khabar.Error inside.
type apiError struct {
	status int
	code   string // problem code, for programs
	params []invalidParam
	// retryAfter is the Retry-After of a 429, in seconds.
	retryAfter int
	err        *khabar.Error
}

func (e *apiError) Error() string { return e.err.Error() }
func (e *apiError) Unwrap() error { return e.err }

// newAPIError refuses a request with status and problem code; args fill
// the message's placeholders, {field} among them.
func newAPIError(status int, code, field string, args ...any) *apiError {
	kc := khabar.EInvalid
	switch status {
	case http.StatusUnauthorized:
		kc = khabar.EUnauthorized
	case http.StatusForbidden:
		kc = khabar.EForbidden
	case http.StatusNotFound:
		kc = khabar.ENotFound
	}
	args = append([]any{"field", field}, args...)
	return &apiError{status: status, code: code, err: khabar.NewError(kc, field, "api.error."+code, args...)}
}

func badRequest(code, field string, args ...any) *apiError {
	return newAPIError(http.StatusBadRequest, code, field, args...)
}

// invalidParams refuses parameters that cannot be used, each with why.
func invalidParams(params ...invalidParam) *apiError {
	e := badRequest("invalid_params", params[0].Name)
	e.params = params
	return e
}

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
		s.recordRefusal(r, err)
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

// problemOf turns an error into a problem document in the client's
// language; its detail is said by i18n.Catalog.Error, as everywhere.
func (s *Server) problemOf(r *http.Request, err error) (problem, int) {
	tag := s.apiMessageLang(r)
	p := problem{Detail: s.cat.Error(tag, lang.LatnDigits, err)}
	retry := 0
	var ae *apiError
	ke := khabar.AsError(err)
	switch {
	case errors.As(err, &ae):
		p.Status, p.Code, p.Field, p.InvalidParams, retry = ae.status, ae.code, ae.err.Field, ae.params, ae.retryAfter
	case media.RejectionOf(err) != nil:
		p.Status, p.Code, p.Field = http.StatusBadRequest, "upload_refused", "file"
		if media.RejectionOf(err).Reason == media.ReasonTooLarge {
			p.Status = http.StatusRequestEntityTooLarge
		}
	case ke.Code != khabar.EInternal:
		p.Status, p.Code, p.Field = statusOf(err), string(ke.Code), ke.Field
		if code, ok := strings.CutPrefix(ke.Key, "api.error."); ok {
			p.Code = code // token_invalid …: a refusal programs tell apart
		}
		if n, ok := ke.Arg("current").(int64); ok && ke.Code == khabar.EConflict {
			p.CurrentRevision = n
		}
	default:
		p.Status, p.Code = http.StatusInternalServerError, "internal"
	}
	p.Type = s.absURL("/api/v1/docs#problem-" + p.Code)
	p.Title = s.cat.T(tag, "api.title."+strconv.Itoa(p.Status))
	return p, retry
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
		return 0, khabar.NotFound("api.error.not_found")
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

// withRetry adds the Retry-After of a refusal, in seconds.
func withRetry(e *apiError, seconds int) *apiError {
	e.retryAfter = seconds
	return e
}
