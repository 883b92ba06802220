package newsroom

import (
	"context"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/markup"
)

// StoryImport is a story as another system kept it: its language versions
// with the status and publication time they had there, the original first.
type StoryImport struct {
	Story    StoryInput
	Versions []VersionImport
	// Ref names the story in the source for reports: "post 12 “Title”
	// (line 340)".
	Ref string
}

// VersionImport is one language version of an imported story.
type VersionImport struct {
	VersionInput
	Status      khabar.Status
	PublishedAt time.Time // kept as it was: an archive keeps its dates
	// UpdatedAt is when it last changed there; zero for the import's time.
	UpdatedAt time.Time
	// SourceID is the item's id in the source (a WordPress post id): an
	// import of the same item again updates the version it made.
	SourceID string
	// OldURLs are the addresses it had there: each answers 301 here.
	OldURLs []string
}

// ImportStory stores a whole story at once, as the demo brings it: every
// version cleaned and checked as an editor's save would be, with its own
// status and publication time, and one audit entry.
func (s *Service) ImportStory(ctx context.Context, actor *khabar.User, in StoryImport) (*khabar.Story, error) {
	if err := allow(actor, khabar.ActImport, khabar.Target{}); err != nil {
		return nil, err
	}
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	st, err := prepareStory(settings, in, s.now())
	if err != nil {
		return nil, err
	}
	err = s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		if err := s.store.ImportStories(ctx, []khabar.ImportedStory{st}); err != nil {
			return entry{}, err
		}
		return entry{action: "story.import", object: storyObject(st.Story.ID, ""), detail: st.Versions[0].Title}, nil
	})
	if err != nil {
		return nil, err
	}
	return st.Story, nil
}

// prepareStory cleans and checks an imported story as an editor's saves
// would: every version through prepare, a known status, one version per
// language. Translations arrive with the original they translate: they are
// up to date with its first revision.
func prepareStory(settings khabar.Settings, in StoryImport, now time.Time) (khabar.ImportedStory, error) {
	if len(in.Versions) == 0 {
		return khabar.ImportedStory{}, khabar.Invalid("versions", "err.versions.required")
	}
	versions := make([]*khabar.Version, len(in.Versions))
	seen := map[string]bool{}
	for i, iv := range in.Versions {
		vi, err := prepare(settings, iv.VersionInput)
		if err != nil {
			return khabar.ImportedStory{}, err
		}
		if onlyCode(iv.Body, vi.Body) {
			return khabar.ImportedStory{}, khabar.Invalid("body", "err.body.only_scripts")
		}
		if seen[vi.Lang] {
			return khabar.ImportedStory{}, khabar.Invalid("lang", "err.versions.twice", "language", khabar.LangName(vi.Lang))
		}
		seen[vi.Lang] = true
		status := iv.Status
		if status == "" {
			status = khabar.StatusDraft
		}
		v := &khabar.Version{Lang: vi.Lang, Title: vi.Title, Slug: vi.Slug, Summary: vi.Summary, Body: vi.Body,
			Status: status, PublishedAt: iv.PublishedAt, UpdatedAt: iv.UpdatedAt}
		if v.UpdatedAt.After(now) {
			v.UpdatedAt = time.Time{}
		}
		if status == khabar.StatusScheduled && !v.PublishedAt.After(now) {
			// Its time passed while the site moved: it is due now.
			v.Status = khabar.StatusPublished
		}
		if i > 0 {
			v.SyncedRevision = 1
		}
		if err := v.Validate(); err != nil {
			return khabar.ImportedStory{}, err
		}
		versions[i] = v
	}
	st := in.Story
	story := &khabar.Story{SectionID: st.SectionID, LeadMediaID: st.LeadMediaID, SourceID: st.SourceID, TagIDs: st.TagIDs,
		AuthorIDs: st.AuthorIDs, Featured: st.Featured, OriginalLang: versions[0].Lang}
	return khabar.ImportedStory{Story: story, Versions: versions}, nil
}

// onlyCode reports whether cleaning left nothing of a body but scripts
// and the like: an import that would bring in an empty story instead of
// what its author saw says so.
func onlyCode(raw, clean string) bool {
	lower := strings.ToLower(raw)
	if !strings.Contains(lower, "<script") && !strings.Contains(lower, "<iframe") && !strings.Contains(lower, "<object") {
		return false
	}
	return markup.PlainText(clean) == "" && !strings.Contains(clean, "<img")
}

// prepareAll prepares stories on every core: cleaning bodies is most of
// an import's work.
func prepareAll(settings khabar.Settings, in []StoryImport, now time.Time) ([]khabar.ImportedStory, []error) {
	out := make([]khabar.ImportedStory, len(in))
	errs := make([]error, len(in))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(in); i += workers {
				out[i], errs[i] = prepareStory(settings, in[i], now)
			}
		})
	}
	wg.Wait()
	return out, errs
}

// IndexSearch writes the search terms of what imports brought in. An
// import's stories are searchable once it has run.
func (s *Service) IndexSearch(ctx context.Context, actor *khabar.User, progress func(done, total int)) error {
	if err := allow(actor, khabar.ActImport, khabar.Target{}); err != nil {
		return err
	}
	return s.store.IndexSearch(ctx, progress)
}

// itoa is strconv.FormatInt for ids.
func itoa(id int64) string { return strconv.FormatInt(id, 10) }
