package port_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/port"
)

// pasted is a Polylang site whose editors pasted their text from other
// sites and word processors: Windows line ends, paragraphs of nothing but
// no-break spaces (literal and &nbsp;), paragraphs that start with one,
// Arabic-Indic digits, a tatweel, dashes typed as hyphens, non-Latin slugs
// and category names percent-encoded, a pending post that WordPress gave
// no GMT date, a post scheduled for later.
const pasted = "../wxr/testdata/pasted.xml"

func TestWordPressPastedText(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	rep, err := port.WordPress(ctx, s.news, newsroom.Console(), pasted, port.Options{NoFetch: true})
	must(t, err)
	if rep.Created["story"] != 3 || rep.Created["version"] != 5 || rep.Created["section"] != 1 || rep.Created["user"] != 2 || len(rep.Skipped) != 0 {
		t.Fatalf("report: %+v %v", rep, rep.Skipped)
	}
	if len(rep.MissingMedia) != 1 || !strings.Contains(rep.MissingMedia[0].Ref, "post 302") {
		t.Fatalf("missing media: %+v", rep.MissingMedia)
	}

	id := storyWith(t, s, "وفد من رابطة الدول المستقلة")
	st, err := s.db.Story(ctx, id)
	must(t, err)
	vs, err := s.db.Versions(ctx, id)
	must(t, err)
	byLang := map[string]khabar.Version{}
	for _, v := range vs {
		byLang[v.Lang] = v
	}
	ar, ru, en := byLang["ar"], byLang["ru"], byLang["en"]
	if st.OriginalLang != "ar" || len(vs) != 3 || ar.Slug != "وفد-يزور-القاهرة" || ar.Summary != "زيارة تستمر يومين" ||
		!ar.PublishedAt.Equal(time.Date(2023, 11, 14, 7, 45, 0, 0, time.UTC)) || !en.PublishedAt.Equal(time.Date(2023, 11, 14, 8, 30, 0, 0, time.UTC)) {
		t.Fatalf("story %+v; ar %+v", st, ar)
	}
	// Four paragraphs, in the order written, with their digits as typed;
	// the lines of one paragraph joined by a line break; nothing of the
	// spacers, the leading no-break spaces or the Windows line ends.
	want := []string{"<p>١٤ نوفمبر ٢٠٢٣</p>", "<p>أعلنت وزارة الخارجية", "يوم الثلاثاء 14 نوفمبر/تشرين الثاني 2023.</p>",
		"«أمن الطاقة»،<br>إضافة إلى ممر النقل North–South.</p>", "عام ٢٠٢٣، بحسب ما نقلته وكالة <strong>تاس</strong>.</p>"}
	for _, w := range want {
		if !strings.Contains(ar.Body, w) {
			t.Errorf("ar body lacks %q:\n%s", w, ar.Body)
		}
	}
	for name, body := range map[string]string{"ar": ar.Body, "ru": ru.Body, "en": en.Body} {
		if n := strings.Count(body, "<p>"); name == "ar" && n != 4 {
			t.Errorf("ar: %d paragraphs:\n%s", n, body)
		}
		if strings.Contains(body, "\r") || strings.Contains(body, "&nbsp;") || strings.Contains(body, "<p>\u00a0") ||
			strings.Contains(body, "\u00a0</p>") || strings.Contains(body, "wp:") || strings.Contains(body, "[caption") {
			t.Errorf("%s body kept what was pasted:\n%q", name, body)
		}
	}
	// Inner no-break spaces are the writer's: "14 ноября" stays together.
	if !strings.Contains(ru.Body, "14\u00a0ноября") || !strings.Contains(ru.Body, "«экономика и энергетика»") ||
		!strings.Contains(ru.Body, "<figcaption>Набережная Нила в Каире. Фото: ТАСС</figcaption>") {
		t.Errorf("ru body:\n%s", ru.Body)
	}
	if !strings.Contains(en.Body, "<h2>Energy on the agenda</h2>") {
		t.Errorf("en body:\n%s", en.Body)
	}
	// The three categories, linked by Polylang, are one section.
	sec, err := s.db.SectionBySlug(ctx, "russia")
	if err != nil {
		sec, err = s.db.SectionBySlug(ctx, "روسيا")
	}
	must(t, err)
	if sec.ID != st.SectionID || sec.Names["ar"] != "روسيا" || sec.Names["ru"] != "Россия" || sec.Names["en"] != "Russia" {
		t.Fatalf("section %+v, story's %d", sec, st.SectionID)
	}
	zahra, err := s.db.UserByLogin(ctx, "zahra.m")
	must(t, err)
	if zahra.Names["ar"] != "زهراء منصور" || zahra.PasswordHash != "" || len(st.AuthorIDs) != 1 || st.AuthorIDs[0] != zahra.ID {
		t.Fatalf("author %+v, story's %v", zahra, st.AuthorIDs)
	}

	// Pending without a GMT date: in review, with no date of its own;
	// future: scheduled at its GMT time.
	pending, _ := s.db.Versions(ctx, storyWith(t, s, "مسودة: تقرير"))
	if pending[0].Status != khabar.StatusReview || !pending[0].PublishedAt.IsZero() || strings.Contains(pending[0].Body, "nbsp") {
		t.Errorf("pending post: %+v", pending[0])
	}
	future, _ := s.db.Versions(ctx, storyWith(t, s, "Форум в Казани"))
	if future[0].Status != khabar.StatusScheduled || !future[0].PublishedAt.Equal(time.Date(2031, 5, 1, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("future post: %+v", future[0])
	}
	for from, lang := range map[string]string{"/2023/11/14/وفد-يزور-القاهرة": "ar", "/ru/2023/11/14/delegatsiya-sng-kair": "ru", "/?p=303": "en"} {
		if r, err := s.db.RedirectFrom(ctx, from); err != nil || r.StoryID != id || r.Lang != lang {
			t.Errorf("redirect from %s: %+v, %v", from, r, err)
		}
	}
}

// TestWordPressUpdatesAndResumes: an import stopped half way (a batch of
// stories written, the next not) is run again and finishes without
// duplicating what it had written; the old site's file exported again,
// with a post edited meanwhile, updates that post (a new revision) and
// leaves the rest as it was.
func TestWordPressUpdatesAndResumes(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	total := newsroom.StoryBatch + 120
	big := filepath.Join(t.TempDir(), "big.xml")
	must(t, os.WriteFile(big, []byte(manyPosts(total)), 0o644))
	stopped, stop := context.WithCancel(ctx)
	defer stop()
	progress := func(p port.Progress) {
		if p.Phase == "stories" && p.Done > int64(newsroom.StoryBatch)+60 {
			stop()
		}
	}
	_, err := port.WordPress(stopped, s.news, newsroom.Console(), big, port.Options{NoFetch: true, Progress: progress})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped import: %v", err)
	}
	n, err := s.db.CountStories(ctx)
	must(t, err)
	if n != newsroom.StoryBatch {
		t.Fatalf("%d stories after the stop, want the first batch's %d", n, newsroom.StoryBatch)
	}
	rep, err := port.WordPress(ctx, s.news, newsroom.Console(), big, port.Options{NoFetch: true})
	must(t, err)
	if rep.Created["story"] != total-n || rep.Unchanged["story"] != n {
		t.Fatalf("resumed: created %d, unchanged %d", rep.Created["story"], rep.Unchanged["story"])
	}
	if n, _ := s.db.CountStories(ctx); n != total {
		t.Fatalf("%d stories after resuming, want %d", n, total)
	}

	s = newSite(t)
	_, err = port.WordPress(ctx, s.news, newsroom.Console(), pasted, port.Options{NoFetch: true})
	must(t, err)
	raw, err := os.ReadFile(pasted)
	must(t, err)
	edited := strings.Replace(string(raw), "CIS delegation to visit Cairo", "CIS delegation arrives in Cairo", 1)
	file := filepath.Join(t.TempDir(), "export.xml")
	must(t, os.WriteFile(file, []byte(edited), 0o644))
	rep, err = port.WordPress(ctx, s.news, newsroom.Console(), file, port.Options{NoFetch: true})
	must(t, err)
	if rep.Updated["version"] != 1 || rep.Created["story"] != 0 || rep.Created["version"] != 0 || rep.Unchanged["version"] != 4 {
		t.Fatalf("edited export: %+v", rep)
	}
	id := storyWith(t, s, "CIS delegation arrives")
	vs, err := s.db.Versions(ctx, id)
	must(t, err)
	for _, v := range vs {
		if v.Lang == "en" && v.Revision != 2 || v.Lang != "en" && v.Revision != 1 {
			t.Errorf("%s at revision %d", v.Lang, v.Revision)
		}
	}
	if n, _ := s.db.CountStories(ctx); n != 3 {
		t.Fatalf("%d stories after the edited export", n)
	}
}

// manyPosts is a WordPress export of n short Russian posts.
func manyPosts(n int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Лента</title>
	<link>https://lenta.example.net</link>
	<language>ru-RU</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://lenta.example.net</wp:base_site_url>
	<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[redaktor]]></wp:author_login><wp:author_display_name><![CDATA[Редакция]]></wp:author_display_name></wp:author>
`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `	<item>
		<title><![CDATA[Новость номер %[1]d]]></title>
		<link>https://lenta.example.net/?p=%[1]d</link>
		<dc:creator><![CDATA[redaktor]]></dc:creator>
		<guid isPermaLink="false">https://lenta.example.net/?p=%[1]d</guid>
		<content:encoded><![CDATA[Первый абзац новости %[1]d.

Второй абзац.]]></content:encoded>
		<wp:post_id>%[1]d</wp:post_id>
		<wp:post_date><![CDATA[2022-03-01 12:00:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[2022-03-01 09:00:00]]></wp:post_date_gmt>
		<wp:post_name><![CDATA[novost-%[1]d]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
	</item>
`, i)
	}
	b.WriteString("</channel>\n</rss>\n")
	return b.String()
}
