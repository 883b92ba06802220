package demo

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/khabarnews/khabar"
)

// Publication window of the demo stories, relative to Load's "now".
const (
	minAgeHours = 10.0 / 60 // the newest story is ten minutes old
	maxAgeHours = 30 * 24   // the oldest is thirty days old
)

// check reports the first dangling reference or missing text in c.
func (c *content) check() error {
	langs := c.Site.Languages
	if len(langs) == 0 || !slices.Contains(langs, c.Site.DefaultLang) {
		return errors.New("demo site.json: the default language must be one of the languages")
	}
	sections, tags, sources, authors := map[string]bool{}, map[string]bool{}, map[string]bool{"": true}, map[string]bool{}
	for _, s := range c.Sections {
		if err := fullText("section "+s.Slug, s.Names, langs); err != nil {
			return err
		}
		sections[s.Slug] = true
	}
	for _, t := range c.Tags {
		if err := fullText("tag "+t.Slug, t.Names, langs); err != nil {
			return err
		}
		tags[t.Slug] = true
	}
	for _, s := range c.Sources {
		if s.Key == "" {
			return errors.New("demo sources.json: a source needs a key")
		}
		if err := fullText("source "+s.Key, s.Names, langs); err != nil {
			return err
		}
		sources[s.Key] = true
	}
	for _, a := range c.Authors {
		if err := fullText("author "+a.Slug, a.Names, langs); err != nil {
			return err
		}
		if err := fullText("author "+a.Slug+" bio", a.Bio, langs); err != nil {
			return err
		}
		authors[a.Slug] = true
	}
	for _, p := range c.Pages {
		for _, l := range langs {
			if v, ok := p.Versions[l]; !ok || v.Title == "" || v.Body == "" {
				return fmt.Errorf("demo page %s has no %s version", p.Key, l)
			}
		}
	}
	keys := map[string]bool{}
	scheduled := 0
	for _, s := range c.Stories {
		if keys[s.Key] {
			return fmt.Errorf("demo story %s: two stories with this key", s.Key)
		}
		keys[s.Key] = true
		if s.AgeHours < 0 {
			scheduled++
		}
		if err := s.check(langs, sections, tags, sources, authors); err != nil {
			return fmt.Errorf("demo story %s: %w", s.Key, err)
		}
	}
	if scheduled == 0 {
		return errors.New("demo content has no scheduled story (negative age_hours), so scheduling cannot be seen")
	}
	return nil
}

func (s *storyFile) check(langs []string, sections, tags, sources, authors map[string]bool) error {
	if !sections[s.Section] {
		return fmt.Errorf("unknown section %q", s.Section)
	}
	for _, t := range s.Tags {
		if !tags[t] {
			return fmt.Errorf("unknown tag %q", t)
		}
	}
	for _, a := range s.Authors {
		if !authors[a] {
			return fmt.Errorf("unknown author %q", a)
		}
	}
	if !sources[s.Source] {
		return fmt.Errorf("unknown source %q", s.Source)
	}
	if s.AgeHours > maxAgeHours || s.AgeHours >= 0 && s.AgeHours < minAgeHours {
		return fmt.Errorf("age_hours %v is outside %v–%v (or negative for the scheduled story)", s.AgeHours, minAgeHours, maxAgeHours)
	}
	if len(s.Versions) == 0 {
		return errors.New("no language versions")
	}
	if _, ok := s.Versions[s.Original]; !ok {
		return fmt.Errorf("the original language %q has no version", s.Original)
	}
	for l, v := range s.Versions {
		if !slices.Contains(langs, l) {
			return fmt.Errorf("version in %q, which is not a site language", l)
		}
		if strings.TrimSpace(v.Title) == "" || strings.TrimSpace(v.Summary) == "" || strings.TrimSpace(string(v.Body)) == "" {
			return fmt.Errorf("the %s version needs a title, a summary and a body", l)
		}
		for field, t := range map[string]khabar.Text{"credit": s.Image.Credit, "caption": s.Image.Caption, "alt": s.Image.Alt} {
			if !t.Has(l) {
				return fmt.Errorf("the image has no %s in %s", field, l)
			}
		}
	}
	if _, ok := scenes[s.Image.Scene]; !ok {
		return fmt.Errorf("unknown image scene %q (known: %v)", s.Image.Scene, sceneNames())
	}
	if s.Image.Palette < 0 || s.Image.Palette >= len(palettes) {
		return fmt.Errorf("unknown palette %d", s.Image.Palette)
	}
	return nil
}

// fullText requires t in every one of langs.
func fullText(what string, t khabar.Text, langs []string) error {
	for _, l := range langs {
		if !t.Has(l) {
			return fmt.Errorf("demo %s has no name in %s", what, l)
		}
	}
	return nil
}
