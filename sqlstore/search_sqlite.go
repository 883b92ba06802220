package sqlstore

import (
	"strings"

	"github.com/khabarnews/khabar/analysis"
)

// sqliteSearch matches and ranks in the FTS5 table search_fts (see
// migrations/sqlite/0003_search.sql and 0005_search_pairs.sql), whose
// columns hold Khabar's own terms: title and body stems, their other forms,
// and pairs of adjacent stems.
var sqliteSearch = &searchSQL{
	replace:    `INSERT OR REPLACE INTO search_fts (rowid, title_terms, title_alts, body_terms, body_alts, title_pairs, body_pairs) VALUES `,
	insert:     `INSERT INTO search_fts (rowid, title_terms, title_alts, body_terms, body_alts, title_pairs, body_pairs) VALUES `,
	replaceRow: `(?, ?, ?, ?, ?, ?, ?)`,
	pairs:      true,
	// CROSS JOIN keeps this order: SQLite would otherwise start from
	// versions, whose indexes look cheaper, and run the full-text
	// query again for each row, seconds instead of milliseconds. The
	// versions are read through versions_search, which holds all a
	// search needs, never from their rows, which hold the bodies.
	from: ` FROM search_fts CROSS JOIN search_docs d ON d.id = search_fts.rowid
			CROSS JOIN versions v INDEXED BY versions_search ON v.story_id = d.story_id AND v.lang = d.lang`,
	// The section is checked before the version is read: of the rows
	// a filtered search reads, most are in other sections.
	fromSection: ` FROM search_fts CROSS JOIN search_docs d ON d.id = search_fts.rowid
			CROSS JOIN stories s ON s.id = d.story_id
			CROSS JOIN versions v INDEXED BY versions_search ON v.story_id = d.story_id AND v.lang = d.lang`,
	match: `search_fts MATCH ?`,
	expr:  fts5Query,
	// The title outweighs the body four to one; a word's other forms
	// count half as much as its stem, so that a document with the
	// very form searched for (both columns hit) ranks first. Pairs
	// only find phrases.
	rank:         `bm25(search_fts, 4.0, 2.0, 1.0, 0.5, 0.0, 0.0)`,
	newest:       `search_fts.rowid DESC`,
	titleMatches: `SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ?`,
	titleExpr:    fts5TitleQuery,
	dictionary:   true,
	rowid:        `search_fts.rowid`,
	optimize:     `INSERT INTO search_fts (search_fts) VALUES ('optimize')`,
	docsMatching: `SELECT rowid FROM search_fts WHERE search_fts MATCH ?`,
}

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

// writeFTS5String writes s as an FTS5 string, which the table's tokenizer
// splits exactly as it split the indexed terms.
func writeFTS5String(b *strings.Builder, s string) {
	b.WriteByte('"')
	b.WriteString(strings.ReplaceAll(s, `"`, `""`))
	b.WriteByte('"')
}
