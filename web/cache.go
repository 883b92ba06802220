package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/khabarnews/khabar"
)

// pageCache keeps rendered public pages, feeds and sitemaps in memory, each
// with brotli, zstd and gzip copies and a strong ETag. Each page remembers
// the topics it was made from (khabar.Depend: the stories it shows, the
// lists it shows them from, the settings). When the store's content
// generation moves, on this node or another, the cache asks the store
// which topics the changes touched and drops exactly the pages made from
// them before it answers again, so a reader never sees a page older than
// the last change and the other pages stay; shared caches in front are
// purged of the same topics (cache_edge.go, cache_purge.go).
//
// A page is kept under its path and the query parameters it reads
// (cacheRoute), so that tracking or random parameters find the same copy;
// a full cache drops the pages least recently used; renders of misses wait
// for a place under a bound (gate), so that misses never take the
// processor from hits. What depends on the clock alone is the day (the
// date in the header, "today" beside a time), so a page lives until the
// site's next midnight, and at most maxAge (the news sitemap's two days
// move by the hour). Scheduled stories are published by the scheduler, a
// change like any other.
type pageCache struct {
	// changes is the store's ChangesSince.
	changes func(since int64) (topics []string, upTo int64, complete bool)
	// catchUp lets one request at a time apply the changes of a new
	// generation; the others wait for it, and then find the pages that
	// show the change gone.
	catchUp sync.Mutex
	mu      sync.Mutex
	gen     int64 // the generation the cached pages are up to date with
	pages   map[string]*cachedPage
	// byTopic finds the pages made from a topic, so that a change costs
	// the pages it drops, not a look at every page.
	byTopic map[string]map[*cachedPage]struct{}
	// lru is a ring of the pages, the most recently used after it: when
	// the cache is full, the least recently used pages make room.
	lru      cachedPage
	size     int
	maxBytes int
	maxAge   time.Duration
	// renders are the renders in progress, by key: readers who miss the
	// same page at the same generation wait for one render instead of
	// each rendering it (a page that expires under load would otherwise
	// be rendered by every connection at once).
	renders map[string]*render
}

// render is one render in progress; page is set (or left nil when the
// answer may not be cached) before done is closed, and busy when the render
// was refused for want of a place (see gate).
type render struct {
	gen  int64
	done chan struct{}
	page *cachedPage
	busy bool
	// followers are the readers waiting for this render: the more, the
	// sooner it gets a place (gate).
	followers atomic.Int32
}

type cachedPage struct {
	key     string
	status  int // 200, or 410 for a withdrawn article
	header  http.Header
	body    []byte
	encs    []encoding // compressed copies, smallest first
	etag    string
	expires time.Time
	// The header values that servePage sets at every hit, made once when
	// the page is kept, so that a hit allocates none; keysV are its
	// surrogate keys, for shared caches (Config.Edge).
	etagV, varyV, lenV, keysV []string
	// topics are what the page was made from: a change of any of them
	// drops it.
	topics []string
	// prev and next link the pages from the most to the least recently
	// used (pageCache.lru).
	prev, next *cachedPage
}

// bytes is what the page holds in memory.
func (p *cachedPage) bytes() int {
	n := len(p.body)
	for _, e := range p.encs {
		n += len(e.body)
	}
	return n
}

func newPageCache(changes func(int64) ([]string, int64, bool)) *pageCache {
	c := &pageCache{changes: changes, maxBytes: 64 << 20, maxAge: time.Hour, renders: map[string]*render{}}
	c.flush()
	return c
}

// flush drops every page; c.mu is held.
func (c *pageCache) flush() {
	c.pages, c.byTopic, c.size = map[string]*cachedPage{}, map[string]map[*cachedPage]struct{}{}, 0
	c.lru.prev, c.lru.next = &c.lru, &c.lru
}

// unlink takes p out of the ring; link puts it at the front.
func (c *pageCache) unlink(p *cachedPage) {
	p.prev.next, p.next.prev = p.next, p.prev
	p.prev, p.next = nil, nil
}

func (c *pageCache) link(p *cachedPage) {
	p.prev, p.next = &c.lru, c.lru.next
	p.prev.next, p.next.prev = p, p
}

// drop removes one page; c.mu is held.
func (c *pageCache) drop(p *cachedPage) {
	if c.pages[p.key] != p {
		return
	}
	delete(c.pages, p.key)
	c.unlink(p)
	c.size -= p.bytes()
	for _, t := range p.topics {
		if set := c.byTopic[t]; set != nil {
			delete(set, p)
			if len(set) == 0 {
				delete(c.byTopic, t)
			}
		}
	}
}

