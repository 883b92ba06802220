package newsroom

import (
	"context"

	"github.com/khabarnews/khabar"
)

// StartTranslation creates the version of a story in another language as a
// draft that starts from the original's text, for the translator to
// overwrite beside the original. It remembers which revision of the
// original it was made from.
func (s *Service) StartTranslation(ctx context.Context, actor *khabar.User, storyID int64, to string) (*khabar.Version, error) {
	var v *khabar.Version
	err := s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		st, err := s.load(ctx, storyID)
		if err != nil {
			return entry{}, err
		}
		if st.version(to) != nil {
			return entry{}, khabar.Conflict("lang", "err.translation.exists", "language", khabar.LangName(to))
		}
		t := khabar.Target{AuthorIDs: st.story.AuthorIDs, Lang: to}
		if !khabar.Can(actor, khabar.ActTranslate, t) && !khabar.Can(actor, khabar.ActEditVersion, t) {
			return entry{}, refusal(khabar.ActTranslate)
		}
		orig := st.version(st.story.OriginalLang)
		if orig == nil {
			return entry{}, khabar.NotFound("err.original.not_found")
		}
		in, err := prepare(st.settings, VersionInput{Lang: to, Title: orig.Title, Summary: orig.Summary, Body: orig.Body})
		if err != nil {
			return entry{}, err
		}
		v = &khabar.Version{StoryID: storyID, Lang: to, Title: in.Title, Slug: in.Slug, Summary: in.Summary, Body: in.Body,
			Status: khabar.StatusDraft, SyncedRevision: orig.Revision}
		if err := s.store.SaveVersion(ctx, v, actor.ID); err != nil {
			return entry{}, err
		}
		return entry{action: "version.translate", object: storyObject(storyID, to), detail: "from " + st.story.OriginalLang}, nil
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// ConfirmTranslation records that a translation has been brought up to
// date with the current original, which clears its "outdated" flag.
func (s *Service) ConfirmTranslation(ctx context.Context, actor *khabar.User, storyID int64, l string, base int64) (*khabar.Version, error) {
	var v *khabar.Version
	err := s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		st, err := s.load(ctx, storyID)
		if err != nil {
			return entry{}, err
		}
		v = st.version(l)
		if v == nil || l == st.story.OriginalLang {
			return entry{}, khabar.NotFound("err.translation.not_found", "language", khabar.LangName(l))
		}
		t := target(st.story, v, l)
		if !khabar.Can(actor, khabar.ActTranslate, t) && !khabar.Can(actor, khabar.ActEditVersion, t) {
			return entry{}, refusal(khabar.ActTranslate)
		}
		orig := st.version(st.story.OriginalLang)
		if orig == nil {
			return entry{}, khabar.NotFound("err.original.not_found")
		}
		v.SyncedRevision = orig.Revision
		v.Revision = base
		if err := s.store.SaveVersion(ctx, v, actor.ID); err != nil {
			return entry{}, err
		}
		return entry{action: "version.confirm", object: storyObject(storyID, l), detail: "up to date with the original"}, nil
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}
