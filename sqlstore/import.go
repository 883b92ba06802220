package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/khabarnews/khabar"
)

// StoryImport is one story to import and its language versions.
type StoryImport = khabar.ImportedStory

// ImportStories stores new stories as CreateStory would one by one (the
// same checks, revisions, counts), many rows per statement, in one
// transaction (the caller's Update, or its own). Each version's search
// terms wait for IndexSearch (or the first search): the import spends its
// time on the stories, and the index is written in large ordered batches
// afterwards. An error names the story it is about and nothing is written.
func (db *DB) ImportStories(ctx context.Context, stories []khabar.ImportedStory) error {
	for i, s := range stories {
		if err := validateImport(s); err != nil {
			return fmt.Errorf("story %d of the import: %w", i+1, err)
		}
	}
	return db.inTx(ctx, func(tx *sql.Tx) error { return db.writeStories(ctx, tx, stories) })
}

func validateImport(s khabar.ImportedStory) error {
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
	if !seen[s.Story.OriginalLang] {
		return khabar.Invalid("original_lang", "err.import.original_lang", "language", khabar.LangName(s.Story.OriginalLang))
	}
	froms := map[string]bool{}
	for _, r := range s.Redirects {
		if p, ok := khabar.RedirectPath(r.From); !ok || p != r.From || froms[r.From] || !seen[r.Lang] {
			return khabar.Invalid("from", "err.redirect.from", "from", r.From)
		}
		froms[r.From] = true
	}
	if err := validateCorrections(s, seen); err != nil {
		return err
	}
	return validateHistory(s)
}

// validateCorrections checks a story's notices: each on one of its
// versions, with the time it was made.
func validateCorrections(s khabar.ImportedStory, langs map[string]bool) error {
	for _, c := range s.Corrections {
		if err := c.Validate(); err != nil {
			return fmt.Errorf("correction %d: %w", c.ID, err)
		}
		if !langs[c.Lang] || c.At.IsZero() || c.ID < 0 {
			return fmt.Errorf("correction %d: %w", c.ID, khabar.Invalid("corrections", "err.import.correction", "language", khabar.LangName(c.Lang)))
		}
	}
	return nil
}

// validateHistory checks an archive's revisions: each of a version of the
// story, numbered once, the last one the version's own revision.
func validateHistory(s khabar.ImportedStory) error {
	if s.Revisions == nil {
		return nil
	}
	last := map[string]int64{}
	seen := map[string]bool{}
	for _, r := range s.Revisions {
		// A revision keeps what was said; when, is the version's.
		v := khabar.Version{Lang: r.Lang, Title: r.Title, Slug: r.Slug, Summary: r.Summary, Body: r.Body, Status: r.Status, PublishedAt: r.CreatedAt}
		if err := v.Validate(); err != nil {
			return err
		}
		key := r.Lang + "#" + fmt.Sprint(r.Number)
		if r.Number <= 0 || seen[key] {
			return khabar.Invalid("revisions", "err.import.revision", "number", r.Number)
		}
		seen[key] = true
		last[r.Lang] = max(last[r.Lang], r.Number)
	}
	for _, v := range s.Versions {
		if last[v.Lang] != v.Revision {
			return khabar.Invalid("revisions", "err.import.revision", "number", v.Revision)
		}
	}
	return nil
}

