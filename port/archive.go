package port

import (
	"sort"
	"time"

	"github.com/khabarnews/khabar"
)

// The Khabar archive, version 2: the records of each file and their
// conversion from and to the domain. docs/archive.md describes the format for
// people; what is written here is the format.

// ArchiveFormat and ArchiveVersion name the format in the manifest. A
// reader refuses other formats and newer versions. Version 2 added the
// editorial fields of versions and revisions, corrections, and what the
// site sends and posts; a version 1 archive reads as one without them.
const (
	ArchiveFormat  = "khabar-archive"
	ArchiveVersion = 2
)

// The files of an archive, in the order an import reads them.
const (
	fileManifest  = "manifest.json"
	fileSettings  = "settings.json"
	fileUsers     = "users.jsonl"
	fileAudit     = "audit.jsonl"
	fileSections  = "sections.jsonl"
	fileTags      = "tags.jsonl"
	fileSources   = "sources.jsonl"
	fileMedia     = "media.jsonl"
	filePages     = "pages.jsonl"
	fileStories   = "stories.jsonl"
	fileRedirects = "redirects.jsonl"
	dirMedia      = "media"

	// Since version 2; an archive without them has none.
	fileWireFeeds    = "wire_feeds.jsonl"
	fileNewsletters  = "newsletters.jsonl"
	fileChannels     = "channels.jsonl"
	fileSubscribers  = "subscribers.jsonl"
	fileChannelPosts = "channel_posts.jsonl"
)

type manifest struct {
	Format    string         `json:"format"`
	Version   int            `json:"version"`
	SiteID    string         `json:"site_id"`
	CreatedAt time.Time      `json:"created_at"`
	Generator string         `json:"generator"`
	Counts    map[string]int `json:"counts"`
}

type arSettings struct {
	SiteName     khabar.Text `json:"site_name"`
	Tagline      khabar.Text `json:"tagline"`
	Languages    []string    `json:"languages"`
	DefaultLang  string      `json:"default_lang"`
	ArabicDigits string      `json:"arabic_digits"`
	ArabicMonths string      `json:"arabic_months"`
	HijriLangs   []string    `json:"hijri_langs"`
	TimeZone     string      `json:"time_zone"`
	SlugStyle    string      `json:"slug_style"`
}

type arSection struct {
	ID       int64       `json:"id"`
	Slug     string      `json:"slug"`
	Names    khabar.Text `json:"names"`
	Position int         `json:"position"`
}

type arTag struct {
	ID    int64       `json:"id"`
	Slug  string      `json:"slug"`
	Names khabar.Text `json:"names"`
}

type arSource struct {
	ID    int64       `json:"id"`
	Names khabar.Text `json:"names"`
	URL   string      `json:"url"`
}

// arUser is a user without secrets: no password hash, no second factor.
type arUser struct {
	ID        int64       `json:"id"`
	Login     string      `json:"login"`
	Email     string      `json:"email"`
	Slug      string      `json:"slug"`
	Names     khabar.Text `json:"names"`
	Bio       khabar.Text `json:"bio"`
	Role      khabar.Role `json:"role"`
	Languages []string    `json:"languages"`
	UILang    string      `json:"ui_lang"`
	Disabled  bool        `json:"disabled"`
	CreatedAt time.Time   `json:"created_at"`
}

type arMedia struct {
	ID        int64       `json:"id"`
	Key       string      `json:"key"`
	MIME      string      `json:"mime"`
	Width     int         `json:"width"`
	Height    int         `json:"height"`
	Size      int64       `json:"size"`
	Credit    khabar.Text `json:"credit"`
	Caption   khabar.Text `json:"caption"`
	Alt       khabar.Text `json:"alt"`
	CreatedAt time.Time   `json:"created_at"`
	Variants  []arVariant `json:"variants"`
}

