package newsroom

import (
	"context"
	"slices"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/media"
)

// The items of an import other than stories: each is what an earlier run
// made of it, else something of the site's own with the same name (a
// section with the same slug, a user with the same login), else new. What
// exists is left as it is: an editor may have renamed it since.

// Section brings in a category as a section and returns its id.
func (im *Import) Section(ctx context.Context, sourceID string, in SectionInput) (int64, error) {
	return im.term(ctx, "section", sourceID, in.Slug, in.Names, func(ctx context.Context) (int64, error) {
		sec, err := im.s.SaveSection(ctx, im.actor, 0, in)
		if err != nil {
			return 0, err
		}
		return sec.ID, nil
	}, func(ctx context.Context, slug string) (int64, bool, error) {
		list, err := im.s.store.Sections(ctx)
		if err != nil {
			return 0, false, err
		}
		i := slices.IndexFunc(list, func(s khabar.Section) bool { return s.Slug == slug })
		if i < 0 {
			return 0, false, nil
		}
		return list[i].ID, true, nil
	})
}

// Tag brings in a tag and returns its id.
func (im *Import) Tag(ctx context.Context, sourceID string, in TagInput) (int64, error) {
	return im.term(ctx, "tag", sourceID, in.Slug, in.Names, func(ctx context.Context) (int64, error) {
		t, err := im.s.SaveTag(ctx, im.actor, 0, in)
		if err != nil {
			return 0, err
		}
		return t.ID, nil
	}, func(ctx context.Context, slug string) (int64, bool, error) {
		t, err := im.s.store.TagBySlug(ctx, slug)
		if khabar.IsNotFound(err) {
			return 0, false, nil
		}
		if err != nil {
			return 0, false, err
		}
		return t.ID, true, nil
	})
}

// term is Section and Tag: the recorded one, the one with the same slug,
// or a new one.
func (im *Import) term(ctx context.Context, kind, sourceID string, slug *string, names khabar.Text,
	create func(context.Context) (int64, error), bySlug func(context.Context, string) (int64, bool, error)) (int64, error) {
	if r, ok := im.Recorded(kind, sourceID); ok {
		im.count(countUnchanged, kind, 1)
		return r.TargetID, nil
	}
	want := termSlug(im.settings, "", slug, khabar.CleanTexts(names))
	if id, ok, err := bySlug(ctx, want); err != nil {
		return 0, err
	} else if ok {
		im.count(countUnchanged, kind, 1)
		return id, im.record(ctx, khabar.ImportRecord{Kind: kind, SourceID: sourceID, TargetID: id})
	}
	if im.dryRun {
		id := im.fake()
		im.count(countCreated, kind, 1)
		return id, im.record(ctx, khabar.ImportRecord{Kind: kind, SourceID: sourceID, TargetID: id})
	}
	var id int64
	err := im.s.store.Update(ctx, func(ctx context.Context) error {
		var err error
		if id, err = create(ctx); err != nil {
			return err
		}
		return im.record(ctx, khabar.ImportRecord{Kind: kind, SourceID: sourceID, TargetID: id})
	})
	if err != nil {
		return 0, err
	}
	im.count(countCreated, kind, 1)
	return id, nil
}

// Author brings in an author as a user who cannot log in until an
// administrator sets a password, and returns the user's id. A user with the
// same login is taken to be the same person.
func (im *Import) Author(ctx context.Context, sourceID string, in UserInput) (int64, error) {
	if r, ok := im.Recorded("user", sourceID); ok {
		im.count(countUnchanged, "user", 1)
		return r.TargetID, nil
	}
	u, err := im.s.store.UserByLogin(ctx, khabar.CleanLine(in.Login))
	if err == nil {
		im.count(countUnchanged, "user", 1)
		return u.ID, im.record(ctx, khabar.ImportRecord{Kind: "user", SourceID: sourceID, TargetID: u.ID})
	}
	if !khabar.IsNotFound(err) {
		return 0, err
	}
	in.NoLogin = true
	if in.Role == "" {
		in.Role = khabar.RoleAuthor
	}
	if im.dryRun {
		check := &khabar.User{Login: khabar.CleanLine(in.Login)}
		applyUser(im.settings, check, in)
		if err := check.Validate(); err != nil {
			return 0, err
		}
		id := im.fake()
		im.count(countCreated, "user", 1)
		return id, im.record(ctx, khabar.ImportRecord{Kind: "user", SourceID: sourceID, TargetID: id})
	}
	var id int64
	err = im.s.store.Update(ctx, func(ctx context.Context) error {
		u, err := im.s.CreateUser(ctx, im.actor, in, "")
		if err != nil {
			return err
		}
		id = u.ID
		return im.record(ctx, khabar.ImportRecord{Kind: "user", SourceID: sourceID, TargetID: id})
	})
	if err != nil {
		return 0, err
	}
	im.count(countCreated, "user", 1)
	return id, nil
}

