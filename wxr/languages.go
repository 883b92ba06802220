package wxr

import (
	"sort"
	"strings"
)

// Multilingual WordPress sites keep each language version as a post of its
// own and link them in a group; an import makes one story of each group.
//
// Polylang files each post under a term of the taxonomy "language" (its
// slug is the language code) and each group of translations under a term
// of "post_translations" whose description is a PHP-serialised map from
// language to post id. Terms (categories, tags) are grouped the same way by
// "term_translations". WPML's own export add-on writes the language and
// the group as post meta (_wpml_import_language_code,
// _wpml_import_translation_group) and marks translations with the
// language they were translated from (_wpml_import_source_language_code).

// ItemLanguage returns the language of an item as the site's plugin
// recorded it, "" when none did.
func ItemLanguage(it *Item) string {
	for _, t := range it.Terms {
		if t.Domain == "language" && t.Nicename != "" {
			return strings.ToLower(t.Nicename)
		}
	}
	return strings.ToLower(strings.TrimSpace(it.MetaValue("_wpml_import_language_code")))
}

// ItemGroup returns the key of the group of translations the item is in,
// "" when it is in none.
func ItemGroup(it *Item) string {
	for _, t := range it.Terms {
		if t.Domain == "post_translations" && t.Nicename != "" {
			return "polylang:" + t.Nicename
		}
	}
	if g := strings.TrimSpace(it.MetaValue("_wpml_import_translation_group")); g != "" {
		return "wpml:" + g
	}
	return ""
}

// IsTranslation reports whether the plugin marked the item as translated
// from another language (WPML does; Polylang does not say).
func IsTranslation(it *Item) bool {
	return strings.TrimSpace(it.MetaValue("_wpml_import_source_language_code")) != ""
}

// Groups maps the ids of posts to their group from the channel's
// post_translations terms, for files whose items do not name their group
// (Polylang names it both ways). Each group lists language → post id.
func Groups(site *Site) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, t := range site.Terms {
		if t.Taxonomy != "post_translations" {
			continue
		}
		m, err := StringMap(t.Description)
		if err != nil || len(m) == 0 {
			continue
		}
		out["polylang:"+t.Slug] = m
	}
	return out
}

// TermGroups returns the groups of translated terms: for each term id in a
// group, the ids of the group's terms by language. A term in no group is
// not in the map.
func TermGroups(site *Site) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, t := range site.Terms {
		if t.Taxonomy != "term_translations" {
			continue
		}
		m, err := StringMap(t.Description)
		if err != nil {
			continue
		}
		for _, id := range m {
			out[id] = m
		}
	}
	return out
}

// Languages lists the languages a Polylang site declares, by slug.
func Languages(site *Site) []string {
	var out []string
	for _, t := range site.Terms {
		if t.Taxonomy == "language" && t.Slug != "" {
			out = append(out, strings.ToLower(t.Slug))
		}
	}
	sort.Strings(out)
	return out
}
