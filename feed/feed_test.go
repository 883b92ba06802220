package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files")

// langs are the site languages every test runs for.
var langs = []string{"ar", "ru", "en"}

// moscow is a fixed zone, not time.LoadLocation, so tests do not depend on
// the machine's tzdata; the writers must convert it to UTC.
var moscow = time.FixedZone("MSK", 3*60*60)

// Bodies share the characters XML and CDATA care about: "&" and "<" as
// written by the sanitiser, and a literal "]]>" that would end a CDATA
// section early if the writer did not split it.
const bodyTail = `<p>R&amp;D: 3 &lt; 5, x]]>y</p>`

// testFeed builds the feed for one language. The Arabic one carries the
// quirks of the reference page: tashkeel (الكرملِن, اجتماعاً), a tatweel
// (كـ), Latin digits inside Arabic, and a vertical tab pasted into a title.
func testFeed(tb testing.TB, lang string) Feed {
	tb.Helper()
	base := "https://khabar.example/" + lang
	published := time.Date(2026, 3, 14, 12, 30, 0, 0, moscow)
	edited := time.Date(2026, 3, 14, 15, 5, 9, 500_000_000, moscow) // fraction dropped on output
	older := time.Date(2026, 3, 13, 8, 0, 0, 0, time.UTC)

	type text struct {
		title, desc, t1, s1, b1, t2, s2, b2, credit, alt, source string
		authors, cats                                            []string
	}
	var tx text
	switch lang {
	case "ar":
		tx = text{
			title: "أخبار المجموعة", desc: "آخر الأخبار بالعربية",
			t1:      "اجتماعاً غير رسمي في الكرملِن\x0b لقادة 5 دول",
			s1:      "التقى القادة في الكرملِن لمناقشة التعاون & التجارة؛ 3 < 5",
			b1:      `<p dir="rtl">عُقد اللقاء في الكرملِن يوم 14 مارس.</p><h2>القمم غير الرسمية كـ تقليد</h2>` + bodyTail,
			t2:      "تقرير: التجارة تنمو بنسبة 12٪",
			s2:      "ملخص قصير للتقرير.",
			b2:      `<p>نصّ التقرير مع تشكيلٍ كاملٍ.</p>`,
			credit:  "الصورة: المكتب الصحفي",
			alt:     "القادة في قاعة الاجتماعات",
			source:  "تاس",
			authors: []string{"أحمد الراوي", "سلمى حدّاد"},
			cats:    []string{"سياسة", "روسيا والعالم الإسلامي"},
		}
	case "ru":
		tx = text{
			title: "Новости группы", desc: "Последние новости на русском",
			t1:      "Неформальная встреча в Кремле\x0b: лидеры 5 стран",
			s1:      "Лидеры обсудили сотрудничество & торговлю; 3 < 5",
			b1:      `<p>Встреча прошла 14 марта. Ёлки «зелёные».</p><h2>Неформальные саммиты как традиция</h2>` + bodyTail,
			t2:      "Доклад: товарооборот вырос на 12 %",
			s2:      "Краткое содержание доклада.",
			b2:      `<p>Текст доклада — № 7.</p>`,
			credit:  "Фото: пресс-служба",
			alt:     "Лидеры в зале заседаний",
			source:  "ТАСС",
			authors: []string{"Иван Петров", "Ольга Смирнова"},
			cats:    []string{"Политика", "Россия и исламский мир"},
		}
	default:
		tx = text{
			title: "Group news", desc: "Latest news in English",
			t1:      "Informal meeting in the Kremlin\x0b: leaders of 5 countries",
			s1:      "Leaders discussed cooperation & trade; 3 < 5",
			b1:      `<p>The meeting took place on 14 March.</p><h2>Informal summits as a tradition</h2>` + bodyTail,
			t2:      "Report: trade grew by 12%",
			s2:      "A short summary of the report.",
			b2:      `<p>Text of the report — “quoted”.</p>`,
			credit:  "Photo: press office",
			alt:     "Leaders in the meeting hall",
			source:  "TASS",
			authors: []string{"John Smith", "Mary O'Neil"},
			cats:    []string{"Politics", "Russia & the Islamic world"},
		}
	}
	dir := "ltr"
	if lang == "ar" {
		dir = "rtl"
	}
	return Feed{
		Title: tx.title, Description: tx.desc, Lang: lang, Dir: dir,
		SiteURL: base + "/", FeedURL: base + "/feed.rss", IconURL: "https://khabar.example/static/icon-512.png",
		Items: []Item{
			{
				ID:  "tag:khabar.example,2026:story/123/" + lang,
				URL: base + "/news/123-%D8%B3?from=feed&utm=rss", Title: tx.t1, Summary: tx.s1, ContentHTML: tx.b1,
				Authors: tx.authors, Categories: tx.cats, Published: published, Updated: edited,
				Image: &Image{
					URL: "https://khabar.example/media/2026/03/summit.jpg", Length: 48213,
					Width: 1200, Height: 800, Alt: tx.alt, Credit: tx.credit,
				},
				SourceName: tx.source, SourceURL: "https://tass.example/",
			},
			{
				// The permalink as id, no image, no authors, a source
				// without URL, never edited.
				ID: base + "/news/122", URL: base + "/news/122", Title: tx.t2, Summary: tx.s2, ContentHTML: tx.b2,
				Categories: tx.cats[:1], Published: older, SourceName: tx.source,
			},
		},
	}
}

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run: go test ./feed -update)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d (run: go test ./feed -update, then review the diff)\n got: %s\nwant: %s", path, i+1, g, w)
			}
		}
	}
}

