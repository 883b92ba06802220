package web

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// gate bounds how many renders of pages missing from the cache (or
// searches) run at once. A render waits for a place at most wait, behind at
// most queue others; past that it is refused (503 with Retry-After), so
// that however many readers ask for pages nobody has asked for before,
// they hold a bounded share of the processor and hits are still answered.
// A place that comes free goes to the waiting render the most readers wait
// for (the front page just dropped by a publication before a page one
// reader asked for), the oldest first among equals.
type gate struct {
	mu      sync.Mutex
	free    int
	waiting []*waiter
	queue   int
	wait    time.Duration
	// hold is how long a render refused because the queue is full waits
	// before it is answered: refused at once, a client that asks again
	// as soon as it is refused (a script, a load test) turns each cheap
	// refusal into the next request, and takes the processor from the
	// readers the bound is there for. A reader told to come back in a
	// second loses nothing by hearing it a moment later.
	hold time.Duration
	// held counts the refusals waiting out hold; past holdMost they are
	// answered at once, so that a flood cannot pile up connections.
	held atomic.Int32
}

const holdMost = 512

// waiter is a render waiting for a place; weight is how many readers wait
// for it, read when a place comes free.
type waiter struct {
	ready   chan struct{}
	weight  func() int
	granted bool
}

func newGate(places, queue int, wait time.Duration) *gate {
	return &gate{free: max(1, places), queue: queue, wait: wait, hold: min(wait, time.Second)}
}

// renderGate and searchGate are a server's bounds on renders and searches
// (Config.MaxRenders, MaxSearches). Renders: by default as many at once as
// there are processors, and a long queue: a page missed by many readers is
// rendered once for all of them, so after a restart or a change the queue
// empties as the cache fills. Searches: half the processors (at least one),
// a short queue and a short wait, since random searches never fill any
// cache: together they leave processor time to the readers of cached
// pages.
func renderGate(places int) *gate {
	if places <= 0 {
		places = runtime.GOMAXPROCS(0)
	}
	return newGate(places, 32*places, 3*time.Second)
}

func searchGate(places int) *gate {
	if places <= 0 {
		places = max(1, runtime.GOMAXPROCS(0)/2)
	}
	return newGate(places, 8*places, time.Second)
}

// enter takes a place, and reports false if none came free in time (or
// the reader went away). weight (nil: one) says how many readers wait for
// this render.
func (g *gate) enter(ctx context.Context, weight func() int) bool {
	g.mu.Lock()
	if g.free > 0 && len(g.waiting) == 0 {
		g.free--
		g.mu.Unlock()
		return true
	}
	if len(g.waiting) >= g.queue {
		g.mu.Unlock()
		if g.held.Add(1) <= holdMost {
			t := time.NewTimer(g.hold)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
			}
		}
		g.held.Add(-1)
		return false
	}
	if weight == nil {
		weight = func() int { return 1 }
	}
	w := &waiter{ready: make(chan struct{}), weight: weight}
	g.waiting = append(g.waiting, w)
	g.mu.Unlock()
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case <-w.ready:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if w.granted { // given a place as the wait ended: give it on
		g.grant()
		return false
	}
	for i, o := range g.waiting {
		if o == w {
			g.waiting = append(g.waiting[:i], g.waiting[i+1:]...)
			break
		}
	}
	return false
}

// leave gives the place back.
func (g *gate) leave() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.grant()
}

// grant gives a free place to the waiter most readers wait for; g.mu is
// held.
func (g *gate) grant() {
	if len(g.waiting) == 0 {
		g.free++
		return
	}
	best, most := 0, -1
	for i, w := range g.waiting {
		if n := w.weight(); n > most {
			best, most = i, n
		}
	}
	w := g.waiting[best]
	g.waiting = append(g.waiting[:best], g.waiting[best+1:]...)
	w.granted = true
	close(w.ready)
}