// Media brings in an image, checked as an upload is, and returns its
// record. up is nil in a dry run, which only counts it.
func (im *Import) Media(ctx context.Context, sourceID string, up *media.Upload, texts MediaTexts) (*khabar.Media, error) {
	if r, ok := im.Recorded("media", sourceID); ok {
		im.count(countUnchanged, "media", 1)
		if im.dryRun || r.TargetID < 0 {
			return &khabar.Media{ID: r.TargetID}, nil
		}
		return im.s.store.Media(ctx, r.TargetID)
	}
	if im.dryRun {
		id := im.fake()
		im.count(countCreated, "media", 1)
		return &khabar.Media{ID: id}, im.record(ctx, khabar.ImportRecord{Kind: "media", SourceID: sourceID, TargetID: id})
	}
	var m *khabar.Media
	err := im.s.store.Update(ctx, func(ctx context.Context) error {
		var err error
		if m, err = im.s.UploadMedia(ctx, im.actor, up, texts); err != nil {
			return err
		}
		return im.record(ctx, khabar.ImportRecord{Kind: "media", SourceID: sourceID, TargetID: m.ID})
	})
	if err != nil {
		return nil, err
	}
	im.count(countCreated, "media", 1)
	return m, nil
}

// RecordedMedia returns an image an earlier run (or this one) brought in.
func (im *Import) RecordedMedia(ctx context.Context, sourceID string) (*khabar.Media, bool) {
	r, ok := im.Recorded("media", sourceID)
	if !ok {
		return nil, false
	}
	if im.dryRun || r.TargetID < 0 {
		return &khabar.Media{ID: r.TargetID}, true
	}
	m, err := im.s.store.Media(ctx, r.TargetID)
	return m, err == nil
}

// Page brings in a static page with its versions. sourceIDs name the
// page's item in each language; oldURLs are the addresses it had, by
// language, which then answer 301 here.
func (im *Import) Page(ctx context.Context, sourceIDs map[string]string, in PageInput, oldURLs map[string][]string) error {
	var pageID int64
	for _, id := range sourceIDs {
		if r, ok := im.Recorded("page", id); ok {
			pageID = r.TargetID
		}
	}
	if pageID != 0 {
		im.count(countUnchanged, "page", 1)
		return nil
	}
	if im.dryRun {
		p := &khabar.Page{Versions: map[string]*khabar.PageVersion{}}
		if err := applyPage(im.settings, p, in); err != nil {
			return err
		}
		if err := p.Validate(); err != nil {
			return err
		}
		im.count(countCreated, "page", 1)
		for _, urls := range oldURLs {
			im.count(countCreated, "redirect", len(urls))
		}
		return nil
	}
	err := im.s.store.Update(ctx, func(ctx context.Context) error {
		p, err := im.s.SavePage(ctx, im.actor, 0, in)
		if err != nil {
			return err
		}
		var recs []khabar.ImportRecord
		for l, id := range sourceIDs {
			recs = append(recs, khabar.ImportRecord{Kind: "page", SourceID: id, TargetID: p.ID, Lang: l})
		}
		if err := im.record(ctx, recs...); err != nil {
			return err
		}
		for l, urls := range oldURLs {
			if p.Versions[l] == nil {
				continue
			}
			for _, u := range urls {
				if err := im.redirect(ctx, u, khabar.Redirect{PageID: p.ID, Lang: l}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	im.count(countCreated, "page", 1)
	return nil
}

// Redirect makes an old address answer 301 with target (a section's or a
// tag's page …). An address given a redirect before keeps it.
func (im *Import) Redirect(ctx context.Context, oldURL string, target khabar.Redirect) error {
	if im.dryRun {
		if from, ok := khabar.RedirectPath(oldURL); ok && !im.froms[from] {
			im.froms[from] = true
			im.count(countCreated, "redirect", 1)
		}
		return nil
	}
	return im.redirect(ctx, oldURL, target)
}

// redirect records one redirect in the transaction of ctx, if there is
// one. An old address this run already pointed somewhere keeps its first
// target; one an earlier run pointed elsewhere is moved.
func (im *Import) redirect(ctx context.Context, oldURL string, target khabar.Redirect) error {
	from, ok := khabar.RedirectPath(oldURL)
	if !ok || from == "/" || im.froms[from] {
		return nil
	}
	im.froms[from] = true
	target.From = from
	cur, err := im.s.store.RedirectFrom(ctx, from)
	switch {
	case khabar.IsNotFound(err):
		if err := im.s.store.SaveRedirect(ctx, &target); err != nil {
			return err
		}
		im.count(countCreated, "redirect", 1)
		return nil
	case err != nil:
		return err
	}
	if cur.StoryID == target.StoryID && cur.PageID == target.PageID && cur.Lang == target.Lang && cur.To == target.To {
		im.count(countUnchanged, "redirect", 1)
		return nil
	}
	target.ID = cur.ID
	if err := im.s.store.SaveRedirect(ctx, &target); err != nil {
		return err
	}
	im.count(countUpdated, "redirect", 1)
	return nil
}
