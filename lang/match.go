package lang

import (
	"sort"
	"strconv"
	"strings"
)

// maxAcceptEntries bounds the work done for one Accept-Language header; real
// browsers send fewer than ten entries, and the header is attacker-controlled.
const maxAcceptEntries = 32

type acceptEntry struct {
	tag string // lower-cased, "-" separated; "*" for the wildcard
	q   float64
}

// Match picks the language for a request from its Accept-Language header
// ("ru-RU,ru;q=0.9,en;q=0.8"): the supported tag the reader prefers most,
// by q-value and then by order. A supported tag matches an accepted one
// exactly (case-insensitively) or by base language, so "ar-EG" selects "ar".
// Entries with q=0, malformed entries and the wildcard "*" never select a
// language; when nothing matches, fallback is returned, because the site's
// default edition is a better guess than any other. The result is spelled
// as in supported.
func Match(acceptLanguage string, supported []string, fallback string) string {
	for _, e := range parseAcceptLanguage(acceptLanguage) {
		if e.tag == "*" {
			continue
		}
		for _, s := range supported {
			if strings.EqualFold(strings.ReplaceAll(s, "_", "-"), e.tag) {
				return s
			}
		}
		b := base(e.tag)
		for _, s := range supported {
			if base(s) == b {
				return s
			}
		}
	}
	return fallback
}

// parseAcceptLanguage returns the acceptable entries of h, most preferred
// first; ties keep header order (RFC 9110 §12.5.4).
func parseAcceptLanguage(h string) []acceptEntry {
	var out []acceptEntry
	n := 0
	for part := range strings.SplitSeq(h, ",") {
		if n == maxAcceptEntries {
			break
		}
		n++
		e, ok := parseAcceptEntry(part)
		if ok && e.q > 0 {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].q > out[j].q })
	return out
}

func parseAcceptEntry(part string) (acceptEntry, bool) {
	params := strings.Split(part, ";")
	tag := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(params[0]), "_", "-"))
	if !validRange(tag) {
		return acceptEntry{}, false
	}
	e := acceptEntry{tag: tag, q: 1}
	for _, p := range params[1:] {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue // unknown parameters are ignored, as RFC 9110 allows
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || q < 0 || q > 1 {
			return acceptEntry{}, false
		}
		e.q = q
	}
	return e, true
}

// validRange reports whether s is "*" or a language range as RFC 4647
// defines it: 1–8 letters, then subtags of 1–8 letters or digits.
func validRange(s string) bool {
	if s == "*" {
		return true
	}
	for i, sub := range strings.Split(s, "-") {
		if len(sub) < 1 || len(sub) > 8 {
			return false
		}
		for _, c := range sub {
			letter := c >= 'a' && c <= 'z'
			digit := c >= '0' && c <= '9'
			if !letter && !(digit && i > 0) && !(c == '*' && i > 0 && len(sub) == 1) {
				return false
			}
		}
	}
	return true
}
