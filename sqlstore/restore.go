package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

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
		db.restoreDistribution(ctx, w, a)
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
		for _, p := range a.ChannelPosts {
			w.add(ctx, "channel_posts (story_id, lang, chat_id, message_id, photo, want, state, op, revision, posted_revision, attempts, next_at, error, posted_at, updated_at)",
				p.StoryID, p.Lang, p.ChatID, p.MessageID, p.Photo, p.Want, p.State, p.Op, p.Revision, p.PostedRevision, p.Attempts,
				timeMillis(p.NextAt), p.Error, timeMillis(p.PostedAt), timeMillis(p.UpdatedAt))
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

// restoreDistribution queues the rows of what the site sends and posts.
// A wire feed comes back as it was configured, to be polled anew; the
// newsletters' and channels' settings, like the site's, replace what the
// site had.
func (db *DB) restoreDistribution(ctx context.Context, w *rowWriter, a *khabar.Archive) {
	for _, f := range a.WireFeeds {
		w.add(ctx, "wire_feeds (id, source_id, url, lang, interval_s, paused, created_at)",
			f.ID, f.SourceID, f.URL, f.Lang, int64(f.Interval/time.Second), f.Paused, millis(f.CreatedAt))
	}
	for _, s := range a.Subscribers {
		w.add(ctx, "subscribers (id, email, email_key, lang, status, token, consent, consent_at, confirmed_at, unsubscribed_at)",
			s.ID, s.Email, emailKey(s.Email), s.Lang, string(s.Status), s.Token, s.Consent, timeMillis(s.ConsentAt),
			timeMillis(s.ConfirmedAt), timeMillis(s.UnsubscribedAt))
	}
	for _, n := range a.Newsletters {
		w.upsert(ctx, "newsletters (lang, daily, daily_hour)", ` ON CONFLICT (lang) DO UPDATE SET daily = excluded.daily, daily_hour = excluded.daily_hour`,
			n.Lang, n.Daily, n.DailyHour)
	}
	for _, c := range a.Channels {
		w.upsert(ctx, "channels (lang, chat_id, auto_post)", ` ON CONFLICT (lang) DO UPDATE SET chat_id = excluded.chat_id, auto_post = excluded.auto_post`,
			c.Lang, c.ChatID, c.AutoPost)
	}
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
	if err := validateDistribution(a); err != nil {
		return err
	}
	for _, x := range [][]int64{ids(a.Sections, func(s khabar.Section) int64 { return s.ID }), ids(a.Tags, func(t khabar.Tag) int64 { return t.ID }),
		ids(a.Sources, func(s khabar.Source) int64 { return s.ID }), ids(a.Users, func(u khabar.User) int64 { return u.ID }),
		ids(a.Media, func(m khabar.Media) int64 { return m.ID }), ids(a.Pages, func(p khabar.Page) int64 { return p.ID }),
		ids(a.Redirects, func(r khabar.Redirect) int64 { return r.ID }),
		ids(a.WireFeeds, func(f khabar.WireFeed) int64 { return f.ID }), ids(a.Subscribers, func(s khabar.Subscriber) int64 { return s.ID }),
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

// validateDistribution checks what the site sends and posts; an error
// names the record.
func validateDistribution(a *khabar.Archive) error {
	for _, f := range a.WireFeeds {
		if err := f.Validate(); err != nil {
			return fmt.Errorf("wire feed %d: %w", f.ID, err)
		}
	}
	for _, s := range a.Subscribers {
		if err := s.Validate(); err != nil {
			return fmt.Errorf("subscriber %d: %w", s.ID, err)
		}
	}
	for _, n := range a.Newsletters {
		if err := n.Validate(); err != nil {
			return fmt.Errorf("newsletter %s: %w", n.Lang, err)
		}
	}
	for _, c := range a.Channels {
		if c.ChatID == "" {
			return fmt.Errorf("channel %s: %w", c.Lang, khabar.Invalid("chat_id", "err.channel.chat_id"))
		}
		if err := c.Validate(); err != nil {
			return fmt.Errorf("channel %s: %w", c.Lang, err)
		}
	}
	for _, p := range a.ChannelPosts {
		if err := p.Validate(); err != nil {
			return fmt.Errorf("channel post of story %d in %s: %w", p.StoryID, p.Lang, err)
		}
	}
	return nil
}
