package newsroom

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/media"
)

// A Khabar archive is brought back with the ids it had: a story's id is in
// its public address, and everything refers to everything else by id. So
// it goes into a site that holds nothing but what came from the same
// archive (an import run again, or one that stopped half-way) and its own
// accounts, which the archive's authors are matched with by login.

// CheckArchiveTarget refuses an archive into a site that holds stories,
// sections, tags, sources, images or pages that did not come from it.
func (im *Import) CheckArchiveTarget(ctx context.Context) error {
	stories, err := im.s.store.CountStories(ctx)
	if err != nil {
		return err
	}
	sections, err := im.s.store.Sections(ctx)
	if err != nil {
		return err
	}
	tags, err := im.s.store.Tags(ctx)
	if err != nil {
		return err
	}
	sources, err := im.s.store.Sources(ctx)
	if err != nil {
		return err
	}
	_, mediaCount, err := im.s.store.ListMedia(ctx, 1, 0)
	if err != nil {
		return err
	}
	pages, err := im.s.store.Pages(ctx)
	if err != nil {
		return err
	}
	_, subscribers, err := im.s.store.Subscribers(ctx, khabar.SubscriberFilter{Limit: 1})
	if err != nil {
		return err
	}
	for kind, n := range map[string]int{"story": stories, "section": len(sections), "tag": len(tags), "source": len(sources),
		"media": mediaCount, "page": len(pages), "subscriber": subscribers} {
		if n > im.recordedCount(kind) {
			return khabar.Conflict("site", "err.import.not_empty")
		}
	}
	return nil
}

func (im *Import) recordedCount(kind string) int {
	n := 0
	for k := range im.records {
		if k.kind == kind {
			n++
		}
	}
	return n
}

// RestoreSettings brings in the archive's settings and, on a site that
// holds nothing of it yet, its identity: the site restored is the site the
// archive was taken from.
func (im *Import) RestoreSettings(ctx context.Context, settings khabar.Settings, siteID string) error {
	settings.SiteName = khabar.CleanTexts(settings.SiteName)
	settings.Tagline = khabar.CleanTexts(settings.Tagline)
	if err := settings.Validate(); err != nil {
		return err
	}
	im.settings = settings
	if im.dryRun {
		im.count(countCreated, "settings", 1)
		return nil
	}
	if err := im.s.SaveSettings(ctx, im.actor, settings); err != nil {
		return err
	}
	im.count(countUpdated, "settings", 1)
	if siteID == "" || !im.fresh {
		return nil
	}
	return im.s.store.Restore(ctx, &khabar.Archive{SiteID: khabar.CleanLine(siteID)})
}

// PlanUsers matches the archive's accounts with the site's, before
// anything that names them comes in; RestoreUsers then brings in the new
// ones, which cannot log in until an administrator sets their passwords
// (an archive holds no secrets). An account with the login of one of the
// site's is taken to be the same person; one whose id the site uses for
// someone else gets a new id, and everything the archive says that person
// did follows.
func (im *Import) PlanUsers(ctx context.Context, users []khabar.User) error {
	im.users = map[int64]int64{}
	im.newUsers, im.userRecs = nil, nil
	for _, u := range users {
		u.PasswordHash, u.TOTPSecret = "", ""
		u.Login, u.Email, u.Slug = khabar.CleanLine(u.Login), khabar.CleanLine(u.Email), khabar.CleanLine(u.Slug)
		u.Names = khabar.CleanTexts(u.Names)
		if err := u.Validate(); err != nil {
			im.Skip(fmt.Sprintf("user %d %q", u.ID, u.Login), err)
			continue
		}
		id, err := im.matchUser(ctx, u)
		if err != nil {
			return err
		}
		if id != 0 {
			im.users[u.ID] = id
			im.count(countUnchanged, "user", 1)
			im.userRecs = append(im.userRecs, khabar.ImportRecord{Kind: "user", SourceID: itoa(u.ID), TargetID: id})
			continue
		}
		if _, err := im.s.store.User(ctx, u.ID); err == nil {
			// The id is someone else's here: a new one.
			nu, err := im.newUser(ctx, u)
			if err != nil {
				im.Skip(fmt.Sprintf("user %d %q", u.ID, u.Login), err)
				continue
			}
			im.users[u.ID] = nu
			im.userRecs = append(im.userRecs, khabar.ImportRecord{Kind: "user", SourceID: itoa(u.ID), TargetID: nu})
			continue
		} else if !khabar.IsNotFound(err) {
			return err
		}
		im.users[u.ID] = u.ID
		im.newUsers = append(im.newUsers, u)
		im.userRecs = append(im.userRecs, khabar.ImportRecord{Kind: "user", SourceID: itoa(u.ID), TargetID: u.ID})
	}
	return nil
}

