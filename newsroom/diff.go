package newsroom

import (
	"strings"
	"unicode"

	"github.com/khabarnews/khabar/markup"
)

// OpKind says whether a piece of text is in both revisions or only one.
type OpKind int

// Kinds of diff pieces.
const (
	Equal OpKind = iota
	Deleted
	Inserted
)

// Op is one piece of a diff.
type Op struct {
	Kind OpKind
	Text string
}

// Block is one paragraph of a body diff: the pieces of its words.
type Block struct{ Ops []Op }

// DiffText compares two short texts (titles, summaries) word by word.
func DiffText(a, b string) []Op { return merge(diffTokens(words(a), words(b))) }

// DiffBody compares two bodies as an editor reads them: paragraph by
// paragraph, and word by word inside a changed paragraph.
func DiffBody(a, b string) []Block {
	pa := paragraphs(markup.PlainText(a))
	pb := paragraphs(markup.PlainText(b))
	var out []Block
	ops := diffTokens(pa, pb)
	for i := 0; i < len(ops); {
		if ops[i].Kind != Deleted {
			out = append(out, Block{Ops: []Op{ops[i]}})
			i++
			continue
		}
		// A run of deleted paragraphs followed by inserted ones is an edit:
		// pair them up and show which words changed in each.
		d := i
		for d < len(ops) && ops[d].Kind == Deleted {
			d++
		}
		n := d
		for n < len(ops) && ops[n].Kind == Inserted {
			n++
		}
		dels, ins := ops[i:d], ops[d:n]
		for k := 0; k < max(len(dels), len(ins)); k++ {
			switch {
			case k < len(dels) && k < len(ins):
				out = append(out, Block{Ops: DiffText(dels[k].Text, ins[k].Text)})
			case k < len(dels):
				out = append(out, Block{Ops: []Op{dels[k]}})
			default:
				out = append(out, Block{Ops: []Op{ins[k]}})
			}
		}
		i = n
	}
	return out
}

func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// words splits text into words and the runs of space between them, so that
// joining the pieces of a diff gives the text back.
func words(s string) []string {
	var out []string
	start, space := 0, false
	for i, r := range s {
		sp := unicode.IsSpace(r)
		if i > start && sp != space {
			out = append(out, s[start:i])
			start = i
		}
		space = sp
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// maxCells bounds the LCS table; beyond it the texts are shown as replaced.
const maxCells = 4 << 20

// diffTokens is a longest-common-subsequence diff, one piece per token.
func diffTokens(a, b []string) []Op {
	// Trim the common prefix and suffix first: edits are usually small.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []Op
	add := func(k OpKind, t string) { ops = append(ops, Op{k, t}) }
	for _, t := range a[:pre] {
		add(Equal, t)
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(ma)*len(mb) > maxCells {
		for _, t := range ma {
			add(Deleted, t)
		}
		for _, t := range mb {
			add(Inserted, t)
		}
	} else {
		lcs := make([][]int32, len(ma)+1)
		for i := range lcs {
			lcs[i] = make([]int32, len(mb)+1)
		}
		for i := len(ma) - 1; i >= 0; i-- {
			for j := len(mb) - 1; j >= 0; j-- {
				if ma[i] == mb[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < len(ma) || j < len(mb) {
			switch {
			case i < len(ma) && j < len(mb) && ma[i] == mb[j]:
				add(Equal, ma[i])
				i, j = i+1, j+1
			case i < len(ma) && (j == len(mb) || lcs[i+1][j] >= lcs[i][j+1]):
				add(Deleted, ma[i])
				i++
			default:
				add(Inserted, mb[j])
				j++
			}
		}
	}
	for _, t := range a[len(a)-suf:] {
		add(Equal, t)
	}
	return ops
}

// merge joins adjacent pieces of the same kind.
func merge(ops []Op) []Op {
	var out []Op
	for _, op := range ops {
		if n := len(out); n > 0 && out[n-1].Kind == op.Kind {
			out[n-1].Text += op.Text
			continue
		}
		out = append(out, op)
	}
	return out
}
