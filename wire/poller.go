package wire

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/khabarnews/khabar"
)

// Poller polls the feeds that are due. Each feed is claimed in the
// database before it is fetched, so that however many nodes run a poller,
// a feed is fetched once per turn; a node that dies holding one loses it
// when the lease runs out.
type Poller struct {
	Queue   khabar.WireQueue
	Fetcher *Fetcher
	// Node names this process in the claims it makes.
	Node string
	// Workers is how many feeds one node fetches at once (default 4).
	Workers int
	// Keep is how long unused items stay in the inbox (default 30 days).
	Keep time.Duration
	Now  khabar.Clock
	Log  *slog.Logger
}

// lease is how long a claim lasts: longer than any fetch may take.
func (p *Poller) lease() time.Duration { return 2*p.Fetcher.limits.Timeout + time.Minute }

func (p *Poller) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func (p *Poller) log() *slog.Logger {
	if p.Log != nil {
		return p.Log
	}
	return slog.Default()
}

// PollDue polls every feed that is due until none is, and returns how many
// it polled and how many items they brought.
func (p *Poller) PollDue(ctx context.Context) (polled, added int, err error) {
	workers := p.Workers
	if workers <= 0 {
		workers = 4
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				n, ok, perr := p.pollOne(ctx)
				mu.Lock()
				if ok {
					polled++
					added += n
				}
				if perr != nil && err == nil {
					err = perr
				}
				mu.Unlock()
				if !ok || perr != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	return polled, added, err
}

// pollOne claims one due feed, fetches it and saves what it found; ok is
// false when no feed was due.
func (p *Poller) pollOne(ctx context.Context) (added int, ok bool, err error) {
	feed, err := p.Queue.ClaimWireFeed(ctx, p.Node, p.lease())
	if err != nil || feed == nil {
		return 0, false, err
	}
	got := p.Fetcher.Fetch(ctx, *feed)
	if ctx.Err() != nil {
		return 0, false, ctx.Err() // stopping: the claim runs out, another turn polls it
	}
	poll := Next(*feed, got, p.now())
	added, err = p.Queue.SaveWirePoll(ctx, p.Node, poll)
	if err != nil {
		return 0, true, err
	}
	if got.Status != khabar.WireOK {
		p.log().Warn("wire feed failed", "feed", feed.ID, "url", feed.URL, "status", got.Status, "detail", got.Detail, "failures", poll.Failures)
	} else if added > 0 {
		p.log().Info("wire feed polled", "feed", feed.ID, "new", added)
	}
	return added, true, nil
}

// Next is the feed's state after a fetch: on success the next poll after
// its interval; after a failure later and later (the interval doubled for
// each failure in a row, at most MaxWireInterval), and never sooner than
// the server asked.
func Next(feed khabar.WireFeed, got Fetched, now time.Time) khabar.WirePoll {
	poll := khabar.WirePoll{FeedID: feed.ID, Items: got.Items, Status: got.Status, Detail: got.Detail,
		NotModified: got.NotModified, ETag: got.ETag, LastMod: got.LastMod}
	wait := feed.Interval
	if got.Status != khabar.WireOK {
		poll.Failures = feed.Failures + 1
		for i := 1; i < poll.Failures && wait < khabar.MaxWireInterval; i++ {
			wait *= 2
		}
		wait = max(min(wait, khabar.MaxWireInterval), min(got.RetryAfter, khabar.MaxWireInterval))
	}
	poll.NextAt = now.Add(wait)
	return poll
}

// Run polls the due feeds every interval until ctx ends, and once a day
// removes the items no one used that are older than Keep.
func (p *Poller) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	var pruned time.Time
	for {
		if _, _, err := p.PollDue(ctx); err != nil && ctx.Err() == nil {
			p.log().Error("polling wire feeds", "err", err)
		}
		if now := p.now(); now.Sub(pruned) > 24*time.Hour {
			keep := p.Keep
			if keep <= 0 {
				keep = 30 * 24 * time.Hour
			}
			if n, err := p.Queue.PruneWire(ctx, now.Add(-keep)); err != nil && ctx.Err() == nil {
				p.log().Error("pruning the wire inbox", "err", err)
			} else if err == nil {
				pruned = now
				if n > 0 {
					p.log().Info("pruned the wire inbox", "items", n)
				}
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
