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

// maxPhraseVariants bounds the variants one quoted phrase expands to.
const maxPhraseVariants = 32

func coveredByPrefix(t string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
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
