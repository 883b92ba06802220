package khabar

import (
	"context"
	"time"
)

// MaxQueryRunes is the longest query the search accepts: longer input is a
// pasted paragraph, not a search, and gets a helpful page instead.
const MaxQueryRunes = 200

// SearchQuery is one search: the text as the reader typed it (see
// analysis.Query for the little query language), the languages to search,
// and filters. Zero filter fields do not filter.
type SearchQuery struct {
	Text string
	// Langs are the languages to search, the page's language first: its
	// analyser splits the query into words. Several languages search each
	// with its own analysis ("all languages").
	Langs     []string
	SectionID int64
	TagID     int64
	From, To  time.Time // published in [From, To)
	Limit     int
	Offset    int
}

// SearchResults is one page of results, best first, and how many there are
// in all.
type SearchResults struct {
	Items []SearchResult
	Total int
	// More is set when there are more than Total results: a search ranks
	// a bounded number of matches, the newest (see sqlstore).
	More bool
	// Empty is set when the query has nothing to search for (only stop
	// words, punctuation or exclusions): no search was run.
	Empty bool
}

// SearchResult is a published version that matches a query.
type SearchResult struct {
	Summary
	// Score is the relevance; lower is better (FTS5's bm25 convention).
	// Only the order it gives is meaningful.
	Score float64
	// Title and Snippet are the title, and the best passage of the
	// summary and body, as written, cut at the matched words.
	Title   []Highlight
	Snippet []Highlight
}

// Highlight is a piece of a title or snippet: text as written (never
// markup), and whether the query matched it.
type Highlight struct {
	Text  string
	Match bool
}

// SearchService finds published versions by their words. Every version is
// indexed, whatever its status, in the transaction that saves it; readers
// find only those published and due, so publishing needs no reindexing.
type SearchService interface {
	// Search returns a page of published versions matching q, best first.
	// A query with nothing to search for is not an error: it returns
	// results with Empty set.
	Search(ctx context.Context, q SearchQuery) (*SearchResults, error)
}
