package web

import (
	"fmt"
	"testing"
	"time"
)

// TestLoginFloodKeepsAThrottledAccount: a flood of attempts from more
// distinct addresses than the tables hold (forged X-Forwarded-For behind a
// careless proxy) does not give a throttled guesser a fresh budget. The
// limiter this replaced emptied its table above 100,000 keys, and with it
// every lock.
func TestLoginFloodKeepsAThrottledAccount(t *testing.T) {
	g := newLoginGuard()
	now := time.Now()
	const guesser, flood = "203.0.113.66", defaultThrottleKeys * 3 / 2
	for range 5 {
		g.knock(guesser, now)
		if _, ok, _ := g.try("admin", guesser, now); !ok {
			t.Fatal("the first five guesses were refused")
		}
	}
	if _, ok, _ := g.try("admin", guesser, now); ok {
		t.Fatal("a sixth guess at once was allowed")
	}
	for i := range flood {
		addr := fmt.Sprintf("10.%d.%d.%d", i>>16, (i>>8)&255, i&255)
		at := now.Add(time.Duration(i) * time.Microsecond)
		g.knock(addr, at)
		g.try(fmt.Sprintf("nobody%d", i), addr, at)
	}
	later := now.Add(flood * time.Microsecond)
	if _, ok, _ := g.try("admin", guesser, later); ok {
		t.Fatal("after a flood of 150,000 addresses the guesser got a fresh budget")
	}
	for _, th := range []*throttle{g.address, g.pair, g.account} {
		if n := th.size(); n > defaultThrottleKeys {
			t.Errorf("a table holds %d keys, more than its bound %d", n, defaultThrottleKeys)
		}
	}
}

// TestThrottleForgetsOnlyFullBuckets: a bucket is dropped once it has
// filled up again, never while it still holds someone back.
func TestThrottleForgetsOnlyFullBuckets(t *testing.T) {
	th := newThrottle(10*time.Second, 2, 100)
	now := time.Now()
	th.take("a", now)
	th.take("a", now)
	th.take("b", now)
	if ok, wait := th.take("a", now); ok || wait != 10*time.Second {
		t.Fatalf("third attempt at once: %v, wait %v", ok, wait)
	}
	th.take("c", now.Add(2*time.Minute)) // sweeps: a and b are full again
	if n := th.size(); n != 1 {
		t.Fatalf("%d buckets after they refilled, want 1 (the new one)", n)
	}
	th.take("d", now.Add(2*time.Minute))
	th.take("d", now.Add(2*time.Minute))
	th.give("d", now.Add(2*time.Minute))
	if ok, _ := th.take("d", now.Add(2*time.Minute)); !ok {
		t.Fatal("an attempt given back was not available again")
	}
}
