package web

import (
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// busyPages keeps the "come back in a moment" page (503) of each language
// for a second. A refusal exists to spare the processor, so it must cost
// far less than what it refuses: rendered each time, with its reads of the
// settings and the menus, 2,000 refused searches a second took a core and
// doubled the p99 of the cached pages other readers were being served.
type busyPages struct {
	mu    sync.Mutex
	pages map[string]*busyPage
}

type busyPage struct {
	header http.Header
	body   []byte
	until  time.Time
}

const (
	busyPageLife = time.Second
	// busyPagesMost bounds the kept pages: the key holds the reader's
	// Accept-Language, which a client can vary at will.
	busyPagesMost = 64
)

// serve answers r with the kept page of its language, rendering and
// keeping it first when there is none (or it is older than a second).
func (b *busyPages) serve(w http.ResponseWriter, r *http.Request, render func(http.ResponseWriter)) {
	// The page's language comes from the path's first segment, or from
	// Accept-Language when that is not one of the site's: both are the key.
	first, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	key := first + "\x00" + r.Header.Get("Accept-Language")
	now := time.Now()
	b.mu.Lock()
	p := b.pages[key]
	b.mu.Unlock()
	if p == nil || now.After(p.until) {
		rec := &recorder{header: http.Header{}}
		render(rec)
		p = &busyPage{header: rec.header, body: rec.body.Bytes(), until: now.Add(busyPageLife)}
		b.mu.Lock()
		if b.pages == nil || len(b.pages) >= busyPagesMost {
			b.pages = map[string]*busyPage{}
		}
		b.pages[key] = p
		b.mu.Unlock()
	}
	h := w.Header()
	for k, v := range p.header {
		h[k] = slices.Clone(v)
	}
	w.WriteHeader(http.StatusServiceUnavailable)
	w.Write(p.body)
}
