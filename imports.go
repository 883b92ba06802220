package khabar

import "context"

// ImportRecord links an item of another system (a WordPress post, a
// category, an author; a story of another Khabar site's archive) to what an
// import made of it here. Imports read them first, so that importing the
// same file again updates what the first run made instead of making it
// twice, and an interrupted import picks up where it stopped.
type ImportRecord struct {
	// Source names the system and site the item came from:
	// "wordpress https://old.example.org", "khabar 5f0c…".
	Source string
	// Kind and SourceID name the item there: "post" 123, "category" 7.
	Kind     string
	SourceID string
	// TargetID is what the import made of it here (a story, a section …);
	// Lang the language version, for items that became one.
	TargetID int64
	Lang     string
}

// ImportService keeps the records of imports.
type ImportService interface {
	// ImportRecords returns every record of items from source.
	ImportRecords(ctx context.Context, source string) ([]ImportRecord, error)
}

// ArchiveService reads a whole site in id order, a batch at a time, for
// its archive: after is the last id of the batch before (0 for the first).
type ArchiveService interface {
	// ArchiveStories returns stories with their tags, authors, versions
	// and every revision.
	ArchiveStories(ctx context.Context, after int64, limit int) ([]ImportedStory, error)
	// ArchiveAudit returns audit entries, oldest first.
	ArchiveAudit(ctx context.Context, after int64, limit int) ([]AuditEntry, error)
	ArchiveRedirects(ctx context.Context, after int64, limit int) ([]Redirect, error)
	// ArchiveMedia returns media records with their variants.
	ArchiveMedia(ctx context.Context, after int64, limit int) ([]Media, error)
	// ArchiveSubscribers returns newsletter subscribers with their
	// tokens and consent.
	ArchiveSubscribers(ctx context.Context, after int64, limit int) ([]Subscriber, error)
	// ArchiveChannelPosts returns channel posts in (story, language)
	// order, after the post of story after in language afterLang.
	ArchiveChannelPosts(ctx context.Context, after int64, afterLang string, limit int) ([]ChannelPost, error)
}

// ImportedStory is a story brought in whole by an import: its shared fields
// and its language versions as they were in the other system, and, from a
// Khabar archive, its history.
type ImportedStory struct {
	// Story.ID is 0 for a new id; an archive sets the id it had, which its
	// public address carries.
	Story    *Story
	Versions []*Version
	// Revisions is every saved state of every version, as an archive keeps
	// them; nil for one revision per version, made at the import. When
	// set, each version keeps the revision numbers and times it had.
	Revisions []Revision
	// Redirects are old addresses that lead to a version of the story
	// (From and Lang set); an address that leads elsewhere already is
	// moved here.
	Redirects []Redirect
	// Corrections are the notices on the story's published versions, as
	// readers see them; an archive keeps their ids.
	Corrections []Correction
}

// Archive is a part of a site as an archive keeps it, written back with
// the ids and times it had (Writer.Restore), so that the addresses that
// carry ids (/en/news/12-…) and every reference between the parts hold.
type Archive struct {
	// SiteID, when set, becomes this site's identity: the site restored is
	// the site the archive was taken from.
	SiteID    string
	Sections  []Section
	Tags      []Tag
	Sources   []Source
	Users     []User
	Media     []Media
	Pages     []Page
	Redirects []Redirect
	Audit     []AuditEntry
	Stories   []ImportedStory
	// What the site sends and posts: the feeds of its sources (their
	// configuration, not what polls found), its newsletters' subscribers
	// and settings, its Telegram channels and which post of a channel is
	// which story's.
	WireFeeds    []WireFeed
	Subscribers  []Subscriber
	Newsletters  []Newsletter
	Channels     []Channel
	ChannelPosts []ChannelPost
}