// writeStories writes a batch of stories in tx: the stories one by one
// (for their ids), their links, versions, revisions and index entries many
// per statement, and the list counts they move.
func (db *DB) writeStories(ctx context.Context, tx *sql.Tx, stories []khabar.ImportedStory) error {
	now := db.nowMillis()
	zone, err := db.siteZone(ctx, tx, db.d.forShare)
	if err != nil {
		return err
	}
	ins := newStoryInserter(db, tx)
	defer ins.close()
	w := db.newRowWriter(tx)
	counts := countDelta{}
	var whens []int64
	for _, s := range stories {
		for _, v := range s.Versions {
			settleImported(v, s.Revisions != nil, now)
			whens = append(whens, docTime(v))
		}
	}
	slots, err := db.newDocSlots(ctx, tx, whens)
	if err != nil {
		return err
	}
	froms := map[string]bool{} // an old address leads to the first story that claims it

	for i, s := range stories {
		if err := ins.insert(ctx, s.Story, now); err != nil {
			return fmt.Errorf("story %d of the import: %w", i+1, err)
		}
		id := s.Story.ID
		for pos, t := range dedupe(s.Story.TagIDs) {
			w.add(ctx, "story_tags (story_id, tag_id, position)", id, t, pos)
		}
		for pos, u := range dedupe(s.Story.AuthorIDs) {
			w.add(ctx, "story_authors (story_id, user_id, position)", id, u, pos)
		}
		for _, v := range s.Versions {
			v.StoryID = id
			w.add(ctx, "versions (story_id, lang, title, slug, summary, body, status, published_at, updated_at, revision, synced_revision, title_fold, content_revision, "+
				"note, note_by, pending_revision, pending_synced, expires_at, withdrawal_note)",
				id, v.Lang, v.Title, v.Slug, v.Summary, v.Body, string(v.Status), nullMillis(v.PublishedAt), millis(v.UpdatedAt),
				v.Revision, v.SyncedRevision, strings.ToLower(v.Title), v.ContentRevision,
				v.Note, v.NoteBy, v.PendingRevision, v.PendingSynced, nullMillis(v.ExpiresAt), v.WithdrawalNote)
			if s.Revisions == nil {
				w.add(ctx, "revisions (story_id, lang, number, title, slug, summary, body, status, user_id, created_at)",
					id, v.Lang, 1, v.Title, v.Slug, v.Summary, v.Body, string(v.Status), 0, millis(v.UpdatedAt))
			}
		}
		for _, r := range s.Redirects {
			if froms[r.From] {
				continue
			}
			froms[r.From] = true
			w.upsert(ctx, "redirects (from_path, story_id, page_id, lang, to_url, created_at)",
				` ON CONFLICT (from_path) DO UPDATE SET story_id = excluded.story_id, page_id = NULL, lang = excluded.lang, to_url = ''`,
				r.From, id, nil, r.Lang, "", now)
		}
		for _, r := range s.Revisions {
			w.add(ctx, "revisions (story_id, lang, number, title, slug, summary, body, status, user_id, created_at, note, pending)",
				id, r.Lang, r.Number, r.Title, r.Slug, r.Summary, r.Body, string(r.Status), r.UserID, millis(r.CreatedAt), r.Note, r.Pending)
		}
		for _, c := range s.Corrections {
			if c.ID > 0 {
				w.add(ctx, "corrections (id, story_id, lang, kind, note, at, user_id)", c.ID, id, c.Lang, string(c.Kind), c.Note, millis(c.At), c.UserID)
			} else {
				w.add(ctx, "corrections (story_id, lang, kind, note, at, user_id)", id, c.Lang, string(c.Kind), c.Note, millis(c.At), c.UserID)
			}
		}
		// The terms come later (IndexSearch); the rows are made now, in
		// the index's order where it has one.
		for _, v := range s.Versions {
			if slots != nil {
				w.add(ctx, "search_docs (id, story_id, lang, pending)", slots.place(docTime(v)), id, v.Lang, pendingImported)
			} else {
				w.add(ctx, "search_docs (story_id, lang, pending)", id, v.Lang, pendingImported)
			}
		}
		counts.story(storyState{}, importedState(s), nil, zone)
	}
	if err := w.flush(ctx); err != nil {
		return storyRefError(err)
	}
	if ins.keyed != nil {
		if err := db.d.resetIdentity(ctx, tx, "stories"); err != nil {
			return err
		}
	}
	return db.applyCounts(ctx, tx, counts)
}

// settleImported gives a version what CreateStory would: revision 1 made
// now, a publication time when published, and a schedule when that time
// is still ahead. A version with its history keeps what it had.
func settleImported(v *khabar.Version, history bool, now int64) {
	if v.Status == khabar.StatusPublished && v.PublishedAt.IsZero() {
		v.PublishedAt = fromMillis(now)
	}
	if v.Status == khabar.StatusPublished && millis(v.PublishedAt) > now {
		v.Status = khabar.StatusScheduled
	}
	if history {
		if v.UpdatedAt.IsZero() {
			v.UpdatedAt = fromMillis(now)
		}
		return
	}
	v.Revision, v.ContentRevision = 1, 1
	if v.UpdatedAt.IsZero() || millis(v.UpdatedAt) > now {
		v.UpdatedAt = fromMillis(now)
	}
}

