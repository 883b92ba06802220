package web

import (
	"math"
	"net/http"
	"sync"
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

// rateLimiter keeps one token bucket per key, forgetting keys idle for ten
// minutes so that memory stays flat however many clients come by.
type rateLimiter struct {
	mu      sync.Mutex
	limit   rate.Limit
	burst   int
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newRateLimiter(limit rate.Limit, burst int) *rateLimiter {
	return &rateLimiter{limit: limit, burst: burst, buckets: map[string]*bucket{}, swept: time.Now()}
}

// allow takes one request from key's bucket; when it is empty it says how
// many seconds to wait.
func (l *rateLimiter) allow(key string, now time.Time) (bool, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > time.Minute {
		for k, b := range l.buckets {
			if now.Sub(b.seen) > 10*time.Minute {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b := l.buckets[key]
	if b == nil {
		b = &bucket{lim: rate.NewLimiter(l.limit, l.burst)}
		l.buckets[key] = b
	}
	b.seen = now
	res := b.lim.ReserveN(now, 1)
	if !res.OK() {
		return false, 60
	}
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return false, int(math.Ceil(d.Seconds()))
	}
	return true, 0
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
