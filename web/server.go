// Package web is Khabar's HTTP side: the public site, feeds and sitemaps,
// static assets and media. Handlers return errors; one place (fail) turns
// error codes into HTTP status and a page in the reader's language.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/i18n"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/newsroom"
)

// Config is what the web layer needs to know about its deployment.
type Config struct {
	// BaseURL is the public address of the site, without a trailing slash
	// (https://news.example.org); canonical links, feeds and sitemaps use it.
	BaseURL string
	Logger  *slog.Logger
	// NoCache turns the page cache off (to measure uncached rendering).
	NoCache bool
	// PageCacheBytes bounds the page cache (with its compressed copies);
	// zero means 64 MB. When full, the least recently used pages go.
	PageCacheBytes int
	// MaxRenders and MaxSearches bound the renders of pages missing from
	// the cache, and the searches, that run at once; zero means as many as
	// there are processors, and half as many (at least one). 32 times as
	// many renders wait at most three seconds, the page most readers wait
	// for first; eight times as many searches wait a second; past that a
	// request is answered 503 with Retry-After.
	MaxRenders, MaxSearches int
	// APILimits are the API's request rates; zero means DefaultAPILimits.
	APILimits APILimits
	// Edge is set when shared caches (Varnish, a CDN) keep the public
	// pages: pages then name their surrogate keys and every change is
	// purged from the caches (cache_edge.go). It needs the page cache.
	Edge *EdgeConfig
	// TrustedProxies are the load balancers and CDNs in front of the site,
	// whose X-Forwarded-For names the reader's address.
	TrustedProxies []netip.Prefix
	// NoHSTS leaves out Strict-Transport-Security, which every answer
	// carries when BaseURL is https:// (for a site trying HTTPS out, or
	// whose proxy sets the header itself).
	NoHSTS bool
	// SitemapURLs is the most URLs one sitemap file holds; zero means
	// 10,000. A site with more has a sitemap index at /sitemap.xml naming
	// the files /sitemaps/1.xml, /sitemaps/2.xml… that hold them.
	SitemapURLs int
}

// Server serves the public site.
type Server struct {
	cfg    Config
	store  khabar.Reader
	blobs  khabar.BlobStore
	cat    *i18n.Catalog
	tmpl   *templates
	admin  *adminTemplates
	news   *newsroom.Service
	logins *loginGuard
	// ipLimiter and tokenLimiter keep the API's request rates.
	ipLimiter, tokenLimiter *rateLimiter
	cache                   *pageCache // nil when Config.NoCache
	edge                    *edge      // nil without Config.Edge
	// renders and searches bound the renders of pages missing from the
	// cache, and of search results (cache_limit.go).
	renders, searches *gate
	busyPages         busyPages // the 503 pages of refused renders (cache_busy.go)
	compress          *compressor
	assets            *assets
	log               *slog.Logger
	handler           http.Handler
	started           time.Time
	imports           moveJobs // the import page's jobs

	// subscribeLimiter keeps the newsletter form from being a way to
	// send confirmation emails to anyone at any rate.
	subscribeLimiter *rateLimiter
}

// New parses the templates (failing fast on an error in them) and builds the routes.
func New(cfg Config, store khabar.Reader, blobs khabar.BlobStore, cat *i18n.Catalog, news *newsroom.Service) (*Server, error) {
	cfg.BaseURL = strings.TrimSuffix(cfg.BaseURL, "/")
	if cfg.BaseURL == "" {
		return nil, errors.New("web: a base URL is required")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	a, err := loadAssets()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, store: store, blobs: blobs, cat: cat, news: news, assets: a, log: cfg.Logger, logins: newLoginGuard(), started: time.Now()}
	if s.tmpl, err = parseTemplates(a); err != nil {
		return nil, err
	}
	if s.admin, err = parseAdminTemplates(a); err != nil {
		return nil, err
	}
	if !cfg.NoCache {
		s.cache, s.compress = newPageCache(s.store.ChangesSince), newCompressor()
		if cfg.PageCacheBytes > 0 {
			s.cache.maxBytes = cfg.PageCacheBytes
		}
		s.renders, s.searches = renderGate(cfg.MaxRenders), searchGate(cfg.MaxSearches)
	}
	if cfg.Edge != nil {
		if cfg.NoCache {
			return nil, errors.New("web: purging shared caches needs the page cache: a page's keys are the topics it is cached by")
		}
		if s.edge, err = newEdge(*cfg.Edge, cfg.BaseURL, cfg.Logger); err != nil {
			return nil, err
		}
	}
	if cfg.APILimits == (APILimits{}) {
		cfg.APILimits = DefaultAPILimits()
		s.cfg.APILimits = cfg.APILimits
	}
	s.ipLimiter = newRateLimiter(cfg.APILimits.PerIP, cfg.APILimits.IPBurst)
	s.tokenLimiter = newRateLimiter(cfg.APILimits.PerToken, cfg.APILimits.TokenBurst)
	s.subscribeLimiter = newRateLimiter(rate.Every(time.Minute), 5)
	s.handler = s.routes()
	return s, nil
}

// PurgeCaches sends the purges of the shared caches (Config.Edge) until ctx
// ends; without them it returns at once.
func (s *Server) PurgeCaches(ctx context.Context) {
	if s.edge != nil {
		s.edge.run(ctx)
	}
}

// ServeHTTP makes the server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// handlerFunc is a handler that returns its error instead of writing it.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// site is what every public handler needs about the request: the settings,
// the page language and the helpers bound to them.
type site struct {
	khabar.Settings
	Lang lang.Language
	loc  *time.Location
}

// siteFor loads the settings and checks that tag is one of the site's languages.
func (s *Server) siteFor(ctx context.Context, tag string) (*site, error) {
	st, err := s.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	if !st.HasLang(tag) {
		return nil, khabar.NotFound("err.not_found")
	}
	l, ok := lang.Lookup(tag)
	if !ok {
		l = lang.Language{Tag: tag, Name: tag, Dir: lang.LTR}
	}
	return &site{Settings: st, Lang: l, loc: st.Location()}, nil
}

// handle adapts a handlerFunc for the mux.
func (s *Server) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// fail writes an error page in the language of the request and logs what
// the reader must not see.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	if status == http.StatusNotFound && s.oldAddress(w, r) {
		return
	}
	if status == http.StatusInternalServerError {
		if errors.Is(err, context.Canceled) {
			return // the reader went away
		}
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	s.renderError(w, r, status)
}

// hsts reports whether answers carry Strict-Transport-Security.
func (s *Server) hsts() bool {
	return strings.HasPrefix(s.cfg.BaseURL, "https://") && !s.cfg.NoHSTS
}

// absURL returns the absolute URL of a site path.
func (s *Server) absURL(path string) string { return s.cfg.BaseURL + path }

// pageParam reads ?page=N (1 when absent); anything else is not a page.
func pageParam(r *http.Request) (int, error) {
	v := r.URL.Query().Get("page")
	if v == "" {
		return 1, nil
	}
	var n int
	if _, err := fmt.Sscanf(v, "%d", &n); err != nil || n < 1 || n > 100000 || fmt.Sprint(n) != v {
		return 0, khabar.NotFound("err.page_number.not_found")
	}
	return n, nil
}