// RestoreUsers brings in the accounts PlanUsers found new.
func (im *Import) RestoreUsers(ctx context.Context) error {
	keep, recs := im.newUsers, im.userRecs
	im.count(countCreated, "user", len(keep))
	if im.dryRun {
		return im.record(ctx, recs...)
	}
	return im.s.change(ctx, im.actor, func(ctx context.Context) ([]entry, error) {
		if err := im.s.store.Restore(ctx, &khabar.Archive{Users: keep}); err != nil {
			return nil, err
		}
		return []entry{{action: "archive.restore", object: "user/", detail: fmt.Sprintf("%d users", len(keep))}}, im.record(ctx, recs...)
	})
}

// matchUser finds the site's account for an archive's: the one an earlier
// run matched, or the one with the same login.
func (im *Import) matchUser(ctx context.Context, u khabar.User) (int64, error) {
	if r, ok := im.Recorded("user", itoa(u.ID)); ok {
		return r.TargetID, nil
	}
	mine, err := im.s.store.UserByLogin(ctx, u.Login)
	if khabar.IsNotFound(err) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return mine.ID, nil
}

func (im *Import) newUser(ctx context.Context, u khabar.User) (int64, error) {
	if im.dryRun {
		return im.fake(), nil
	}
	in := UserInput{Login: u.Login, Email: u.Email, Names: u.Names, Bio: u.Bio, Role: u.Role, Languages: u.Languages, NoLogin: true}
	nu, err := im.s.CreateUser(ctx, im.actor, in, "")
	if err != nil {
		return 0, err
	}
	im.count(countCreated, "user", 1)
	return nu.ID, nil
}

// user is the site's id of an archive's user; 0 stays the system.
func (im *Import) user(id int64) int64 {
	if id == 0 {
		return 0
	}
	if to, ok := im.users[id]; ok {
		return to
	}
	return id
}

// RestoreAudit brings in a batch of the archive's audit log, in its
// order, after what the site's log holds; the import's own entry records
// it. How many entries are in is recorded with each batch, so that a run
// that stopped half-way goes on from there (AuditRestored).
func (im *Import) RestoreAudit(ctx context.Context, entries []khabar.AuditEntry) error {
	for i := range entries {
		entries[i].ID = 0
		entries[i].UserID = im.user(entries[i].UserID)
		entries[i].Detail = khabar.CleanLine(entries[i].Detail)
	}
	done := im.AuditRestored() + int64(len(entries))
	im.count(countCreated, "audit", len(entries))
	if im.dryRun {
		return nil
	}
	return im.s.store.Update(ctx, func(ctx context.Context) error {
		if err := im.s.store.Restore(ctx, &khabar.Archive{Audit: entries}); err != nil {
			return err
		}
		return im.record(ctx, khabar.ImportRecord{Kind: "audit", SourceID: "count", TargetID: done})
	})
}

// AuditRestored is how many of the archive's audit entries earlier runs
// (and this one) brought in.
func (im *Import) AuditRestored() int64 {
	r, _ := im.Recorded("audit", "count")
	return r.TargetID
}