// mustWellFormed fails unless b is UTF-8 XML with the standard declaration
// that a strict parser reads to the end, and free of the vertical tab the
// fixtures put in a title.
func mustWellFormed(tb testing.TB, b []byte) {
	tb.Helper()
	if !bytes.HasPrefix(b, []byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n")) {
		tb.Fatalf("missing XML declaration: %.60q", b)
	}
	if !utf8.Valid(b) {
		tb.Fatal("output is not valid UTF-8")
	}
	if bytes.ContainsRune(b, '\x0b') {
		tb.Fatal("output contains a vertical tab, illegal in XML 1.0")
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := d.Token(); err == io.EOF {
			return
		} else if err != nil {
			tb.Fatalf("not well-formed: %v", err)
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"arabic untouched", "الكرملِن اجتماعاً كـ", "الكرملِن اجتماعاً كـ"},
		{"cyrillic untouched", "Ёлки зелёные", "Ёлки зелёные"},
		{"tab newline cr kept", "a\tb\nc\rd", "a\tb\nc\rd"},
		{"controls dropped", "a\x00b\x0bc\x1fd\x7fe", "abcd\x7fe"},
		{"noncharacters dropped", "a\uFFFEb\uFFFFc", "abc"},
		{"literal U+FFFD kept", "a\uFFFDb", "a\uFFFDb"},
		{"invalid utf-8 replaced", "a\xffb", "a\uFFFDb"},
		{"astral kept", "a😀b", "a😀b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clean(tt.in); got != tt.want {
				t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestInvalidFeed(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Feed)
	}{
		{"no title", func(f *Feed) { f.Title = "" }},
		{"no site URL", func(f *Feed) { f.SiteURL = "" }},
		{"no feed URL", func(f *Feed) { f.FeedURL = "" }},
		{"bad dir", func(f *Feed) { f.Dir = "auto" }},
		{"item without id", func(f *Feed) { f.Items[0].ID = "" }},
		{"item without URL", func(f *Feed) { f.Items[1].URL = "" }},
		{"item without title", func(f *Feed) { f.Items[1].Title = "" }},
		{"image without URL", func(f *Feed) { f.Items[0].Image.URL = "" }},
	}
	writers := map[string]func(Feed) ([]byte, error){"rss": RSS, "atom": Atom, "json": JSON}
	for _, tt := range tests {
		for name, write := range writers {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				f := testFeed(t, "en")
				tt.change(&f)
				if b, err := write(f); err == nil {
					t.Fatalf("no error; wrote %d bytes", len(b))
				}
			})
		}
	}
}

func TestAtomNeedsATime(t *testing.T) {
	f := testFeed(t, "en")
	f.Items = nil
	if _, err := Atom(f); err == nil {
		t.Fatal("Atom with no time at all: no error")
	}
	f.Updated = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b, err := Atom(f)
	if err != nil {
		t.Fatal(err)
	}
	mustWellFormed(t, b)
}

func TestEmptyFeeds(t *testing.T) {
	f := testFeed(t, "ar")
	f.Items = nil
	f.Updated = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for name, write := range map[string]func(Feed) ([]byte, error){"rss": RSS, "atom": Atom} {
		b, err := write(f)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		mustWellFormed(t, b)
	}
	b, err := JSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`"items": []`)) {
		t.Errorf("empty JSON Feed lacks the required items array:\n%s", b)
	}
}

func TestImageMIME(t *testing.T) {
	tests := map[string]string{
		"https://x.example/a.JPG":          "image/jpeg",
		"https://x.example/a.webp?w=800":   "image/webp",
		"https://x.example/a.png#frag":     "image/png",
		"https://x.example/a.avif":         "image/avif",
		"https://x.example/image?id=1.jpg": "application/octet-stream",
	}
	for url, want := range tests {
		if got := imageMIME(&Image{URL: url}); got != want {
			t.Errorf("imageMIME(%s) = %s, want %s", url, got, want)
		}
	}
	if got := imageMIME(&Image{URL: "x.jpg", MIME: "image/png"}); got != "image/png" {
		t.Errorf("an explicit MIME type was overridden: %s", got)
	}
}

func TestErrTooManyURLsIsSentinel(t *testing.T) {
	_, err := NewsSitemap(make([]NewsURL, MaxNewsURLs+1))
	if !errors.Is(err, ErrTooManyURLs) {
		t.Fatalf("err = %v, want ErrTooManyURLs", err)
	}
}

// TestSourceIsNoFeedSource checks that an agency credit never becomes
// Atom's <source> or RSS's <source url>, which say "this entry was copied
// from that feed", but a contributor and dc:source.
func TestSourceIsNoFeedSource(t *testing.T) {
	f := Feed{Title: "Khabar", SiteURL: "https://example.org/en/", FeedURL: "https://example.org/en/atom.xml",
		Items: []Item{{ID: "https://example.org/en/news/1", URL: "https://example.org/en/news/1-summit", Title: "Summit",
			Published: time.Date(2023, 12, 26, 9, 0, 0, 0, time.UTC), SourceName: "TASS", SourceURL: "https://tass.com"}}}
	atom, err := Atom(f)
	if err != nil {
		t.Fatal(err)
	}
	rss, err := RSS(f)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string]string{"atom": string(atom), "rss": string(rss)} {
		if strings.Contains(b, "<source") {
			t.Errorf("%s has a <source> element:\n%s", name, b)
		}
	}
	if !strings.Contains(string(atom), "<contributor>\n      <name>TASS</name>\n      <uri>https://tass.com</uri>") {
		t.Errorf("atom names no contributor:\n%s", atom)
	}
	if !strings.Contains(string(rss), "<dc:source>TASS</dc:source>") {
		t.Errorf("rss has no dc:source:\n%s", rss)
	}
}
