package khabar_test

import (
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// TestWithdrawnAt: the notice of a withdrawn article dates the withdrawal,
// not the last edit of the withdrawn text, nor an earlier withdrawal.
func TestWithdrawnAt(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, time.UTC) }
	rev := func(d int, s khabar.Status) khabar.Revision { return khabar.Revision{CreatedAt: day(d), Status: s} }
	for _, tt := range []struct {
		name string
		revs []khabar.Revision
		want time.Time
	}{
		{"withdrawn once", []khabar.Revision{rev(1, khabar.StatusDraft), rev(2, khabar.StatusPublished), rev(5, khabar.StatusUnpublished)}, day(5)},
		{"edited after", []khabar.Revision{rev(2, khabar.StatusPublished), rev(5, khabar.StatusUnpublished), rev(7, khabar.StatusUnpublished), rev(9, khabar.StatusArchived)}, day(5)},
		{"withdrawn twice", []khabar.Revision{rev(2, khabar.StatusPublished), rev(3, khabar.StatusUnpublished), rev(4, khabar.StatusPublished), rev(8, khabar.StatusUnpublished)}, day(8)},
		{"live", []khabar.Revision{rev(2, khabar.StatusPublished), rev(3, khabar.StatusUnpublished), rev(4, khabar.StatusPublished)}, time.Time{}},
		{"no revisions", nil, time.Time{}},
	} {
		if got := khabar.WithdrawnAt(tt.revs); !got.Equal(tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestVersionOutdated(t *testing.T) {
	for _, c := range []struct {
		name string
		v    khabar.Version
		want bool
	}{
		{"the original itself", khabar.Version{Lang: "ar"}, false},
		{"synced with the current text", khabar.Version{Lang: "ru", SyncedRevision: 5}, false},
		{"synced with an older text", khabar.Version{Lang: "ru", SyncedRevision: 4}, true},
		{"an update waiting, made against the current text", khabar.Version{Lang: "ru", SyncedRevision: 4, PendingRevision: 9, PendingSynced: 5}, false},
		{"an update waiting, made against an older text", khabar.Version{Lang: "ru", SyncedRevision: 3, PendingRevision: 9, PendingSynced: 4}, true},
		{"no update waiting, a stale PendingSynced", khabar.Version{Lang: "ru", SyncedRevision: 4, PendingSynced: 5}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.v.Outdated("ar", 5); got != c.want {
				t.Errorf("Outdated(ar, 5) of %+v = %v, want %v", c.v, got, c.want)
			}
		})
	}
}
