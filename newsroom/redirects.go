package newsroom

import (
	"context"

	"github.com/khabarnews/khabar"
)

// RedirectInput creates or changes a redirect from an old address: to a
// story's version, a static page, or an address.
type RedirectInput struct {
	From    string // a path or a whole URL of the old site
	StoryID int64
	PageID  int64
	Lang    string
	To      string // a path on this site or an http(s) address
}

// SaveRedirect creates the redirect (id 0) or changes redirect id.
func (s *Service) SaveRedirect(ctx context.Context, actor *khabar.User, id int64, in RedirectInput) (*khabar.Redirect, error) {
	if err := allow(actor, khabar.ActManageRedirect, khabar.Target{}); err != nil {
		return nil, err
	}
	from, ok := khabar.RedirectPath(khabar.CleanLine(in.From))
	if !ok {
		return nil, khabar.Invalid("from", "err.redirect.from", "from", in.From)
	}
	r := &khabar.Redirect{ID: id, From: from, StoryID: in.StoryID, PageID: in.PageID, Lang: in.Lang, To: khabar.CleanLine(in.To)}
	err := s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		settings, err := s.store.Settings(ctx)
		if err != nil {
			return entry{}, err
		}
		if r.Lang != "" && !settings.HasLang(r.Lang) {
			return entry{}, khabar.Invalid("lang", "err.lang.unknown", "lang", r.Lang)
		}
		if err := r.Validate(); err != nil {
			return entry{}, err
		}
		if err := s.store.SaveRedirect(ctx, r); err != nil {
			return entry{}, err
		}
		return entry{action: created(id, "redirect"), object: object("redirect", r.ID), detail: r.From}, nil
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// DeleteRedirect removes a redirect: the old address answers 404 again.
func (s *Service) DeleteRedirect(ctx context.Context, actor *khabar.User, id int64) error {
	if err := allow(actor, khabar.ActManageRedirect, khabar.Target{}); err != nil {
		return err
	}
	return s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		r, err := s.store.Redirect(ctx, id)
		if err != nil {
			return entry{}, err
		}
		return entry{action: "redirect.delete", object: object("redirect", id), detail: r.From}, s.store.DeleteRedirect(ctx, id)
	})
}
