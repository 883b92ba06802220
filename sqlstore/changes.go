package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/khabarnews/khabar"
)

// Every write that readers can see raises the content generation and
// records, in the same transaction, the topics it touched (table
// content_changes). Each node keeps the recent ones in memory: its own
// writes as they commit, other nodes' as watchGeneration reads them.

const (
	// keptChanges is how many generations a node remembers; a cache
	// further behind than that drops everything.
	keptChanges = 4096
	// keptChangeRows is how many the database keeps for nodes that read
	// them late; older rows are deleted every pruneEvery generations.
	keptChangeRows = 10000
	pruneEvery     = 1000
)

// changeLog is the topics of the recent generations this node knows.
type changeLog struct {
	mu   sync.Mutex
	base int64 // the generations up to base are not known
	gens map[int64][]string
}

// reset forgets everything up to and including gen: caches older than
// that must drop all they hold.
func (l *changeLog) reset(gen int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if gen <= l.base {
		return
	}
	l.base = gen
	for g := range l.gens {
		if g <= gen {
			delete(l.gens, g)
		}
	}
}

func (l *changeLog) add(gen int64, topics []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if gen <= l.base {
		return
	}
	if l.gens == nil {
		l.gens = map[int64][]string{}
	}
	l.gens[gen] = topics
	if len(l.gens) > keptChanges {
		newest := int64(0)
		for g := range l.gens {
			newest = max(newest, g)
		}
		for g := range l.gens {
			if g <= newest-keptChanges {
				delete(l.gens, g)
				l.base = max(l.base, g)
			}
		}
	}
}

// since returns the topics of the generations after since, as far as they
// follow each other without a gap (a write that committed but has not yet
// been recorded), and the last generation they cover.
func (l *changeLog) since(since int64) (topics []string, upTo int64, complete bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if since < l.base {
		upTo = l.base
		for l.gens[upTo+1] != nil {
			upTo++
		}
		return nil, upTo, false
	}
	seen := map[string]bool{}
	upTo = since
	for {
		ts, ok := l.gens[upTo+1]
		if !ok {
			break
		}
		upTo++
		for _, t := range ts {
			if !seen[t] {
				seen[t] = true
				topics = append(topics, t)
			}
		}
	}
	slices.Sort(topics)
	return topics, upTo, true
}

// ChangesSince implements khabar.Store.
func (db *DB) ChangesSince(since int64) ([]string, int64, bool) {
	return db.changes.since(since)
}

// recordChange raises the generation and records what the write touched;
// it runs inside the write's transaction.
func (db *DB) recordChange(ctx context.Context, tx *sql.Tx, topics []string) (int64, error) {
	var gen int64
	if err := tx.QueryRowContext(ctx, `UPDATE content_generation SET n = n + 1 WHERE id = 1 RETURNING n`).Scan(&gen); err != nil {
		return 0, fmt.Errorf("counting the change: %w", err)
	}
	node, until := db.claim()
	if _, err := tx.ExecContext(ctx, db.q(`INSERT INTO content_changes (gen, topics, purge_node, purge_until) VALUES (?, ?, ?, ?)`),
		gen, strings.Join(topics, " "), node, until); err != nil {
		return 0, fmt.Errorf("recording the change: %w", err)
	}
	if gen%pruneEvery == 0 {
		if _, err := tx.ExecContext(ctx, db.q(`DELETE FROM content_changes WHERE gen <= ?`), gen-keptChangeRows); err != nil {
			return 0, fmt.Errorf("pruning changes: %w", err)
		}
	}
	return gen, nil
}

// known is the last generation up to which this node knows every change.
func (l *changeLog) known() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	g := l.base
	for l.gens[g+1] != nil {
		g++
	}
	return g
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// readChanges adds the changes after the last one this node knows and
// before generation before (0: up to the current one): other nodes'
// writes, or another process's on the same SQLite file.
func (db *DB) readChanges(ctx context.Context, q queryer, before int64) error {
	after := db.changes.known()
	if before == 0 {
		// The counter first, the rows up to it next: a generation without
		// its row then means a write that recorded none (a node of an
		// older Khabar, during a rolling upgrade), not one committing.
		rows, err := q.QueryContext(ctx, `SELECT n FROM content_generation WHERE id = 1`)
		if err != nil {
			return fmt.Errorf("reading changes: %w", err)
		}
		var n int64
		for rows.Next() {
			err = rows.Scan(&n)
		}
		rows.Close()
		if err != nil {
			return fmt.Errorf("reading changes: %w", err)
		}
		if n <= after {
			return nil
		}
		before = n + 1
	}
	query, args := `SELECT gen, topics FROM content_changes WHERE gen > ?`, []any{after}
	if before > 0 {
		query, args = query+` AND gen < ?`, append(args, before)
	}
	rows, err := q.QueryContext(ctx, db.q(query+` ORDER BY gen LIMIT 5000`), args...)
	if err != nil {
		return fmt.Errorf("reading changes: %w", err)
	}
	defer rows.Close()
	next := after + 1
	for rows.Next() {
		var gen int64
		var topics string
		if err := rows.Scan(&gen, &topics); err != nil {
			return fmt.Errorf("reading changes: %w", err)
		}
		if gen != next {
			// Pruned before this node read them (it was away for long):
			// unknown, so caches behind this point drop everything.
			db.changes.reset(gen - 1)
		}
		db.changes.add(gen, strings.Fields(topics))
		db.seeGeneration(gen)
		next = gen + 1
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading changes: %w", err)
	}
	if next < before {
		// Generations without their rows, or more than one read takes:
		// unknown, so caches behind this point drop everything.
		db.changes.reset(before - 1)
		db.seeGeneration(before - 1)
	}
	return nil
}

// topicSet gathers the topics of one write without repeats.
type topicSet map[string]struct{}

func (s topicSet) add(topics ...string) {
	for _, t := range topics {
		s[t] = struct{}{}
	}
}

func (s topicSet) list() []string {
	out := make([]string, 0, len(s))
	for t := range s {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// everything is the topics of a write whose reach is not worked out.
var everything = []string{khabar.TopicAll}
