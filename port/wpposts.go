package port

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/wxr"
)

// wpImport is the second pass of a WordPress import.
type wpImport struct {
	p       *plan
	im      *newsroom.Import
	opts    Options
	authors map[string]int64         // login → user id
	terms   map[string]int64         // "category 7" → section id, "post_tag 9" → tag id
	media   map[string]*khabar.Media // by path under uploads/
	pending map[string][]*wxr.Item   // translation groups not yet complete
	bodies  map[*wxr.Item]string     // bodies made ahead, not yet used
	done    int64
	every   progressEvery
	missing map[string]bool // images reported missing
}

func (w *wpImport) run(ctx context.Context, path string) error {
	w.media = map[string]*khabar.Media{}
	w.missing = map[string]bool{}
	w.every = progressEvery{fn: w.opts.Progress}
	for _, a := range w.p.site.Authors {
		if err := w.author(ctx, a); err != nil {
			return err
		}
	}
	if err := w.importMedia(ctx); err != nil {
		return err
	}
	f, _, err := open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w.bodies = map[*wxr.Item]string{}
	err = w.readItems(f, func(it *wxr.Item) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return w.item(ctx, it)
	})
	if err != nil {
		return err
	}
	groups := make([]string, 0, len(w.pending))
	for g := range w.pending {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	for _, g := range groups { // groups some of whose posts were not brought in
		if err := w.group(ctx, w.pending[g]); err != nil {
			return err
		}
	}
	return nil
}

// item handles one item of the second pass.
func (w *wpImport) item(ctx context.Context, it *wxr.Item) error {
	for range it.Comments {
		w.im.Ignore("comment")
	}
	switch {
	case it.Type == "attachment":
		return nil
	case it.Type == "revision" || it.Type == "nav_menu_item":
		w.im.Ignore(it.Type)
		return nil
	case it.Type != "post" && it.Type != "page":
		w.im.Ignore("type:" + it.Type)
		return nil
	case it.Status == "trash" || it.Status == "auto-draft":
		w.im.Ignore(strings.ReplaceAll(it.Status, "-", "_"))
		return nil
	case !imported(it.Status) || it.Type == "page" && it.Status != "publish":
		// A static page has no status here: only a published one comes in.
		w.im.Ignore("status:" + it.Status)
		return nil
	}
	w.done++
	w.every.report(Progress{Phase: "stories", Done: w.done, Total: int64(w.p.posts)})
	if len(it.Flaws) > 0 {
		w.im.Skip(it.Ref(), flawError(it.Flaws[0]))
		w.forget(it)
		return nil
	}
	g := w.p.groupOf[it.ID]
	if g == "" {
		return w.group(ctx, []*wxr.Item{it})
	}
	w.pending[g] = append(w.pending[g], it)
	if len(w.pending[g]) < w.p.groupSize[g] {
		return nil
	}
	items := w.pending[g]
	delete(w.pending, g)
	return w.group(ctx, items)
}

// forget drops a skipped post from its group, so that the rest of the
// group does not wait for it.
func (w *wpImport) forget(it *wxr.Item) {
	if g := w.p.groupOf[it.ID]; g != "" {
		w.p.groupSize[g]--
	}
}

// group brings in the posts of one translation group (or one post alone)
// as one story, or one static page.
func (w *wpImport) group(ctx context.Context, items []*wxr.Item) error {
	if len(items) == 0 {
		return nil
	}
	defer func(all []*wxr.Item) {
		for _, it := range all {
			delete(w.bodies, it) // of posts left out
		}
	}(items)
	items = w.ordered(items)
	if items[0].Type == "page" {
		return w.page(ctx, items)
	}
	in, err := w.story(ctx, items)
	if err != nil {
		if khabar.ErrorCode(err) == khabar.EInternal {
			return err
		}
		w.im.Skip(items[0].Ref(), err)
		return nil
	}
	return w.im.Story(ctx, in)
}

