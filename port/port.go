// Package port moves whole sites in and out of Khabar: it imports
// WordPress exports (WXR, read by package wxr) and Khabar archives, and
// writes Khabar archives (docs/archive.md). Everything it brings in goes through
// package newsroom, as an editor's changes do: the same rules, the same
// cleaning of bodies, an audit entry for each change, and a record of what
// each imported item became, so that an import run again updates instead
// of duplicating.
package port

import (
	"net/http"
	"time"

	"github.com/khabarnews/khabar/media"
)

// Progress is how far an import has gone: Phase names the part
// ("reading", "media", "stories", "indexing"), Done and Total count its
// items (or, while reading, bytes).
type Progress struct {
	Phase       string
	Done, Total int64
}

// ProgressFunc is told of progress now and then.
type ProgressFunc func(Progress)

// Options are what an import may do beyond reading its file.
type Options struct {
	// DryRun checks everything and writes nothing; the report says what
	// would happen.
	DryRun bool
	// Uploads is a copy of the old site's wp-content/uploads directory,
	// where a WordPress import finds its images; without it they are
	// fetched over HTTP from the old site.
	Uploads string
	// NoFetch keeps a WordPress import from fetching images over HTTP.
	NoFetch bool
	// Client fetches images; nil for one with Timeout.
	Client *http.Client
	// Concurrency is how many images are fetched at once (default 4);
	// Timeout bounds each fetch (default 30 s).
	Concurrency int
	Timeout     time.Duration
	// Limits are the checks of every image, as for uploads.
	Limits media.Limits
	// MaxBytes refuses a larger import file (default 4 GiB).
	MaxBytes int64
	// Lang is the language of posts that name none (a site without a
	// multilingual plugin); "" for the old site's own language, else the
	// site's default language.
	Lang     string
	Progress ProgressFunc
}

func (o *Options) defaults() {
	if o.Concurrency <= 0 {
		o.Concurrency = 4
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.Limits == (media.Limits{}) {
		o.Limits = media.DefaultLimits()
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 4 << 30
	}
	if o.Client == nil {
		o.Client = &http.Client{Timeout: o.Timeout}
	}
	if o.Progress == nil {
		o.Progress = func(Progress) {}
	}
}

// progressEvery limits how often a loop reports its progress.
type progressEvery struct {
	fn   ProgressFunc
	last time.Time
	sent Progress
}

func (p *progressEvery) report(pr Progress) {
	if pr == p.sent {
		return
	}
	if now := time.Now(); now.Sub(p.last) >= 100*time.Millisecond || pr.Done == pr.Total {
		p.last, p.sent = now, pr
		p.fn(pr)
	}
}
