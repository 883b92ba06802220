package khabar

import (
	"context"
	"time"
)

// Store is everything Khabar keeps. Each backend (SQLite, PostgreSQL)
// implements all of it and passes the conformance suite in package storetest.
type Store interface {
	Reader
	Writer
	WireQueue
	MailQueue
	ChannelQueue
	// Update runs fn as one transaction: every write made with the context
	// fn is given joins it, and they all commit together or not at all.
	// A change and its audit entry are written this way, so that neither
	// can exist without the other.
	Update(ctx context.Context, fn func(ctx context.Context) error) error
	PurgeQueue
	Close() error
}

// Reader is what the public site, the API and the newsroom's pages read.
// Package web holds only a Reader: every change goes through package
// newsroom, which holds the Writer.
type Reader interface {
	StoryService
	SectionService
	TagService
	SourceService
	MediaService
	UserService
	PageService
	SettingsService
	AuditService
	SessionService
	APITokenService
	SearchService
	LexiconService
	RedirectService
	ImportService
	ArchiveService
	WireService
	NewsletterService
	ChannelService
	// Generation grows with every change of the content, on any node, so
	// that caches know when what they hold may be stale.
	Generation() int64
	// ChangesSince returns the topics touched by the changes after
	// generation since, up to generation upTo. complete is false when
	// this node no longer knows them all (it was behind for long): the
	// caller must then treat everything as changed.
	ChangesSince(since int64) (topics []string, upTo int64, complete bool)
	// View runs fn with a context whose reads all see one state of the
	// store, whatever is written meanwhile (an export of a running site).
	View(ctx context.Context, fn func(ctx context.Context) error) error
	// Sync brings Generation and ChangesSince up to the database's own
	// count now, when other nodes write to it too (they are otherwise
	// read every fraction of a second): a node behind a shared cache
	// answers the cache's misses with nothing older than a change whose
	// purge the cache has already seen.
	Sync(ctx context.Context) error
	// Ping checks that the database answers; used by /readyz.
	Ping(ctx context.Context) error
}

