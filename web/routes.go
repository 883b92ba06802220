package web

import "net/http"

// routes lists every URL of the public site in one place.
func (s *Server) routes() http.Handler {
	// Pages under a language prefix live in their own mux, so that no
	// /{lang}/… pattern can collide with /static/ or /media/.
	langs := http.NewServeMux()
	langs.Handle("GET /{lang}/{$}", s.handle(s.front))
	langs.Handle("GET /{lang}/news/{ref}", s.handle(s.article))
	langs.Handle("GET /{lang}/section/{slug}", s.handle(s.sectionPage))
	langs.Handle("GET /{lang}/tag/{slug}", s.handle(s.tagPage))
	langs.Handle("GET /{lang}/author/{slug}", s.handle(s.authorPage))
	langs.Handle("GET /{lang}/archive/{$}", s.handle(s.archiveIndex))
	langs.Handle("GET /{lang}/archive/{year}/{$}", s.handle(s.archivePage))
	langs.Handle("GET /{lang}/archive/{year}/{month}/{$}", s.handle(s.archivePage))
	langs.Handle("GET /{lang}/archive/{year}/{month}/{day}/{$}", s.handle(s.archivePage))
	langs.Handle("GET /{lang}/page/{slug}", s.handle(s.staticPage))
	langs.Handle("GET /{lang}/search", s.handle(s.searchPage))
	s.newsletterRoutes(langs)
	for _, f := range feedFormats {
		langs.Handle("GET /{lang}/"+f.file, s.handle(s.feed(f, "")))
		langs.Handle("GET /{lang}/section/{slug}/"+f.file, s.handle(s.feed(f, "section")))
		langs.Handle("GET /{lang}/tag/{slug}/"+f.file, s.handle(s.feed(f, "tag")))
	}
	// One address per page: articles, lists and pages end without a slash,
	// front pages and archives with one; the other form redirects (301).
	for _, p := range []string{"/{lang}/news/{ref}/{$}", "/{lang}/section/{slug}/{$}", "/{lang}/tag/{slug}/{$}",
		"/{lang}/author/{slug}/{$}", "/{lang}/page/{slug}/{$}", "/{lang}/search/{$}"} {
		langs.Handle("GET "+p, s.handle(s.slashRedirect(false)))
	}
	for _, p := range []string{"/{lang}", "/{lang}/archive", "/{lang}/archive/{year}", "/{lang}/archive/{year}/{month}", "/{lang}/archive/{year}/{month}/{day}"} {
		langs.Handle("GET "+p, s.handle(s.slashRedirect(true)))
	}
	langs.Handle("/", s.handle(notFound))

	mux := http.NewServeMux()
	mux.Handle("GET /{$}", s.handle(s.chooseLanguage))
	mux.Handle("GET /static/{path...}", s.handle(s.static))
	mux.Handle("GET /media/{key...}", s.handle(s.media))
	mux.Handle("GET /robots.txt", s.cached(s.handle(s.robots)))
	mux.Handle("GET /sitemap.xml", s.cached(s.handle(s.sitemap)))
	mux.Handle("GET /news-sitemap.xml", s.cached(s.handle(s.newsSitemap)))
	mux.Handle("GET /favicon.ico", http.RedirectHandler("/static/favicon.svg", http.StatusMovedPermanently))
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.Handle("/api/v1/", s.apiRoutes())
	mux.Handle("/admin/", s.adminRoutes())
	mux.Handle("/", s.cached(langs)) // every public page, feed and search
	return s.recoverPanics(s.logRequests(securityHeaders(s.hsts(), limitBodies(mux))))
}
