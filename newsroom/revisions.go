package newsroom

import (
	"context"
	"fmt"

	"github.com/khabarnews/khabar"
)

// Restore makes an old revision the current text of a version, as a new
// revision: nothing in between is lost.
func (s *Service) Restore(ctx context.Context, actor *khabar.User, storyID int64, l string, number, base int64) (*khabar.Version, error) {
	var v *khabar.Version
	err := s.change(ctx, actor, func(ctx context.Context) ([]entry, error) {
		rev, err := s.store.Revision(ctx, storyID, l, number)
		if err != nil {
			return nil, err
		}
		st, err := s.load(ctx, storyID)
		if err != nil {
			return nil, err
		}
		in := VersionInput{Lang: l, Title: rev.Title, Slug: rev.Slug, Summary: rev.Summary, Body: rev.Body, BaseRevision: base}
		saved, e, err := s.saveText(ctx, actor, st, in)
		if err != nil {
			return nil, err
		}
		v = saved
		if e == nil {
			return nil, nil // the revision is the current text already
		}
		return []entry{*e, {action: "version.restore", object: storyObject(storyID, l), detail: fmt.Sprintf("revision %d restored as %d", number, v.Revision)}}, nil
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}
