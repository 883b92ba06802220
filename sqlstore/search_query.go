package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/khabarnews/khabar/analysis"
)

// maxExpansions bounds the terms a word being typed expands to: its most
// frequent completions.
const maxExpansions = 8

// expandPrefixes turns the prefixes of a word being typed into the indexed
// terms that begin with them, the most frequent first, read from the term
// dictionary (search_terms). FTS5 can match prefixes itself, but it first
// merges the whole posting list of every term with the prefix: 30 to 200 ms
// for a common word in a hundred thousand stories, where a handful of exact
// terms cost a millisecond. The expansions join the word's alternatives and
// its prefixes are cleared, so that the index sees only exact terms.
func (db *DB) expandPrefixes(ctx context.Context, q analysis.Query) (analysis.Query, error) {
	out := analysis.Query{Not: q.Not, Must: make([]analysis.Clause, len(q.Must))}
	for i, c := range q.Must {
		words := make([]analysis.QueryWord, len(c.Words))
		copy(words, c.Words)
		for j, w := range words {
			if len(w.Prefixes) == 0 {
				continue
			}
			terms := append([]string(nil), w.Terms...)
			for _, p := range w.Prefixes {
				more, err := db.termsWithPrefix(ctx, p)
				if err != nil {
					return q, err
				}
				for _, t := range more {
					if !contains(terms, t) {
						terms = append(terms, t)
					}
				}
			}
			words[j].Terms, words[j].Prefixes = terms, nil
		}
		out.Must[i] = analysis.Clause{Words: words, Alts: c.Alts}
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// termsWithPrefix returns up to maxExpansions indexed terms that begin with
// p, the most frequent first. When p is itself a term (the reader may have
// finished the word, or typed a stem), only the completions more frequent
// than p are kept: a completion rarer than the word typed is seldom the
// word meant (kazan is not looking for kazanforum), and it costs as much to
// search as a common one.
func (db *DB) termsWithPrefix(ctx context.Context, p string) ([]string, error) {
	// U+10FFFF encodes greater than any character that may follow p, so
	// the range is every term that begins with p.
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT term FROM search_terms WHERE term >= ? AND term < ?
		AND docs > COALESCE((SELECT docs FROM search_terms WHERE term = ?), 0)
		ORDER BY docs DESC, term LIMIT ?`), p, p+"\U0010FFFF", p, maxExpansions)
	if err != nil {
		return nil, fmt.Errorf("expanding a prefix: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// postings estimates how many postings the index reads to rank q: the sum
// of the document counts of all its terms (see search_terms).
func (db *DB) postings(ctx context.Context, q analysis.Query) (int, error) {
	var terms []any
	for _, cs := range [][]analysis.Clause{q.Must, q.Not} {
		for _, c := range cs {
			for _, w := range c.Words {
				for _, t := range w.Terms {
					terms = append(terms, t)
				}
			}
			for _, t := range c.Alts {
				terms = append(terms, t)
			}
		}
	}
	var n int
	err := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT COALESCE(SUM(docs), 0) FROM search_terms WHERE term IN (`+placeholders(len(terms))+`)`), terms...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("estimating a search: %w", err)
	}
	return n, nil
}

// maxPhraseVariants bounds the FTS5 phrases one quoted phrase expands to.
const maxPhraseVariants = 32

// fts5Query writes a parsed query in FTS5's query syntax. A word is the OR
// of its alternatives, over every column; words are ANDed; exclusions are
// NOTs. A phrase is the OR of its variants, every combination of its
// words' alternatives (the stemmer may give two forms of a word different
// stems, and each alternative of one form is the stem of another), at most
// maxPhraseVariants of them. A variant of two words is one pair term
// (stem·stem, see termColumns); a longer one is its pairs ANDed, to find
// the few documents that might hold it, and its stems as an FTS5 phrase in
// the stem columns, where adjacent words have adjacent positions, to be
// sure. Prefixes become FTS5 prefix queries, but Search expands them into
// terms first (expandPrefixes): FTS5's own are slow.
func fts5Query(q analysis.Query) string {
	cols := fts5Columns{pairs: "{title_pairs body_pairs}", stems: "{title_terms body_terms}"}
	var b strings.Builder
	for i, c := range q.Must {
		if i > 0 {
			b.WriteString(" AND ")
		}
		writeFTS5Clause(&b, c, cols)
	}
	for _, c := range q.Not {
		b.WriteString(" NOT ")
		writeFTS5Clause(&b, c, cols)
	}
	return b.String()
}

// fts5TitleQuery matches the documents that match q and whose title holds
// any of its required words or phrases. The whole query comes first: a
// common word's title matches alone would be read across the whole range
// of candidates, where ANDed with the query FTS5 only visits the rows that
// match it.
func fts5TitleQuery(q analysis.Query) string {
	cols := fts5Columns{words: "{title_terms title_alts}", pairs: "{title_pairs}", stems: "{title_terms}"}
	var b strings.Builder
	b.WriteString("(" + fts5Query(q) + ") AND (")
	for i, c := range q.Must {
		if i > 0 {
			b.WriteString(" OR ")
		}
		writeFTS5Clause(&b, c, cols)
	}
	b.WriteByte(')')
	return b.String()
}

