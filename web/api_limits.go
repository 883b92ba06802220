package web

import (
	"math"
	"net/http"
	"time"

	"golang.org/x/time/rate"
)

// APILimits are the request rates the API allows: per client address for
// every API request, and per token for the Admin API. A request over the
// rate gets 429 with Retry-After.
type APILimits struct {
	PerIP      rate.Limit // requests per second
	IPBurst    int
	PerToken   rate.Limit
	TokenBurst int
}

// DefaultAPILimits suit a partner app polling the Content API and a
// newsroom script importing stories one by one.
func DefaultAPILimits() APILimits {
	return APILimits{PerIP: 20, IPBurst: 100, PerToken: 10, TokenBurst: 50}
}

// rateLimiter is a throttle counted in requests per second, with
// Retry-After in whole seconds.
type rateLimiter struct{ t *throttle }

func newRateLimiter(limit rate.Limit, burst int) *rateLimiter {
	every := time.Duration(math.MaxInt64)
	if limit > 0 {
		every = time.Duration(float64(time.Second) / float64(limit))
	}
	return &rateLimiter{newThrottle(every, burst, defaultThrottleKeys)}
}

// allow takes one request from key's bucket; when it is empty it says how
// many seconds to wait.
func (l *rateLimiter) allow(key string, now time.Time) (bool, int) {
	if ok, wait := l.t.take(key, now); !ok {
		return false, retrySeconds(wait)
	}
	return true, 0
}

// retrySeconds is a wait as Retry-After: whole seconds, at least one, at
// most an hour.
func retrySeconds(d time.Duration) int {
	return int(min(max(math.Ceil(d.Seconds()), 1), 3600))
}

func tooManyRequests(retry int) *apiError {
	return withRetry(newAPIError(http.StatusTooManyRequests, "rate_limited", ""), retry)
}

// apiIPLimit refuses requests from an address over its rate.
func (s *Server) apiIPLimit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ok, retry := s.ipLimiter.allow(s.clientIP(r), time.Now()); !ok {
			s.handleAPI(func(http.ResponseWriter, *http.Request) error { return tooManyRequests(retry) }).ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// contentCORS lets pages on other origins read the Content API: it is
// public and read-only, and sends no cookies. The Admin API sends no CORS
// headers: its tokens belong in programs, not in web pages.
func contentCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Expose-Headers", "ETag, Content-Language, Retry-After")
		if r.Method == http.MethodOptions {
			h.Set("Access-Control-Allow-Methods", "GET, HEAD")
			h.Set("Access-Control-Allow-Headers", "Accept-Language, If-None-Match")
			h.Set("Access-Control-Max-Age", "86400")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}
