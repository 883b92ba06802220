package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
)

// A site that moved to Khabar keeps its old addresses: a request that
// found nothing here is looked up among the redirects (imports make one for
// each old permalink; editors add others) and answered 301 with where the
// content lives now. Only requests that found nothing pay for the look-up,
// and no cache keeps a redirect or a 404, so a redirect added works at once.

// oldAddress answers a GET or HEAD that found nothing with its redirect,
// and reports whether it did.
func (s *Server) oldAddress(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	p := r.URL.Path
	if strings.HasPrefix(p, "/admin/") || strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/static/") || strings.HasPrefix(p, "/media/") {
		return false
	}
	from, ok := khabar.RedirectPath(r.URL.RequestURI())
	if !ok {
		return false
	}
	red, err := s.store.RedirectFrom(r.Context(), from)
	if path, _, hasQuery := strings.Cut(from, "?"); hasQuery && khabar.IsNotFound(err) {
		// An old address with a query of its own ("?utm_source=…"), or
		// one the old site ignored: the path alone.
		red, err = s.store.RedirectFrom(r.Context(), path)
	}
	if err != nil {
		if !khabar.IsNotFound(err) {
			s.log.Error("reading a redirect", "path", from, "err", err)
		}
		return false
	}
	to, ok := s.redirectTarget(r, red)
	if !ok {
		return false
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.Redirect(w, r, to, http.StatusMovedPermanently)
	return true
}

// redirectTarget is where a redirect leads now: the story's or page's
// current address (so that it follows a changed slug), or its own.
func (s *Server) redirectTarget(r *http.Request, red *khabar.Redirect) (string, bool) {
	ctx := r.Context()
	switch {
	case red.StoryID != 0:
		vs, err := s.store.Versions(ctx, red.StoryID)
		if err != nil {
			return "", false
		}
		var fallback *khabar.Version
		for i := range vs {
			if vs[i].Status != khabar.StatusPublished {
				continue
			}
			if vs[i].Lang == red.Lang {
				return s.absURL(articlePath(vs[i].Lang, vs[i].StoryID, vs[i].Slug)), true
			}
			if fallback == nil {
				fallback = &vs[i]
			}
		}
		if fallback != nil {
			return s.absURL(articlePath(fallback.Lang, fallback.StoryID, fallback.Slug)), true
		}
		return "", false
	case red.PageID != 0:
		pages, err := s.store.Pages(ctx)
		if err != nil {
			return "", false
		}
		for _, p := range pages {
			if p.ID != red.PageID {
				continue
			}
			if pv := p.Versions[red.Lang]; pv != nil {
				return s.absURL("/" + red.Lang + "/page/" + url.PathEscape(pv.Slug)), true
			}
			for l, pv := range p.Versions {
				return s.absURL("/" + l + "/page/" + url.PathEscape(pv.Slug)), true
			}
		}
		return "", false
	case strings.HasPrefix(red.To, "/"):
		return s.absURL(red.To), true
	}
	return red.To, red.To != ""
}

// topLevelOld answers an old address of one segment ("/about-us") before
// the mux sends it to "/about-us/" as if it were a language's front page.
func (s *Server) topLevelOld(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seg := strings.TrimPrefix(r.URL.Path, "/")
		if seg != "" && !strings.Contains(seg, "/") {
			if _, isLang := lang.Lookup(seg); !isLang && s.oldAddress(w, r) {
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
