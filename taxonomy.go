package khabar

import "context"

// Section is a department of the site ("Politics"), with a name per language.
type Section struct {
	ID       int64
	Slug     string // one slug for every language: the URL is /{lang}/section/{slug}
	Names    Text
	Position int // order in the menu and on the front page
}

// Tag is one subject across every language: the tag "Vladimir Putin" is
// بوتين / Путин / Putin, so a tag page gathers the articles of each language.
type Tag struct {
	ID    int64
	Slug  string
	Names Text
}

// Source is where a republished story comes from (a news agency).
type Source struct {
	ID    int64
	Names Text
	URL   string
}

// SectionService keeps sections.
type SectionService interface {
	Sections(ctx context.Context) ([]Section, error) // by position
	SectionBySlug(ctx context.Context, slug string) (*Section, error)
}

// TagService keeps tags.
type TagService interface {
	Tags(ctx context.Context) ([]Tag, error)
	TagBySlug(ctx context.Context, slug string) (*Tag, error)
	// TagStoryCounts returns the number of stories per tag id, drafts
	// included.
	TagStoryCounts(ctx context.Context) (map[int64]int, error)
	// PublishedTagCounts returns the number of stories per tag id that
	// are published in at least one language.
	PublishedTagCounts(ctx context.Context) (map[int64]int, error)
}

// SourceService keeps sources.
type SourceService interface {
	Sources(ctx context.Context) ([]Source, error)
}
