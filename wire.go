package khabar

import (
	"context"
	"net/url"
	"time"
)

// The wire desk: the feeds of the agencies a newsroom rewrites (TASS, RIA
// Novosti, Interfax …) are polled, and their items land in an inbox per
// language, from which an editor makes a draft that credits the agency.

// Limits of the wire desk.
const (
	// MinWireInterval is the shortest time between two polls of a feed:
	// agencies block clients that ask more often.
	MinWireInterval = time.Minute
	// DefaultWireInterval is the time between polls of a new feed.
	DefaultWireInterval = 5 * time.Minute
	// MaxWireInterval is the longest, and the longest back-off after errors.
	MaxWireInterval = 6 * time.Hour
	// MaxWireURLBytes bounds a feed's address.
	MaxWireURLBytes = 2048
)

// WireFeed is one news feed of a source (an RSS, Atom or JSON Feed
// address) and what its last polls found.
type WireFeed struct {
	ID       int64
	SourceID int64
	URL      string
	// Lang is the language of the feed's items: the inbox they land in.
	Lang     string
	Interval time.Duration
	Paused   bool

	// What the polls found. Status is "" for a feed not polled yet, "ok",
	// or the problem of the last poll (WireProblem); Detail says more (an
	// HTTP status, a limit).
	Status    string
	Detail    string
	CheckedAt time.Time // the last poll
	OKAt      time.Time // the last poll that worked
	Failures  int       // polls that failed in a row
	NextAt    time.Time // when it is polled next
	// ETag and LastModified are the validators of the last answer, sent
	// back so that an unchanged feed costs a 304.
	ETag, LastModified string
	Items              int // items it brought in all
	CreatedAt          time.Time
}

// Validate checks a feed before it is stored.
func (f *WireFeed) Validate() error {
	if f.SourceID <= 0 {
		return Invalid("source", "err.wire.source.required")
	}
	if err := CheckFeedURL("url", f.URL); err != nil {
		return err
	}
	if f.Lang == "" {
		return Invalid("lang", "err.wire.lang.required")
	}
	if f.Interval < MinWireInterval || f.Interval > MaxWireInterval {
		return Invalid("interval", "err.wire.interval", "min", int(MinWireInterval/time.Minute), "max", int(MaxWireInterval/time.Minute))
	}
	return nil
}

// CheckFeedURL accepts an absolute http or https address.
func CheckFeedURL(field, raw string) error {
	if err := checkText(field, raw); err != nil {
		return err
	}
	if raw == "" {
		return Invalid(field, "err.wire.url.required")
	}
	if len(raw) > MaxWireURLBytes {
		return Invalid(field, "err.wire.url.long", "max", MaxWireURLBytes)
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return Invalid(field, "err.wire.url")
	}
	return nil
}

// Problems a poll of a feed can find, kept as the feed's Status.
const (
	WireOK          = "ok"
	WireNetwork     = "network"     // no connection, no answer
	WireTimeout     = "timeout"     // the answer took too long
	WireHTTP        = "http"        // an HTTP error status; Detail is the code
	WireRedirects   = "redirects"   // a redirect loop, or too many redirects
	WireTooLarge    = "too_large"   // the answer is larger than allowed; Detail is the limit
	WireHTML        = "html"        // a web page, not a feed
	WireMalformed   = "malformed"   // neither valid RSS, Atom nor JSON Feed
	WireEncoding    = "encoding"    // text that is not in the encoding the feed declares
	WireEmpty       = "empty"       // a feed without a single usable item
	WireUnsupported = "unsupported" // the address is not allowed (scheme, host)
	WireInternal    = "internal"    // Khabar could not save what it fetched
)

// WireItem is one item of a feed in the inbox. Its texts are plain text as
// the agency wrote them (Body in paragraphs separated by blank lines):
// agency copy is never published as it came, only rewritten.
type WireItem struct {
	ID       int64
	FeedID   int64 // 0 once its feed is deleted
	SourceID int64
	Lang     string
	// GUID is the feed's id of the item; Link its address at the agency.
	// An item with the GUID or the Link of one already in the inbox is
	// the same item, and does not arrive again.
	GUID, Link string
	Title      string
	Summary    string
	Body       string
	Author     string
	ImageURL   string
	// PublishedAt is the time the feed gives (never later than
	// ArrivedAt: a feed's clock can be wrong); ArrivedAt when it came in.
	PublishedAt time.Time
	ArrivedAt   time.Time
	Seen        bool
	// StoryID is the draft made from the item, 0 while none is.
	StoryID int64
	UsedBy  int64
	UsedAt  time.Time
}

// Limits on what one item keeps; longer texts are cut.
const (
	MaxWireTitleRunes   = MaxTitleRunes
	MaxWireSummaryRunes = 2000
	MaxWireBodyRunes    = 50000
	// MaxWireItemsPerPoll bounds the items one poll brings in: a feed
	// of thousands is a mistake (an archive), not a wire.
	MaxWireItemsPerPoll = 500
)

// WireFilter selects items of the inbox, newest first.
type WireFilter struct {
	Lang     string // required
	SourceID int64
	// StoryID keeps the items a draft was made from.
	StoryID int64
	// Seen is "seen", "unseen" or "" for both.
	Seen string
	// Query is searched with the language's analyser in the titles and
	// summaries (see analysis.ParseQuery; words are ANDed).
	Query  string
	Limit  int
	Offset int
}

// WirePoll is what one poll of a feed brought: new items (any already in
// the inbox are skipped), the feed's new state, and the validators to send
// next time.
type WirePoll struct {
	FeedID      int64
	Items       []WireItem
	Status      string
	Detail      string
	NotModified bool // a 304: nothing new, validators unchanged
	ETag        string
	LastMod     string
	Failures    int
	NextAt      time.Time
}

// WireService reads the wire desk.
type WireService interface {
	WireFeeds(ctx context.Context) ([]WireFeed, error) // by source, then address
	WireFeed(ctx context.Context, id int64) (*WireFeed, error)
	// WireItems returns a page of the inbox and how many items match.
	WireItems(ctx context.Context, f WireFilter) ([]WireItem, int, error)
	WireItem(ctx context.Context, id int64) (*WireItem, error)
	// UnseenWire counts the unseen items per language.
	UnseenWire(ctx context.Context) (map[string]int, error)
}

// WireQueue is what the poller of package wire needs: the feeds due, one at
// a time, each claimed by one node so that a feed is polled once however
// many nodes run, and the poll's results.
type WireQueue interface {
	// ClaimWireFeed returns a feed due for a poll and claims it for node
	// until lease runs out; nil when none is due.
	ClaimWireFeed(ctx context.Context, node string, lease time.Duration) (*WireFeed, error)
	// SaveWirePoll stores a poll of a feed node claimed: its new items,
	// and the feed's state. It returns how many items were new; nothing
	// is written when the claim was lost (the lease ran out and another
	// node took the feed).
	SaveWirePoll(ctx context.Context, node string, p WirePoll) (int, error)
	// PruneWire deletes the items that arrived before a time and that no
	// draft was made from.
	PruneWire(ctx context.Context, before time.Time) (int, error)
}
