// Package storetest is the conformance suite every khabar.Store must pass:
// SQLite today, PostgreSQL tomorrow run the very same tests.
package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// Opener returns a fresh, empty store whose clock is clock. The store is
// closed by the suite through t.Cleanup registered by the opener.
type Opener func(t *testing.T, clock khabar.Clock) khabar.Store

// Run runs the whole suite against the stores that open returns.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, Opener)
	}{
		{"Sections", testSections},
		{"Tags", testTags},
		{"Users", testUsers},
		{"Media", testMedia},
		{"MediaLibrary", testMediaLibrary},
		{"MediaSearch", testMediaSearch},
		{"Settings", testSettings},
		{"Pages", testPages},
		{"StoryAndArticle", testStoryAndArticle},
		{"Visibility", testVisibility},
		{"Lists", testLists},
		{"VersionPage", testVersionPage},
		{"RelatedAndAdjacent", testRelatedAndAdjacent},
		{"Conflict", testConflict},
		{"StoryRevision", testStoryRevision},
		{"APITokens", testAPITokens},
		{"TOTPSteps", testTOTPSteps},
		{"BadInputChangesNothing", testBadInput},
		{"Archive", testArchive},
		{"AdminList", testAdminList},
		{"StoryList", testStoryList},
		{"Translations", testTranslations},
		{"PendingUpdateGaps", testPendingUpdateGaps},
		{"PublishDue", testPublishDue},
		{"AuditAndSessions", testAuditAndSessions},
		{"AuditFilters", testAuditFilters},
		{"Generation", testGeneration},
		{"Changes", testChanges},
		{"Purges", testPurges},
		{"Counts", testCounts},
		{"RelatedRanking", testRelatedRanking},
		{"Search", testSearch},
		{"Lexicon", testLexicon},
		{"SiteAdmin", testSiteAdmin},
		{"Redirects", testRedirects},
		{"ImportRecords", testImportRecords},
		{"ImportStories", testImportStories},
		{"Restore", testRestore},
		{"Wire", testWire},
		{"Newsletter", testNewsletter},
		{"Channels", testChannels},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open) })
	}
}

// fixedClock is a clock the test moves by hand.
type fixedClock struct{ now time.Time }

func (c *fixedClock) Now() time.Time { return c.now }

func newClock() *fixedClock {
	return &fixedClock{now: time.Date(2023, 12, 26, 12, 0, 0, 0, time.UTC)}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantCode(t *testing.T, err error, code khabar.Code) {
	t.Helper()
	if got := khabar.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

var ctx = context.Background()
