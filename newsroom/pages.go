package newsroom

import (
	"context"
	"slices"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
)

// PageInput creates or changes a static page ("About the group"). Versions
// holds the page in each language the form showed; a version with nothing
// in it means "no page in this language". Versions in languages the form
// did not show (the site no longer has them) are kept as they were.
type PageInput struct {
	Key      string // "" for one made from the first title
	Position *int
	Versions map[string]PageVersionInput
}

// PageVersionInput is a static page in one language, as typed.
type PageVersionInput struct {
	Title, Slug, Body string
}

func (v PageVersionInput) empty() bool {
	return strings.TrimSpace(v.Title) == "" && strings.TrimSpace(v.Slug) == "" && strings.TrimSpace(v.Body) == ""
}

// SavePage creates the page (id 0) or changes page id.
func (s *Service) SavePage(ctx context.Context, actor *khabar.User, id int64, in PageInput) (*khabar.Page, error) {
	if err := allow(actor, khabar.ActManagePages, khabar.Target{}); err != nil {
		return nil, err
	}
	var p *khabar.Page
	err := s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		settings, err := s.store.Settings(ctx)
		if err != nil {
			return entry{}, err
		}
		pages, err := s.store.Pages(ctx)
		if err != nil {
			return entry{}, err
		}
		p = &khabar.Page{Position: len(pages) + 1, Versions: map[string]*khabar.PageVersion{}}
		if id != 0 {
			i := slices.IndexFunc(pages, func(x khabar.Page) bool { return x.ID == id })
			if i < 0 {
				return entry{}, khabar.NotFound("err.page.not_found")
			}
			p = &pages[i]
		}
		if err := applyPage(settings, p, in); err != nil {
			return entry{}, err
		}
		if err := p.Validate(); err != nil {
			return entry{}, err
		}
		if err := s.store.SavePage(ctx, p); err != nil {
			return entry{}, err
		}
		return entry{action: created(id, "page"), object: object("page", p.ID), detail: p.Key}, nil
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// applyPage puts the input into p: cleaned texts and bodies, slugs made
// from titles where none was typed, and a key from the first title.
func applyPage(settings khabar.Settings, p *khabar.Page, in PageInput) error {
	versions := map[string]*khabar.PageVersion{}
	for l, pv := range p.Versions {
		if _, shown := in.Versions[l]; !shown {
			versions[l] = pv
		}
	}
	for _, l := range settings.Languages {
		typed, ok := in.Versions[l]
		if !ok || typed.empty() {
			continue
		}
		pv := &khabar.PageVersion{Lang: l, Title: khabar.CleanLine(typed.Title), Slug: khabar.CleanLine(typed.Slug)}
		if !khabar.Visible(pv.Title) {
			return khabar.Invalid("title", "err.page.title_required", "language", khabar.LangName(l))
		}
		body, err := CleanBody(typed.Body)
		if err != nil {
			return err
		}
		pv.Body = body
		if pv.Slug != "" {
			pv.Slug = lang.Slugify(pv.Slug, l, lang.SlugNative)
		}
		if pv.Slug == "" {
			pv.Slug = lang.Slugify(pv.Title, l, lang.SlugStyle(settings.SlugStyle))
		}
		versions[l] = pv
	}
	for l := range in.Versions {
		if !settings.HasLang(l) && !in.Versions[l].empty() {
			return khabar.Invalid("versions", "err.lang.unknown", "lang", l)
		}
	}
	p.Versions = versions
	if in.Position != nil {
		p.Position = *in.Position
	}
	p.Key = khabar.CleanLine(in.Key)
	if p.Key == "" {
		// The key names the page across languages; an English-ish default
		// from the first title is what an editor would type anyway.
		for _, l := range settings.Languages {
			if pv := versions[l]; pv != nil {
				p.Key = lang.Slugify(pv.Title, l, lang.SlugTranslit)
				break
			}
		}
	}
	return nil
}

// MovePage moves a page one place up (by -1) or down (by 1) the footer menu.
func (s *Service) MovePage(ctx context.Context, actor *khabar.User, id int64, by int) error {
	if err := allow(actor, khabar.ActManagePages, khabar.Target{}); err != nil {
		return err
	}
	if by != -1 && by != 1 {
		return khabar.Invalid("by", "err.move.by")
	}
	return s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		return entry{action: "page.move", object: object("page", id), detail: signed(by)}, s.store.MovePage(ctx, id, by)
	})
}
