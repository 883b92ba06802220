package newsroom

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/markup"
)

// Digests: an issue of a language's newsletter, made of stories an editor
// chose or of the day's stories, queued in the outbox for every confirmed
// subscriber in the transaction that makes it.

// DigestInput is an issue an editor sends.
type DigestInput struct {
	Lang     string
	StoryIDs []int64 // in the order the issue shows them
	// Subject is the message's subject; "" for the default one, made in
	// the newsletter's language when the messages are.
	Subject string
}

// SendDigest makes an issue of the chosen stories, each published in the
// language, and queues it for every subscriber confirmed now; it returns
// the issue and how many messages were queued.
func (s *Service) SendDigest(ctx context.Context, actor *khabar.User, in DigestInput) (*khabar.Issue, int, error) {
	if err := allow(actor, khabar.ActSendNewsletter, khabar.Target{}); err != nil {
		return nil, 0, err
	}
	subject := khabar.CleanLine(in.Subject)
	if len([]rune(subject)) > khabar.MaxTitleRunes {
		return nil, 0, khabar.Invalid("subject", "err.issue.subject_long", "max", khabar.MaxTitleRunes)
	}
	ids := slices.Compact(slices.Clone(in.StoryIDs))
	if len(ids) == 0 {
		return nil, 0, khabar.Invalid("stories", "err.issue.stories")
	}
	if len(ids) > khabar.MaxIssueStories {
		return nil, 0, khabar.Invalid("stories", "err.issue.too_many", "max", khabar.MaxIssueStories)
	}
	is := &khabar.Issue{Lang: in.Lang, Kind: khabar.IssueDigest, Subject: subject, CreatedBy: actor.ID}
	var queued int
	err := s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		settings, err := s.store.Settings(ctx)
		if err != nil {
			return entry{}, err
		}
		if !settings.HasLang(in.Lang) {
			return entry{}, khabar.Invalid("lang", "err.lang.unknown", "lang", in.Lang)
		}
		for _, id := range ids {
			art, err := s.store.Article(ctx, id, in.Lang)
			if khabar.IsNotFound(err) {
				return entry{}, khabar.Invalid("stories", "err.issue.unpublished", "story", id, "language", khabar.LangName(in.Lang))
			}
			if err != nil {
				return entry{}, err
			}
			is.Stories = append(is.Stories, issueStory(art.Version.StoryID, in.Lang, art.Title, art.Slug, art.Summary, art.Body, art.PublishedAt, art.Image))
		}
		if queued, err = s.queueIssue(ctx, is); err != nil {
			return entry{}, err
		}
		return entry{action: "newsletter.send", object: object("issue", is.ID), detail: in.Lang + ": " + strconv.Itoa(queued) + " subscribers"}, nil
	})
	if err != nil {
		return nil, 0, err
	}
	return is, queued, nil
}

func (s *Service) queueIssue(ctx context.Context, is *khabar.Issue) (int, error) {
	if err := s.store.CreateIssue(ctx, is); err != nil {
		return 0, err
	}
	return s.store.QueueIssue(ctx, is.ID)
}

// issueStory is a story as an issue keeps it.
func issueStory(id int64, l, title, slug, summary, body string, at time.Time, img *khabar.Media) khabar.IssueStory {
	if summary == "" {
		summary = markup.Excerpt(body, 300)
	}
	st := khabar.IssueStory{StoryID: id, Title: title, Summary: summary, Path: khabar.ArticlePath(l, id, slug), PublishedAt: at}
	if img != nil {
		key := img.Key
		if v, ok := img.Variant(khabar.VariantArticle); ok {
			key = v.Key
		}
		st.ImagePath, st.ImageAlt = khabar.MediaPath(key), img.Alt.Get(l, "")
	}
	return st
}

// DailyDigestsDue makes the daily issue of every language whose hour has
// come today (in the site's time zone) and that has none for today yet,
// with the stories published since the previous daily issue (at most a day
// back). Each language's issue of a day is made once, however many nodes
// try at once: the second one's is refused as a duplicate.
func (s *Service) DailyDigestsDue(ctx context.Context) (int, error) {
	letters, err := s.store.Newsletters(ctx)
	if err != nil {
		return 0, err
	}
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return 0, err
	}
	now := s.now().In(settings.Location())
	made := 0
	for _, n := range letters {
		if !n.Daily || now.Hour() < n.DailyHour || !settings.HasLang(n.Lang) {
			continue
		}
		day := now.Format(time.DateOnly)
		if last, err := s.store.LastIssue(ctx, n.Lang, khabar.IssueDaily); err == nil && last.Day == day {
			continue
		} else if err != nil && !khabar.IsNotFound(err) {
			return made, err
		}
		ok, err := s.dailyDigest(ctx, n.Lang, day, now)
		if err != nil {
			return made, err
		}
		if ok {
			made++
		}
	}
	return made, nil
}

// dailyDigest makes one language's issue of a day; false when another node
// made it first.
func (s *Service) dailyDigest(ctx context.Context, l, day string, now time.Time) (bool, error) {
	var queued int
	is := &khabar.Issue{Lang: l, Kind: khabar.IssueDaily, Day: day}
	err := s.one(ctx, nil, func(ctx context.Context) (entry, error) {
		since := now.Add(-24 * time.Hour)
		if last, err := s.store.LastIssue(ctx, l, khabar.IssueDaily); err == nil && last.CreatedAt.After(since) {
			since = last.CreatedAt
		}
		list, _, err := s.store.ListArticles(ctx, khabar.ListFilter{Lang: l, From: since, To: now.Add(time.Second), Limit: khabar.MaxIssueStories, NoTotal: true})
		if err != nil {
			return entry{}, err
		}
		for _, sm := range list {
			is.Stories = append(is.Stories, issueStory(sm.StoryID, l, sm.Title, sm.Slug, sm.Summary, "", sm.PublishedAt, sm.Image))
		}
		if err := s.store.CreateIssue(ctx, is); err != nil {
			return entry{}, err
		}
		if len(is.Stories) > 0 { // a day without news sends nothing, but counts as done
			if queued, err = s.store.QueueIssue(ctx, is.ID); err != nil {
				return entry{}, err
			}
		}
		return entry{action: "newsletter.daily", object: object("issue", is.ID), detail: l + " " + day + ": " + strconv.Itoa(queued) + " subscribers"}, nil
	})
	if khabar.ErrorCode(err) == khabar.EConflict {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	s.log.Info("daily newsletter queued", "lang", l, "day", day, "stories", len(is.Stories), "subscribers", queued)
	return true, nil
}

// RunDailyDigests makes the daily issues that are due every interval
// until ctx ends.
func (s *Service) RunDailyDigests(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := s.DailyDigestsDue(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("making the daily newsletters", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
