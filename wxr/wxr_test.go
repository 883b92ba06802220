package wxr

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
)

func readAll(t *testing.T, path string) (*Site, []*Item, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var items []*Item
	site, err := Read(f, Options{}, func(_ *Site, it *Item) error {
		items = append(items, it)
		return nil
	})
	return site, items, err
}

func byID(items []*Item, id string) *Item {
	for _, it := range items {
		if it.ID == id {
			return it
		}
	}
	return nil
}

func TestReadPolylang(t *testing.T) {
	site, items, err := readAll(t, "testdata/polylang.xml")
	if err != nil {
		t.Fatal(err)
	}
	if site.Version != "1.2" || site.BaseSiteURL != "http://old.example.org" || len(site.Authors) != 3 {
		t.Fatalf("site = %+v", site)
	}
	if a := site.Authors[1]; a.Login != "Omar Haddad" || a.DisplayName != "عمر حداد" {
		t.Fatalf("author = %+v", a)
	}
	if got := Languages(site); strings.Join(got, ",") != "ar,en,ru" {
		t.Fatalf("languages = %v", got)
	}
	if len(items) != 19 {
		t.Fatalf("%d items", len(items))
	}
	en := byID(items, "101")
	if en.Type != "post" || en.Status != "publish" || en.DateGMT != "2023-12-26 09:30:00" || en.Comments != 3 || !en.Sticky ||
		en.Creator != "Omar Haddad" || en.MetaValue("_thumbnail_id") != "90" || en.Excerpt != "Leaders met in Kazan." {
		t.Fatalf("post 101 = %+v", en)
	}
	if !strings.Contains(en.Content, "[caption id=\"attachment_90\"") || en.Title != "Summit in Kazan: leaders meet &#8220;informally&#8221;" {
		t.Fatalf("post 101 content/title: %q / %q", en.Content, en.Title)
	}
	if ItemLanguage(en) != "en" || ItemGroup(en) != "polylang:pll_65a4f21e0a1b2" || ItemGroup(byID(items, "103")) != ItemGroup(en) {
		t.Fatalf("language %q, group %q", ItemLanguage(en), ItemGroup(en))
	}
	if g := Groups(site)["polylang:pll_65a4f21e0a1b2"]; g["ar"] != "103" || g["ru"] != "102" {
		t.Fatalf("groups = %v", Groups(site))
	}
	if tg := TermGroups(site)["15"]; tg["en"] != "14" || tg["ar"] != "16" {
		t.Fatalf("term groups = %v", TermGroups(site))
	}
	att := byID(items, "90")
	if att.Type != "attachment" || att.AttachmentURL != "http://old.example.org/wp-content/uploads/2023/12/kazan-summit.jpg" ||
		att.MetaValue("_wp_attachment_image_alt") != "Leaders walking into the Kazan Kremlin" {
		t.Fatalf("attachment = %+v", att)
	}
	meta, err := Unserialize(att.MetaValue("_wp_attachment_metadata"))
	if err != nil {
		t.Fatal(err)
	}
	if m := meta.(map[string]any); m["width"] != int64(1200) || m["image_meta"].(map[string]any)["copyright"] != "Kremlin press ©" {
		t.Fatalf("attachment metadata = %v", meta)
	}
	if d := byID(items, "120"); d.DateGMT != "0000-00-00 00:00:00" || d.Status != "draft" {
		t.Fatalf("draft = %+v", d)
	}
	if it := byID(items, "103"); it.Line <= byID(items, "102").EndLine || it.EndLine <= it.Line {
		t.Fatalf("lines: %d–%d", it.Line, it.EndLine)
	}
}

func TestReadClassicAndWPML(t *testing.T) {
	site, items, err := readAll(t, "testdata/classic.xml")
	if err != nil {
		t.Fatal(err)
	}
	if site.Version != "1.1" || len(items) != 5 {
		t.Fatalf("site %+v, %d items", site, len(items))
	}
	// A title outside CDATA, with an HTML entity XML does not define.
	if it := items[0]; it.Title != "Oil prices & the Gulf\u2019s budgets\u00a0in 2013" || it.Name != "oil-prices-gulf-budgets" {
		t.Fatalf("title %q, name %q", it.Title, it.Name)
	}
	if parent := byID(items, "8"); parent.Parent != "7" || parent.Excerpt != "An oil tanker off Fujairah" {
		t.Fatalf("attachment = %+v", parent)
	}
	_, items, err = readAll(t, "testdata/wpml.xml")
	if err != nil {
		t.Fatal(err)
	}
	ru, ar := items[0], items[1]
	if ItemLanguage(ru) != "ru" || ItemLanguage(ar) != "ar" || ItemGroup(ru) != "wpml:77" || ItemGroup(ar) != "wpml:77" ||
		IsTranslation(ru) || !IsTranslation(ar) {
		t.Fatalf("WPML: %q %q %q %q", ItemLanguage(ru), ItemLanguage(ar), ItemGroup(ru), ItemGroup(ar))
	}
}

