package wxr

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAutopReference checks Autop against refAutop, byte for byte, on the
// posts of the fixtures and on generated text that mixes what each of
// wpautop's steps looks for.
func TestAutopReference(t *testing.T) {
	inputs := fixtureContents(t)
	if len(inputs) < 20 {
		t.Fatalf("only %d texts in the fixtures", len(inputs))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		inputs = append(inputs, htmlish(rng))
	}
	for _, in := range inputs {
		if got, want := Autop(in), refAutop(in); got != want {
			t.Fatalf("Autop(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

func FuzzAutop(f *testing.F) {
	for _, in := range fixtureContents(f) {
		f.Add(in)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		f.Add(htmlish(rng))
	}
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := Autop(in), refAutop(in); got != want {
			t.Errorf("Autop(%q)\n got %q\nwant %q", in, got, want)
		}
	})
}

// fixtureContents are the contents and excerpts of every item of the WXR
// fixtures, as stored and as HTML gives them to Autop.
func fixtureContents(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob("testdata/*.xml")
	if err != nil {
		tb.Fatal(err)
	}
	bad, _ := filepath.Glob("testdata/bad/*.xml")
	var out []string
	for _, name := range append(files, bad...) {
		f, err := os.Open(name)
		if err != nil {
			tb.Fatal(err)
		}
		Read(f, Options{}, func(_ *Site, it *Item) error { // the bad ones stop early
			for _, s := range []string{it.Content, it.Excerpt} {
				out = append(out, s, Shortcodes(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s), ContentOptions{}))
			}
			return nil
		})
		f.Close()
	}
	return out
}

// htmlParts are the pieces htmlish strings together: block and inline
// tags in either case, with attributes and line breaks inside, <br> in
// its spellings, <pre>, the literals Autop looks for, runes that fold to
// ASCII letters, CR, and text in three scripts.
var htmlParts = []string{
	"<p>", "</p>", "<P>", "</P>", "<p class=\"x\">", "<div>", "</div>", "<DIV>", "</DIV>", "<div\nclass=\"a\">",
	"<address>", "</address>", "<form>", "</form>", "<blockquote>", "</blockquote>", "<BLOCKQUOTE cite=\"x\">",
	"<bloc\u212Aquote>", "<ſection>", "</ſection>", "<section>", "</section>", "<aside>", "<h2>", "</h2>", "<H3>", "</h3>",
	"<ul>", "</ul>", "<ol>", "<li>", "</li>", "<LI>", "<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>",
	"<pre>", "</pre>", "<PRE>", "</PRE>", "<pre class=\"c\">", "<hr>", "<hr/>", "<hr />", "<HR>",
	"<br>", "<br/>", "<br />", "<BR>", "<Br />", "<br\n/>",
	"<a href=\"x\">", "</a>", "<strong>", "</strong>", "<em>", "</em>", "<img src=\"a.jpg\" alt=\"\">", "<span\ndir=\"rtl\">", "</span>",
	"<figure>", "</figure>", "<figcaption>", "<math>", "<style>", "<details>", "<summary>", "<col>", "<param>",
	"<!-- wpnl -->", " <!-- wpnl --> ", "<!-- x -->", "<p><li>", "<p><blockquote>", "</blockquote></p>", "<pre wp-pre-tag-0></pre>",
	"\n", "\n", "\n\n", "\n\n\n", "\r\n", "\r", "\r\n\r\n", " ", "  ", "\t", "\f", " \n ",
	"<", ">", "/", "<h", "<H", "</h", "1", "6", "\x11", "\x00", "&amp;", "\xff", "\xe2<", "\xc5", "K", "k",
	"Text", "more words here.", "قال الوزير إن ", "المحادثات", "Москва, ", "переговоры продолжатся.",
}

// htmlish is a text of up to 60 pieces.
func htmlish(rng *rand.Rand) string {
	var b strings.Builder
	for range rng.IntN(61) {
		b.WriteString(htmlParts[rng.IntN(len(htmlParts))])
	}
	return b.String()
}
