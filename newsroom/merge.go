package newsroom

import (
	"strconv"

	"github.com/khabarnews/khabar"
)

// When two people edit the same version at once, the second save is based
// on a revision older than the saved one. Rather than make the second
// writer choose one whole text or the other, the two texts are merged
// against the revision both started from (a three-way merge, as version
// control does with source code): what only one of them changed is taken
// from that one, and only blocks both changed differently ask a person.

// Side says where a part of a merged text comes from.
type Side string

// Sides of a merge.
const (
	Both   Side = "both"   // unchanged, or changed alike by both
	Theirs Side = "theirs" // the saved revision's change
	Mine   Side = "mine"   // the change being saved
	// Conflict: both changed it differently; a person picks Theirs, Mine
	// or TheirsThenMine.
	Conflict       Side = "conflict"
	TheirsThenMine Side = "theirs+mine"
)

// MergeText is the text of a version as a merge sees it.
type MergeText struct {
	Title, Slug, Summary, Body string
}

// Field is a merged title, slug or summary.
type Field struct {
	Base, Theirs, Mine string
	From               Side // Both, Theirs, Mine or Conflict
}

// Chunk is a run of body blocks of a merge: unchanged blocks, a change from
// one side, or blocks both sides changed differently.
type Chunk struct {
	Base, Theirs, Mine []string // the blocks' HTML on each side
	From               Side
}

// Merge is a three-way merge of two texts against their common base.
type Merge struct {
	Title, Slug, Summary Field
	Chunks               []Chunk
}

// Merge3 merges theirs (the saved revision) and mine (the text being
// saved) against base, the revision both were edited from.
func Merge3(base, theirs, mine MergeText) *Merge {
	m := &Merge{Title: mergeField(base.Title, theirs.Title, mine.Title), Slug: mergeField(base.Slug, theirs.Slug, mine.Slug),
		Summary: mergeField(base.Summary, theirs.Summary, mine.Summary)}
	b, t, y := blockKeys(blocksOf(base.Body)), blockKeys(blocksOf(theirs.Body)), blockKeys(blocksOf(mine.Body))
	inT, inY := matches(b, t), matches(b, y)
	// Anchors are base blocks both sides kept; between two anchors lies a
	// chunk that one side, both or neither changed.
	pb, pt, py := -1, -1, -1
	emit := func(nb, nt, ny int) {
		c := Chunk{Base: b[pb+1 : nb], Theirs: t[pt+1 : nt], Mine: y[py+1 : ny]}
		if len(c.Base)+len(c.Theirs)+len(c.Mine) == 0 {
			return
		}
		c.From = pick(c)
		if c.From != Conflict || len(c.Base) != len(c.Theirs) || len(c.Base) != len(c.Mine) {
			m.Chunks = append(m.Chunks, c)
			return
		}
		// Blocks edited in place on both sides (none added or removed):
		// each block merges on its own, so that only the ones both
		// changed ask a person.
		for i := range c.Base {
			one := Chunk{Base: c.Base[i : i+1], Theirs: c.Theirs[i : i+1], Mine: c.Mine[i : i+1]}
			one.From = pick(one)
			m.Chunks = append(m.Chunks, one)
		}
	}
	for i := range b {
		ti, ok1 := inT[i]
		yi, ok2 := inY[i]
		if !ok1 || !ok2 || ti <= pt || yi <= py {
			continue
		}
		emit(i, ti, yi)
		m.Chunks = append(m.Chunks, Chunk{Base: b[i : i+1], Theirs: t[ti : ti+1], Mine: y[yi : yi+1], From: Both})
		pb, pt, py = i, ti, yi
	}
	emit(len(b), len(t), len(y))
	m.Chunks = joinUnchanged(m.Chunks)
	return m
}

// matches maps the index of each block of a that the longest common
// subsequence keeps to its index in b.
func matches(a, b []string) map[int]int {
	out := map[int]int{}
	j := 0
	for _, e := range diffKeys(a, b) {
		switch e.kind {
		case Equal:
			out[e.i] = j
			j++
		case Inserted:
			j++
		}
	}
	return out
}

func mergeField(base, theirs, mine string) Field {
	f := Field{Base: base, Theirs: theirs, Mine: mine}
	switch {
	case theirs == mine:
		f.From = Both
	case theirs == base:
		f.From = Mine
	case mine == base:
		f.From = Theirs
	default:
		f.From = Conflict
	}
	return f
}

func pick(c Chunk) Side {
	switch {
	case same(c.Theirs, c.Mine):
		return Both
	case same(c.Theirs, c.Base):
		return Mine
	case same(c.Mine, c.Base):
		return Theirs
	}
	return Conflict
}

func same(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// joinUnchanged makes runs of unchanged blocks one chunk.
func joinUnchanged(cs []Chunk) []Chunk {
	var out []Chunk
	for _, c := range cs {
		if n := len(out); n > 0 && c.From == Both && out[n-1].From == Both && same(c.Theirs, c.Mine) && same(out[n-1].Theirs, out[n-1].Mine) {
			out[n-1].Base = append(out[n-1].Base, c.Base...)
			out[n-1].Theirs = append(out[n-1].Theirs, c.Theirs...)
			out[n-1].Mine = append(out[n-1].Mine, c.Mine...)
			continue
		}
		out = append(out, c)
	}
	return out
}

// Conflicts counts the parts both sides changed differently.
func (m *Merge) Conflicts() int {
	n := 0
	for _, f := range []Field{m.Title, m.Slug, m.Summary} {
		if f.From == Conflict {
			n++
		}
	}
	for _, c := range m.Chunks {
		if c.From == Conflict {
			n++
		}
	}
	return n
}

// Picks are a person's choices for the conflicts of a merge: by field
// ("title", "slug", "summary") or by chunk ("0", "1" … its index).
type Picks map[string]Side

// Result is the merged text with the picks applied. A conflict without a
// pick is refused with EInvalid, naming the first one.
func (m *Merge) Result(picks Picks) (MergeText, error) {
	var out MergeText
	var err error
	field := func(name string, f Field) string {
		switch f.From {
		case Both, Theirs:
			return f.Theirs
		case Mine:
			return f.Mine
		}
		switch picks[name] {
		case Theirs:
			return f.Theirs
		case Mine, TheirsThenMine:
			return f.Mine
		}
		if err == nil {
			err = khabar.Invalid("merge_"+name, "err.merge.choose")
		}
		return ""
	}
	out.Title, out.Slug, out.Summary = field("title", m.Title), field("slug", m.Slug), field("summary", m.Summary)
	var body []block
	add := func(html []string) {
		for _, h := range html {
			body = append(body, block{HTML: h})
		}
	}
	for i, c := range m.Chunks {
		switch c.From {
		case Both, Theirs:
			add(c.Theirs)
			continue
		case Mine:
			add(c.Mine)
			continue
		}
		switch picks[strconv.Itoa(i)] {
		case Theirs:
			add(c.Theirs)
		case Mine:
			add(c.Mine)
		case TheirsThenMine:
			add(c.Theirs)
			add(c.Mine)
		default:
			if err == nil {
				err = khabar.Invalid("merge_"+strconv.Itoa(i), "err.merge.choose")
			}
		}
	}
	out.Body = joinBlocks(body)
	return out, err
}
