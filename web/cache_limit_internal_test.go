package web

import (
	"context"
	"testing"
	"time"
)

// TestGateHoldsRefusals: a render refused because the queue is full is
// answered after the gate's hold, not at once (a client retrying at once
// would make a flood of the refusals), unless the reader goes away first.
func TestGateHoldsRefusals(t *testing.T) {
	g := newGate(1, 1, 5*time.Second)
	g.hold = 200 * time.Millisecond // shorter than the wait: the queued render stays queued
	ctx := context.Background()
	if !g.enter(ctx, nil) {
		t.Fatal("an empty gate refused")
	}
	queued := make(chan bool)
	go func() { queued <- g.enter(ctx, nil) }()
	for { // the second render waits in the queue
		g.mu.Lock()
		n := len(g.waiting)
		g.mu.Unlock()
		if n == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	t0 := time.Now()
	if g.enter(ctx, nil) {
		t.Fatal("a render beyond the queue got a place")
	}
	if held := time.Since(t0); held < g.hold {
		t.Errorf("a refusal was answered after %v; the hold is %v", held, g.hold)
	}
	gone, cancel := context.WithCancel(ctx)
	cancel()
	t0 = time.Now()
	if g.enter(gone, nil) || time.Since(t0) >= g.hold {
		t.Error("a reader who went away was held")
	}
	g.leave()
	if !<-queued {
		t.Error("the queued render got no place when the first left")
	}
	g.leave()
	if g.held.Load() != 0 || g.free != 1 {
		t.Errorf("after all left: %d held, %d free", g.held.Load(), g.free)
	}
}
