package web

import (
	"cmp"
	"math"
	"slices"
	"sync"
	"time"
)

// throttle keeps a token bucket per key (an address, a token, an account):
// burst attempts at once, then one every `every`. Memory stays bounded
// however many keys a flood brings, without ever forgetting a bucket that
// still holds someone back:
//   - a bucket that has filled up again is the same as no bucket, so it is
//     dropped (the sweep);
//   - when the table is full all the same, the fullest buckets go first:
//     an attacker who wants a throttled key forgotten must first fill the
//     table with keys that are emptier, each of which costs them attempts.
type throttle struct {
	mu      sync.Mutex
	every   time.Duration
	burst   float64
	max     int
	buckets map[string]*tokens
	swept   time.Time
}

// tokens is one bucket: its level at a moment.
type tokens struct {
	level float64
	at    time.Time
}

// defaultThrottleKeys bounds each table: about 100 bytes a key, 10 MB.
const defaultThrottleKeys = 100_000

func newThrottle(every time.Duration, burst, max int) *throttle {
	if every <= 0 {
		every = time.Nanosecond
	}
	return &throttle{every: every, burst: float64(max1(burst)), max: max1(max), buckets: map[string]*tokens{}}
}

func max1(n int) int { return max(n, 1) }

// levelAt is the bucket's level at now, refilled since it was last seen.
func (t *throttle) levelAt(b *tokens, now time.Time) float64 {
	return math.Min(t.burst, b.level+float64(now.Sub(b.at))/float64(t.every))
}

// take takes one attempt from key's bucket. When the bucket is empty it
// takes nothing and says how long until an attempt is allowed.
func (t *throttle) take(key string, now time.Time) (bool, time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sweep(now)
	b := t.buckets[key]
	if b == nil {
		t.makeRoom(now)
		b = &tokens{level: t.burst, at: now}
		t.buckets[key] = b
	}
	level := t.levelAt(b, now)
	if level < 1 {
		return false, time.Duration((1 - level) * float64(t.every))
	}
	b.level, b.at = level-1, now
	return true, 0
}

// give returns an attempt taken from key's bucket: a request that
// succeeded (a right password) or that failed for a reason of ours does
// not count against anyone.
func (t *throttle) give(key string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if b := t.buckets[key]; b != nil {
		b.level, b.at = math.Min(t.burst, t.levelAt(b, now)+1), now
	}
}

// sweep drops, now and then, the buckets that have filled up again.
func (t *throttle) sweep(now time.Time) {
	if now.Sub(t.swept) < time.Minute {
		return
	}
	t.swept = now
	for k, b := range t.buckets {
		if t.levelAt(b, now) >= t.burst {
			delete(t.buckets, k)
		}
	}
}

// makeRoom keeps the table under its bound before a new key is added: full
// buckets go first, then the fullest ones, down to nine tenths of the
// bound, so that a flood pays for this sort once every max/10 new keys.
func (t *throttle) makeRoom(now time.Time) {
	if len(t.buckets) < t.max {
		return
	}
	t.swept = time.Time{}
	t.sweep(now)
	if len(t.buckets) < t.max {
		return
	}
	type keyed struct {
		key   string
		level float64
	}
	all := make([]keyed, 0, len(t.buckets))
	for k, b := range t.buckets {
		all = append(all, keyed{k, t.levelAt(b, now)})
	}
	slices.SortFunc(all, func(a, b keyed) int { return cmp.Compare(b.level, a.level) })
	for _, k := range all[:len(all)-t.max*9/10] {
		delete(t.buckets, k.key)
	}
}

// size is the number of keys the throttle holds.
func (t *throttle) size() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.buckets)
}
