package newsroom

import (
	"context"
	"runtime"
	"sync"

	"github.com/khabarnews/khabar/auth"
)

// passwords runs the argon2id work of sign-ins and password changes a few
// at a time. Each hash takes 64 MiB and two threads by design, so a burst of
// logins, right or wrong, from however many addresses, must queue instead
// of taking the server's memory.
type passwords struct {
	slots chan struct{}
	once  sync.Once
	dummy string // a hash to check unknown logins against
}

func newPasswords() *passwords {
	return &passwords{slots: make(chan struct{}, max(1, runtime.GOMAXPROCS(0)/2))}
}

// run waits for a slot (or for the request to end) and runs fn in it.
func (p *passwords) run(ctx context.Context, fn func()) error {
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-p.slots }()
	fn()
	return nil
}

// verify reports whether password matches hash. An empty hash (no such
// login, no password set) is checked against a hash of nothing anyone
// types, so that it takes as long as a wrong password and says nothing
// about which logins exist.
func (p *passwords) verify(ctx context.Context, password, hash string) (bool, error) {
	if hash == "" {
		p.once.Do(func() { p.dummy, _ = auth.Hash("\x00no such login\x00", auth.DefaultParams) })
		hash = p.dummy
	}
	ok := false
	err := p.run(ctx, func() { ok = auth.Verify(password, hash) == nil })
	return ok && hash != p.dummy, err
}

// hash hashes a new password.
func (p *passwords) hash(ctx context.Context, password string) (string, error) {
	var h string
	var err error
	if rerr := p.run(ctx, func() { h, err = auth.Hash(password, auth.DefaultParams) }); rerr != nil {
		return "", rerr
	}
	return h, err
}