// Writer is every change a store can make. Only package newsroom calls
// these methods, each inside Store.Update with its audit entry; a test in
// newsroom fails when code in web or cmd calls one.
type Writer interface {
	// Stories and their language versions.
	// CreateStory stores a new story and its first versions. It sets the
	// ids, times and revision 1 of each version, credited to the user named
	// by khabar.WithActor (the system when none is).
	CreateStory(ctx context.Context, s *Story, versions []*Version) error
	// UpdateStory saves the shared fields of a story (section, tags, …).
	// s.Revision must be the revision the change was based on; a stale one
	// is refused with EConflict and nothing is written. On success
	// s.Revision is the new revision.
	UpdateStory(ctx context.Context, s *Story) error
	// SaveVersion creates or updates one language version. v.Revision must be
	// the revision the edit was based on (0 for a new version); a stale one
	// is refused with EConflict and nothing is written. On success
	// v.Revision is the new revision.
	SaveVersion(ctx context.Context, v *Version, userID int64) error
	// SavePending saves the text of p as a change of the published version
	// p.StoryID/p.Lang that does not go live: readers go on seeing the
	// version's text, and p becomes its pending revision, made against the
	// original's revision synced. base must be the version's current
	// revision (EConflict otherwise); on success p.Number is the new one.
	// A SaveVersion of the version later replaces or drops the pending
	// change, as its PendingRevision says.
	SavePending(ctx context.Context, p *Revision, base, synced int64) error
	// PublishDue publishes the scheduled versions whose time has come and
	// returns them. Each is published exactly once, however many callers race.
	PublishDue(ctx context.Context) ([]Version, error)
	// ExpireDue unpublishes the published versions whose expiry time has
	// come and returns them, each exactly once.
	ExpireDue(ctx context.Context) ([]Version, error)
	// AddCorrection puts a notice on a published version; its page and
	// the lists that show it change with it (their time of last change too).
	AddCorrection(ctx context.Context, c *Correction) error

	// Sections, tags and sources.
	CreateSection(ctx context.Context, s *Section) error
	UpdateSection(ctx context.Context, s *Section) error
	// MoveSection moves a section delta places in the menu (-1 up, +1 down).
	MoveSection(ctx context.Context, id int64, delta int) error
	CreateTag(ctx context.Context, t *Tag) error
	UpdateTag(ctx context.Context, t *Tag) error
	CreateSource(ctx context.Context, s *Source) error
	UpdateSource(ctx context.Context, s *Source) error

	// Media.
	// CreateMedia stores a media record with its variants, in one
	// transaction, and sets its id and creation time.
	CreateMedia(ctx context.Context, m *Media) error
	// UpdateMediaTexts saves the credit, caption and alt text of m.ID;
	// nothing else of the record changes.
	UpdateMediaTexts(ctx context.Context, m *Media) error
	// SetVariants replaces the variants of a media record, for media
	// stored before variants existed or when the sizes change.
	SetVariants(ctx context.Context, mediaID int64, vs []MediaVariant) error

	// Users, their sessions and API tokens.
	CreateUser(ctx context.Context, u *User) error
	UpdateUser(ctx context.Context, u *User) error
	CreateSession(ctx context.Context, s *Session) error
	DeleteSession(ctx context.Context, tokenHash string) error
	// UseTOTPStep records that user userID's two-step code of time step
	// step was used, refusing with EConflict a step that is not after the
	// last one recorded: each code signs in once, and no older code after
	// it. It is not a change of the content.
	UseTOTPStep(ctx context.Context, userID, step int64) error
	// DeleteUserSessions signs a user out everywhere.
	DeleteUserSessions(ctx context.Context, userID int64) error
	// CreateAPIToken stores a token; t.TokenHash and t.Prefix must be set.
	CreateAPIToken(ctx context.Context, t *APIToken) error
	// RevokeAPIToken revokes one of the user's tokens; ENotFound when the
	// user has no such token.
	RevokeAPIToken(ctx context.Context, userID, id int64) error
	// TouchAPIToken records that the token was used at "at". It does not
	// count as a change of the content.
	TouchAPIToken(ctx context.Context, id int64, at time.Time) error

	// Static pages and settings.
	SavePage(ctx context.Context, p *Page) error // creates when p.ID == 0
	// MovePage moves a page delta places in the footer menu (-1 up, +1 down).
	MovePage(ctx context.Context, id int64, delta int) error
	// SaveSettings validates and saves; invalid settings change nothing.
	SaveSettings(ctx context.Context, s Settings) error

	// Redirects from old addresses.
	// SaveRedirect creates (ID 0) or changes a redirect; an old address
	// that has one already is refused with EConflict.
	SaveRedirect(ctx context.Context, r *Redirect) error
	DeleteRedirect(ctx context.Context, id int64) error

	// Imports.
	// ImportStories stores stories new to this site, many per statement,
	// as CreateStory would one by one (same checks, counts and topics).
	// Their search terms are written later, by IndexSearch, so that an
	// import spends its time on the stories.
	ImportStories(ctx context.Context, stories []ImportedStory) error
	// RecordImports saves import records, replacing those of the same
	// items.
	RecordImports(ctx context.Context, recs []ImportRecord) error
	// Restore writes a part of an archive with the ids and times it had.
	// An id this site already uses is refused with EConflict.
	Restore(ctx context.Context, a *Archive) error
	// IndexSearch writes the search terms of the versions that have none
	// yet (after ImportStories), calling progress now and then.
	IndexSearch(ctx context.Context, progress func(done, total int)) error
	// The wire desk.
	CreateWireFeed(ctx context.Context, f *WireFeed) error
	// UpdateWireFeed saves a feed's source, address, language, interval
	// and pause; a new address is polled at once, without the old one's
	// validators.
	UpdateWireFeed(ctx context.Context, f *WireFeed) error
	// DeleteWireFeed deletes a feed; its items stay in the inbox.
	DeleteWireFeed(ctx context.Context, id int64) error
	// MarkWireSeen marks items seen or unseen and returns how many changed.
	MarkWireSeen(ctx context.Context, ids []int64, seen bool) (int, error)
	// UseWireItem records that a draft was made from an item (by user, at
	// now) and marks it seen; EConflict when one already was.
	UseWireItem(ctx context.Context, itemID, storyID, userID int64) error

	// Newsletters.
	// CreateSubscriber stores a new subscriber and sets its id;
	// EConflict when the address already has the language's newsletter.
	CreateSubscriber(ctx context.Context, sub *Subscriber) error
	// UpdateSubscriber saves a subscriber's status, token, consent and
	// times.
	UpdateSubscriber(ctx context.Context, sub *Subscriber) error
	// DeleteSubscriber deletes a subscriber and every message to them.
	DeleteSubscriber(ctx context.Context, id int64) error
	SaveNewsletter(ctx context.Context, n Newsletter) error
	// CreateIssue stores an issue and sets its id and time; EConflict
	// when the language already has the daily issue of that day.
	CreateIssue(ctx context.Context, is *Issue) error
	// QueueIssue puts in the outbox one message of the issue for each
	// subscriber of its language confirmed now, and returns how many.
	QueueIssue(ctx context.Context, issueID int64) (int, error)
	// QueueConfirm puts in the outbox the confirmation message of a
	// subscriber.
	QueueConfirm(ctx context.Context, subscriberID int64) error

	// Telegram channels.
	// SaveChannel sets a language's channel; an empty ChatID removes it.
	SaveChannel(ctx context.Context, c Channel) error
	// QueueChannelPost records what a channel should now show of a story.
	QueueChannelPost(ctx context.Context, c ChannelChange) error

	// The audit log and the search index.
	Audit(ctx context.Context, e *AuditEntry) error
	// Reindex analyses every version again (after an analyser changes),
	// calling progress now and then with the versions done and the total.
	// Search keeps answering meanwhile, from the old terms where the new
	// ones are not written yet.
	Reindex(ctx context.Context, progress func(done, total int)) error
	// IndexStale indexes again the versions whose terms another analyser
	// or another lexicon wrote (after an upgrade, or a lexicon entry
	// changed), calling progress after each batch; searches go on over
	// the old terms meanwhile.
	IndexStale(ctx context.Context, progress func(done, total int)) error
	// SaveLexiconEntry creates (e.ID 0) or changes an entry of the site's
	// search lexicon, which the store's analysers then apply; the versions
	// that hold its words, before or after the change, become stale.
	// ENotFound for an id the lexicon does not hold.
	SaveLexiconEntry(ctx context.Context, e *LexiconEntry) error
	// DeleteLexiconEntry removes an entry of the site's search lexicon,
	// with the same effect as changing it.
	DeleteLexiconEntry(ctx context.Context, id int64) error
}
