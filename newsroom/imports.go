package newsroom

import (
	"context"
	"time"

	"github.com/khabarnews/khabar"
)

// StoryImport is a story as another system kept it: its language versions
// with the status and publication time they had there, the original first.
type StoryImport struct {
	Story    StoryInput
	Versions []VersionImport
}

// VersionImport is one language version of an imported story.
type VersionImport struct {
	VersionInput
	Status      khabar.Status
	PublishedAt time.Time // kept as it was: an archive keeps its dates
}

// ImportStory stores a whole story at once, as an import or the demo brings
// it: every version cleaned and checked as an editor's save would be, with
// its own status and publication time, and one audit entry.
func (s *Service) ImportStory(ctx context.Context, actor *khabar.User, in StoryImport) (*khabar.Story, error) {
	if err := allow(actor, khabar.ActImport, khabar.Target{}); err != nil {
		return nil, err
	}
	if len(in.Versions) == 0 {
		return nil, khabar.Invalid("versions", "err.versions.required")
	}
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	versions := make([]*khabar.Version, len(in.Versions))
	for i, iv := range in.Versions {
		vi, err := prepare(settings, iv.VersionInput)
		if err != nil {
			return nil, err
		}
		versions[i] = &khabar.Version{Lang: vi.Lang, Title: vi.Title, Slug: vi.Slug, Summary: vi.Summary, Body: vi.Body,
			Status: iv.Status, PublishedAt: iv.PublishedAt}
		if i > 0 {
			// Translations arrive with the original they translate: they
			// are up to date with its first revision here.
			versions[i].SyncedRevision = 1
		}
		if err := versions[i].Validate(); err != nil {
			return nil, err
		}
	}
	st := in.Story
	story := &khabar.Story{SectionID: st.SectionID, LeadMediaID: st.LeadMediaID, SourceID: st.SourceID, TagIDs: st.TagIDs,
		AuthorIDs: st.AuthorIDs, Featured: st.Featured, OriginalLang: versions[0].Lang}
	err = s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		if err := s.store.CreateStory(ctx, story, versions); err != nil {
			return entry{}, err
		}
		return entry{action: "story.import", object: storyObject(story.ID, ""), detail: versions[0].Title}, nil
	})
	if err != nil {
		return nil, err
	}
	return story, nil
}