// fts5Columns are the column filters of a clause: for words ("" for every
// column), for the pairs and for the stems of phrases.
type fts5Columns struct{ words, pairs, stems string }

// writeFTS5Clause writes a word as the OR of its terms and prefixes, or a
// phrase as the OR of its variants; a clause's Alts are ORed with it, in
// any column (a compound's terms are a word's other forms, or its stem).
func writeFTS5Clause(b *strings.Builder, c analysis.Clause, cols fts5Columns) {
	if len(c.Alts) > 0 {
		b.WriteByte('(')
		writeFTS5Clause(b, analysis.Clause{Words: c.Words}, cols)
		b.WriteString(" OR ")
		if cols.words != "" {
			b.WriteString(cols.words + " : ")
		}
		b.WriteByte('(')
		for i, t := range c.Alts {
			if i > 0 {
				b.WriteString(" OR ")
			}
			writeFTS5String(b, t)
		}
		b.WriteString("))")
		return
	}
	if !c.Phrase() {
		w := c.Words[0]
		if cols.words != "" {
			b.WriteString(cols.words + " : ")
		}
		b.WriteByte('(')
		sep := ""
		for _, t := range w.Terms {
			if coveredByPrefix(t, w.Prefixes) {
				continue // the prefix matches it too: one phrase, not two, in the score
			}
			b.WriteString(sep)
			writeFTS5String(b, t)
			sep = " OR "
		}
		for _, p := range w.Prefixes {
			b.WriteString(sep)
			writeFTS5String(b, p)
			b.WriteString(" *")
			sep = " OR "
		}
		b.WriteByte(')')
		return
	}
	b.WriteByte('(')
	for i, v := range phraseVariants(c.Words, maxPhraseVariants) {
		if i > 0 {
			b.WriteString(" OR ")
		}
		star := ""
		if v.prefix {
			star = " *"
		}
		if len(v.terms) == 2 {
			b.WriteString(cols.pairs + " : ")
			writeFTS5String(b, v.terms[0]+pairJoiner+v.terms[1])
			b.WriteString(star)
			continue
		}
		b.WriteString("(" + cols.pairs + " : (")
		for j := 1; j < len(v.terms); j++ {
			if j > 1 {
				b.WriteString(" AND ")
			}
			writeFTS5String(b, v.terms[j-1]+pairJoiner+v.terms[j])
			if j == len(v.terms)-1 {
				b.WriteString(star)
			}
		}
		b.WriteString(") AND " + cols.stems + " : ")
		writeFTS5String(b, strings.Join(v.terms, " "))
		b.WriteString(star + ")")
	}
	b.WriteByte(')')
}

func coveredByPrefix(t string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// writeFTS5String writes s as an FTS5 string, which the table's tokenizer
// splits exactly as it split the indexed terms.
func writeFTS5String(b *strings.Builder, s string) {
	b.WriteByte('"')
	b.WriteString(strings.ReplaceAll(s, `"`, `""`))
	b.WriteByte('"')
}

// phraseVariant is one sequence of terms a phrase may be indexed as; with
// prefix set, its last term is a prefix.
type phraseVariant struct {
	terms  []string
	prefix bool
}

// phraseVariants lists the term sequences of a phrase: every combination of
// its words' alternatives, the last word's prefixes included. When there
// would be more than limit, the words with the most alternatives lose
// their last ones (the least likely, or the least frequent completions)
// first.
func phraseVariants(words []analysis.QueryWord, limit int) []phraseVariant {
	type option struct {
		term   string
		prefix bool
	}
	opts := make([][]option, len(words))
	for i, w := range words {
		for _, t := range w.Terms {
			if !coveredByPrefix(t, w.Prefixes) {
				opts[i] = append(opts[i], option{term: t})
			}
		}
		for _, p := range w.Prefixes {
			opts[i] = append(opts[i], option{term: p, prefix: true})
		}
	}
	for {
		n, widest := 1, 0
		for i, o := range opts {
			n *= len(o)
			if len(o) > len(opts[widest]) {
				widest = i
			}
		}
		if n <= limit || len(opts[widest]) == 1 {
			break
		}
		opts[widest] = opts[widest][:len(opts[widest])-1]
	}
	out := []phraseVariant{{}}
	for i, o := range opts {
		var next []phraseVariant
		for _, v := range out {
			for _, x := range o {
				terms := append(append([]string(nil), v.terms...), x.term)
				next = append(next, phraseVariant{terms: terms, prefix: x.prefix && i == len(opts)-1})
			}
		}
		out = next
	}
	return out
}
