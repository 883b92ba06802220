package newsroom

import (
	"context"
	"fmt"

	"github.com/khabarnews/khabar"
)

// Restore makes an old revision the current text of a version, as a new
// revision: nothing in between is lost.
func (s *Service) Restore(ctx context.Context, actor *khabar.User, storyID int64, l string, number, base int64) (*khabar.Version, error) {
	rev, err := s.store.Revision(ctx, storyID, l, number)
	if err != nil {
		return nil, err
	}
	v, err := s.SaveVersion(ctx, actor, storyID, VersionInput{Lang: l, Title: rev.Title, Slug: rev.Slug, Summary: rev.Summary,
		Body: rev.Body, BaseRevision: base})
	if err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "version.restore", objectOf(storyID, l), fmt.Sprintf("revision %d restored as %d", number, v.Revision))
	return v, nil
}
