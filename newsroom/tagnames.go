package newsroom

import (
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/analysis"
)

// FindTags returns the ids of the tags named names, in their order: a name
// is a tag's name in any language or its slug, folded as MatchTags folds, as typed
// into a form without the type-ahead picker. An empty or unknown name is
// refused with the name it was.
func FindTags(tags []khabar.Tag, names []string) ([]int64, error) {
	var out []int64
	for _, n := range names {
		n = khabar.CleanLine(n)
		if n == "" {
			return nil, khabar.Invalid("tag", "err.tag.name_required")
		}
		id := findTag(tags, n)
		if id == 0 {
			return nil, khabar.Invalid("tag", "err.tag.unknown", "name", n)
		}
		out = append(out, id)
	}
	return out, nil
}

func findTag(tags []khabar.Tag, name string) int64 {
	name = foldName(name)
	for _, t := range tags {
		if foldName(t.Slug) == name {
			return t.ID
		}
		for _, v := range t.Names {
			if foldName(v) == name {
				return t.ID
			}
		}
	}
	return 0
}

// MatchTags returns up to limit tags whose name in some language, or slug,
// matches what someone is typing into a tag picker, best first: the name
// itself, then names that start with it, then names with a word that
// starts with it, then names that hold it, folded by analysis.Fold (case,
// tashkeel, hamza seats, ё … do not count).
func MatchTags(tags []khabar.Tag, typed string, limit int) []khabar.Tag {
	q := foldName(typed)
	if q == "" {
		return nil
	}
	ranked := make([][]khabar.Tag, 4)
	for _, t := range tags {
		best := -1
		consider := func(n string) {
			if r := nameRank(foldName(n), q); r >= 0 && (best < 0 || r < best) {
				best = r
			}
		}
		for _, n := range t.Names {
			consider(n)
		}
		consider(t.Slug)
		if best >= 0 {
			ranked[best] = append(ranked[best], t)
		}
	}
	var out []khabar.Tag
	for _, r := range ranked {
		for _, t := range r {
			if len(out) == limit {
				return out
			}
			out = append(out, t)
		}
	}
	return out
}

// nameRank says how well a folded name matches a folded query: 0 it is
// the query, 1 it starts with it, 2 one of its words does, 3 it holds it;
// -1 it does not match.
func nameRank(name, q string) int {
	switch {
	case name == q:
		return 0
	case strings.HasPrefix(name, q):
		return 1
	case strings.Contains(" "+strings.ReplaceAll(name, "-", " "), " "+q):
		return 2
	case strings.Contains(name, q):
		return 3
	}
	return -1
}

// foldName is a name as a picker compares it (analysis.Fold).
func foldName(s string) string { return analysis.Fold(khabar.CleanLine(s)) }
