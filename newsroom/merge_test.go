package newsroom_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

func TestDiffShowsLinksFormattingAndStructure(t *testing.T) {
	cases := []struct {
		name, a, b string
		want       string // what the changed block's diff says
	}{
		{"a link's address", `<p>See <a href="https://a.example/1">the report</a>.</p>`, `<p>See <a href="https://a.example/2">the report</a>.</p>`,
			"-the report[a=https://a.example/1] +the report[a=https://a.example/2]"},
		{"bold added", `<p>Putin met Erdoğan.</p>`, `<p>Putin met <strong>Erdoğan</strong>.</p>`, "-Erdoğan +Erdoğan[strong=]"},
		{"a paragraph made a subheading", `<p>Reactions</p><p>Text.</p>`, `<h2>Reactions</h2><p>Text.</p>`, "p→h2"},
		{"a list item added", `<ul><li>one</li></ul>`, `<ul><li>one</li><li>two</li></ul>`, "+\n• two"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, b := range newsroom.DiffBody(c.a, c.b) {
				if !b.Changed() {
					continue
				}
				if b.Tag != b.WasTag {
					got = append(got, b.WasTag+"→"+b.Tag)
				}
				for _, op := range b.Ops {
					if op.Kind == newsroom.Equal {
						continue
					}
					s := map[newsroom.OpKind]string{newsroom.Deleted: "-", newsroom.Inserted: "+"}[op.Kind] + op.Text
					for _, m := range op.Marks {
						s += "[" + m.Tag + "=" + m.Href + "]"
					}
					got = append(got, s)
				}
			}
			if strings.Join(got, " ") != c.want {
				t.Errorf("diff of %s: %q, want %q", c.name, strings.Join(got, " "), c.want)
			}
		})
	}
	for _, b := range newsroom.DiffBody(`<p>Same <em>text</em>.</p>`, `<p>Same <em>text</em>.</p>`) {
		if b.Changed() {
			t.Errorf("an unchanged body shows a change: %+v", b)
		}
	}
}

func TestMerge3(t *testing.T) {
	base := newsroom.MergeText{Title: "Summit", Body: "<p>One.</p>\n<p>Two.</p>\n<p>Three.</p>\n<p>Four.</p>"}
	theirs := base
	theirs.Body = "<p>One, theirs.</p>\n<p>Two.</p>\n<p>Three.</p>\n<p>Four.</p>"
	mine := base
	mine.Title = "Summit ends"
	mine.Body = "<p>One.</p>\n<p>Two.</p>\n<h2>Three.</h2>\n<p>Four <strong>bold</strong>.</p>\n<p>Five.</p>"

	m := newsroom.Merge3(base, theirs, mine)
	if m.Conflicts() != 0 {
		t.Fatalf("changes in different blocks conflict: %+v", m)
	}
	got, err := m.Result(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "<p>One, theirs.</p>\n<p>Two.</p>\n<h2>Three.</h2>\n<p>Four <strong>bold</strong>.</p>\n<p>Five.</p>"
	if got.Title != "Summit ends" || got.Body != want {
		t.Fatalf("merged %q / %q, want %q / %q", got.Title, got.Body, "Summit ends", want)
	}

	// Both change the same paragraph and the title: each asks a person.
	theirs.Title = "Summit closes"
	theirs.Body = "<p>One.</p>\n<p>Two, theirs.</p>\n<p>Three.</p>\n<p>Four.</p>"
	mine.Body = "<p>One.</p>\n<p>Two, <em>mine</em>.</p>\n<p>Three.</p>\n<p>Four.</p>"
	m = newsroom.Merge3(base, theirs, mine)
	if m.Conflicts() != 2 || m.Title.From != newsroom.Conflict {
		t.Fatalf("conflicts %d, title %s: %+v", m.Conflicts(), m.Title.From, m.Chunks)
	}
	_, err = m.Result(nil)
	code(t, err, khabar.EInvalid)
	idx := -1
	for i, c := range m.Chunks {
		if c.From == newsroom.Conflict {
			idx = i
		}
	}
	got, err = m.Result(newsroom.Picks{"title": newsroom.Mine, itoa(idx): newsroom.TheirsThenMine})
	if err != nil {
		t.Fatal(err)
	}
	want = "<p>One.</p>\n<p>Two, theirs.</p>\n<p>Two, <em>mine</em>.</p>\n<p>Three.</p>\n<p>Four.</p>"
	if got.Title != "Summit ends" || got.Body != want {
		t.Fatalf("merged with picks: %q / %q", got.Title, got.Body)
	}

	// Neighbouring paragraphs: theirs the first two, mine the last two;
	// only the one both changed asks.
	theirs = base
	theirs.Body = "<p>One, theirs.</p>\n<p>Two, theirs.</p>\n<p>Three.</p>\n<p>Four.</p>"
	mine = base
	mine.Body = "<p>One.</p>\n<p>Two, mine.</p>\n<p>Three, mine.</p>\n<p>Four.</p>"
	m = newsroom.Merge3(base, theirs, mine)
	if m.Conflicts() != 1 {
		t.Fatalf("neighbouring edits: %d conflicts, want 1: %+v", m.Conflicts(), m.Chunks)
	}
	idx = -1
	for i, c := range m.Chunks {
		if c.From == newsroom.Conflict {
			idx = i
		}
	}
	got, err = m.Result(newsroom.Picks{itoa(idx): newsroom.Mine})
	if err != nil || got.Body != "<p>One, theirs.</p>\n<p>Two, mine.</p>\n<p>Three, mine.</p>\n<p>Four.</p>" {
		t.Fatalf("neighbouring edits merged: %q, %v", got.Body, err)
	}

	// One deletes a paragraph the other edits: a conflict, not a silent loss.
	theirs = base
	theirs.Body = "<p>One.</p>\n<p>Three.</p>\n<p>Four.</p>"
	mine = base
	mine.Body = "<p>One.</p>\n<p>Two, edited.</p>\n<p>Three.</p>\n<p>Four.</p>"
	if m = newsroom.Merge3(base, theirs, mine); m.Conflicts() != 1 {
		t.Fatalf("a deleted paragraph edited by the other: %d conflicts", m.Conflicts())
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