// Restore brings in a part of an archive: sections, tags, sources, pages,
// stories and redirects, each checked and cleaned as an editor's change
// would be, with the ids it had. Items an earlier run brought in are left
// as they are; an item that breaks a rule is skipped and reported, whole.
func (im *Import) Restore(ctx context.Context, a *khabar.Archive) error {
	return im.restore(ctx, a, im.CleanArchived(a.Stories))
}

// RestoreStories brings in archived stories that CleanArchived cleaned,
// with the errors it found: an import reads and cleans the next batch
// while this one is written.
func (im *Import) RestoreStories(ctx context.Context, stories []khabar.ImportedStory, errs []error) error {
	return im.restore(ctx, &khabar.Archive{Stories: stories}, errs)
}

func (im *Import) restore(ctx context.Context, a *khabar.Archive, storyErrs []error) error {
	var items []archiveItem
	add := func(kind string, id int64, ref string, err error, part khabar.Archive) {
		if err != nil {
			im.Skip(ref, err)
			return
		}
		if _, ok := im.Recorded(kind, itoa(id)); ok {
			im.count(countUnchanged, kind, 1)
			return
		}
		items = append(items, archiveItem{kind: kind, ref: ref, part: part,
			rec: khabar.ImportRecord{Kind: kind, SourceID: itoa(id), TargetID: id}})
	}
	for _, s := range a.Sections {
		s.Names = khabar.CleanTexts(s.Names)
		add("section", s.ID, fmt.Sprintf("section %d %q", s.ID, s.Slug), s.Validate(), khabar.Archive{Sections: []khabar.Section{s}})
	}
	for _, t := range a.Tags {
		t.Names = khabar.CleanTexts(t.Names)
		add("tag", t.ID, fmt.Sprintf("tag %d %q", t.ID, t.Slug), t.Validate(), khabar.Archive{Tags: []khabar.Tag{t}})
	}
	for _, s := range a.Sources {
		s.Names, s.URL = khabar.CleanTexts(s.Names), khabar.CleanLine(s.URL)
		add("source", s.ID, fmt.Sprintf("source %d", s.ID), s.Validate(), khabar.Archive{Sources: []khabar.Source{s}})
	}
	for _, p := range a.Pages {
		add("page", p.ID, fmt.Sprintf("page %d %q", p.ID, p.Key), im.cleanPage(&p), khabar.Archive{Pages: []khabar.Page{p}})
	}
	for i, st := range a.Stories {
		add("story", st.Story.ID, fmt.Sprintf("story %d", st.Story.ID), storyErrs[i], khabar.Archive{Stories: []khabar.ImportedStory{st}})
	}
	for _, r := range a.Redirects {
		add("redirect", r.ID, "redirect "+r.From, r.Validate(), khabar.Archive{Redirects: []khabar.Redirect{r}})
	}
	items = append(items, im.distribution(a)...)
	if len(items) == 0 {
		return nil
	}
	err := im.writeArchived(ctx, items)
	if err == nil || khabar.ErrorCode(err) == khabar.EInternal {
		return err
	}
	// Something only the store checks (a reference to an item that was
	// skipped): one at a time, to find it and keep the rest.
	for _, it := range items {
		if err := im.writeArchived(ctx, []archiveItem{it}); err != nil {
			if khabar.ErrorCode(err) == khabar.EInternal {
				return err
			}
			im.Skip(it.ref, err)
		}
	}
	return nil
}

// archiveItem is one item of an archive, ready to be written.
type archiveItem struct {
	kind, ref string
	rec       khabar.ImportRecord
	part      khabar.Archive
}

