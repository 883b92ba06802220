package sqlstore

import "github.com/khabarnews/khabar/analysis"

// lexicon returns the search lexicon this store analyses with.
func (db *DB) lexicon() *analysis.Lexicon {
	if l := db.lex.Load(); l != nil {
		return l
	}
	return analysis.SeedLexicon()
}

// analyzer returns the analyser of a language, with the store's lexicon.
func (db *DB) analyzer(lang string) analysis.Analyzer { return db.lexicon().For(lang) }
