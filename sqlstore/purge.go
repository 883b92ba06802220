package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/khabarnews/khabar"
)

// purger is this node's part in purging shared caches (khabar.PurgeQueue):
// who it is, how long its claims last, and what to call after each of its
// writes commits.
type purger struct {
	node  string
	lease time.Duration
	fn    func(context.Context, khabar.Change)
}

// PurgeOwnChanges implements khabar.PurgeQueue.
func (db *DB) PurgeOwnChanges(node string, lease time.Duration, fn func(context.Context, khabar.Change)) {
	db.purger.Store(&purger{node: node, lease: lease, fn: fn})
}

// claim is who a change being recorded now is claimed by, and until when
// (milliseconds): nobody when this node does not purge.
func (db *DB) claim() (node string, until int64) {
	p := db.purger.Load()
	if p == nil {
		return "", 0
	}
	return p.node, db.nowMillis() + p.lease.Milliseconds()
}

// ownChange tells this node's purger about a write that has committed.
func (db *DB) ownChange(ctx context.Context, gen int64, topics []string) {
	if p := db.purger.Load(); p != nil {
		p.fn(ctx, khabar.Change{Gen: gen, Topics: topics})
	}
}

// ClaimPurges implements khabar.PurgeQueue.
func (db *DB) ClaimPurges(ctx context.Context, node string, lease time.Duration, limit int) ([]khabar.Change, error) {
	now := db.nowMillis()
	var lapsed int
	err := db.read.QueryRowContext(ctx, db.q(`SELECT COUNT(*) FROM (SELECT gen FROM content_changes
		WHERE purged = FALSE AND purge_until < ? LIMIT 1) t`), now).Scan(&lapsed)
	if err != nil {
		return nil, fmt.Errorf("reading unsent purges: %w", err)
	}
	if lapsed > 0 {
		// Each row is claimed by one node: PostgreSQL checks the
		// condition again on the row another node has just claimed.
		_, err := db.write.ExecContext(ctx, db.q(`UPDATE content_changes SET purge_node = ?, purge_until = ?
			WHERE purged = FALSE AND purge_until < ? AND gen IN (SELECT gen FROM content_changes
				WHERE purged = FALSE AND purge_until < ? ORDER BY gen LIMIT ?)`),
			node, now+lease.Milliseconds(), now, now, limit)
		if err != nil {
			return nil, fmt.Errorf("claiming purges: %w", err)
		}
	}
	rows, err := db.read.QueryContext(ctx, db.q(`SELECT gen, topics FROM content_changes
		WHERE purged = FALSE AND purge_node = ? ORDER BY gen LIMIT ?`), node, limit)
	if err != nil {
		return nil, fmt.Errorf("reading claimed purges: %w", err)
	}
	defer rows.Close()
	var out []khabar.Change
	for rows.Next() {
		var c khabar.Change
		var topics string
		if err := rows.Scan(&c.Gen, &topics); err != nil {
			return nil, fmt.Errorf("reading claimed purges: %w", err)
		}
		c.Topics = strings.Fields(topics)
		out = append(out, c)
	}
	return out, rows.Err()
}

// PurgesSent implements khabar.PurgeQueue.
func (db *DB) PurgesSent(ctx context.Context, gens []int64) error {
	if len(gens) == 0 {
		return nil
	}
	args := make([]any, len(gens))
	for i, g := range gens {
		args[i] = g
	}
	_, err := db.write.ExecContext(ctx, db.q(`UPDATE content_changes SET purged = TRUE WHERE gen IN (`+placeholders(len(gens))+`)`), args...)
	if err != nil {
		return fmt.Errorf("recording purges sent: %w", err)
	}
	return nil
}

// syncer makes Sync read the database once for all the callers that arrive
// while a read is under way, and never answer a caller with a read that
// started before it arrived.
type syncer struct {
	mu      sync.Mutex
	started atomic.Int64 // reads started
	done    int64        // the last read finished, under mu
}

// Sync implements khabar.Store: on PostgreSQL it reads the generation and
// the changes up to it now; on SQLite this node's own writes are all there
// is, and they are known at once.
func (db *DB) Sync(ctx context.Context) error {
	if db.stop == nil {
		return nil
	}
	s := &db.sync
	arrived := s.started.Load()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done > arrived {
		return nil // a read that started after this call finished meanwhile
	}
	n := s.started.Add(1)
	if err := db.readChanges(ctx, db.read, 0); err != nil {
		return err
	}
	s.done = n
	return nil
}
