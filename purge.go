package khabar

import (
	"context"
	"time"
)

// A Change is one content generation and the topics its write touched.
type Change struct {
	Gen    int64
	Topics []string
}

// PurgeQueue records which changes the shared caches in front of the site
// (Varnish, a CDN) have been told about, so that each change is purged
// from them once: by the node that wrote it, right after its commit, or —
// when that node died first, or the change was written by a command on
// its own — by the first node that finds it unsent.
type PurgeQueue interface {
	// PurgeOwnChanges makes node the sender of the purges of its own
	// writes: from now on each write that touches topics records itself
	// as claimed by node for lease, and after its commit calls fn, in the
	// writer's goroutine and with its context, so that fn may hold the
	// writer's answer until the caches have dropped what it changed.
	PurgeOwnChanges(node string, lease time.Duration, fn func(context.Context, Change))
	// ClaimPurges returns, oldest first and at most limit, the changes
	// not yet purged that node may send: its own, and those whose claim
	// has lapsed, which it claims for lease.
	ClaimPurges(ctx context.Context, node string, lease time.Duration, limit int) ([]Change, error)
	// PurgesSent records that the changes' purges reached every cache.
	PurgesSent(ctx context.Context, gens []int64) error
}