// writeArchived writes items in one transaction with their records and
// one audit entry.
func (im *Import) writeArchived(ctx context.Context, items []archiveItem) error {
	all := &khabar.Archive{}
	recs := make([]khabar.ImportRecord, len(items))
	for i, it := range items {
		p := it.part
		all.Sections = append(all.Sections, p.Sections...)
		all.Tags = append(all.Tags, p.Tags...)
		all.Sources = append(all.Sources, p.Sources...)
		all.Pages = append(all.Pages, p.Pages...)
		all.Stories = append(all.Stories, p.Stories...)
		all.Redirects = append(all.Redirects, p.Redirects...)
		all.WireFeeds = append(all.WireFeeds, p.WireFeeds...)
		all.Subscribers = append(all.Subscribers, p.Subscribers...)
		all.Newsletters = append(all.Newsletters, p.Newsletters...)
		all.Channels = append(all.Channels, p.Channels...)
		all.ChannelPosts = append(all.ChannelPosts, p.ChannelPosts...)
		recs[i] = it.rec
	}
	if !im.dryRun {
		err := im.s.change(ctx, im.actor, func(ctx context.Context) ([]entry, error) {
			if err := im.s.store.Restore(ctx, all); err != nil {
				return nil, err
			}
			return []entry{{action: "archive.restore", object: "site", detail: describeArchive(all)}}, im.record(ctx, recs...)
		})
		if err != nil {
			return err
		}
	} else if err := im.record(ctx, recs...); err != nil {
		return err
	}
	for _, it := range items {
		im.count(countCreated, it.kind, 1)
		for range it.part.Stories {
			im.count(countCreated, "version", len(it.part.Stories[0].Versions))
		}
	}
	return nil
}

// describeArchive says what a part of an archive held, for the audit log.
func describeArchive(a *khabar.Archive) string {
	var parts []string
	for _, x := range []struct {
		n    int
		what string
	}{{len(a.Sections), "sections"}, {len(a.Tags), "tags"}, {len(a.Sources), "sources"}, {len(a.Pages), "pages"},
		{len(a.Stories), "stories"}, {len(a.Redirects), "redirects"}, {len(a.WireFeeds), "wire feeds"}, {len(a.Subscribers), "subscribers"},
		{len(a.Newsletters), "newsletters"}, {len(a.Channels), "channels"}, {len(a.ChannelPosts), "channel posts"}} {
		if x.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", x.n, x.what))
		}
	}
	if len(a.Stories) > 0 {
		parts = append(parts, fmt.Sprintf("ids %d–%d", a.Stories[0].Story.ID, a.Stories[len(a.Stories)-1].Story.ID))
	}
	return strings.Join(parts, ", ")
}

// cleanPage cleans a page's versions as SavePage would, keeping its slugs.
func (im *Import) cleanPage(p *khabar.Page) error {
	p.Key = khabar.CleanLine(p.Key)
	for l, v := range p.Versions {
		if !im.settings.HasLang(l) {
			return khabar.Invalid("versions", "err.lang.unknown", "lang", l)
		}
		v.Title, v.Slug = khabar.CleanLine(v.Title), khabar.CleanLine(v.Slug)
		body, err := CleanBody(v.Body)
		if err != nil {
			return err
		}
		v.Body = body
	}
	return p.Validate()
}

// CleanArchived cleans archived stories in place on every core: every
// version and revision as a save would clean it, authors and editors
// mapped onto this site's accounts. It only reads the import's state, so
// it may run beside RestoreStories, once PlanUsers is done.
func (im *Import) CleanArchived(in []khabar.ImportedStory) []error {
	errs := make([]error, len(in))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(in); i += workers {
				errs[i] = im.cleanStory(in[i])
			}
		})
	}
	wg.Wait()
	return errs
}

