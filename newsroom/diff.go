package newsroom

import (
	"slices"
	"unicode"
)

// OpKind says whether a piece of text is in both revisions or only one.
type OpKind int

// Kinds of diff pieces.
const (
	Equal OpKind = iota
	Deleted
	Inserted
)

// Op is one piece of a diff: text with its formatting (bold, a link and
// its address, an image …), in both revisions or in one.
type Op struct {
	Kind  OpKind
	Text  string
	Marks []Mark
}

// Block is one block of a body diff (a paragraph, a subheading, a list …):
// the pieces of its words. Tag is the block's element in the newer
// revision, WasTag in the older; they differ when a paragraph became a
// subheading, a quote a paragraph.
type Block struct {
	Tag, WasTag string
	Ops         []Op
}

// Changed reports whether the block differs between the two revisions: in
// a word, a word's formatting or a link, or in what kind of block it is.
func (b Block) Changed() bool {
	return b.Tag != b.WasTag || changed(b.Ops)
}

func changed(ops []Op) bool {
	for _, op := range ops {
		if op.Kind != Equal {
			return true
		}
	}
	return false
}

// DiffText compares two short texts (titles, summaries) word by word.
func DiffText(a, b string) []Op {
	wa, wb := words(a), words(b)
	var ops []Op
	for _, e := range diffKeys(wa, wb) {
		var text string
		if e.kind == Inserted {
			text = wb[e.i]
		} else {
			text = wa[e.i]
		}
		ops = append(ops, Op{Kind: e.kind, Text: text})
	}
	return join(ops)
}

// DiffBody compares two bodies as an editor reads them: block by block,
// and word by word inside a changed block, formatting and links included.
func DiffBody(a, b string) []Block {
	ba, bb := blocksOf(a), blocksOf(b)
	ka, kb := blockKeys(ba), blockKeys(bb)
	edits := diffKeys(ka, kb)
	var out []Block
	for i := 0; i < len(edits); {
		e := edits[i]
		switch e.kind {
		case Equal:
			out = append(out, whole(ba[e.i], Equal))
			i++
			continue
		case Inserted:
			out = append(out, whole(bb[e.i], Inserted))
			i++
			continue
		}
		// A run of deleted blocks followed by inserted ones is an edit:
		// pair them up and show which words changed in each.
		d := i
		for d < len(edits) && edits[d].kind == Deleted {
			d++
		}
		n := d
		for n < len(edits) && edits[n].kind == Inserted {
			n++
		}
		dels, ins := edits[i:d], edits[d:n]
		for k := 0; k < max(len(dels), len(ins)); k++ {
			switch {
			case k < len(dels) && k < len(ins):
				out = append(out, diffBlock(ba[dels[k].i], bb[ins[k].i]))
			case k < len(dels):
				out = append(out, whole(ba[dels[k].i], Deleted))
			default:
				out = append(out, whole(bb[ins[k].i], Inserted))
			}
		}
		i = n
	}
	return out
}

func blockKeys(bs []block) []string {
	keys := make([]string, len(bs))
	for i, b := range bs {
		keys[i] = b.HTML
	}
	return keys
}

// whole is a block shown entirely as kind.
func whole(b block, kind OpKind) Block {
	ops := make([]Op, 0, 8)
	for _, t := range tokens(b) {
		ops = append(ops, Op{Kind: kind, Text: t.Text, Marks: t.Marks})
	}
	return Block{Tag: b.Tag, WasTag: b.Tag, Ops: join(ops)}
}

// diffBlock compares two versions of one block word by word.
func diffBlock(a, b block) Block {
	ta, tb := tokens(a), tokens(b)
	ka, kb := make([]string, len(ta)), make([]string, len(tb))
	for i, t := range ta {
		ka[i] = t.key()
	}
	for i, t := range tb {
		kb[i] = t.key()
	}
	var ops []Op
	for _, e := range diffKeys(ka, kb) {
		var t token
		if e.kind == Inserted {
			t = tb[e.i]
		} else {
			t = ta[e.i]
		}
		ops = append(ops, Op{Kind: e.kind, Text: t.Text, Marks: t.Marks})
	}
	return Block{Tag: b.Tag, WasTag: a.Tag, Ops: join(ops)}
}

// words splits text into words, punctuation marks and the runs of space
// between them, so that joining the pieces of a diff gives the text back
// and a comma added after a word does not show the word as changed.
func words(s string) []string {
	var out []string
	start, class := 0, -1
	for i, r := range s {
		c := 0
		switch {
		case unicode.IsSpace(r):
			c = 1
		case unicode.IsPunct(r):
			c = 2
		}
		if i > start && (c != class || c == 2) {
			out = append(out, s[start:i])
			start = i
		}
		class = c
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// edit is one step of a diff: a token of a (Equal, Deleted) or of b
// (Inserted), by its index.
type edit struct {
	kind OpKind
	i    int
}

// maxCells bounds the LCS table; beyond it the texts are shown as replaced.
const maxCells = 4 << 20

// diffKeys is a longest-common-subsequence diff of two sequences.
func diffKeys(a, b []string) []edit {
	// Trim the common prefix and suffix first: edits are usually small.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out []edit
	for i := range pre {
		out = append(out, edit{Equal, i})
	}
	for _, m := range lcs(a[pre:len(a)-suf], b[pre:len(b)-suf]) {
		m.i += pre
		out = append(out, m)
	}
	for i := len(a) - suf; i < len(a); i++ {
		out = append(out, edit{Equal, i})
	}
	return out
}

// lcs diffs two sequences without a common prefix or suffix.
func lcs(a, b []string) []edit {
	var out []edit
	if len(a)*len(b) > maxCells || len(a) == 0 || len(b) == 0 {
		for i := range a {
			out = append(out, edit{Deleted, i})
		}
		for j := range b {
			out = append(out, edit{Inserted, j})
		}
		return out
	}
	table := make([][]int32, len(a)+1)
	for i := range table {
		table[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				table[i][j] = table[i+1][j+1] + 1
			} else {
				table[i][j] = max(table[i+1][j], table[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			out = append(out, edit{Equal, i})
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || table[i+1][j] >= table[i][j+1]):
			out = append(out, edit{Deleted, i})
			i++
		default:
			out = append(out, edit{Inserted, j})
			j++
		}
	}
	return out
}

// join joins adjacent pieces of the same kind and formatting.
func join(ops []Op) []Op {
	var out []Op
	for _, op := range ops {
		if n := len(out); n > 0 && out[n-1].Kind == op.Kind && slices.Equal(out[n-1].Marks, op.Marks) && !isImage(op) && !isImage(out[n-1]) {
			out[n-1].Text += op.Text
			continue
		}
		out = append(out, op)
	}
	return out
}

func isImage(op Op) bool {
	return len(op.Marks) > 0 && op.Marks[len(op.Marks)-1].Tag == "img"
}
