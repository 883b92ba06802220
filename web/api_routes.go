package web

import "net/http"

// apiRoutes lists every URL of the API in one place. The OpenAPI document
// (static/api/openapi.json) describes each of them; a test keeps the two
// in step.
func (s *Server) apiRoutes() http.Handler {
	m := http.NewServeMux()
	// The Content API: public, cached, readable from any origin.
	public := func(h handlerFunc) http.Handler { return contentCORS(s.cached(s.handleAPI(h))) }
	m.Handle("GET /api/v1/site", public(s.apiSite))
	m.Handle("GET /api/v1/sections", public(s.apiSections))
	m.Handle("GET /api/v1/tags", public(s.apiTags))
	m.Handle("GET /api/v1/pages", public(s.apiPages))
	m.Handle("GET /api/v1/stories", public(s.apiStories))
	m.Handle("GET /api/v1/stories/{id}", public(s.apiStory))
	m.Handle("GET /api/v1/search", public(s.apiSearch))
	m.Handle("GET /api/v1/openapi.json", public(s.apiOpenAPI))
	m.Handle("GET /api/v1/docs", s.handle(s.apiDocs))
	m.Handle("OPTIONS /api/v1/{path...}", contentCORS(http.NotFoundHandler()))

	// The Admin API: a token for every request.
	admin := func(h handlerFunc) http.Handler { return s.requireToken(s.handleAPI(h)) }
	m.Handle("GET /api/v1/admin/me", admin(s.apiMe))
	m.Handle("GET /api/v1/admin/stories", admin(s.apiAdminStories))
	m.Handle("POST /api/v1/admin/stories", admin(s.apiCreateStory))
	m.Handle("GET /api/v1/admin/stories/{id}", admin(s.apiAdminStory))
	m.Handle("PATCH /api/v1/admin/stories/{id}", admin(s.apiPatchStory))
	m.Handle("PUT /api/v1/admin/stories/{id}/versions/{lang}", admin(s.apiPutVersion))
	m.Handle("POST /api/v1/admin/stories/{id}/versions/{lang}/status", admin(s.apiChangeStatus))
	m.Handle("POST /api/v1/admin/stories/{id}/versions/{lang}/confirm", admin(s.apiConfirmTranslation))
	m.Handle("POST /api/v1/admin/media", admin(s.apiUploadMedia))
	m.Handle("GET /api/v1/admin/media/{id}", admin(s.apiAdminMedia))
	m.Handle("POST /api/v1/admin/sections", admin(s.apiCreateSection))
	m.Handle("PATCH /api/v1/admin/sections/{id}", admin(s.apiPatchSection))
	m.Handle("POST /api/v1/admin/tags", admin(s.apiCreateTag))
	m.Handle("PATCH /api/v1/admin/tags/{id}", admin(s.apiPatchTag))

	m.Handle("/api/v1/", s.handleAPI(func(http.ResponseWriter, *http.Request) error {
		return &apiError{status: http.StatusNotFound, code: "no_route"}
	}))
	return s.apiIPLimit(s.problemFor405(m))
}

// problemFor405 turns the mux's plain-text "405 Method Not Allowed" into a
// problem document, so that every API error has the same form.
func (s *Server) problemFor405(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&methodNotAllowed{ResponseWriter: w, s: s, r: r}, r)
	})
}

type methodNotAllowed struct {
	http.ResponseWriter
	s        *Server
	r        *http.Request
	replaced bool
}

func (w *methodNotAllowed) WriteHeader(code int) {
	if code == http.StatusMethodNotAllowed && !w.replaced && w.Header().Get("Content-Type") == "text/plain; charset=utf-8" {
		w.replaced = true
		p, _ := w.s.problemOf(w.r, &apiError{status: code, code: "method_not_allowed"})
		w.Header().Set("Cache-Control", "no-store")
		writeAPIJSON(w.ResponseWriter, code, "application/problem+json", p)
		return
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *methodNotAllowed) Write(b []byte) (int, error) {
	if w.replaced {
		return len(b), nil // the mux's plain text, already replaced
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *methodNotAllowed) Unwrap() http.ResponseWriter { return w.ResponseWriter }
