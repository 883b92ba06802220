package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/khabarnews/khabar"
)

// Restore writes a part of an archive with the ids and times it had, in
// one transaction (the caller's Update, or its own), parents before
// children. Each item is checked as it would be when created; an id that
// is taken is refused with EConflict naming it.
func (db *DB) Restore(ctx context.Context, a *khabar.Archive) error {
	if err := validateArchive(a); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if a.SiteID != "" {
			if _, err := tx.ExecContext(ctx, db.q(`UPDATE settings SET value = ? WHERE key = 'site_id'`), a.SiteID); err != nil {
				return fmt.Errorf("restoring the site id: %w", err)
			}
		}
		w := db.newRowWriter(tx)
		for _, s := range a.Sections {
			w.add(ctx, "sections (id, slug, names, position)", s.ID, s.Slug, textJSON(s.Names), s.Position)
		}
		for _, t := range a.Tags {
			w.add(ctx, "tags (id, slug, names)", t.ID, t.Slug, textJSON(t.Names))
		}
		for _, s := range a.Sources {
			w.add(ctx, "sources (id, names, url)", s.ID, textJSON(s.Names), s.URL)
		}
		for _, u := range a.Users {
			w.add(ctx, "users (id, login, email, slug, names, bio, role, languages, password_hash, totp_secret, ui_lang, disabled, created_at)",
				u.ID, u.Login, u.Email, u.Slug, textJSON(u.Names), textJSON(u.Bio), string(u.Role), stringsJSON(u.Languages),
				u.PasswordHash, u.TOTPSecret, u.UILang, u.Disabled, millis(u.CreatedAt))
		}
		for _, m := range a.Media {
			w.add(ctx, "media (id, key, mime, width, height, size, credit, caption, alt, created_at)",
				m.ID, m.Key, m.MIME, m.Width, m.Height, m.Size, textJSON(m.Credit), textJSON(m.Caption), textJSON(m.Alt), millis(m.CreatedAt))
			for _, v := range m.Variants {
				w.add(ctx, "media_variants (media_id, name, key, width, height)", m.ID, v.Name, v.Key, v.Width, v.Height)
			}
		}
		for _, p := range a.Pages {
			w.add(ctx, "pages (id, key, position)", p.ID, p.Key, p.Position)
			for l, v := range p.Versions {
				w.add(ctx, "page_versions (page_id, lang, title, slug, body, updated_at)", p.ID, l, v.Title, v.Slug, v.Body, millis(v.UpdatedAt))
			}
		}
		if err := w.flush(ctx); err != nil {
			return restoreError(err)
		}
		if len(a.Stories) > 0 {
			if err := db.writeStories(ctx, tx, a.Stories); err != nil {
				return err
			}
		}
		for _, r := range a.Redirects {
			w.add(ctx, "redirects (id, from_path, story_id, page_id, lang, to_url, created_at)",
				r.ID, r.From, nullID(r.StoryID), nullID(r.PageID), r.Lang, r.To, millis(r.CreatedAt))
		}
		// Audit entries keep their order, not their ids: nothing refers to
		// them, and the site's own entries may hold the same numbers.
		for _, e := range a.Audit {
			w.add(ctx, "audit_log (at, user_id, action, object, detail)", millis(e.At), e.UserID, e.Action, e.Object, e.Detail)
		}
		if err := w.flush(ctx); err != nil {
			return restoreError(err)
		}
		return db.d.resetIdentities(ctx, tx)
	})
}

// restoreError says what went wrong in an archive's terms.
func restoreError(err error) error {
	switch {
	case isUniqueViolation(err):
		return khabar.Conflict("id", "err.import.taken").Because(err)
	case isForeignKeyViolation(err):
		return khabar.Invalid("id", "err.import.reference").Because(err)
	}
	return fmt.Errorf("restoring: %w", err)
}

// validateArchive checks every item as its Create method would.
func validateArchive(a *khabar.Archive) error {
	for _, s := range a.Sections {
		if err := s.Validate(); err != nil {
			return err
		}
	}
	for _, t := range a.Tags {
		if err := t.Validate(); err != nil {
			return err
		}
	}
	for _, s := range a.Sources {
		if err := s.Validate(); err != nil {
			return err
		}
	}
	for _, u := range a.Users {
		if err := u.Validate(); err != nil {
			return err
		}
	}
	for _, m := range a.Media {
		if err := m.Validate(); err != nil {
			return err
		}
	}
	for _, p := range a.Pages {
		if err := p.Validate(); err != nil {
			return err
		}
	}
	for _, r := range a.Redirects {
		if err := r.Validate(); err != nil {
			return err
		}
	}
	for _, e := range a.Audit {
		if err := e.Validate(); err != nil {
			return err
		}
	}
	for i, s := range a.Stories {
		if err := validateImport(s); err != nil {
			return fmt.Errorf("story %d of the archive: %w", i+1, err)
		}
	}
	for _, x := range [][]int64{ids(a.Sections, func(s khabar.Section) int64 { return s.ID }), ids(a.Tags, func(t khabar.Tag) int64 { return t.ID }),
		ids(a.Sources, func(s khabar.Source) int64 { return s.ID }), ids(a.Users, func(u khabar.User) int64 { return u.ID }),
		ids(a.Media, func(m khabar.Media) int64 { return m.ID }), ids(a.Pages, func(p khabar.Page) int64 { return p.ID }),
		ids(a.Redirects, func(r khabar.Redirect) int64 { return r.ID }),
		ids(a.Stories, func(s khabar.ImportedStory) int64 { return s.Story.ID })} {
		for _, id := range x {
			if id <= 0 {
				return khabar.Invalid("id", "err.import.id")
			}
		}
	}
	return nil
}

func ids[T any](items []T, id func(T) int64) []int64 {
	out := make([]int64, len(items))
	for i, x := range items {
		out[i] = id(x)
	}
	return out
}
