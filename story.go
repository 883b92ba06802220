package khabar

import (
	"context"
	"time"
)

// Status is where a language version stands in the editorial workflow.
type Status string

// Workflow states: draft → review → scheduled → published → unpublished/archived.
const (
	StatusDraft       Status = "draft"
	StatusReview      Status = "review"
	StatusScheduled   Status = "scheduled"
	StatusPublished   Status = "published"
	StatusUnpublished Status = "unpublished"
	StatusArchived    Status = "archived"
)

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	switch s {
	case StatusDraft, StatusReview, StatusScheduled, StatusPublished, StatusUnpublished, StatusArchived:
		return true
	}
	return false
}

// Story is one piece of news. What readers see are its language versions;
// what they share (section, tags, lead image, source, authors) lives here.
type Story struct {
	ID           int64
	SectionID    int64 // 0: no section
	LeadMediaID  int64 // 0: no lead image
	SourceID     int64 // 0: own reporting
	OriginalLang string
	TagIDs       []int64 // in display order
	AuthorIDs    []int64 // user ids, in byline order
	Featured     bool    // a candidate for the front page's lead slot
	// Revision counts the saves of these shared fields; UpdateStory must
	// name the revision the change was based on, as SaveVersion does.
	Revision  int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Version is a story in one language: its own title, slug, summary, body and
// status. Revision counts the saves; a save must name the revision it was
// based on, so that two editors never silently overwrite each other.
type Version struct {
	StoryID     int64
	Lang        string
	Title       string
	Slug        string
	Summary     string
	Body        string // sanitised HTML
	Status      Status
	PublishedAt time.Time // zero until first published; the schedule time when scheduled
	UpdatedAt   time.Time
	Revision    int64
	// ContentRevision is the revision at which the title, summary or body
	// last changed (a status change alone does not count).
	ContentRevision int64
	// SyncedRevision is, for a translation, the revision of the original
	// version it was last brought up to date with.
	SyncedRevision int64
	// Note went with the workflow move that brought the version to its
	// status ("the figures need a source"), written by user NoteBy.
	Note   string
	NoteBy int64
	// PendingRevision is the revision that holds a change of the published
	// version saved without going live, waiting for an editor (0: none);
	// PendingSynced is the original's revision that change was made against.
	PendingRevision int64
	PendingSynced   int64
	// ExpiresAt is when the scheduler unpublishes the version; zero: never.
	ExpiresAt time.Time
	// WithdrawalNote is what readers are told, besides that it was
	// withdrawn, once the version is taken down.
	WithdrawalNote string
}

// UpdateWaiting reports whether a change of the published version waits
// for an editor to publish it (a pending update).
func (v *Version) UpdateWaiting() bool { return v.PendingRevision != 0 }

// Outdated reports whether v, a translation of the version in originalLang
// whose text last changed at originalContent (its ContentRevision), is
// behind it: neither the live text nor the update waiting for review was
// made against that text. The original itself is never outdated. Every
// list and page that flags a translation as outdated asks this (the
// translation gaps ask it in SQL, see sqlstore's outdatedSQL).
func (v *Version) Outdated(originalLang string, originalContent int64) bool {
	if v.Lang == originalLang {
		return false
	}
	synced := v.SyncedRevision
	if v.UpdateWaiting() {
		synced = max(synced, v.PendingSynced)
	}
	return originalContent > synced
}

// Withdrawn reports whether v was published and has been taken down.
func (v *Version) Withdrawn() bool {
	return !v.PublishedAt.IsZero() && (v.Status == StatusUnpublished || v.Status == StatusArchived)
}

// WithdrawnAt is when a withdrawn version was taken down, from its
// revisions (oldest first): the first of the last run of revisions that are
// unpublished or archived, so that later edits of the withdrawn text do not
// move it. It is zero when the last revision is not withdrawn.
func WithdrawnAt(revs []Revision) time.Time {
	var at time.Time
	for i := len(revs) - 1; i >= 0; i-- {
		if revs[i].Status != StatusUnpublished && revs[i].Status != StatusArchived {
			break
		}
		at = revs[i].CreatedAt
	}
	return at
}

// Revision is one saved state of a version, kept forever.
type Revision struct {
	StoryID   int64
	Lang      string
	Number    int64
	Title     string
	Slug      string
	Summary   string
	Body      string
	Status    Status
	UserID    int64 // who saved it; 0 for the system (demo, import)
	CreatedAt time.Time
	Note      string // what went with the workflow move saved as this revision
	// Pending marks a change of a published version saved without going
	// live: readers still saw the text of an earlier revision.
	Pending bool
}

// CorrectionKind says what a notice on a published article is.
type CorrectionKind string

// Kinds of notices.
const (
	// KindCorrection: the article said something wrong, now put right.
	KindCorrection CorrectionKind = "correction"
	// KindUpdate: the story moved on and the article says so.
	KindUpdate CorrectionKind = "update"
)

// Valid reports whether k is a known kind.
func (k CorrectionKind) Valid() bool { return k == KindCorrection || k == KindUpdate }

// Correction is a notice an editor puts on a published version: readers
// see it on the article, in its structured data and in the feeds.
type Correction struct {
	ID      int64
	StoryID int64
	Lang    string
	Kind    CorrectionKind
	Note    string
	At      time.Time
	UserID  int64
}

// Summary is what a list of articles shows of one published version.
type Summary struct {
	StoryID     int64
	Lang        string
	Title       string
	Slug        string
	Summary     string
	PublishedAt time.Time
	UpdatedAt   time.Time
	SectionID   int64
	Image       *Media // lead image, nil when none
	// Status is "published" except in a VersionPage with Withdrawn set,
	// which also lists versions taken down after publication.
	Status Status
}

// Translation names another language version of the same story.
type Translation struct {
	Lang   string
	Title  string
	Slug   string
	Status Status
}

// Article is a published version with everything its page shows.
type Article struct {
	Version
	Story        Story
	Section      *Section
	Tags         []Tag
	Authors      []User
	Image        *Media
	Source       *Source
	Translations []Translation // the other languages' published versions
	Corrections  []Correction  // oldest first
}

// ListFilter selects published versions for a list page or feed. Zero
// fields do not filter. Lists are newest first.
type ListFilter struct {
	Lang      string // required
	SectionID int64
	TagID     int64
	AuthorID  int64
	From, To  time.Time // published in [From, To)
	Exclude   []int64   // story ids already shown elsewhere on the page
	Limit     int
	Offset    int
	// NoTotal is for callers that show no page count: the total (a pass
	// over every match) is not counted, and ListArticles returns -1.
	NoTotal bool
}

// VersionQuery selects a page of versions for the Content API. Without
// UpdatedSince the list is newest first by publication; with it, oldest
// change first from that time, so that a program can follow what changed.
// After continues a list after the item it names (keyset pagination: no
// item is skipped or shown twice when stories are published meanwhile).
type VersionQuery struct {
	Lang         string // "" for every language
	SectionID    int64
	TagID        int64
	From, To     time.Time // published in [From, To)
	UpdatedSince time.Time
	// Withdrawn also lists versions unpublished or archived after being
	// published, so that a copy elsewhere can take them down too.
	Withdrawn bool
	After     *VersionKey
	Limit     int
}

// VersionKey is a position in a VersionPage: the time the list is ordered
// by (publication or last change) and the version.
type VersionKey struct {
	At      time.Time
	StoryID int64
	Lang    string
}

// StoryService keeps stories and their versions.
type StoryService interface {
	Story(ctx context.Context, id int64) (*Story, error)
	// CountStories counts every story, whatever the status of its versions.
	CountStories(ctx context.Context) (int, error)
	Versions(ctx context.Context, storyID int64) ([]Version, error)
	Revisions(ctx context.Context, storyID int64, lang string) ([]Revision, error)

	// Article returns the published version of a story in lang, with its page data.
	Article(ctx context.Context, storyID int64, lang string) (*Article, error)
	// VersionPage returns up to q.Limit versions as VersionQuery describes.
	VersionPage(ctx context.Context, q VersionQuery) ([]Summary, error)
	// ListArticles returns a page of published versions and the total count.
	ListArticles(ctx context.Context, f ListFilter) ([]Summary, int, error)
	// Related returns published versions in the same language that share
	// tags with the story, most shared tags first.
	Related(ctx context.Context, storyID int64, lang string, limit int) ([]Summary, error)
	// Adjacent returns the previous (older) and next (newer) published
	// version in the same language; nil where there is none.
	Adjacent(ctx context.Context, storyID int64, lang string) (prev, next *Summary, err error)
	// LatestFeatured returns the newest featured published version in lang.
	LatestFeatured(ctx context.Context, lang string) (*Summary, error)
	// AllPublished calls fn for every published version with its
	// translations, for sitemaps; newest first.
	AllPublished(ctx context.Context, fn func(Summary, []Translation) error) error
	// AdminList lists versions in any status for the newsroom.
	AdminList(ctx context.Context, f AdminFilter) ([]AdminRow, int, error)
	// StoryList lists stories for the newsroom, one row each with all its
	// versions, and the total. With f.Query it finds the stories whose
	// words match in any version, drafts included, analysed as the site's
	// search analyses them, best match first; without, the last changed
	// first.
	StoryList(ctx context.Context, f AdminFilter) ([]StoryRow, int, error)
	// Revision returns one saved state of a version.
	Revision(ctx context.Context, storyID int64, lang string, number int64) (*Revision, error)
	// Corrections returns the notices on a version, oldest first.
	Corrections(ctx context.Context, storyID int64, lang string) ([]Correction, error)
	// AnyDue reports whether a scheduled version's time has come, or a
	// published version's time to be taken down.
	AnyDue(ctx context.Context) (bool, error)
	// TranslationGaps lists, newest first, the stories whose version in lang
	// is missing or outdated (Version.Outdated: an update waiting for review
	// made against the original's current text closes the gap).
	TranslationGaps(ctx context.Context, lang string, limit int) ([]Gap, error)
	// ArchiveMonths returns the months (first day, site time zone handled by
	// the caller) that have published versions in lang, with counts.
	ArchiveMonths(ctx context.Context, lang string, loc *time.Location) ([]MonthCount, error)
}

// MonthCount is one entry of the archive index.
type MonthCount struct {
	Year  int
	Month time.Month
	Count int
}

// AdminFilter selects versions (AdminList) or stories (StoryList) for the
// newsroom. A story matches Lang and Status when one of its versions is in
// that language and that status.
type AdminFilter struct {
	Lang      string
	SectionID int64
	Status    Status
	AuthorID  int64
	// Query is part of the title for AdminList; for StoryList, words in
	// any version (or a story's number).
	Query string
	// IDs, when set, keeps StoryList to these stories.
	IDs []int64
	// Pending keeps AdminList to published versions with an update
	// waiting for review, and StoryList to the stories with one (in Lang,
	// when set).
	Pending bool
	Order   AdminOrder
	Limit   int
	Offset  int
}

// AdminOrder is the order of AdminList.
type AdminOrder int

// Orders of AdminList: the last changed first; the last published first;
// the next to be published first (for a schedule).
const (
	OrderUpdated AdminOrder = iota
	OrderPublished
	OrderSchedule
)

// StoryRow is one story in the newsroom's story list.
type StoryRow struct {
	StoryID      int64
	OriginalLang string
	SectionID    int64
	AuthorIDs    []int64
	UpdatedAt    time.Time
	// Versions are the story's language versions, the original first.
	Versions []VersionState
}

// VersionState is where one language version of a story stands.
type VersionState struct {
	Lang        string
	Title       string
	Status      Status
	PublishedAt time.Time // the publication, or the scheduled time
	UpdatedAt   time.Time
	Outdated    bool // a translation older than its original (Version.Outdated)
	Pending     bool // an update of the published version waits for review
}

// AdminRow is one version in the newsroom's story list.
type AdminRow struct {
	Version
	SectionID    int64
	OriginalLang string
	AuthorIDs    []int64
	Outdated     bool // a translation older than its original (Version.Outdated)
}

// Gap is a story missing, or outdated, in one language.
type Gap struct {
	StoryID      int64
	OriginalLang string
	Title        string // the original's title
	UpdatedAt    time.Time
	Missing      bool // no version at all; otherwise outdated
	// Pending says an update of the version waits for review, made
	// against an older text of the original (one made against its current
	// text closes the gap).
	Pending bool
}