// ordered puts the original first: the one WPML does not mark as a
// translation, else the one in the old site's language, else the oldest.
func (w *wpImport) ordered(items []*wxr.Item) []*wxr.Item {
	sort.SliceStable(items, func(i, j int) bool { return numLess(items[i].ID, items[j].ID) })
	first := 0
	for i, it := range items {
		if wxr.ItemLanguage(it) == w.p.lang {
			first = i
			break
		}
	}
	for i, it := range items {
		if wxr.ItemGroup(it) != "" && strings.HasPrefix(wxr.ItemGroup(it), "wpml:") && !wxr.IsTranslation(it) {
			first = i
			break
		}
	}
	out := []*wxr.Item{items[first]}
	for i, it := range items {
		if i != first && it.Type == items[first].Type {
			out = append(out, it)
		}
	}
	return out
}

// langOf is the language of a post: as its plugin says, else the
// import's.
func (w *wpImport) langOf(it *wxr.Item) string {
	if l := wxr.ItemLanguage(it); l != "" {
		return primaryLang(l)
	}
	return w.p.lang
}

// story maps a group of posts onto a story.
func (w *wpImport) story(ctx context.Context, items []*wxr.Item) (newsroom.StoryImport, error) {
	orig := items[0]
	in := newsroom.StoryImport{Ref: orig.Ref()}
	l := w.langOf(orig)
	for _, t := range orig.TermsOf("category") {
		if t.Nicename == "uncategorized" {
			continue // WordPress's default, not a section anyone chose
		}
		id, err := w.term(ctx, "category", t.Nicename, l)
		if err != nil {
			return in, err
		}
		in.Story.SectionID = id
		break
	}
	for _, it := range items {
		for _, t := range it.TermsOf("post_tag") {
			id, err := w.term(ctx, "post_tag", t.Nicename, w.langOf(it))
			if err != nil {
				return in, err
			}
			if id != 0 && !contains(in.Story.TagIDs, id) {
				in.Story.TagIDs = append(in.Story.TagIDs, id)
			}
		}
		in.Story.Featured = in.Story.Featured || it.Sticky
		if in.Story.LeadMediaID == 0 {
			in.Story.LeadMediaID = w.thumbnail(it)
		}
	}
	if id, ok := w.authors[orig.Creator]; ok {
		in.Story.AuthorIDs = []int64{id}
	}
	for _, it := range items {
		in.Versions = append(in.Versions, w.version(it))
	}
	return in, nil
}

// version maps one post onto a language version.
func (w *wpImport) version(it *wxr.Item) newsroom.VersionImport {
	l := w.langOf(it)
	v := newsroom.VersionImport{
		VersionInput: newsroom.VersionInput{Lang: l, Title: unescape(it.Title), Slug: slug(it.Name), Summary: plainText(it.Excerpt), Body: w.body(it, l)},
		SourceID:     it.ID,
		OldURLs:      oldURLs(it),
	}
	v.Status, v.PublishedAt = status(it)
	v.UpdatedAt = gmt(it.ModifiedGMT)
	return v
}

// status maps WordPress's statuses: private posts (visible to the old
// site's staff only) are kept off the site, with their date, and so are
// posts behind a password, as drafts: their text was not for everyone.
func status(it *wxr.Item) (khabar.Status, time.Time) {
	at := gmt(it.DateGMT)
	if it.Password != "" {
		return khabar.StatusDraft, time.Time{}
	}
	switch it.Status {
	case "publish":
		if at.IsZero() {
			at = gmt(it.Date) // a published post without a GMT date: its local one
		}
		return khabar.StatusPublished, at
	case "future":
		if at.IsZero() {
			at = gmt(it.Date)
		}
		return khabar.StatusScheduled, at
	case "pending":
		return khabar.StatusReview, time.Time{}
	case "private":
		if at.IsZero() {
			return khabar.StatusDraft, time.Time{}
		}
		return khabar.StatusUnpublished, at
	}
	return khabar.StatusDraft, time.Time{}
}