type arVariant struct {
	Name   string `json:"name"`
	Key    string `json:"key"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

type arPage struct {
	ID       int64           `json:"id"`
	Key      string          `json:"key"`
	Position int             `json:"position"`
	Versions []arPageVersion `json:"versions"`
}

type arPageVersion struct {
	Lang      string    `json:"lang"`
	Title     string    `json:"title"`
	Slug      string    `json:"slug"`
	BodyHTML  string    `json:"body_html"`
	UpdatedAt time.Time `json:"updated_at"`
}

type arStory struct {
	ID           int64        `json:"id"`
	OriginalLang string       `json:"original_lang"`
	SectionID    int64        `json:"section_id"`
	LeadMediaID  int64        `json:"lead_media_id"`
	SourceID     int64        `json:"source_id"`
	TagIDs       []int64      `json:"tag_ids"`
	AuthorIDs    []int64      `json:"author_ids"`
	Featured     bool         `json:"featured"`
	Revision     int64        `json:"revision"`
	CreatedAt    time.Time    `json:"created_at"`
	UpdatedAt    time.Time    `json:"updated_at"`
	Versions     []arVersion  `json:"versions"`
	Revisions    []arRevision `json:"revisions"`
	// Corrections are the notices readers see on published versions.
	Corrections []arCorrection `json:"corrections,omitempty"`
}

type arVersion struct {
	Lang            string        `json:"lang"`
	Title           string        `json:"title"`
	Slug            string        `json:"slug"`
	Summary         string        `json:"summary"`
	BodyHTML        string        `json:"body_html"`
	Status          khabar.Status `json:"status"`
	PublishedAt     *time.Time    `json:"published_at"`
	UpdatedAt       time.Time     `json:"updated_at"`
	Revision        int64         `json:"revision"`
	ContentRevision int64         `json:"content_revision"`
	SyncedRevision  int64         `json:"synced_revision"`
	// The editorial desk's, since version 2.
	Note            string     `json:"note,omitempty"`
	NoteBy          int64      `json:"note_by,omitempty"`
	PendingRevision int64      `json:"pending_revision,omitempty"`
	PendingSynced   int64      `json:"pending_synced,omitempty"`
	ExpiresAt       *time.Time `json:"expires_at,omitempty"`
	WithdrawalNote  string     `json:"withdrawal_note,omitempty"`
}

type arRevision struct {
	Lang      string        `json:"lang"`
	Number    int64         `json:"number"`
	Title     string        `json:"title"`
	Slug      string        `json:"slug"`
	Summary   string        `json:"summary"`
	BodyHTML  string        `json:"body_html"`
	Status    khabar.Status `json:"status"`
	UserID    int64         `json:"user_id"`
	CreatedAt time.Time     `json:"created_at"`
	Note      string        `json:"note,omitempty"`
	Pending   bool          `json:"pending,omitempty"`
}

type arCorrection struct {
	ID     int64                 `json:"id"`
	Lang   string                `json:"lang"`
	Kind   khabar.CorrectionKind `json:"kind"`
	Note   string                `json:"note"`
	At     time.Time             `json:"at"`
	UserID int64                 `json:"user_id"`
}

type arRedirect struct {
	ID        int64     `json:"id"`
	From      string    `json:"from"`
	StoryID   int64     `json:"story_id,omitempty"`
	PageID    int64     `json:"page_id,omitempty"`
	Lang      string    `json:"lang,omitempty"`
	To        string    `json:"to,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// arAudit is an audit entry; entries are in the order they were written
// and carry no id.
type arAudit struct {
	At     time.Time `json:"at"`
	UserID int64     `json:"user_id"`
	Action string    `json:"action"`
	Object string    `json:"object"`
	Detail string    `json:"detail"`
}

func utc(t time.Time) time.Time { return t.UTC() }

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func optUTC(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

func orZero(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

func ids(v []int64) []int64 {
	if v == nil {
		return []int64{}
	}
	return v
}

func settingsRecord(s khabar.Settings) arSettings {
	return arSettings{SiteName: s.SiteName, Tagline: s.Tagline, Languages: s.Languages, DefaultLang: s.DefaultLang,
		ArabicDigits: s.ArabicDigits, ArabicMonths: s.ArabicMonths, HijriLangs: nonNilStrings(s.HijriLangs), TimeZone: s.TimeZone, SlugStyle: s.SlugStyle}
}

func (a arSettings) domain() khabar.Settings {
	return khabar.Settings{SiteName: a.SiteName, Tagline: a.Tagline, Languages: a.Languages, DefaultLang: a.DefaultLang,
		ArabicDigits: a.ArabicDigits, ArabicMonths: a.ArabicMonths, HijriLangs: a.HijriLangs, TimeZone: a.TimeZone, SlugStyle: a.SlugStyle}
}

func userRecord(u khabar.User) arUser {
	langs := u.Languages
	if langs == nil {
		langs = []string{}
	}
	return arUser{ID: u.ID, Login: u.Login, Email: u.Email, Slug: u.Slug, Names: u.Names, Bio: u.Bio, Role: u.Role,
		Languages: langs, UILang: u.UILang, Disabled: u.Disabled, CreatedAt: utc(u.CreatedAt)}
}

func (a arUser) domain() khabar.User {
	return khabar.User{ID: a.ID, Login: a.Login, Email: a.Email, Slug: a.Slug, Names: a.Names, Bio: a.Bio, Role: a.Role,
		Languages: a.Languages, UILang: a.UILang, Disabled: a.Disabled, CreatedAt: a.CreatedAt}
}

func mediaRecord(m khabar.Media) arMedia {
	r := arMedia{ID: m.ID, Key: m.Key, MIME: m.MIME, Width: m.Width, Height: m.Height, Size: m.Size, Credit: m.Credit,
		Caption: m.Caption, Alt: m.Alt, CreatedAt: utc(m.CreatedAt), Variants: []arVariant{}}
	for _, v := range m.Variants {
		r.Variants = append(r.Variants, arVariant{Name: v.Name, Key: v.Key, Width: v.Width, Height: v.Height})
	}
	return r
}

func (a arMedia) domain() khabar.Media {
	m := khabar.Media{ID: a.ID, Key: a.Key, MIME: a.MIME, Width: a.Width, Height: a.Height, Size: a.Size, Credit: a.Credit,
		Caption: a.Caption, Alt: a.Alt, CreatedAt: a.CreatedAt}
	for _, v := range a.Variants {
		m.Variants = append(m.Variants, khabar.MediaVariant{Name: v.Name, Key: v.Key, Width: v.Width, Height: v.Height})
	}
	return m
}

func pageRecord(p khabar.Page) arPage {
	r := arPage{ID: p.ID, Key: p.Key, Position: p.Position, Versions: []arPageVersion{}}
	for l, v := range p.Versions {
		r.Versions = append(r.Versions, arPageVersion{Lang: l, Title: v.Title, Slug: v.Slug, BodyHTML: v.Body, UpdatedAt: utc(v.UpdatedAt)})
	}
	sort.Slice(r.Versions, func(i, j int) bool { return r.Versions[i].Lang < r.Versions[j].Lang })
	return r
}

func (a arPage) domain() khabar.Page {
	p := khabar.Page{ID: a.ID, Key: a.Key, Position: a.Position, Versions: map[string]*khabar.PageVersion{}}
	for _, v := range a.Versions {
		p.Versions[v.Lang] = &khabar.PageVersion{Lang: v.Lang, Title: v.Title, Slug: v.Slug, Body: v.BodyHTML, UpdatedAt: v.UpdatedAt}
	}
	return p
}

func storyRecord(s khabar.ImportedStory) arStory {
	st := s.Story
	r := arStory{ID: st.ID, OriginalLang: st.OriginalLang, SectionID: st.SectionID, LeadMediaID: st.LeadMediaID, SourceID: st.SourceID,
		TagIDs: ids(st.TagIDs), AuthorIDs: ids(st.AuthorIDs), Featured: st.Featured, Revision: st.Revision,
		CreatedAt: utc(st.CreatedAt), UpdatedAt: utc(st.UpdatedAt), Versions: []arVersion{}, Revisions: []arRevision{}}
	for _, v := range s.Versions {
		r.Versions = append(r.Versions, arVersion{Lang: v.Lang, Title: v.Title, Slug: v.Slug, Summary: v.Summary, BodyHTML: v.Body,
			Status: v.Status, PublishedAt: optUTC(v.PublishedAt), UpdatedAt: utc(v.UpdatedAt), Revision: v.Revision,
			ContentRevision: v.ContentRevision, SyncedRevision: v.SyncedRevision, Note: v.Note, NoteBy: v.NoteBy,
			PendingRevision: v.PendingRevision, PendingSynced: v.PendingSynced, ExpiresAt: optUTC(v.ExpiresAt), WithdrawalNote: v.WithdrawalNote})
	}
	for _, v := range s.Revisions {
		r.Revisions = append(r.Revisions, arRevision{Lang: v.Lang, Number: v.Number, Title: v.Title, Slug: v.Slug, Summary: v.Summary,
			BodyHTML: v.Body, Status: v.Status, UserID: v.UserID, CreatedAt: utc(v.CreatedAt), Note: v.Note, Pending: v.Pending})
	}
	for _, c := range s.Corrections {
		r.Corrections = append(r.Corrections, arCorrection{ID: c.ID, Lang: c.Lang, Kind: c.Kind, Note: c.Note, At: utc(c.At), UserID: c.UserID})
	}
	return r
}

func (a arStory) domain() khabar.ImportedStory {
	st := &khabar.Story{ID: a.ID, OriginalLang: a.OriginalLang, SectionID: a.SectionID, LeadMediaID: a.LeadMediaID, SourceID: a.SourceID,
		TagIDs: a.TagIDs, AuthorIDs: a.AuthorIDs, Featured: a.Featured, Revision: a.Revision, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
	out := khabar.ImportedStory{Story: st, Revisions: []khabar.Revision{}}
	for _, v := range a.Versions {
		out.Versions = append(out.Versions, &khabar.Version{StoryID: a.ID, Lang: v.Lang, Title: v.Title, Slug: v.Slug, Summary: v.Summary,
			Body: v.BodyHTML, Status: v.Status, PublishedAt: orZero(v.PublishedAt), UpdatedAt: v.UpdatedAt, Revision: v.Revision,
			ContentRevision: v.ContentRevision, SyncedRevision: v.SyncedRevision, Note: v.Note, NoteBy: v.NoteBy,
			PendingRevision: v.PendingRevision, PendingSynced: v.PendingSynced, ExpiresAt: orZero(v.ExpiresAt), WithdrawalNote: v.WithdrawalNote})
	}
	for _, v := range a.Revisions {
		out.Revisions = append(out.Revisions, khabar.Revision{StoryID: a.ID, Lang: v.Lang, Number: v.Number, Title: v.Title, Slug: v.Slug,
			Summary: v.Summary, Body: v.BodyHTML, Status: v.Status, UserID: v.UserID, CreatedAt: v.CreatedAt, Note: v.Note, Pending: v.Pending})
	}
	for _, c := range a.Corrections {
		out.Corrections = append(out.Corrections, khabar.Correction{ID: c.ID, StoryID: a.ID, Lang: c.Lang, Kind: c.Kind, Note: c.Note, At: c.At, UserID: c.UserID})
	}
	return out
}

func redirectRecord(r khabar.Redirect) arRedirect {
	return arRedirect{ID: r.ID, From: r.From, StoryID: r.StoryID, PageID: r.PageID, Lang: r.Lang, To: r.To, CreatedAt: utc(r.CreatedAt)}
}

func (a arRedirect) domain() khabar.Redirect {
	return khabar.Redirect{ID: a.ID, From: a.From, StoryID: a.StoryID, PageID: a.PageID, Lang: a.Lang, To: a.To, CreatedAt: a.CreatedAt}
}

func auditRecord(e khabar.AuditEntry) arAudit {
	return arAudit{At: utc(e.At), UserID: e.UserID, Action: e.Action, Object: e.Object, Detail: e.Detail}
}

func (a arAudit) domain() khabar.AuditEntry {
	return khabar.AuditEntry{At: a.At, UserID: a.UserID, Action: a.Action, Object: a.Object, Detail: a.Detail}
}
