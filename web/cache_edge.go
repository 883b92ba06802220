package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
)

// Shared caches in front of Khabar (Varnish with vmod xkey, a CDN with
// surrogate keys) keep public pages for long and drop them when Khabar
// purges their keys. A page's keys are its topics (topic.go), spelled for
// the cache: the same vocabulary the page cache drops pages by.

// EdgeConfig is set when shared caches keep the public pages and Khabar
// purges them (docs/deploy-varnish.md, docs/deploy-cdn.md).
type EdgeConfig struct {
	// KeyHeader is the response header that names a page's surrogate
	// keys: "xkey" for Varnish's vmod xkey, "Surrogate-Key" for Fastly
	// and CDNs like it.
	KeyHeader string
	// Purge are the caches told about every change.
	Purge []PurgeTarget
	// Queue is the store's record of the changes to purge.
	Queue khabar.PurgeQueue
	// PurgeWait is how long a write waits for its purge to reach the
	// caches before it answers (zero: two seconds). While a cache does
	// not answer, writes do not wait; the purge is sent when it does.
	PurgeWait time.Duration
}

// PurgeTarget is one shared cache to purge.
type PurgeTarget struct {
	// URL receives the purges: Varnish's address for an HTTP PURGE with
	// an xkey header, or a Fastly-style purge-by-key endpoint
	// (https://api.fastly.com/service/ID/purge) that takes a POST with a
	// Surrogate-Key header.
	URL string
	// Fastly selects the Fastly-style purge.
	Fastly bool
	// Token is sent as Fastly-Key (Fastly-style only).
	Token string
}

const (
	// keyAll is carried by every page: a change of everything (a bulk
	// import) purges it.
	keyAll = "all"
	// keyAny is carried by a page made from nothing it named: every
	// change purges it.
	keyAny = "any"
	// maxKeyHeader bounds a key header, in a page and in a purge: under
	// Varnish's 8 KB header line and Fastly's 16 KB Surrogate-Key.
	maxKeyHeader = 4000
	// maxPurgeKeys is the most keys Fastly takes in one purge.
	maxPurgeKeys = 256
	// surrogateMaxAge is the longest a shared cache keeps a page; it is
	// purged when it changes, and it expires at the site's midnight.
	surrogateMaxAge = 24 * time.Hour
	// edgeGraceSeconds is how long a shared cache may go on serving its
	// copy when Khabar cannot be reached.
	edgeGraceSeconds = "86400"
)

// edgeKey spells a topic as a surrogate key: xkey splits keys at spaces
// and commas, and topics have commas (khabar.TagSetTopic).
func edgeKey(t string) string {
	if t == khabar.TopicAll {
		return keyAny
	}
	return strings.ReplaceAll(t, ",", ".")
}

// coarseKey is the key of a topic's family (every story "s*", every tag
// set in Russian "lk*:ru"): a page naming too many topics to fit its header
// names their families instead, and every purge names the families of its
// topics too. Topics that name no single thing ("l:ru", "site") have none.
func coarseKey(t string) string {
	i := strings.IndexAny(t, "0123456789")
	if i <= 0 {
		return ""
	}
	_, lang, ok := strings.Cut(t[i:], ":")
	if ok {
		return t[:i] + "*:" + lang
	}
	return t[:i] + "*"
}

// pageKeys is the key header of a page made from topics: every topic, or,
// when they do not fit in maxKeyHeader, the families with the most topics
// named by their family key instead, the largest first.
func pageKeys(topics []string) string {
	keys := append([]string{keyAll}, topics...)
	for i, t := range topics {
		keys[i+1] = edgeKey(t)
	}
	if headerLen(keys) <= maxKeyHeader {
		return strings.Join(keys, " ")
	}
	families := map[string][]string{}
	for _, t := range topics {
		if c := coarseKey(t); c != "" {
			families[c] = append(families[c], t)
		}
	}
	order := make([]string, 0, len(families))
	for c := range families {
		order = append(order, c)
	}
	slices.SortFunc(order, func(a, b string) int {
		if d := len(families[b]) - len(families[a]); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	folded := map[string]bool{}
	for _, c := range order {
		folded[c] = true
		keys = keys[:1]
		for c := range folded {
			keys = append(keys, c)
		}
		for _, t := range topics {
			if !folded[coarseKey(t)] {
				keys = append(keys, edgeKey(t))
			}
		}
		if headerLen(keys) <= maxKeyHeader {
			break
		}
	}
	slices.Sort(keys[1:])
	return strings.Join(keys, " ")
}

func headerLen(keys []string) int {
	n := len(keys) - 1
	for _, k := range keys {
		n += len(k)
	}
	return n
}

// purgeKeys are the keys that drop every page made from topics: each
// topic, its family, and the pages that named nothing; or every page, for
// a change of everything.
func purgeKeys(topics []string) []string {
	if slices.Contains(topics, khabar.TopicAll) {
		return []string{keyAll}
	}
	set := map[string]bool{keyAny: true}
	for _, t := range topics {
		set[edgeKey(t)] = true
		if c := coarseKey(t); c != "" {
			set[c] = true
		}
	}
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// purgeBatches splits keys into the header values of separate purges, each
// within maxKeyHeader and maxPurgeKeys.
func purgeBatches(keys []string) []string {
	var out []string
	var b strings.Builder
	n := 0
	for _, k := range keys {
		if n > 0 && (b.Len()+1+len(k) > maxKeyHeader || n == maxPurgeKeys) {
			out = append(out, b.String())
			b.Reset()
			n = 0
		}
		if n > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(k)
		n++
	}
	if n > 0 {
		out = append(out, b.String())
	}
	return out
}

// edgeHeaders are what a cached page tells the shared caches: its keys,
// how long they may keep it (until it expires here, at most a day; a
// browser still revalidates at each use: Cache-Control), and the
// generation it is up to date with (the VCL keeps no page rendered before
// a purge it has seen).
func (e *edge) headers(h http.Header, p *cachedPage, gen int64, now time.Time) {
	h[e.keyHeader] = p.keysV
	age := min(p.expires.Sub(now), surrogateMaxAge)
	h["Surrogate-Control"] = []string{"max-age=" + strconv.Itoa(max(0, int(age/time.Second))) + ", stale-if-error=" + edgeGraceSeconds}
	h["X-Khabar-Generation"] = []string{strconv.FormatInt(gen, 10)}
}