func (im *Import) cleanStory(st khabar.ImportedStory) error {
	if st.Story == nil || len(st.Versions) == 0 {
		return khabar.Invalid("versions", "err.versions.required")
	}
	authors := make([]int64, len(st.Story.AuthorIDs))
	for i, id := range st.Story.AuthorIDs {
		authors[i] = im.user(id)
	}
	st.Story.AuthorIDs = authors
	cleaned := map[string]string{} // the body of a version and its revisions is often the same
	clean := func(body string) (string, error) {
		if c, ok := cleaned[body]; ok {
			return c, nil
		}
		c, err := CleanBody(body)
		cleaned[body] = c
		return c, err
	}
	for _, v := range st.Versions {
		if !im.settings.HasLang(v.Lang) {
			return khabar.Invalid("lang", "err.lang.unknown", "lang", v.Lang)
		}
		v.Title, v.Slug, v.Summary = khabar.CleanLine(v.Title), khabar.CleanLine(v.Slug), strings.TrimSpace(khabar.CleanText(v.Summary))
		body, err := clean(v.Body)
		if err != nil {
			return err
		}
		v.Body = body
		v.NoteBy = im.user(v.NoteBy)
		v.Note, v.WithdrawalNote = khabar.CleanText(v.Note), khabar.CleanText(v.WithdrawalNote)
		if err := v.Validate(); err != nil {
			return err
		}
		if err := khabar.CheckNote("note", v.Note); err != nil {
			return err
		}
		if err := khabar.CheckNote("withdrawal_note", v.WithdrawalNote); err != nil {
			return err
		}
	}
	for i := range st.Corrections {
		c := &st.Corrections[i]
		c.UserID, c.Note = im.user(c.UserID), khabar.CleanText(c.Note)
	}
	for i := range st.Revisions {
		r := &st.Revisions[i]
		r.UserID = im.user(r.UserID)
		r.Title, r.Slug, r.Summary = khabar.CleanLine(r.Title), khabar.CleanLine(r.Slug), strings.TrimSpace(khabar.CleanText(r.Summary))
		body, err := clean(r.Body)
		if err != nil {
			return err
		}
		r.Body = body
		r.Note = khabar.CleanText(r.Note)
	}
	if !slices.ContainsFunc(st.Versions, func(v *khabar.Version) bool { return v.Lang == st.Story.OriginalLang }) {
		return khabar.Invalid("original_lang", "err.import.original_lang", "language", khabar.LangName(st.Story.OriginalLang))
	}
	return nil
}

// RestoreMedia brings in an image of an archive with its id: its files,
// the original checked as an upload is, then its record. open reads one
// of its files by key.
func (im *Import) RestoreMedia(ctx context.Context, m khabar.Media, open func(key string) (io.ReadCloser, error)) error {
	if _, ok := im.Recorded("media", itoa(m.ID)); ok {
		im.count(countUnchanged, "media", 1)
		return nil
	}
	m.Credit, m.Caption, m.Alt = khabar.CleanTexts(m.Credit), khabar.CleanTexts(m.Caption), khabar.CleanTexts(m.Alt)
	if err := m.Validate(); err != nil {
		return err
	}
	f, err := open(m.Key)
	if err != nil {
		return err
	}
	up, err := media.Inspect(f, media.DefaultLimits())
	f.Close()
	if err != nil {
		return err
	}
	if up.Width != m.Width || up.Height != m.Height {
		return khabar.Invalid("file", "err.import.media_size")
	}
	if im.dryRun {
		im.count(countCreated, "media", 1)
		return im.record(ctx, khabar.ImportRecord{Kind: "media", SourceID: itoa(m.ID), TargetID: m.ID})
	}
	keys := []string{m.Key}
	for _, v := range m.Variants {
		keys = append(keys, v.Key)
	}
	for _, key := range keys {
		f, err := open(key)
		if err != nil {
			return err
		}
		err = im.s.blobs.Put(ctx, key, f)
		f.Close()
		if err != nil {
			return err
		}
	}
	err = im.s.one(ctx, im.actor, func(ctx context.Context) (entry, error) {
		if err := im.s.store.Restore(ctx, &khabar.Archive{Media: []khabar.Media{m}}); err != nil {
			return entry{}, err
		}
		return entry{action: "media.restore", object: object("media", m.ID), detail: m.Key}, im.record(ctx, khabar.ImportRecord{Kind: "media", SourceID: itoa(m.ID), TargetID: m.ID})
	})
	if err != nil {
		return err
	}
	im.count(countCreated, "media", 1)
	return nil
}
