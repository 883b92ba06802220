package web

import (
	"context"
	"runtime"
	"sync/atomic"
	"time"
)

// gate bounds how many renders of pages missing from the cache (or
// searches) run at once. A render waits for a place at most wait, behind at
// most queue others; past that it is refused (503 with Retry-After), so
// that however many readers ask for pages nobody has asked for before,
// they hold a bounded share of the processor and hits are still answered.
type gate struct {
	places  chan struct{}
	waiting atomic.Int32
	queue   int32
	wait    time.Duration
}

func newGate(places, queue int, wait time.Duration) *gate {
	return &gate{places: make(chan struct{}, max(1, places)), queue: int32(queue), wait: wait}
}

// renderGate and searchGate are a server's bounds on renders and searches
// (Config.MaxRenders, MaxSearches). Renders: by default twice as many at
// once as there are processors (a render also waits for the database),
// and a long queue: a page missed by many readers is rendered once for all
// of them, so after a restart or a change the queue empties as the cache
// fills. Searches: as many as there are processors, a short queue and a
// short wait, since random searches never fill any cache.
func renderGate(places int) *gate {
	if places <= 0 {
		places = 2 * runtime.GOMAXPROCS(0)
	}
	return newGate(places, 32*places, 3*time.Second)
}

func searchGate(places int) *gate {
	if places <= 0 {
		places = runtime.GOMAXPROCS(0)
	}
	return newGate(places, 4*places, time.Second)
}

// enter takes a place, and reports false if none came free in time (or
// the reader went away).
func (g *gate) enter(ctx context.Context) bool {
	select {
	case g.places <- struct{}{}:
		return true
	default:
	}
	if g.waiting.Add(1) > g.queue {
		g.waiting.Add(-1)
		return false
	}
	defer g.waiting.Add(-1)
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.places <- struct{}{}:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

// leave gives the place back.
func (g *gate) leave() { <-g.places }
