package khabar

import (
	"context"
	"time"
)

// LexiconEntry is an entry of the site's own search lexicon: words that
// search treats as one (a plural and its singular, two spellings of a name,
// an acronym and what it stands for). Khabar ships a lexicon of news
// vocabulary (package analysis); the newsroom adds its own entries, which
// search applies at once to queries and, as the stories that hold their
// words are indexed again in the background, to the index.
type LexiconEntry struct {
	ID int64
	// Lang is the language of the words: "ar", "ru" or "en".
	Lang string
	// Class is the kind of equivalence (analysis.Classes): "name" keeps
	// the words from the stemmer, the others only join them.
	Class string
	// Words are the members, each one or several words; the first names
	// the entry.
	Words     []string
	UpdatedAt time.Time
}

// LexiconService reads the site's own search lexicon.
type LexiconService interface {
	// SearchLexicon returns the site's own lexicon entries, by language,
	// then in the order they were made.
	SearchLexicon(ctx context.Context) ([]LexiconEntry, error)
	// StaleSearch returns how many versions wait to be indexed again,
	// after the analysis or the lexicon changed (see Writer.IndexStale).
	StaleSearch(ctx context.Context) (int, error)
}
