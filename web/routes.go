package web

import "net/http"

// routes lists every URL of the public site in one place.
func (s *Server) routes() http.Handler {
	// Pages under a language prefix live in their own mux, so that no
	// /{lang}/… pattern can collide with /static/ or /media/.
	langs := http.NewServeMux()
	// Each page names the query parameters it reads: the page cache drops
	// any other before the page sees the request.
	cacheRoutes := map[string]cacheRoute{}
	route := func(pattern string, h handlerFunc, c cacheRoute) {
		langs.Handle(pattern, s.handle(h))
		cacheRoutes[pattern] = c
	}
	page := func(pattern string, h handlerFunc, query ...string) { route(pattern, h, cacheRoute{query: query}) }
	page("GET /{lang}/{$}", s.front)
	page("GET /{lang}/news/{ref}", s.article)
	page("GET /{lang}/section/{slug}", s.sectionPage, "page")
	page("GET /{lang}/tag/{slug}", s.tagPage, "page")
	page("GET /{lang}/author/{slug}", s.authorPage, "page")
	page("GET /{lang}/archive/{$}", s.archiveIndex)
	page("GET /{lang}/archive/{year}/{$}", s.archivePage, "page")
	page("GET /{lang}/archive/{year}/{month}/{$}", s.archivePage, "page")
	page("GET /{lang}/archive/{year}/{month}/{day}/{$}", s.archivePage, "page")
	page("GET /{lang}/page/{slug}", s.staticPage)
	route("GET /{lang}/search", s.searchPage, cacheRoute{query: searchQuery, search: true})
	s.newsletterRoutes(langs, cacheRoutes)
	for _, f := range feedFormats {
		page("GET /{lang}/"+f.file, s.feed(f, ""))
		page("GET /{lang}/section/{slug}/"+f.file, s.feed(f, "section"))
		page("GET /{lang}/tag/{slug}/"+f.file, s.feed(f, "tag"))
	}
	// One address per page: articles, lists and pages end without a slash,
	// front pages and archives with one; the other form redirects (301),
	// with its query as given.
	redirect := cacheRoute{anyQuery: true}
	for _, p := range []string{"/{lang}/news/{ref}/{$}", "/{lang}/section/{slug}/{$}", "/{lang}/tag/{slug}/{$}",
		"/{lang}/author/{slug}/{$}", "/{lang}/page/{slug}/{$}", "/{lang}/search/{$}"} {
		route("GET "+p, s.slashRedirect(false), redirect)
	}
	for _, p := range []string{"/{lang}", "/{lang}/archive", "/{lang}/archive/{year}", "/{lang}/archive/{year}/{month}", "/{lang}/archive/{year}/{month}/{day}"} {
		route("GET "+p, s.slashRedirect(true), redirect)
	}
	// What matches nothing may be an old address (public_redirects.go),
	// looked up with its query: "/index.php?p=12".
	route("/", notFound, cacheRoute{anyQuery: true})

	mux := http.NewServeMux()
	mux.Handle("GET /{$}", s.handle(s.chooseLanguage))
	mux.Handle("GET /static/{path...}", s.handle(s.static))
	mux.Handle("GET /media/{key...}", s.handle(s.media))
	mux.Handle("GET /robots.txt", s.cached(s.handle(s.robots), nil))
	mux.Handle("GET /sitemap.xml", s.cached(s.handle(s.sitemap), nil))
	mux.Handle("GET /sitemaps/{file}", s.cached(s.handle(s.sitemapPart), nil))
	mux.Handle("GET /news-sitemap.xml", s.cached(s.handle(s.newsSitemap), nil))
	mux.Handle("GET /favicon.ico", http.RedirectHandler("/static/favicon.svg", http.StatusMovedPermanently))
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.Handle("/api/v1/", s.apiRoutes())
	mux.Handle("/admin/", s.adminRoutes())
	mux.Handle("/", s.cached(s.topLevelOld(langs), muxRoutes(langs, cacheRoutes))) // every public page, feed and search
	return s.recoverPanics(s.logRequests(securityHeaders(s.hsts(), limitBodies(mux))))
}
