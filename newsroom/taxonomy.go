package newsroom

import (
	"context"
	"slices"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
)

// Sections, tags and sources: the names a story is filed under, each one
// entity with a name per language. The inputs change only what they carry:
// a nil field keeps what is saved.

// SectionInput creates or changes a section.
type SectionInput struct {
	Slug     *string // "" or nil on a new section: made from its names
	Names    khabar.Text
	Position *int // nil on a new section: last in the menu
}

// TagInput creates or changes a tag.
type TagInput struct {
	Slug  *string
	Names khabar.Text
}

// SourceInput creates or changes a source (a news agency to credit).
type SourceInput struct {
	Names khabar.Text
	URL   *string
}

// SaveSection creates the section (id 0) or changes section id.
func (s *Service) SaveSection(ctx context.Context, actor *khabar.User, id int64, in SectionInput) (*khabar.Section, error) {
	if err := allow(actor, khabar.ActManageTaxonomy, khabar.Target{}); err != nil {
		return nil, err
	}
	var sec *khabar.Section
	err := s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		settings, err := s.store.Settings(ctx)
		if err != nil {
			return entry{}, err
		}
		list, err := s.store.Sections(ctx)
		if err != nil {
			return entry{}, err
		}
		sec = &khabar.Section{Position: len(list) + 1}
		if id != 0 {
			i := slices.IndexFunc(list, func(x khabar.Section) bool { return x.ID == id })
			if i < 0 {
				return entry{}, khabar.NotFound("err.section.not_found")
			}
			sec = &list[i]
		}
		old := *sec
		if sec.Names, err = names(settings, sec.Names, in.Names); err != nil {
			return entry{}, err
		}
		sec.Slug = termSlug(settings, sec.Slug, in.Slug, sec.Names)
		if in.Position != nil {
			sec.Position = *in.Position
		}
		if err := sec.Validate(); err != nil {
			return entry{}, err
		}
		if id == 0 {
			err = s.store.CreateSection(ctx, sec)
		} else {
			err = s.store.UpdateSection(ctx, sec)
		}
		return entry{action: created(id, "section"), object: object("section", sec.ID), detail: sec.Slug,
			changes: termChanges(old.Names, sec.Names, old.Slug, sec.Slug)}, err
	})
	if err != nil {
		return nil, err
	}
	return sec, nil
}

// MoveSection moves a section one place up (by -1) or down (by 1) the menu.
func (s *Service) MoveSection(ctx context.Context, actor *khabar.User, id int64, by int) error {
	if err := allow(actor, khabar.ActManageTaxonomy, khabar.Target{}); err != nil {
		return err
	}
	if by != -1 && by != 1 {
		return khabar.Invalid("by", "err.move.by")
	}
	return s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		return entry{action: "section.move", object: object("section", id), detail: signed(by)}, s.store.MoveSection(ctx, id, by)
	})
}

// SaveTag creates the tag (id 0) or changes tag id.
func (s *Service) SaveTag(ctx context.Context, actor *khabar.User, id int64, in TagInput) (*khabar.Tag, error) {
	if err := allow(actor, khabar.ActManageTaxonomy, khabar.Target{}); err != nil {
		return nil, err
	}
	var t *khabar.Tag
	err := s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		settings, err := s.store.Settings(ctx)
		if err != nil {
			return entry{}, err
		}
		t = &khabar.Tag{}
		if id != 0 {
			tags, err := s.store.Tags(ctx)
			if err != nil {
				return entry{}, err
			}
			i := slices.IndexFunc(tags, func(x khabar.Tag) bool { return x.ID == id })
			if i < 0 {
				return entry{}, khabar.NotFound("err.tag.not_found")
			}
			t = &tags[i]
		}
		old := *t
		if t.Names, err = names(settings, t.Names, in.Names); err != nil {
			return entry{}, err
		}
		t.Slug = termSlug(settings, t.Slug, in.Slug, t.Names)
		if err := t.Validate(); err != nil {
			return entry{}, err
		}
		if id == 0 {
			err = s.store.CreateTag(ctx, t)
		} else {
			err = s.store.UpdateTag(ctx, t)
		}
		return entry{action: created(id, "tag"), object: object("tag", t.ID), detail: t.Slug,
			changes: termChanges(old.Names, t.Names, old.Slug, t.Slug)}, err
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// SaveSource creates the source (id 0) or changes source id.
func (s *Service) SaveSource(ctx context.Context, actor *khabar.User, id int64, in SourceInput) (*khabar.Source, error) {
	if err := allow(actor, khabar.ActManageTaxonomy, khabar.Target{}); err != nil {
		return nil, err
	}
	var src *khabar.Source
	err := s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		settings, err := s.store.Settings(ctx)
		if err != nil {
			return entry{}, err
		}
		src = &khabar.Source{}
		if id != 0 {
			list, err := s.store.Sources(ctx)
			if err != nil {
				return entry{}, err
			}
			i := slices.IndexFunc(list, func(x khabar.Source) bool { return x.ID == id })
			if i < 0 {
				return entry{}, khabar.NotFound("err.source.not_found")
			}
			src = &list[i]
		}
		old := *src
		if src.Names, err = names(settings, src.Names, in.Names); err != nil {
			return entry{}, err
		}
		if in.URL != nil {
			src.URL = khabar.CleanLine(*in.URL)
		}
		if err := src.Validate(); err != nil {
			return entry{}, err
		}
		if id == 0 {
			err = s.store.CreateSource(ctx, src)
		} else {
			err = s.store.UpdateSource(ctx, src)
		}
		what := termChanges(old.Names, src.Names, "", "")
		what.text("url", old.URL, src.URL)
		return entry{action: created(id, "source"), object: object("source", src.ID), detail: src.URL, changes: what}, err
	})
	if err != nil {
		return nil, err
	}
	return src, nil
}

// names returns the names an entity has after a change: next in place of
// old (nil keeps old), each cleaned, empty ones dropped. A name may be
// new or changed only in one of the site's languages; names kept from a
// language the site no longer has stay as they were.
func names(settings khabar.Settings, old, next khabar.Text) (khabar.Text, error) {
	if next == nil {
		return old, nil
	}
	out := khabar.Text{}
	for l, v := range next {
		v = khabar.CleanLine(v)
		if v == "" {
			continue
		}
		if !settings.HasLang(l) && old[l] != v {
			return nil, khabar.Invalid("names."+l, "err.names.lang", "lang", l)
		}
		out[l] = v
	}
	return out, nil
}

// termSlug is the slug after a change: the one typed, else the one saved,
// else one made from the first name in the site's languages.
func termSlug(settings khabar.Settings, old string, typed *string, names khabar.Text) string {
	slug := old
	if typed != nil {
		slug = khabar.CleanLine(*typed)
	}
	if slug != "" {
		return slug
	}
	for _, l := range settings.Languages {
		if n := names[l]; n != "" {
			if s := lang.Slugify(n, l, lang.SlugStyle(settings.SlugStyle)); s != "" {
				return s
			}
		}
	}
	return ""
}

// created is the audit action of a save: kind.create for a new item.
func created(id int64, kind string) string {
	if id == 0 {
		return kind + ".create"
	}
	return kind + ".update"
}

func signed(n int) string {
	if n > 0 {
		return "+1"
	}
	return "-1"
}

// termChanges are the changed names and slug of a section, tag or source.
func termChanges(oldNames, newNames khabar.Text, oldSlug, newSlug string) changes {
	var c changes
	c.texts("names", oldNames, newNames)
	c.text("slug", oldSlug, newSlug)
	return c
}
