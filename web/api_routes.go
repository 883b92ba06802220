package web

import (
	"net/http"
	"strings"
)

// apiRoutes lists every URL of the API in one place. The OpenAPI document
// (web/openapi.json) describes each of them; a test keeps the two
// in step.
func (s *Server) apiRoutes() http.Handler {
	m := http.NewServeMux()
	// The Content API: public, cached, readable from any origin. Each
	// names the query parameters it reads.
	public := func(h handlerFunc, query ...string) http.Handler {
		return contentCORS(s.cached(s.handleAPI(h), fixedRoute(cacheRoute{query: query, api: true})))
	}
	m.Handle("GET /api/v1/site", public(s.apiSite))
	m.Handle("GET /api/v1/sections", public(s.apiSections))
	m.Handle("GET /api/v1/tags", public(s.apiTags))
	m.Handle("GET /api/v1/pages", public(s.apiPages, "lang"))
	m.Handle("GET /api/v1/stories", public(s.apiStories, "lang", "section", "tag", "from", "to", "updated_since", "limit", "cursor"))
	m.Handle("GET /api/v1/stories/{id}", public(s.apiStory, "lang"))
	m.Handle("GET /api/v1/search", contentCORS(s.cached(s.handleAPI(s.apiSearch),
		fixedRoute(cacheRoute{query: searchQuery, search: true, api: true}))))
	m.Handle("GET /api/v1/openapi.json", public(s.apiOpenAPI))
	m.Handle("GET /api/v1/docs", s.handle(s.apiDocs))
	m.Handle("OPTIONS /api/v1/{path...}", contentCORS(http.NotFoundHandler()))

	// The Admin API: a token for every request.
	admin := func(h handlerFunc) http.Handler {
		return s.requireToken(routeBodies(m, apiBodyLimits, jsonBodyBytes, false, s.apiRefuse, s.handleAPI(h)))
	}
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
	m.Handle("GET /api/v1/admin/sources", admin(s.apiAdminSources))
	m.Handle("POST /api/v1/admin/sources", admin(s.apiCreateSource))
	m.Handle("PATCH /api/v1/admin/sources/{id}", admin(s.apiPatchSource))
	m.Handle("GET /api/v1/admin/redirects", admin(s.apiAdminRedirects))
	m.Handle("POST /api/v1/admin/redirects", admin(s.apiCreateRedirect))
	m.Handle("PATCH /api/v1/admin/redirects/{id}", admin(s.apiPatchRedirect))
	m.Handle("DELETE /api/v1/admin/redirects/{id}", admin(s.apiDeleteRedirect))
	m.Handle("GET /api/v1/admin/wire/items", admin(s.apiWireItems))
	m.Handle("POST /api/v1/admin/wire/items/{id}/use", admin(s.apiWireUse))
	m.Handle("POST /api/v1/admin/wire/seen", admin(s.apiWireSeen))
	m.Handle("GET /api/v1/admin/wire/feeds", admin(s.apiWireFeeds))
	m.Handle("POST /api/v1/admin/wire/feeds", admin(s.apiCreateWireFeed))
	m.Handle("PATCH /api/v1/admin/wire/feeds/{id}", admin(s.apiPatchWireFeed))
	m.Handle("DELETE /api/v1/admin/wire/feeds/{id}", admin(s.apiDeleteWireFeed))
	m.Handle("GET /api/v1/admin/newsletter/subscribers", admin(s.apiSubscribers))
	m.Handle("DELETE /api/v1/admin/newsletter/subscribers/{id}", admin(s.apiDeleteSubscriber))
	m.Handle("GET /api/v1/admin/newsletter/issues", admin(s.apiIssues))
	m.Handle("POST /api/v1/admin/newsletter/issues", admin(s.apiSendIssue))
	m.Handle("GET /api/v1/admin/channels", admin(s.apiChannels))
	m.Handle("PUT /api/v1/admin/channels/{lang}", admin(s.apiPutChannel))
	m.Handle("GET /api/v1/admin/channels/{lang}/posts", admin(s.apiChannelPosts))
	m.Handle("POST /api/v1/admin/channels/{lang}/posts", admin(s.apiPostStory))

	// Anything else is a problem too: 405 with Allow where the address
	// takes other methods, 404 where there is nothing.
	m.Handle("/api/v1/", s.handleAPI(func(w http.ResponseWriter, r *http.Request) error {
		if allow := allowedMethods(m, r); len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			return newAPIError(http.StatusMethodNotAllowed, "method_not_allowed", "")
		}
		return newAPIError(http.StatusNotFound, "no_route", "")
	}))
	return s.apiIPLimit(m)
}

// allowedMethods lists the methods that have a route at r's address.
func allowedMethods(m *http.ServeMux, r *http.Request) []string {
	var out []string
	for _, method := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
		probe := r.Clone(r.Context())
		probe.Method = method
		if _, pattern := m.Handler(probe); pattern != "/api/v1/" && pattern != "" {
			out = append(out, method)
		}
	}
	return out
}
