package web

import (
	"context"
	"math"
	"slices"
	"time"

	"github.com/khabarnews/khabar"
)

// Pages and the sitemap name a page's language versions by the same rules,
// made here once, so that search engines get one signal:
//   - every language that has the page, in the site's language order;
//   - x-default on every page that has alternates: the default language's
//     version, or, where there is none (a story never translated into it),
//     the first version in the site's order;
//   - a list (section, tag, author, archive) exists in a language only when
//     it has stories there: an empty list is noindex, and no page points
//     search engines at it.

// hreflangs returns the alternates of a page from its path in each
// language, x-default last.
func hreflangs(settings *khabar.Settings, hrefs map[string]string) []alternate {
	var alts []alternate
	for _, l := range settings.Languages {
		if href, ok := hrefs[l]; ok {
			alts = append(alts, alternate{Lang: l, Href: href})
		}
	}
	if len(alts) == 0 {
		return nil
	}
	def := alts[0].Href
	if href, ok := hrefs[settings.DefaultLang]; ok {
		def = href
	}
	return append(alts, alternate{Lang: "x-default", Href: def})
}

// listState is what a list holds in one language: how many stories, and
// when the newest change among those on its first page was made.
type listState struct {
	Total   int
	LastMod time.Time
}

// listLangs returns, for every language of the site where the list that f
// selects has stories, its state there. Without lastMod it asks only for
// the totals (a page past the end), so that a page that names the list's
// other languages depends on which stories they hold, not on their titles.
func (s *Server) listLangs(ctx context.Context, settings *khabar.Settings, f khabar.ListFilter, lastMod bool) (map[string]listState, error) {
	out := map[string]listState{}
	for _, l := range settings.Languages {
		f.Lang, f.Limit, f.Offset, f.NoTotal = l, listPageSize, 0, false
		if !lastMod {
			f.Limit, f.Offset = 1, math.MaxInt32
		}
		items, total, err := s.store.ListArticles(ctx, f)
		if err != nil {
			return nil, err
		}
		if total <= 0 {
			continue
		}
		st := listState{Total: total}
		for _, it := range items {
			st.LastMod = latest(st.LastMod, it.UpdatedAt, it.PublishedAt)
		}
		out[l] = st
	}
	return out, nil
}

// latest returns the latest of some times.
func latest(ts ...time.Time) time.Time { return slices.MaxFunc(ts, time.Time.Compare) }
