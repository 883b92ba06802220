package analysis

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// normOf returns the normalised form of one word as the analyser for lang
// sees it (before stop words and stemming).
func normOf(tb testing.TB, lang, raw string) string {
	tb.Helper()
	a, ok := For(lang).(*analyzer)
	if !ok {
		tb.Fatalf("For(%q) is not an *analyzer", lang)
	}
	return a.normalize(raw, &state{})
}

// primary returns QueryTerms(w)[0], or "" when the word has no query term.
func primary(a Analyzer, w string) string {
	q := a.QueryTerms(w)
	if len(q) == 0 {
		return ""
	}
	return q[0]
}

// matches reports whether a query for q finds a document holding d: some
// query alternative of q is among the index terms of d.
func matches(a Analyzer, q, d string) bool {
	idx := a.IndexTerms(d)
	for _, t := range a.QueryTerms(q) {
		if slices.Contains(idx, t) {
			return true
		}
	}
	return false
}

// MustReadTestdata reads a file under testdata or fails the test.
func MustReadTestdata(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		tb.Fatalf("reading testdata: %v", err)
	}
	return string(b)
}

// words returns the space-separated words of s, for compact tables.
func words(s string) []string { return strings.Fields(s) }