// gmt reads WordPress's "2006-01-02 15:04:05"; drafts have
// "0000-00-00 00:00:00", which is no time.
func gmt(s string) time.Time {
	t, err := time.ParseInLocation(time.DateTime, strings.TrimSpace(s), time.UTC)
	if err != nil || t.Year() < 1971 {
		return time.Time{}
	}
	return t
}

// slug is a post's slug as readers saw it: WordPress keeps non-Latin ones
// percent-encoded.
func slug(name string) string {
	if s, err := url.PathUnescape(name); err == nil {
		name = s
	}
	if strings.HasSuffix(name, "__trashed") {
		return ""
	}
	return name
}

// oldURLs are the addresses a post had: its permalink, and its guid where
// that is an address (?p=12).
func oldURLs(it *wxr.Item) []string {
	var out []string
	for _, u := range []string{it.Link, it.GUID} {
		if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "/") {
			out = append(out, u)
		}
	}
	return out
}

// thumbnail is the id of a post's featured image, 0 when it has none or
// it could not be had.
func (w *wpImport) thumbnail(it *wxr.Item) int64 {
	a := w.p.attachments[strings.TrimSpace(it.MetaValue("_thumbnail_id"))]
	if a == nil {
		return 0
	}
	if m := w.media[a.path]; m != nil {
		return m.ID
	}
	return 0
}

// page maps a group of pages onto a static page.
func (w *wpImport) page(ctx context.Context, items []*wxr.Item) error {
	in := newsroom.PageInput{Key: slug(items[0].Name), Versions: map[string]newsroom.PageVersionInput{}}
	ids, urls := map[string]string{}, map[string][]string{}
	for _, it := range items {
		l := w.langOf(it)
		if _, twice := in.Versions[l]; twice {
			continue
		}
		in.Versions[l] = newsroom.PageVersionInput{Title: unescape(it.Title), Slug: slug(it.Name), Body: w.body(it, l)}
		ids[l], urls[l] = it.ID, oldURLs(it)
	}
	if err := w.im.Page(ctx, ids, in, urls); err != nil {
		if khabar.ErrorCode(err) == khabar.EInternal {
			return err
		}
		w.im.Skip(items[0].Ref(), err)
	}
	return nil
}

// author brings in one of the channel's authors. A WordPress login may
// hold spaces, which a Khabar login may not.
func (w *wpImport) author(ctx context.Context, a wxr.Author) error {
	if a.Login == "" {
		return nil
	}
	login := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '/' || r == '\\' {
			return '-'
		}
		return r
	}, strings.TrimSpace(a.Login))
	name := unescape(a.DisplayName)
	if name == "" {
		name = strings.TrimSpace(unescape(a.FirstName) + " " + unescape(a.LastName))
	}
	if name == "" {
		name = a.Login
	}
	id, err := w.im.Author(ctx, "author "+a.Login, newsroom.UserInput{Login: login, Email: a.Email,
		Names: khabar.Text{scriptLang(name, w.p.lang, w.im.Settings()): name}, Role: khabar.RoleAuthor})
	if err != nil {
		if khabar.ErrorCode(err) == khabar.EInternal {
			return err
		}
		w.im.Skip("author "+a.Login+" (line "+strconv.Itoa(a.Line)+")", err)
		return nil
	}
	w.authors[a.Login] = id
	return nil
}

// scriptLang guesses the language of a name from its script, for a name
// given in one language only: Arabic letters are Arabic, Cyrillic ones
// Russian, others the import's language.
func scriptLang(s, fallback string, settings khabar.Settings) string {
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Arabic, r) && settings.HasLang("ar"):
			return "ar"
		case unicode.Is(unicode.Cyrillic, r) && settings.HasLang("ru"):
			return "ru"
		}
	}
	return fallback
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// flawError says what is wrong with an item's bytes.
func flawError(f wxr.Flaw) error {
	if f.Control != 0 {
		return khabar.Invalid("content", "err.import.control", "line", f.Line, "char", fmt.Sprintf("U+%04X", f.Control)).Because(f)
	}
	return khabar.Invalid("content", "err.import.utf8", "line", f.Line).Because(f)
}