// importedState is what of an imported story decides the lists it is in.
func importedState(s khabar.ImportedStory) storyState {
	st := storyState{section: s.Story.SectionID, featured: s.Story.Featured, versions: map[string]versionState{},
		tags: slices.Sorted(slices.Values(dedupe(s.Story.TagIDs))), authors: slices.Sorted(slices.Values(dedupe(s.Story.AuthorIDs)))}
	for _, v := range s.Versions {
		st.versions[v.Lang] = versionState{published: v.Status == khabar.StatusPublished, at: millis(v.PublishedAt)}
	}
	return st
}

// storyInserter inserts story rows with one prepared statement per form
// (a new id, or the id an archive gives).
type storyInserter struct {
	db           *DB
	tx           *sql.Tx
	fresh, keyed *sql.Stmt
}

func newStoryInserter(db *DB, tx *sql.Tx) *storyInserter { return &storyInserter{db: db, tx: tx} }

func (s *storyInserter) insert(ctx context.Context, st *khabar.Story, now int64) error {
	if st.CreatedAt.IsZero() {
		st.CreatedAt = fromMillis(now)
	}
	if st.UpdatedAt.IsZero() {
		st.UpdatedAt = st.CreatedAt
	}
	if st.Revision == 0 {
		st.Revision = 1
	}
	var err error
	if st.ID == 0 {
		if s.fresh == nil {
			if s.fresh, err = s.tx.PrepareContext(ctx, s.db.q(`INSERT INTO stories (section_id, lead_media_id, source_id, original_lang, featured, revision, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)); err != nil {
				return fmt.Errorf("saving story: %w", err)
			}
		}
		err = s.fresh.QueryRowContext(ctx, nullID(st.SectionID), nullID(st.LeadMediaID), nullID(st.SourceID), st.OriginalLang, st.Featured,
			st.Revision, millis(st.CreatedAt), millis(st.UpdatedAt)).Scan(&st.ID)
		if err != nil {
			return storyRefError(err)
		}
		return nil
	}
	if s.keyed == nil {
		if s.keyed, err = s.tx.PrepareContext(ctx, s.db.q(`INSERT INTO stories (id, section_id, lead_media_id, source_id, original_lang, featured, revision, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)); err != nil {
			return fmt.Errorf("saving story: %w", err)
		}
	}
	_, err = s.keyed.ExecContext(ctx, st.ID, nullID(st.SectionID), nullID(st.LeadMediaID), nullID(st.SourceID), st.OriginalLang, st.Featured,
		st.Revision, millis(st.CreatedAt), millis(st.UpdatedAt))
	if isUniqueViolation(err) {
		return khabar.Conflict("id", "err.import.id_taken", "kind", "story", "id", st.ID)
	}
	if err != nil {
		return storyRefError(err)
	}
	return nil
}

func (s *storyInserter) close() {
	for _, st := range []*sql.Stmt{s.fresh, s.keyed} {
		if st != nil {
			st.Close()
		}
	}
}

// docTime is the time a version's row in the index follows: its
// publication, or until it has one its last save.
func docTime(v *khabar.Version) int64 {
	if v.PublishedAt.IsZero() {
		return millis(v.UpdatedAt)
	}
	return millis(v.PublishedAt)
}

// slotter hands out the rows of a batch of new versions in the index,
// as placeDoc would one by one: in the millisecond of each version's time
// (times docSlots), after the rows already there.
type slotter struct {
	used map[int64]bool
}

// newDocSlots reads the rows the index already has between the batch's
// first and last times; nil where rows do not follow time.
func (db *DB) newDocSlots(ctx context.Context, tx *sql.Tx, whens []int64) (*slotter, error) {
	s := db.search()
	if s == nil || s.rowid == "" || len(whens) == 0 {
		return nil, nil
	}
	lo, hi := slices.Min(whens), slices.Max(whens)
	rows, err := tx.QueryContext(ctx, db.q(`SELECT id FROM search_docs WHERE id >= ? AND id < ?`), lo*docSlots, hi*docSlots+docSpill)
	if err != nil {
		return nil, fmt.Errorf("placing versions in the index: %w", err)
	}
	defer rows.Close()
	sl := &slotter{used: map[int64]bool{}}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		sl.used[id] = true
	}
	return sl, rows.Err()
}

// place returns a free row in the millisecond at, or the next free one.
func (sl *slotter) place(at int64) int64 {
	id := at * docSlots
	for sl.used[id] {
		id++
	}
	sl.used[id] = true
	return id
}
