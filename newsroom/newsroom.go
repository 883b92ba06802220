// Package newsroom is the one door for every change the newsroom makes:
// stories and their translations, sections, tags, sources, static pages,
// users, sessions and API tokens, settings and media. Each use case takes
// the acting user and the input, checks the permission, normalises and
// validates, and makes its writes and its audit entry in one store
// transaction — whichever door the change came in by: a newsroom page, the
// Admin API, a command or an import.
package newsroom

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/media"
)

// Service applies the newsroom's rules to a store.
type Service struct {
	store khabar.Store
	blobs khabar.BlobStore
	now   khabar.Clock
	log   *slog.Logger
	// passwords bounds the password hashing running at once.
	passwords *passwords
	// pixels bounds the image pixels that uploads hold decoded at once.
	pixels *media.Budget
}

// New returns a service on store, keeping media files in blobs; now may be
// nil for the wall clock, log nil for the default logger.
func New(store khabar.Store, blobs khabar.BlobStore, now khabar.Clock, log *slog.Logger) *Service {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.Default()
	}
	return &Service{store: store, blobs: blobs, now: now, log: log, passwords: newPasswords(), pixels: media.DefaultBudget()}
}

// Console is the operator at the server's console (khabar user …, imports):
// allowed everything, and recorded in the audit log as the system (user 0).
func Console() *khabar.User {
	return &khabar.User{Login: "console", Role: khabar.RoleAdmin, Names: khabar.Text{"en": "Console"}}
}

// entry is an audit entry of a change, written in the change's transaction.
type entry struct {
	action, object, detail string
	changes                []khabar.AuditChange
}

// change runs fn, which makes the writes of one use case through the
// context it is given, and writes the audit entries fn returns, all in one
// transaction: a change is never saved without its entry, nor an entry
// without its change.
func (s *Service) change(ctx context.Context, actor *khabar.User, fn func(ctx context.Context) ([]entry, error)) error {
	var who int64
	if actor != nil {
		who = actor.ID
	}
	return s.store.Update(khabar.WithActor(ctx, who), func(ctx context.Context) error {
		entries, err := fn(ctx)
		if err != nil {
			return err
		}
		for _, e := range entries {
			a := &khabar.AuditEntry{UserID: who, Action: e.action, Object: e.object, Detail: khabar.CleanLine(e.detail), Changes: e.changes}
			if err := s.store.Audit(ctx, a); err != nil {
				return err
			}
		}
		return nil
	})
}

// one is change for a use case with a single audit entry.
func (s *Service) one(ctx context.Context, actor *khabar.User, fn func(ctx context.Context) (entry, error)) error {
	return s.change(ctx, actor, func(ctx context.Context) ([]entry, error) {
		e, err := fn(ctx)
		return []entry{e}, err
	})
}

// object names an audited object: "section/3".
func object(kind string, id int64) string { return kind + "/" + strconv.FormatInt(id, 10) }

// storyObject names a story, or one language version of it: "story/12/ar".
func storyObject(storyID int64, lang string) string {
	o := object("story", storyID)
	if lang != "" {
		o += "/" + lang
	}
	return o
}

// allow refuses with EForbidden when actor may not do a to t.
func allow(actor *khabar.User, a khabar.Action, t khabar.Target) error {
	if !khabar.Can(actor, a, t) {
		return refusal(a)
	}
	return nil
}

// Refused is the error of an action the actor's role does not allow, with
// a message that says which, for a page that checks before it shows a form.
func Refused(a khabar.Action) error { return refusal(a) }

// refusal is the error of an action the actor's role does not allow, with a
// message that says which.
func refusal(a khabar.Action) error {
	key, ok := refusals[a]
	if !ok {
		key = "err.forbidden"
	}
	return khabar.Forbidden(key)
}

var refusals = map[khabar.Action]string{
	khabar.ActCreateStory:    "err.forbidden.create_story",
	khabar.ActEditVersion:    "err.forbidden.edit_version",
	khabar.ActSubmit:         "err.forbidden.submit",
	khabar.ActPublish:        "err.forbidden.publish",
	khabar.ActUnpublish:      "err.forbidden.unpublish",
	khabar.ActTranslate:      "err.forbidden.translate",
	khabar.ActRecall:         "err.forbidden.recall",
	khabar.ActProposeUpdate:  "err.forbidden.propose",
	khabar.ActEditMediaText:  "err.forbidden.media_text",
	khabar.ActEditStory:      "err.forbidden.edit_story",
	khabar.ActUploadMedia:    "err.forbidden.upload_media",
	khabar.ActEditMedia:      "err.forbidden.edit_media",
	khabar.ActManageTaxonomy: "err.forbidden.taxonomy",
	khabar.ActManagePages:    "err.forbidden.pages",
	khabar.ActManageUsers:    "err.forbidden.users",
	khabar.ActManageSettings: "err.forbidden.settings",
	khabar.ActEditLexicon:    "err.forbidden.lexicon",
	khabar.ActViewAudit:      "err.forbidden.audit",
	khabar.ActImport:         "err.forbidden.import",
	khabar.ActManageRedirect: "err.forbidden.redirects",

	khabar.ActUseWire:           "err.forbidden.wire",
	khabar.ActManageWire:        "err.forbidden.wire_feeds",
	khabar.ActSendNewsletter:    "err.forbidden.newsletter",
	khabar.ActManageSubscribers: "err.forbidden.subscribers",
	khabar.ActPostChannel:       "err.forbidden.channel",
	khabar.ActManageChannels:    "err.forbidden.distribution",
}
