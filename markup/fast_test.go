package markup

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestIsClean(t *testing.T) {
	for _, tt := range []struct {
		body string
		want bool
	}{
		{"<p>Leaders met in Kazan.</p>", true},
		{"<p>قمة <strong>قازان</strong> الأولى.</p>\n<h2>القمم غير الرسمية كـ تقليد</h2>\n<p>Песков: «Да» &amp; <em>нет</em>.</p>", true},
		{"<ul>\n<li>Energy</li>\n<li>Trade &amp; investment</li>\n</ul>\n<blockquote>\n<p>We are ready.</p>\n</blockquote>", true},
		{"", true},
		{"<p>Two</p><p>on one line</p>", false},
		{"<p> leading space</p>", false},
		{"<p>\u00a0no-break space first</p>", false},
		{"<p>two  spaces</p>", false},
		{"<p>a <strong> b</strong></p>", false},
		{"<p>\u00a0</p>", false},
		{"<p>&nbsp;x</p>", false},
		{"<p>a &quot;b&quot;</p>", false},
		{"<p>a > b</p>", false},
		{"<p>tab\there</p>", false},
		{"<p><a href=\"https://x.org\">link</a></p>", false},
		{"<p dir=\"rtl\">x</p>", false},
		{"<p><strong></strong>x</p>", false},
		{"<p><strong>a</strong><strong>b</strong></p>", false},
		{"<ul>\n</ul>", false},
		{"<ul>\n<li>x</li>", false},
		{"<p>x</p>\n", false},
		{"<h1>x</h1>", false},
		{"<h2>x</h2>\n<h3>y</h3>\n<h4>z</h4>\n<h2>w</h2>\n<h3>v</h3>", true},
		{"<h3>first heading not h2</h3>", false},
		{"<h2>x</h2>\n<p>y</p>\n<h4>level skipped</h4>", false},
		{"<h", false},
		{"<p>bad \xff byte</p>", false},
		{"<p>control \u0085 char</p>", false},
	} {
		if got := IsClean(tt.body); got != tt.want {
			t.Errorf("IsClean(%q) = %v, want %v", tt.body, got, tt.want)
		}
		if tt.want {
			if c, err := Clean(tt.body); err != nil || c != tt.body {
				t.Errorf("Clean(%q) = %q, %v: IsClean broke its promise", tt.body, c, err)
			}
		}
	}
}

// TestIsCleanPromise generates bodies near the shape IsClean knows, with the
// characters and mistakes that trip cleaning up, and checks that wherever
// it says true Clean changes nothing.
func TestIsCleanPromise(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"word", "слово", "كلمة", " ", "  ", "\u00a0", "\u200f", "\u200b", "&amp;", "&lt;", "&gt;", "&quot;", "&", "\"", "'",
		"<strong>", "</strong>", "<em>", "</em>", "<b>", "\t", "\n", ".", "«", "»", "٢٠٢٣", "x", "<br>", "\u061c", "\u3000", "\x01"}
	blocks := []string{"<p>%</p>", "<h2>%</h2>", "<h2>%</h2>\n<h3>%</h3>", "<h5>%</h5>", "<ul>\n<li>%</li>\n</ul>", "<ol>\n<li>%</li>\n<li>%</li>\n</ol>",
		"<blockquote>\n<p>%</p>\n</blockquote>", "<li>%</li>", "%"}
	safe := []string{"word ", "слово ", "كلمة ", "<strong>bold</strong> ", "<em>قازان</em> ", "a&amp;b ", "«x» "}
	inline := func() string {
		var b strings.Builder
		b.WriteString("start")
		for range 1 + rng.IntN(8) {
			if rng.IntN(10) < 7 {
				b.WriteString(safe[rng.IntN(len(safe))])
			} else {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
		}
		b.WriteString("end")
		return b.String()
	}
	said := 0
	for range 20000 {
		var body []string
		for range 1 + rng.IntN(3) {
			blk := blocks[rng.IntN(len(blocks))]
			for strings.Contains(blk, "%") {
				blk = strings.Replace(blk, "%", inline(), 1)
			}
			body = append(body, blk)
		}
		s := strings.Join(body, "\n")
		if !IsClean(s) {
			continue
		}
		said++
		if c, err := Clean(s); err != nil || c != s {
			t.Fatalf("IsClean(%q) = true, but Clean gives %q, %v", s, c, err)
		}
	}
	if said < 3000 {
		t.Fatalf("IsClean said true %d times in 20,000: the generator misses its shape", said)
	}
	// And the stored form of ordinary bodies is recognised.
	for _, raw := range []string{
		"<p>\u00a0أعلن الكرملِين أن الاجتماع سيُعقد في 26 ديسمبر/كانون الأول 2023.</p><p>\u00a0</p><h2>القمم غير الرسمية كـ تقليد</h2><p>وقالت وكالة ТАСС <b>إن</b> القمة ستضم 11 دولة.</p>",
		"<p>One.</p><p>Two &amp; three</p><ul><li>a</li><li><b>b</b></li></ul>",
		"<div>Word\nwraps <i>here</i>\n  and there</div><blockquote>Said.</blockquote>",
	} {
		c, err := Clean(raw)
		if err != nil || !IsClean(c) {
			t.Errorf("the stored form of %.80q is not recognised: %q", raw, c)
		}
	}
}

func FuzzIsClean(f *testing.F) {
	f.Add("<p>قمة <strong>قازان</strong>.</p>\n<ul>\n<li>a &amp; b</li>\n</ul>")
	f.Add("<p>a <em>b</em> c</p>")
	f.Fuzz(func(t *testing.T, s string) {
		if !IsClean(s) {
			return
		}
		if c, err := Clean(s); err != nil || c != s {
			t.Fatalf("IsClean(%q) = true, but Clean gives %q, %v", s, c, err)
		}
	})
}

func BenchmarkIsClean(b *testing.B) {
	// The bench body without its links, which IsClean leaves to Clean.
	body, err := Clean(strings.ReplaceAll(strings.ReplaceAll(benchBody(b), `<a href="https://example.com/center">`, ""), "</a>", ""))
	if err != nil || !IsClean(body) {
		b.Fatal("the bench body's stored form is not recognised")
	}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		IsClean(body)
	}
}
