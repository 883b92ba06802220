package web

import (
	"cmp"
	"slices"
	"sync"
	"time"
)

// loginGuard slows password guessing down without handing anyone a way to
// lock an account:
//   - every address has its own budget for all its attempts, taken before
//     the form is even read;
//   - every account has a budget per address: a guesser at one address
//     slows only themselves;
//   - every account also has one budget for the failures of all the
//     addresses it has never signed in from, so that many addresses
//     together (a botnet) cannot guess faster than one. The addresses the
//     account signed in from lately skip it: a stranger can slow down
//     strangers, never the account's owner where the owner works.
//
// A right password gives back what its attempt took. The buckets live in
// memory, one set per node, and are bounded (see throttle).
type loginGuard struct {
	address, pair, account *throttle
	familiar               *familiar
}

// The budgets: an office behind one address signs in many people; a
// person mistypes a few times; the owner of an account under attack from
// elsewhere keeps signing in from their usual addresses.
func newLoginGuard() *loginGuard {
	return &loginGuard{
		address:  newThrottle(6*time.Second, 20, defaultThrottleKeys),
		pair:     newThrottle(12*time.Second, 5, defaultThrottleKeys),
		account:  newThrottle(30*time.Second, 10, defaultThrottleKeys),
		familiar: newFamiliar(30*24*time.Hour, defaultThrottleKeys),
	}
}

// loginAttempt is what one attempt took, to give back when it succeeds.
type loginAttempt struct {
	g               *loginGuard
	addr, pair, acc string
}

// knock counts an attempt from addr before anything of the request is read.
func (g *loginGuard) knock(addr string, now time.Time) (bool, time.Duration) {
	return g.address.take(addr, now)
}

// try counts an attempt at account from addr (already knocked).
func (g *loginGuard) try(account, addr string, now time.Time) (*loginAttempt, bool, time.Duration) {
	a := &loginAttempt{g: g, addr: addr, pair: account + "\x00" + addr}
	if ok, wait := g.pair.take(a.pair, now); !ok {
		return nil, false, wait
	}
	if !g.familiar.knows(a.pair, now) {
		if ok, wait := g.account.take(account, now); !ok {
			g.pair.give(a.pair, now)
			return nil, false, wait
		}
		a.acc = account
	}
	return a, true, 0
}

// succeeded gives back what the attempt took and remembers the address as
// one the account signs in from.
func (a *loginAttempt) succeeded(now time.Time) {
	a.undo(now)
	a.g.familiar.remember(a.pair, now)
}

// undo gives back what the attempt took: it did not count (a right
// password, or a failure of the server's).
func (a *loginAttempt) undo(now time.Time) {
	a.g.address.give(a.addr, now)
	a.g.pair.give(a.pair, now)
	if a.acc != "" {
		a.g.account.give(a.acc, now)
	}
}

// familiar remembers the (account, address) pairs that signed in, for a
// while, within a bound: when full, the oldest are forgotten first.
type familiar struct {
	mu   sync.Mutex
	keep time.Duration
	max  int
	seen map[string]time.Time
}

func newFamiliar(keep time.Duration, max int) *familiar {
	return &familiar{keep: keep, max: max1(max), seen: map[string]time.Time{}}
}

func (f *familiar) knows(key string, now time.Time) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	at, ok := f.seen[key]
	return ok && now.Sub(at) < f.keep
}

func (f *familiar) remember(key string, now time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.seen[key]; !ok && len(f.seen) >= f.max {
		f.forget(now)
	}
	f.seen[key] = now
}

// forget drops what is too old and, when that is not enough, the oldest
// tenth: only a right password adds a pair, so no stranger can push an
// owner's address out.
func (f *familiar) forget(now time.Time) {
	for k, at := range f.seen {
		if now.Sub(at) >= f.keep {
			delete(f.seen, k)
		}
	}
	if len(f.seen) < f.max {
		return
	}
	keys := make([]string, 0, len(f.seen))
	for k := range f.seen {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Compare(f.seen[a].UnixNano(), f.seen[b].UnixNano()) })
	for _, k := range keys[:len(keys)-f.max*9/10] {
		delete(f.seen, k)
	}
}
