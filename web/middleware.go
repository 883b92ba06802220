package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
)

// contentSecurityPolicy allows nothing from other origins: fonts, styles and
// images are all served by Khabar, and pages run no script.
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; font-src 'self'; " +
	"script-src 'none'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

// hstsMaxAge is how long a browser that once reached the site over HTTPS
// refuses to reach it over plain HTTP: a year, as preload lists expect. It
// names no subdomains: those may be other people's sites.
const hstsMaxAge = "max-age=31536000"

// securityHeaders sets the headers every answer carries. hsts adds
// Strict-Transport-Security: the site is served over HTTPS (its base URL
// says so), whatever a proxy in front speaks to Khabar.
func securityHeaders(hsts bool, next http.Handler) http.Handler {
	// The values are made once and shared by every response: net/http
	// never changes a header's values in place (Set and Add replace or
	// grow the slice), so a request allocates none.
	csp, nosniff, referrer := []string{contentSecurityPolicy}, []string{"nosniff"}, []string{"strict-origin-when-cross-origin"}
	frame, permissions := []string{"SAMEORIGIN"}, []string{"interest-cohort=(), camera=(), microphone=(), geolocation=()"}
	sts := []string{hstsMaxAge}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h["Content-Security-Policy"] = csp
		h["X-Content-Type-Options"] = nosniff
		h["Referrer-Policy"] = referrer
		h["X-Frame-Options"] = frame
		h["Permissions-Policy"] = permissions
		if hsts {
			h["Strict-Transport-Security"] = sts
		}
		next.ServeHTTP(w, r)
	})
}

// statusRecorder remembers the status a handler wrote, for the access log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusRecorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		// Successful requests log at debug: below the usual level, they
		// cost no attributes.
		if level := levelFor(rec.status); s.log.Enabled(r.Context(), level) {
			s.log.LogAttrs(r.Context(), level, "http", slogAttrs(r.Method, r.URL.RequestURI(), rec.status, rec.bytes, time.Since(start))...)
		}
	})
}

// recoverPanics turns a panic in a handler into a logged 500 page instead of
// a dropped connection.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.fail(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintln(w, "ok")
}

// readyz answers 200 only when the database answers.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		s.log.Warn("not ready", "err", err)
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintln(w, "ready")
}

func notFound(w http.ResponseWriter, r *http.Request) error {
	return khabar.NotFound("err.not_found")
}

// slashRedirect sends the other form of a public address to its one form,
// with (withSlash) or without a trailing slash, keeping the query; 301, so
// that search engines and caches learn the address. Only under a language
// of the site: any other path stays a 404.
func (s *Server) slashRedirect(withSlash bool) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, err := s.siteFor(r.Context(), r.PathValue("lang")); err != nil {
			return err
		}
		path := r.URL.EscapedPath()
		if withSlash {
			path += "/"
		} else {
			path = strings.TrimSuffix(path, "/")
		}
		if r.URL.RawQuery != "" {
			path += "?" + r.URL.RawQuery
		}
		w.Header().Set("Location", path)
		w.WriteHeader(http.StatusMovedPermanently)
		return nil
	}
}