// keep adds a page; c.mu is held.
func (c *pageCache) keep(p *cachedPage) {
	if old := c.pages[p.key]; old != nil {
		c.drop(old)
	}
	for c.size+p.bytes() > c.maxBytes && c.lru.prev != &c.lru {
		c.drop(c.lru.prev)
	}
	c.pages[p.key] = p
	c.link(p)
	c.size += p.bytes()
	for _, t := range p.topics {
		set := c.byTopic[t]
		if set == nil {
			set = map[*cachedPage]struct{}{}
			c.byTopic[t] = set
		}
		set[p] = struct{}{}
	}
}

// follow brings the cache up to generation gen: it drops the pages made
// from what the changes since its own generation touched (everything, if
// the store no longer knows them all).
func (c *pageCache) follow(gen int64) {
	c.catchUp.Lock()
	defer c.catchUp.Unlock()
	c.mu.Lock()
	since := c.gen
	c.mu.Unlock()
	if since >= gen {
		return // another request caught up meanwhile
	}
	topics, upTo, complete := c.changes(since)
	c.mu.Lock()
	defer c.mu.Unlock()
	if !complete || slices.Contains(topics, khabar.TopicAll) {
		c.flush()
	} else {
		for _, t := range append(topics, khabar.TopicAll) { // TopicAll: pages that named no topic
			for p := range c.byTopic[t] {
				c.drop(p)
			}
		}
	}
	c.gen = max(c.gen, upTo)
}

// join returns the render of key at gen in progress, or starts one that
// the caller (lead) must finish with done.
func (c *pageCache) join(key string, gen int64) (rd *render, lead bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if rd := c.renders[key]; rd != nil && rd.gen == gen {
		rd.followers.Add(1)
		return rd, false
	}
	rd = &render{gen: gen, done: make(chan struct{})}
	c.renders[key] = rd
	return rd, true
}

// finish ends a render started by join.
func (c *pageCache) finish(key string, rd *render, p *cachedPage, busy bool) {
	c.mu.Lock()
	if c.renders[key] == rd {
		delete(c.renders, key)
	}
	c.mu.Unlock()
	rd.page, rd.busy = p, busy
	close(rd.done)
}

// get returns the page kept under key, if it is up to date at gen.
func (c *pageCache) get(key string, gen int64, now time.Time) *cachedPage {
	c.mu.Lock()
	if gen > c.gen {
		c.mu.Unlock()
		c.follow(gen)
		c.mu.Lock()
	}
	defer c.mu.Unlock()
	if gen != c.gen {
		// A change the store has counted but not yet recorded (it is
		// committing): nothing here is known to be current.
		return nil
	}
	p := c.pages[key]
	if p == nil || !now.Before(p.expires) {
		return nil
	}
	if c.lru.next != p {
		c.unlink(p)
		c.link(p)
	}
	return p
}

func (c *pageCache) put(key string, gen int64, p *cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return // rendered before a change: never keep it
	}
	p.key = key
	c.keep(p)
}

// recorder buffers a response so that it can be cached.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}

// cached serves GET requests from the page cache, rendering and keeping
// what answers 200, or 410 for a withdrawn article, with a public
// Cache-Control. route says which query
// parameters the page reads (nil: none) and which bound its renders wait
// under.
func (s *Server) cached(next http.Handler, route routeOf) http.Handler {
	if route == nil {
		route = fixedRoute(cacheRoute{})
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.cache == nil || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			next.ServeHTTP(w, r)
			return
		}
		// The route is looked up only when needed: a hit on a plain URL
		// never does.
		var rt cacheRoute
		known := false
		if r.URL.RawQuery != "" || r.URL.ForceQuery {
			rt, known = route(r), true
			if !rt.anyQuery {
				r = withQuery(r, cleanQuery(r.URL.RawQuery, rt.query))
			}
		}
		key := r.URL.RequestURI()
		if s.edge != nil {
			// A shared cache asks only for what it lacks, perhaps just
			// after another node's change was purged from it: answer
			// with nothing older than that change.
			if err := s.store.Sync(r.Context()); err != nil {
				s.log.Warn("reading other nodes' changes", "err", err)
			}
		}
		gen := s.store.Generation()
		if p := s.cache.get(key, gen, time.Now()); p != nil {
			s.servePage(w, r, p, gen, xCacheHit)
			return
		}
		rd, lead := s.cache.join(key, gen)
		if !lead {
			select {
			case <-rd.done:
				if rd.page != nil {
					s.servePage(w, r, rd.page, rd.gen, xCacheHit)
					return
				}
			case <-r.Context().Done():
				return
			}
		}
		if !known {
			rt = route(r)
		}
		if !lead && rd.busy {
			s.busy(w, r, rt)
			return
		}
		// A miss, or the page may not be cached: rendered for this
		// request, under the route's bound.
		var page *cachedPage
		busy := false
		if lead {
			defer func() { s.cache.finish(key, rd, page, busy) }()
		}
		g := s.renders
		if rt.search {
			g = s.searches
		}
		var weight func() int
		if lead {
			weight = func() int { return 1 + int(rd.followers.Load()) }
		}
		if !g.enter(r.Context(), weight) {
			if r.Context().Err() == nil {
				busy = true
				s.busy(w, r, rt)
			}
			return
		}
		defer g.leave()
		page = s.render1(w, r, next, key, gen)
	})
}

