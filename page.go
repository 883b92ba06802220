package khabar

import (
	"context"
	"time"
)

// Page is a static page ("About the group") with a version per language.
type Page struct {
	ID       int64
	Key      string // stable name across languages, e.g. "about"
	Position int
	Versions map[string]*PageVersion
}

// PageVersion is a static page in one language.
type PageVersion struct {
	Lang      string
	Title     string
	Slug      string // URL: /{lang}/page/{slug}
	Body      string // sanitised HTML
	UpdatedAt time.Time
}

// PageService keeps static pages.
type PageService interface {
	Pages(ctx context.Context) ([]Page, error)
	PageBySlug(ctx context.Context, lang, slug string) (*Page, error)
}
