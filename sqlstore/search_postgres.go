package sqlstore

import (
	"strings"

	"github.com/khabarnews/khabar/analysis"
)

// postgresSearch matches and ranks in a tsvector that holds exactly
// Khabar's terms (see migrations/postgres/0003_search.sql): title stems A,
// title forms B, body stems C, body forms D.
var postgresSearch = &searchSQL{
	replace:    `INSERT INTO search_index (id, doc) VALUES `,
	replaceRow: `(?, khabar_tsvector(?, ?, ?, ?))`,
	replaceEnd: ` ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`,
	// Not a parameter of match: the query is one value that rank, inTitle
	// and match all read.
	from: ` FROM search_index s JOIN search_docs d ON d.id = s.id
		JOIN versions v ON v.story_id = d.story_id AND v.lang = d.lang
		CROSS JOIN (SELECT CAST(? AS tsquery) AS q) qq`,
	match: `s.doc @@ qq.q`,
	expr:  tsQuery,
	// ts_rank grows with relevance; search wants the best lowest. Weights
	// are for D, C, B, A: the title outweighs the body four to one, a
	// word's other forms count half as much as its stem, as on SQLite.
	rank:    `-ts_rank('{0.125, 0.25, 0.5, 1.0}', s.doc, qq.q)`,
	inTitle: `-ts_rank('{0, 0, 1, 1}', s.doc, qq.q)`,
	newest:  `d.id DESC`,
	// docsMatching lists the ids of the documents that match.
	docsMatching: `SELECT id FROM search_index WHERE doc @@ CAST(? AS tsquery)`,
}

// tsQuery writes a parsed query as a tsquery: the alternatives of a word
// ORed, words ANDed, exclusions NOTed, phrases as <-> chains over the stem
// weights (A and C) in every combination of their words' alternatives.
func tsQuery(q analysis.Query) string {
	var parts []string
	for _, c := range q.Must {
		parts = append(parts, tsClause(c))
	}
	for _, c := range q.Not {
		parts = append(parts, "!"+tsClause(c))
	}
	return strings.Join(parts, " & ")
}

func tsClause(c analysis.Clause) string {
	var alts []string
	if !c.Phrase() {
		w := c.Words[0]
		for _, t := range w.Terms {
			if !coveredByPrefix(t, w.Prefixes) {
				alts = append(alts, tsLexeme(t, ""))
			}
		}
		for _, p := range w.Prefixes {
			alts = append(alts, tsLexeme(p, "*"))
		}
		return "(" + strings.Join(alts, " | ") + ")"
	}
	for _, v := range phraseVariants(c.Words, maxPhraseVariants) {
		seq := make([]string, len(v.terms))
		for i, t := range v.terms {
			flag := "AC"
			if v.prefix && i == len(v.terms)-1 {
				flag = "*AC"
			}
			seq[i] = tsLexeme(t, flag)
		}
		alts = append(alts, "("+strings.Join(seq, " <-> ")+")")
	}
	for _, t := range c.Alts { // a compound read as one word, any weight
		alts = append(alts, tsLexeme(t, ""))
	}
	return "(" + strings.Join(alts, " | ") + ")"
}

// tsLexeme quotes one term for tsquery input, with its flags (weights, *).
func tsLexeme(t, flags string) string {
	t = strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(t)
	if flags != "" {
		return "'" + t + "':" + flags
	}
	return "'" + t + "'"
}
