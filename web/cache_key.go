package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// cacheRoute is what the page cache needs to know about a route: the query
// parameters its handler reads and which bound its misses wait under.
type cacheRoute struct {
	// query names the parameters the page reads. Every other one
	// (utm_source, fbclid, gclid, a random one to bust the cache) is
	// dropped before the handler sees the request, so the page cannot
	// depend on it and one cached copy answers every spelling of the URL.
	query []string
	// search: a miss runs a search, which costs more than a page and has
	// its own bound (Server.searches instead of Server.renders).
	search bool
	// api: a refusal is a problem document, not an HTML page.
	api bool
	// anyQuery: the answer (a redirect) carries the query on as given;
	// it is never cached, so no parameter is dropped.
	anyQuery bool
}

// routeOf tells the page cache which route a request is for.
type routeOf func(r *http.Request) cacheRoute

// fixedRoute is a routeOf for a handler that serves one route.
func fixedRoute(c cacheRoute) routeOf { return func(*http.Request) cacheRoute { return c } }

// muxRoutes is a routeOf for a mux whose patterns map to routes.
func muxRoutes(m *http.ServeMux, routes map[string]cacheRoute) routeOf {
	return func(r *http.Request) cacheRoute {
		_, pattern := m.Handler(r)
		return routes[pattern]
	}
}

// cleanQuery returns raw with only the parameters in keep, each once (its
// first non-empty value: handlers read one), in the order of their names:
// the query of the page's cache key and of the request its handler sees.
func cleanQuery(raw string, keep []string) string {
	if raw == "" || len(keep) == 0 {
		return ""
	}
	var b strings.Builder
	vals, _ := url.ParseQuery(raw) // what parses: handlers ignore the rest too
	names := make([]string, 0, len(keep))
	for _, k := range keep {
		if slices.ContainsFunc(vals[k], func(v string) bool { return v != "" }) {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	for _, k := range names {
		i := slices.IndexFunc(vals[k], func(v string) bool { return v != "" })
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(k))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(vals[k][i]))
	}
	return b.String()
}

// withQuery returns r with its query replaced.
func withQuery(r *http.Request, query string) *http.Request {
	r2 := new(http.Request)
	*r2 = *r
	u := *r.URL
	u.RawQuery, u.ForceQuery = query, false
	r2.URL = &u
	return r2
}
