package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/khabarnews/khabar"
)

// edge purges the shared caches: every change this node writes, right after
// its commit, and any change whose writer died before sending it (the
// store's purge queue, khabar.PurgeQueue). Purges are retried until every
// cache has answered; a write waits for its own at most EdgeConfig.PurgeWait,
// and not at all while a cache is not answering.
type edge struct {
	keyHeader string
	targets   []PurgeTarget
	host      string // the site's host, the Host of every purge
	wait      time.Duration
	node      string
	queue     khabar.PurgeQueue
	client    *http.Client
	log       *slog.Logger

	mu      sync.Mutex
	pending map[int64]*pendingPurge // known, not yet sent
	healthy bool                    // the last round reached every cache
	wake    chan struct{}
}

// pendingPurge is one change to purge; done is closed once it is sent.
type pendingPurge struct {
	change khabar.Change
	done   chan struct{}
}

const (
	// purgeLease is how long a node's claim on a change lasts before
	// another node sends it instead.
	purgeLease = 30 * time.Second
	// purgeSweep is how often a node looks for changes nobody sent.
	purgeSweep = 2 * time.Second
	// purgeTimeout bounds one purge request.
	purgeTimeout = 5 * time.Second
)

func newEdge(cfg EdgeConfig, baseURL string, log *slog.Logger) (*edge, error) {
	if cfg.Queue == nil {
		return nil, fmt.Errorf("web: purging shared caches needs the store's purge queue")
	}
	if cfg.KeyHeader == "" {
		cfg.KeyHeader = "xkey"
	}
	if strings.ContainsAny(cfg.KeyHeader, " :\r\n") {
		return nil, fmt.Errorf("web: %q is not a header name", cfg.KeyHeader)
	}
	for _, t := range cfg.Purge {
		u, err := url.Parse(t.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("web: purge address %q is not an http:// or https:// URL", t.URL)
		}
	}
	base, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("web: base URL: %w", err)
	}
	if cfg.PurgeWait == 0 {
		cfg.PurgeWait = 2 * time.Second
	}
	id := make([]byte, 8)
	rand.Read(id)
	return &edge{keyHeader: http.CanonicalHeaderKey(cfg.KeyHeader), targets: cfg.Purge, host: base.Host, wait: cfg.PurgeWait,
		node: hex.EncodeToString(id), queue: cfg.Queue, client: &http.Client{Timeout: purgeTimeout}, log: log,
		pending: map[int64]*pendingPurge{}, healthy: true, wake: make(chan struct{}, 1)}, nil
}

// own is the store's call after each write of this node commits: the
// change is queued and the writer waits until the caches have dropped
// what it changed, or PurgeWait has passed.
func (e *edge) own(ctx context.Context, c khabar.Change) {
	if len(e.targets) == 0 {
		return
	}
	p := e.add(c)
	e.mu.Lock()
	healthy := e.healthy
	e.mu.Unlock()
	if !healthy {
		return
	}
	t := time.NewTimer(e.wait)
	defer t.Stop()
	select {
	case <-p.done:
	case <-t.C:
		e.log.Warn("purge not yet sent; the write answers without waiting further", "generation", c.Gen)
	case <-ctx.Done():
	}
}

// add queues a change (once) and wakes the sender.
func (e *edge) add(c khabar.Change) *pendingPurge {
	e.mu.Lock()
	p := e.pending[c.Gen]
	if p == nil {
		p = &pendingPurge{change: c, done: make(chan struct{})}
		e.pending[c.Gen] = p
	}
	e.mu.Unlock()
	select {
	case e.wake <- struct{}{}:
	default:
	}
	return p
}

// run sends purges until ctx ends: what is queued as soon as it is, and
// every purgeSweep what the store says nobody sent.
func (e *edge) run(ctx context.Context) {
	if len(e.targets) == 0 {
		return
	}
	e.queue.PurgeOwnChanges(e.node, purgeLease, e.own)
	sweep := time.NewTicker(purgeSweep)
	defer sweep.Stop()
	retry := time.Duration(0)
	for {
		var again <-chan time.Time
		if retry > 0 {
			again = time.After(retry)
		}
		select {
		case <-ctx.Done():
			return
		case <-e.wake:
		case <-again:
		case <-sweep.C:
			e.claim(ctx)
		}
		if e.round(ctx) {
			retry = 0
		} else {
			retry = min(max(2*retry, 100*time.Millisecond), 5*time.Second)
		}
	}
}

// claim queues the changes the store hands this node: its own not yet
// marked sent, and those whose sender's claim lapsed.
func (e *edge) claim(ctx context.Context) {
	cs, err := e.queue.ClaimPurges(ctx, e.node, purgeLease, 1000)
	if err != nil {
		e.log.Warn("reading purges to send", "err", err)
		return
	}
	for _, c := range cs {
		e.add(c)
	}
}

// round sends everything queued to every cache, and reports whether every
// cache took it.
func (e *edge) round(ctx context.Context) bool {
	e.mu.Lock()
	batch := make([]*pendingPurge, 0, len(e.pending))
	for _, p := range e.pending {
		batch = append(batch, p)
	}
	e.mu.Unlock()
	if len(batch) == 0 {
		return true
	}
	slices.SortFunc(batch, func(a, b *pendingPurge) int { return int(a.change.Gen - b.change.Gen) })
	var topics []string
	gens := make([]string, len(batch))
	for i, p := range batch {
		topics = append(topics, p.change.Topics...)
		gens[i] = strconv.FormatInt(p.change.Gen, 10)
	}
	keys := purgeBatches(purgeKeys(topics))
	err := e.send(ctx, keys, strings.Join(gens, " "), gens[len(gens)-1])
	e.mu.Lock()
	e.healthy = err == nil
	if err == nil {
		for _, p := range batch {
			delete(e.pending, p.change.Gen)
			close(p.done)
		}
	}
	e.mu.Unlock()
	if err != nil {
		e.log.Warn("purging shared caches; trying again", "err", err, "changes", len(batch))
		return false
	}
	sent := make([]int64, len(batch))
	for i, p := range batch {
		sent[i] = p.change.Gen
	}
	if err := e.queue.PurgesSent(ctx, sent); err != nil {
		// Sent all the same: another node may send them again later,
		// which does no harm.
		e.log.Warn("recording purges sent", "err", err)
	}
	return true
}

// send purges keys from every cache, each cache in its own goroutine.
func (e *edge) send(ctx context.Context, keys []string, changes, gen string) error {
	errs := make([]error, len(e.targets))
	var wg sync.WaitGroup
	for i, t := range e.targets {
		wg.Go(func() {
			for _, k := range keys {
				if err := e.purge(ctx, t, k, changes, gen); err != nil {
					errs[i] = err
					return
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// purge sends one purge of keys (one header value) to one cache.
func (e *edge) purge(ctx context.Context, t PurgeTarget, keys, changes, gen string) error {
	method, header := "PURGE", "xkey"
	if t.Fastly {
		method, header = http.MethodPost, "Surrogate-Key"
	}
	req, err := http.NewRequestWithContext(ctx, method, t.URL, nil)
	if err != nil {
		return err
	}
	req.Host = e.host
	req.Header.Set(header, keys)
	req.Header.Set("X-Khabar-Changes", changes)
	req.Header.Set("X-Khabar-Generation", gen)
	if t.Fastly {
		req.Header.Set("Accept", "application/json")
		if t.Token != "" {
			req.Header.Set("Fastly-Key", t.Token)
		}
	}
	res, err := e.client.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, t.URL, err)
	}
	io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	res.Body.Close()
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("%s %s: %s", method, t.URL, res.Status)
	}
	return nil
}