// render1 renders a page missing from the cache for one request, answers
// it, and keeps the page if it may be cached.
func (s *Server) render1(w http.ResponseWriter, r *http.Request, next http.Handler, key string, gen int64) *cachedPage {
	// The day the page shows is the day its render starts: it lives
	// until that day's end.
	now := time.Now()
	rec := &recorder{header: http.Header{}}
	deps := &khabar.Deps{}
	next.ServeHTTP(rec, r.WithContext(khabar.WithDeps(r.Context(), deps)))
	if rec.status == 0 {
		return nil // nothing written: the reader went away mid-render
	}
	if !cacheableStatus(rec.status) || !strings.HasPrefix(rec.header.Get("Cache-Control"), "public") {
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.status)
		w.Write(rec.body.Bytes())
		return nil
	}
	p := &cachedPage{status: rec.status, header: rec.header, body: rec.body.Bytes(), expires: now.Add(s.cache.maxAge)}
	if st, err := s.store.Settings(r.Context()); err == nil {
		if midnight := nextMidnight(now, st.Location()); midnight.Before(p.expires) {
			p.expires = midnight
		}
	}
	sum := sha256.Sum256(p.body)
	p.etag = `"` + hex.EncodeToString(sum[:12]) + `"`
	p.encs = s.compress.copies(p.body)
	p.etagV = []string{p.etag}
	p.varyV = append(slices.Clone(p.header.Values("Vary")), "Accept-Encoding")
	p.lenV = []string{itoa(len(p.body))}
	if p.topics = deps.Topics(); len(p.topics) == 0 {
		p.topics = []string{khabar.TopicAll} // made from nothing it named: any change drops it
	}
	if s.edge != nil {
		p.keysV = []string{pageKeys(p.topics)}
	}
	s.cache.put(key, gen, p)
	s.servePage(w, r, p, gen, xCacheMiss)
	return p
}

// busy answers a request whose render found no place in time: 503 with
// Retry-After, never cached.
func (s *Server) busy(w http.ResponseWriter, r *http.Request, rt cacheRoute) {
	w.Header().Set("Retry-After", "1")
	if rt.api {
		s.handleAPI(func(http.ResponseWriter, *http.Request) error {
			return withRetry(newAPIError(http.StatusServiceUnavailable, "busy", ""), 1)
		}).ServeHTTP(w, r)
		return
	}
	s.busyPages.serve(w, r, func(w http.ResponseWriter) { s.renderError(w, r, http.StatusServiceUnavailable) })
}

// X-Cache tells an operator whether a page came from the cache ("hit") or
// was rendered for this request ("miss").
var xCacheHit, xCacheMiss = []string{"hit"}, []string{"miss"}

// servePage writes a cached page, up to date at generation gen: 304 for a
// matching If-None-Match, the smallest compressed copy the client takes
// (brotli, zstd or gzip).
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, p *cachedPage, gen int64, xCache []string) {
	h := w.Header()
	for k, v := range p.header {
		h[k] = v
	}
	if s.edge != nil {
		s.edge.headers(h, p, gen, time.Now())
	}
	h["X-Cache"] = xCache
	h["Etag"] = p.etagV
	h["Vary"] = p.varyV
	if match := r.Header.Get("If-None-Match"); match != "" && p.status == http.StatusOK && strings.Contains(match, p.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body, length := p.body, p.lenV
	ae := r.Header.Get("Accept-Encoding")
	for _, e := range p.encs {
		if acceptsEncoding(ae, e.name) {
			h["Content-Encoding"] = e.encV
			body, length = e.body, e.lenV
			break
		}
	}
	h["Content-Length"] = length
	if r.Method == http.MethodHead {
		w.WriteHeader(p.status)
		return
	}
	if len(body) < oneWriteFrom || len(body) > maxHeld-2048 {
		w.WriteHeader(p.status)
		w.Write(body)
		return
	}
	inOneWrite(w, r, func() {
		w.WriteHeader(p.status)
		w.Write(body)
	})
}

// cacheableStatus reports whether a page answering status may be kept:
// a page, or the notice of a withdrawn article, which readers of an old
// link keep asking for and which is purged like the article
// (khabar.StoryTopic) when it is published again.
func cacheableStatus(status int) bool {
	return status == http.StatusOK || status == http.StatusGone
}

// oneWriteFrom is the body size from which headers and body may not fit
// net/http's 4 KB buffer together (the headers take about 700 bytes).
const oneWriteFrom = 3 << 10

// nextMidnight is when the day after now's begins in loc.
func nextMidnight(now time.Time, loc *time.Location) time.Time {
	y, m, d := now.In(loc).Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, loc)
}
