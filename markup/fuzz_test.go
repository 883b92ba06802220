package markup

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzClean checks the properties every body relies on: Clean never panics,
// refuses invalid UTF-8 (and absurd nesting) and nothing else, returns valid UTF-8 that is safe
// and is its own fixed point.
func FuzzClean(f *testing.F) {
	for _, s := range xssPayloads {
		f.Add(s)
	}
	for _, tt := range pasteTests {
		f.Add(tt.in)
	}
	f.Add(referenceShape)
	f.Add("<p>a<br><br>b<br> <br>\u00a0<br>c</p><ul><li>x</li><ul><li>y</li></ul><p>z</p></ul>")
	f.Add("<li><p>a</p><p>b</p></li><figure><figcaption>c</figcaption></figure><div dir=rtl><p>d</p>e</div>")
	f.Add("<p><strong> a </strong> <em> b</em><a href=/x> </a>\u200b</p>")
	f.Fuzz(func(t *testing.T, in string) {
		out, err := Clean(in)
		if !utf8.ValidString(in) {
			if !errors.Is(err, ErrInvalidUTF8) || out != "" {
				t.Fatalf("Clean(invalid %q) = %q, %v", in, out, err)
			}
			return
		}
		if errors.Is(err, ErrTooDeep) && out == "" {
			return
		}
		if err != nil {
			t.Fatalf("Clean(%q): %v", in, err)
		}
		assertSafe(t, in, out)
		again, err := Clean(out)
		if err != nil || again != out {
			t.Fatalf("not idempotent on %q:\n once: %q\ntwice: %q (%v)", in, out, again, err)
		}
		_ = Isolate(out)
		_ = PlainText(out)
		_ = Excerpt(out, 20)
		_ = WordCount(out)
		_ = Headings(out)
	})
}

// FuzzIsolate checks that Isolate only ever adds <bdi> tags: taking them
// out again gives back the input, byte for byte.
func FuzzIsolate(f *testing.F) {
	for _, tt := range isolateTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if !utf8.ValidString(in) {
			return
		}
		out := Isolate(in)
		if stripBDI(out, "") != stripBDI(in, "") {
			t.Fatalf("Isolate(%q) = %q changes more than bdi", in, out)
		}
	})
}
