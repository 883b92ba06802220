package web

import (
	"testing"
	"time"
)

// TestNextMidnight: a cached page lives until the day changes in the
// site's time zone, also on the days the clocks move.
func TestNextMidnight(t *testing.T) {
	for _, c := range []struct {
		zone, now, want string
	}{
		{"Asia/Riyadh", "2023-12-26T20:59:00Z", "2023-12-26T21:00:00Z"},
		{"Asia/Riyadh", "2023-12-26T21:00:00Z", "2023-12-27T21:00:00Z"},
		{"Europe/Moscow", "2023-12-31T12:00:00Z", "2023-12-31T21:00:00Z"},
		{"Europe/Berlin", "2024-03-30T12:00:00Z", "2024-03-30T23:00:00Z"}, // the night the clocks go forward
		{"Europe/Berlin", "2024-03-31T12:00:00Z", "2024-03-31T22:00:00Z"},
	} {
		loc, err := time.LoadLocation(c.zone)
		if err != nil {
			t.Fatal(err)
		}
		now, _ := time.Parse(time.RFC3339, c.now)
		want, _ := time.Parse(time.RFC3339, c.want)
		if got := nextMidnight(now, loc); !got.Equal(want) {
			t.Errorf("%s at %s: next midnight %s, want %s", c.zone, c.now, got.UTC().Format(time.RFC3339), c.want)
		}
	}
}
