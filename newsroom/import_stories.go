package newsroom

import (
	"context"
	"slices"
	"time"

	"github.com/khabarnews/khabar"
)

// Story brings in a story with its language versions. A story none of
// whose versions an earlier run brought in waits for its batch (StoryBatch
// stories a transaction, each checked and cleaned as an editor's save
// would be); one an earlier run brought in is updated at once, each version
// that differs saved as a new revision. A story that breaks a rule is
// skipped and reported, whole: nothing of it is written.
func (im *Import) Story(ctx context.Context, in StoryImport) error {
	for _, v := range in.Versions {
		if r, ok := im.Recorded("post", v.SourceID); ok && v.SourceID != "" {
			return im.updateStory(ctx, r.TargetID, in)
		}
	}
	im.pending = append(im.pending, in)
	if len(im.pending) >= StoryBatch {
		return im.flush(ctx)
	}
	return nil
}

// flush writes the stories waiting for their batch.
func (im *Import) flush(ctx context.Context) error {
	if len(im.pending) == 0 {
		return nil
	}
	batch := im.pending
	im.pending = nil
	prepared, errs := prepareAll(im.settings, batch, im.s.now())
	var ok []int
	for i, err := range errs {
		if err != nil {
			im.Skip(batch[i].Ref, err)
			continue
		}
		ok = append(ok, i)
	}
	if im.dryRun {
		for _, i := range ok {
			im.countNew(batch[i])
			for _, v := range batch[i].Versions {
				for _, u := range v.OldURLs {
					if err := im.Redirect(ctx, u, khabar.Redirect{}); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	err := im.writeNew(ctx, batch, prepared, ok)
	if err == nil || khabar.ErrorCode(err) == khabar.EInternal {
		return err
	}
	// Some story of the batch broke a rule only the store checks (a
	// section that is gone): one at a time, to find it and keep the rest.
	for _, i := range ok {
		if err := im.writeNew(ctx, batch, prepared, []int{i}); err != nil {
			if khabar.ErrorCode(err) == khabar.EInternal {
				return err
			}
			im.Skip(batch[i].Ref, err)
		}
	}
	return nil
}

// countNew counts a story and its versions as made.
func (im *Import) countNew(in StoryImport) {
	im.count(countCreated, "story", 1)
	im.count(countCreated, "version", len(in.Versions))
}

// writeNew writes the stories of a batch picked by which, with their
// records, redirects and audit entries, in one transaction.
func (im *Import) writeNew(ctx context.Context, batch []StoryImport, prepared []khabar.ImportedStory, which []int) error {
	stories := make([]khabar.ImportedStory, len(which))
	froms := copyFroms(im.froms)
	redirects := 0
	for j, i := range which {
		stories[j] = fresh(prepared[i])
		for k, v := range batch[i].Versions {
			for _, u := range v.OldURLs {
				from, ok := khabar.RedirectPath(u)
				if !ok || from == "/" || im.froms[from] {
					continue
				}
				im.froms[from] = true
				stories[j].Redirects = append(stories[j].Redirects, khabar.Redirect{From: from, Lang: stories[j].Versions[k].Lang})
				redirects++
			}
		}
	}
	err := im.s.change(ctx, im.actor, func(ctx context.Context) ([]entry, error) {
		if err := im.s.store.ImportStories(ctx, stories); err != nil {
			return nil, err
		}
		var recs []khabar.ImportRecord
		entries := make([]entry, 0, len(stories))
		for j, i := range which {
			st := stories[j]
			for k, v := range batch[i].Versions {
				if v.SourceID != "" {
					recs = append(recs, khabar.ImportRecord{Kind: "post", SourceID: v.SourceID, TargetID: st.Story.ID, Lang: st.Versions[k].Lang})
				}
			}
			entries = append(entries, entry{action: "story.import", object: storyObject(st.Story.ID, ""), detail: st.Versions[0].Title})
		}
		return entries, im.record(ctx, recs...)
	})
	if err != nil {
		im.froms = froms // the redirects of a failed batch were not written
		return err
	}
	for _, i := range which {
		im.countNew(batch[i])
	}
	im.count(countCreated, "redirect", redirects)
	return nil
}

// fresh is a copy of a prepared story for one attempt to write it: a
// failed attempt leaves ids in what it wrote.
func fresh(st khabar.ImportedStory) khabar.ImportedStory {
	story := *st.Story
	story.ID = 0
	vs := make([]*khabar.Version, len(st.Versions))
	for i, v := range st.Versions {
		c := *v
		vs[i] = &c
	}
	return khabar.ImportedStory{Story: &story, Versions: vs}
}

func copyFroms(m map[string]bool) map[string]bool {
	out := make(map[string]bool, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// updateStory brings a story an earlier run made up to date with the
// source: versions that differ are saved as new revisions (the ones saved
// here since stay in the history), new ones added; the shared fields are
// set as the source has them.
func (im *Import) updateStory(ctx context.Context, storyID int64, in StoryImport) error {
	imported, err := prepareStory(im.settings, in, im.s.now())
	if err != nil {
		im.Skip(in.Ref, err)
		return nil
	}
	var changedStory bool
	var made, changed, same int
	err = im.s.change(ctx, im.actor, func(ctx context.Context) ([]entry, error) {
		changedStory, made, changed, same = false, 0, 0, 0
		st, err := im.s.load(ctx, storyID)
		if err != nil {
			return nil, err
		}
		var entries []entry
		var recs []khabar.ImportRecord
		for k, v := range imported.Versions {
			cur := st.version(v.Lang)
			switch {
			case cur == nil:
				made++
			case sameVersion(cur, v):
				same++
				continue
			default:
				changed++
				v.Revision = cur.Revision
			}
			if !im.dryRun {
				v.StoryID = storyID
				if err := im.s.store.SaveVersion(ctx, v, im.actor.ID); err != nil {
					return nil, err
				}
				entries = append(entries, entry{action: "version.import", object: storyObject(storyID, v.Lang), detail: "revision " + itoa(v.Revision)})
			}
			if src := in.Versions[k].SourceID; src != "" {
				recs = append(recs, khabar.ImportRecord{Kind: "post", SourceID: src, TargetID: storyID, Lang: v.Lang})
			}
		}
		if next := imported.Story; !sameShared(st.story, next) {
			changedStory = true
			if !im.dryRun {
				upd := *st.story
				upd.SectionID, upd.LeadMediaID, upd.SourceID, upd.Featured = next.SectionID, next.LeadMediaID, next.SourceID, next.Featured
				upd.TagIDs = next.TagIDs
				if len(next.AuthorIDs) > 0 {
					upd.AuthorIDs = next.AuthorIDs
				}
				if err := im.s.store.UpdateStory(ctx, &upd); err != nil {
					return nil, err
				}
				entries = append(entries, entry{action: "story.import", object: storyObject(storyID, ""), detail: "revision " + itoa(upd.Revision)})
			}
		}
		for k, v := range in.Versions {
			for _, u := range v.OldURLs {
				if err := im.Redirect(ctx, u, khabar.Redirect{StoryID: storyID, Lang: imported.Versions[k].Lang}); err != nil {
					return nil, err
				}
			}
		}
		return entries, im.record(ctx, recs...)
	})
	if err != nil {
		if khabar.ErrorCode(err) == khabar.EInternal {
			return err
		}
		im.Skip(in.Ref, err)
		return nil
	}
	if made+changed > 0 || changedStory {
		im.count(countUpdated, "story", 1)
	} else {
		im.count(countUnchanged, "story", 1)
	}
	im.count(countCreated, "version", made)
	im.count(countUpdated, "version", changed)
	im.count(countUnchanged, "version", same)
	return nil
}

// sameVersion reports whether an imported version says what the saved
// one says.
func sameVersion(cur, v *khabar.Version) bool {
	return cur.Title == v.Title && cur.Slug == v.Slug && cur.Summary == v.Summary && cur.Body == v.Body &&
		cur.Status == settledStatus(v) && cur.PublishedAt.Equal(v.PublishedAt)
}

// settledStatus is the status a version is stored with: published with a
// time ahead is scheduled.
func settledStatus(v *khabar.Version) khabar.Status {
	if v.Status == khabar.StatusPublished && v.PublishedAt.After(time.Now()) {
		return khabar.StatusScheduled
	}
	return v.Status
}

// sameShared reports whether the imported story's shared fields are the
// saved ones (no authors in the import keeps the saved ones).
func sameShared(cur, next *khabar.Story) bool {
	return cur.SectionID == next.SectionID && cur.LeadMediaID == next.LeadMediaID && cur.SourceID == next.SourceID &&
		cur.Featured == next.Featured && slices.Equal(cur.TagIDs, next.TagIDs) &&
		(len(next.AuthorIDs) == 0 || slices.Equal(cur.AuthorIDs, next.AuthorIDs))
}