func TestReadRefusesBadFiles(t *testing.T) {
	for _, tt := range []struct {
		file, want string
	}{
		{"testdata/bad/truncated.xml", "cut short"},
		{"testdata/bad/version.xml", `WXR version "2.0"`},
		{"testdata/bad/malformed.xml", "line 100: element <post_name> closed by </post_nam>"},
		{"testdata/bad/html.xml", "not <rss>"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			calls := 0
			f, _ := os.Open(tt.file)
			defer f.Close()
			_, err := Read(f, Options{}, func(*Site, *Item) error { calls++; return nil })
			var se *SyntaxError
			if !errors.As(err, &se) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a SyntaxError with %q", err, tt.want)
			}
			if tt.file == "testdata/bad/malformed.xml" && !strings.Contains(err.Error(), "8 “tanker” (line 86)") {
				t.Fatalf("the error does not name the item: %v", err)
			}
		})
	}
	_, err := Read(strings.NewReader(""), Options{}, func(*Site, *Item) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "empty") {
		t.Fatalf("empty file: %v", err)
	}
	big, _ := os.ReadFile("testdata/polylang.xml")
	_, err = Read(bytes.NewReader(big), Options{MaxBytes: 1000}, func(*Site, *Item) error { return nil })
	var tooLarge *TooLargeError
	if !errors.As(err, &tooLarge) {
		t.Fatalf("a file over the limit: %v", err)
	}
}

func TestReadFlaws(t *testing.T) {
	_, items, err := readAll(t, "testdata/bad/flaws.xml")
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 4 {
		t.Fatalf("%d items", len(items))
	}
	if f := items[0].Flaws; len(f) != 2 || f[0].What != "invalid UTF-8" || f[0].Line != 37 {
		t.Fatalf("flaws of the first post: %+v", f)
	}
	if f := byID(items, "9").Flaws; len(f) != 1 || f[0].What != "control character U+0001" {
		t.Fatalf("flaws of post 9: %+v", f)
	}
	if f := byID(items, "8").Flaws; len(f) != 0 {
		t.Fatalf("a clean item has flaws: %+v", f)
	}
}

func TestCleanReaderSplitsCharacters(t *testing.T) {
	// A multi-byte character cut by a chunk's end is not a flaw.
	text := strings.Repeat("ب", 40000) + "\n" + strings.Repeat("ж", 40000)
	cr := newCleanReader(strings.NewReader(text), 0)
	var out bytes.Buffer
	if _, err := out.ReadFrom(cr); err != nil {
		t.Fatal(err)
	}
	if out.String() != text || len(cr.flaws) != 0 || cr.line != 2 {
		t.Fatalf("flaws %v, line %d, same %v", cr.flaws, cr.line, out.String() == text)
	}
}

// TestAheadReader: reading ahead on another goroutine hands the decoder
// the bytes, flaws and errors the cleanReader does, in the same order.
func TestAheadReader(t *testing.T) {
	var b strings.Builder
	for i := range 20000 {
		b.WriteString("<p>قال الوزير \xff Москва\x01</p>\n")
		if i%3000 == 0 {
			b.WriteString("\xe2\x80") // a character cut short
		}
	}
	text := b.String()
	for _, limit := range []int64{0, int64(len(text)), 300 << 10} {
		type step struct {
			data  string
			err   error
			flaws int
		}
		read := func(r io.Reader, flaws func() []Flaw) []step {
			var out []step
			p := make([]byte, 4096)
			for {
				n, err := r.Read(p)
				out = append(out, step{string(p[:n]), err, len(flaws())})
				if err != nil {
					return out
				}
			}
		}
		cr := newCleanReader(strings.NewReader(text), limit)
		want := read(cr, func() []Flaw { return cr.flaws })
		ar := newAheadReader(newCleanReader(strings.NewReader(text), limit))
		got := read(ar, func() []Flaw { return ar.flaws })
		ar.close()
		if len(got) != len(want) {
			t.Fatalf("limit %d: %d reads, want %d", limit, len(got), len(want))
		}
		for i := range want {
			if got[i].data != want[i].data || fmt.Sprint(got[i].err) != fmt.Sprint(want[i].err) || got[i].flaws != want[i].flaws {
				t.Fatalf("limit %d, read %d: %d bytes, %v, %d flaws; want %d bytes, %v, %d flaws", limit, i,
					len(got[i].data), got[i].err, got[i].flaws, len(want[i].data), want[i].err, want[i].flaws)
			}
		}
		if !reflect.DeepEqual(ar.flaws, cr.flaws) {
			t.Fatalf("limit %d: flaws differ", limit)
		}
	}
}
