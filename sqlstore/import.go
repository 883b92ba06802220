package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/khabarnews/khabar"
)

// StoryImport is one story to import and its language versions.
type StoryImport struct {
	Story    *khabar.Story
	Versions []*khabar.Version
}

// importBatch is how many stories one import transaction holds: one commit
// (and one fsync) per thousand stories instead of one per story.
const importBatch = 1000

// ImportStories stores many stories at once, as CreateStory would one by
// one (same validation, revisions, search index), in one transaction per
// importBatch stories. The user of every revision is the system (0). On an
// error, the batches already committed stay; the error says which story
// failed.
func (db *DB) ImportStories(ctx context.Context, stories []StoryImport) error {
	for i, s := range stories {
		if err := validateImport(s); err != nil {
			return fmt.Errorf("story %d of the import: %w", i+1, err)
		}
	}
	// The next batch is analysed while the current one is written.
	next := make(chan map[*khabar.Version]terms, 1)
	analyseBatch := func(start int) {
		if start < len(stories) {
			go func() { next <- db.preAnalyse(stories[start:min(start+importBatch, len(stories))]) }()
		}
	}
	analyseBatch(0)
	for start := 0; start < len(stories); start += importBatch {
		batch := stories[start:min(start+importBatch, len(stories))]
		b := &bulkIndex{pre: <-next}
		analyseBatch(start + importBatch)
		bctx := context.WithValue(ctx, bulkIndexKey{}, b)
		now := db.nowMillis()
		err := db.inTx(ctx, func(tx *sql.Tx) error {
			zone, err := db.siteZone(ctx, tx, db.d.forShare)
			if err != nil {
				return err
			}
			counts := countDelta{}
			for i, s := range batch {
				if err := db.importStory(bctx, tx, s, now); err != nil {
					return fmt.Errorf("story %d of the import: %w", start+i+1, err)
				}
				counts.story(storyState{}, importedState(s), nil, zone)
			}
			if err := db.applyCounts(ctx, tx, counts); err != nil {
				return err
			}
			if s := db.search(); s != nil {
				return db.writeTerms(ctx, tx, s, b.ids, b.rows)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// importedState is what of an imported story decides the lists it is in.
func importedState(s StoryImport) storyState {
	st := storyState{section: s.Story.SectionID, featured: s.Story.Featured, versions: map[string]versionState{},
		tags: slices.Sorted(slices.Values(dedupe(s.Story.TagIDs))), authors: slices.Sorted(slices.Values(dedupe(s.Story.AuthorIDs)))}
	for _, v := range s.Versions {
		st.versions[v.Lang] = versionState{published: v.Status == khabar.StatusPublished, at: millis(v.PublishedAt)}
	}
	return st
}

// preAnalyse analyses the versions of a batch on every core before its
// transaction starts, so that the single writer spends its time writing.
func (db *DB) preAnalyse(batch []StoryImport) map[*khabar.Version]terms {
	var vs []*khabar.Version
	for _, s := range batch {
		vs = append(vs, s.Versions...)
	}
	out := make([]terms, len(vs))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(vs); i += workers {
				v := vs[i]
				out[i] = db.analyseVersion(v.Lang, v.Title, v.Summary, v.Body)
			}
		})
	}
	wg.Wait()
	m := make(map[*khabar.Version]terms, len(vs))
	for i, v := range vs {
		m[v] = out[i]
	}
	return m
}

func validateImport(s StoryImport) error {
	if s.Story == nil || len(s.Versions) == 0 {
		return khabar.Invalid("versions", "err.versions.required")
	}
	seen := map[string]bool{}
	for _, v := range s.Versions {
		if err := v.Validate(); err != nil {
			return err
		}
		if seen[v.Lang] {
			return khabar.Invalid("lang", "err.versions.twice", "language", khabar.LangName(v.Lang))
		}
		seen[v.Lang] = true
	}
	if s.Story.OriginalLang == "" {
		s.Story.OriginalLang = s.Versions[0].Lang
	}
	return nil
}

func (db *DB) importStory(ctx context.Context, tx *sql.Tx, s StoryImport, now int64) error {
	st := s.Story
	st.CreatedAt, st.UpdatedAt = fromMillis(now), fromMillis(now)
	err := tx.QueryRowContext(ctx, db.q(`INSERT INTO stories (section_id, lead_media_id, source_id, original_lang, featured, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		nullID(st.SectionID), nullID(st.LeadMediaID), nullID(st.SourceID), st.OriginalLang, st.Featured, now, now).Scan(&st.ID)
	if err != nil {
		return storyRefError(err)
	}
	if err := db.setStoryLinks(ctx, tx, st); err != nil {
		return err
	}
	for _, v := range s.Versions {
		v.StoryID, v.Revision = st.ID, 0
		if err := db.saveVersion(ctx, tx, v, 0, now); err != nil {
			return err
		}
	}
	return nil
}
