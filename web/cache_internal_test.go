package web

import (
	"slices"
	"strconv"
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

// BenchmarkCacheFollow: what applying one publication costs a full page
// cache (10,000 pages of 25 topics each; the change names 12 topics and
// drops 1 page in 100). Requests wait for it once per change.
func BenchmarkCacheFollow(b *testing.B) {
	const pages = 10000
	topics := []string{"l:en", "ls3:en", "lt7:en", "q:en", "s99999", "s99999:en", "stories", "n99998:en", "lu2:en", "lk7,9:en", "m77", "site"}
	slices.Sort(topics)
	gen := int64(0)
	c := newPageCache(func(since int64) ([]string, int64, bool) { return topics, gen, true })
	fill := func() {
		for i := range pages {
			key := "/en/news/" + strconv.Itoa(i)
			if _, ok := c.pages[key]; ok {
				continue
			}
			p := &cachedPage{key: key, body: make([]byte, 10)}
			for j := range 25 {
				p.topics = append(p.topics, "s"+strconv.Itoa(i*25+j)+":en")
			}
			if i%100 == 0 {
				p.topics = append(p.topics, "lt7:en")
			}
			slices.Sort(p.topics)
			c.keep(p)
		}
	}
	fill()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		gen++
		c.follow(gen)
		b.StopTimer()
		fill()
		b.StartTimer()
	}
}
