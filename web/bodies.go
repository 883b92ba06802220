package web

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/media"
)

// Request bodies are bounded before anything reads them. At the edge every
// request may send anonymousBodyBytes; once the session or the API token is
// checked, the route's own limit below applies (signedInBodyBytes when it
// names none), so that only a signed-in user can make the server read
// megabytes. A body that announces more than its limit is refused with 413
// before a byte of it is read; one that sends more without announcing it is
// cut off at the limit.
const (
	anonymousBodyBytes = 64 << 10
	loginBodyBytes     = 16 << 10 // a login, a password of at most 1 KB escaped, a code, a next address
	signedInBodyBytes  = 1 << 20  // the newsroom's small forms
	// storyFormBytes bounds a posted story or page. The stored body may be
	// 2 MiB; HTML pasted from a word processor is several times bigger
	// before it is cleaned, and refusing it would lose what was pasted.
	storyFormBytes = 16 << 20
	// jsonBodyBytes bounds an Admin API request: a story body may be 2 MiB
	// once cleaned, and HTML from a word processor is bigger before.
	jsonBodyBytes = 8 << 20
)

// uploadBodyBytes bounds an upload: the largest image and formSlack for the
// rest of the form.
var uploadBodyBytes = media.DefaultLimits().MaxBytes + formSlack

// adminBodyLimits are the newsroom routes that take more than
// signedInBodyBytes, by their pattern.
var adminBodyLimits = map[string]int64{
	"POST /admin/stories/new":                  storyFormBytes,
	"POST /admin/stories/new/autosave":         storyFormBytes,
	"POST /admin/stories/{id}/{lang}":          storyFormBytes,
	"POST /admin/stories/{id}/{lang}/autosave": storyFormBytes,
	"POST /admin/clean":                        storyFormBytes,
	"POST /admin/stories/suggest-tags":         storyFormBytes,
	"POST /admin/pages":                        storyFormBytes,
	"POST /admin/pages/{id}":                   storyFormBytes,
	"POST /admin/media":                        uploadBodyBytes,
}

// apiBodyLimits are the Admin API routes that take more than
// jsonBodyBytes, by their pattern.
var apiBodyLimits = map[string]int64{
	"POST /api/v1/admin/media": uploadBodyBytes,
}

type rawBodyKey struct{}

// limitBodies is the edge: every body is cut off at anonymousBodyBytes
// until a route raises or lowers the limit with setBodyLimit.
func limitBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && r.Body != http.NoBody {
			r = r.WithContext(context.WithValue(r.Context(), rawBodyKey{}, r.Body))
			r.Body = http.MaxBytesReader(w, r.Body, anonymousBodyBytes)
		}
		next.ServeHTTP(w, r)
	})
}

// setBodyLimit gives the request's body the limit n, refusing up front a
// body that announces more.
func setBodyLimit(w http.ResponseWriter, r *http.Request, n int64) error {
	if r.ContentLength > n {
		return requestTooLarge(n)
	}
	raw, ok := r.Context().Value(rawBodyKey{}).(io.ReadCloser)
	if !ok {
		return nil // no body, or not through the edge
	}
	r.Body = http.MaxBytesReader(w, raw, n)
	return nil
}

// routeBodies applies the limit of each route of mux: limits[pattern], or
// def. With parse, a URL-encoded form is read here, so that no handler
// can mistake a body cut off at its limit for an empty form.
func routeBodies(mux *http.ServeMux, limits map[string]int64, def int64, parse bool, fail func(http.ResponseWriter, *http.Request, error), next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pattern := mux.Handler(r)
		n, ok := limits[pattern]
		if !ok {
			n = def
		}
		if err := setBodyLimit(w, r, n); err != nil {
			fail(w, r, err)
			return
		}
		if parse && r.Method == http.MethodPost && isURLEncoded(r) {
			if err := readForm(r); err != nil {
				fail(w, r, err)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

func isURLEncoded(r *http.Request) bool {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return ct == "application/x-www-form-urlencoded"
}

// readForm parses a posted form: a body over its limit is 413, a broken
// one a clear refusal.
func readForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	return nil
}

// formError says what was wrong with a form that did not parse.
func formError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return requestTooLarge(tooBig.Limit)
	}
	return khabar.Invalid("form", "err.form").Because(err)
}

// requestTooLarge refuses a body over its route's limit of n bytes.
func requestTooLarge(n int64) *apiError {
	return newAPIError(http.StatusRequestEntityTooLarge, "body_too_large", "", "size", khabar.Bytes(n))
}

// adminRefuse answers a newsroom request refused before its handler: JSON
// for the editor's scripts, a page for people.
func (s *Server) adminRefuse(w http.ResponseWriter, r *http.Request, err error) {
	if wantsJSON(r) || strings.HasSuffix(r.URL.Path, "/autosave") {
		s.jsonFail(w, r, err)
		return
	}
	s.adminFail(w, r, err)
}

// apiRefuse answers an API request refused before its handler.
func (s *Server) apiRefuse(w http.ResponseWriter, r *http.Request, err error) {
	s.handleAPI(func(http.ResponseWriter, *http.Request) error { return err }).ServeHTTP(w, r)
}
