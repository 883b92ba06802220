package web

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/khabarnews/khabar"
)

// TestPageKeysBounded: a page naming more topics than a header holds names
// the families of the most numerous instead, and whatever purges one of its
// topics still purges it.
func TestPageKeysBounded(t *testing.T) {
	var topics []string
	for i := range 600 {
		topics = append(topics, khabar.VersionTopic(int64(100000+i), "ru"), khabar.TagSetTopic([]int64{int64(i), int64(i + 1)}, "ru"))
	}
	topics = append(topics, khabar.ListTopic("ru"), khabar.TopicSite, khabar.MediaTopic(7))
	slices.Sort(topics)
	header := pageKeys(topics)
	if len(header) > maxKeyHeader {
		t.Fatalf("the key header is %d bytes, over %d", len(header), maxKeyHeader)
	}
	keys := strings.Fields(header)
	for _, want := range []string{"all", "s*:ru", "lk*:ru", "l:ru", "site", "m7"} {
		if !slices.Contains(keys, want) {
			t.Errorf("keys %v lack %s", keys, want)
		}
	}
	for _, topic := range topics {
		purged := purgeKeys([]string{topic})
		if !slices.ContainsFunc(purged, func(k string) bool { return slices.Contains(keys, k) }) {
			t.Errorf("a change of %s purges %v, none of the page's keys", topic, purged)
		}
	}
	// A page that fits names its topics, commas spelled so that xkey
	// does not split them.
	small := pageKeys([]string{"lk3,7:ru", "s5"})
	if small != "all lk3.7:ru s5" {
		t.Errorf("pageKeys = %q", small)
	}
	if got := purgeKeys([]string{"lk3,7:ru"}); !slices.Equal(got, []string{"any", "lk*:ru", "lk3.7:ru"}) {
		t.Errorf("purgeKeys = %v", got)
	}
	if got := purgeKeys([]string{"s5", khabar.TopicAll}); !slices.Equal(got, []string{"all"}) {
		t.Errorf("purgeKeys of a change of everything = %v", got)
	}
}

// TestPurgeBatches: many keys go out in several purges, each within the
// header bound and Fastly's 256 keys.
func TestPurgeBatches(t *testing.T) {
	var keys []string
	for i := range 3000 {
		keys = append(keys, "s"+strconv.Itoa(100000+i)+":ru")
	}
	batches := purgeBatches(keys)
	var all []string
	for _, b := range batches {
		ks := strings.Fields(b)
		if len(b) > maxKeyHeader || len(ks) > maxPurgeKeys {
			t.Errorf("a batch of %d bytes, %d keys", len(b), len(ks))
		}
		all = append(all, ks...)
	}
	if !slices.Equal(all, keys) {
		t.Errorf("the batches hold %d keys of %d", len(all), len(keys))
	}
}
