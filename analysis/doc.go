// Package analysis turns article text and search queries into index terms,
// one analyser per language (Arabic, Russian, English, and a generic one for
// anything else).
//
// The analysis happens here, in Go, rather than in the database so that
// SQLite FTS5 and PostgreSQL tsvector index exactly the same terms and a query
// gives the same answers on both: each database only stores and ranks the
// strings this package produces. Neither database's built-in Arabic support
// strips clitics such as وال, and neither folds ё to е.
//
// Every analyser shares one word splitter and one folding step: words are runs
// of letters, marks and digits (Unicode categories L, M and Nd); hyphens and
// other punctuation separate words; invisible characters that editors and copy
// and paste leave behind (zero-width spaces and joiners, bidi controls, the
// soft hyphen, the byte-order mark) are ignored wherever they appear; letters
// are lower-cased; Arabic-Indic and Extended Arabic-Indic digits become ASCII
// digits; a term is never longer than [MaxTermRunes] runes.
//
// A word may produce several terms: its stem first, then alternative forms
// (the unstemmed word, or a second stem where the stemmer cannot tell two
// readings apart). Index all of them, search for any of the alternatives
// returned by QueryTerms.
//
// Beyond what rules can do, an equivalence lexicon (Lexicon; the seed
// Khabar ships is under lexicon/, one directory per language and one file
// per class) joins broken plurals, verb forms, irregular forms, spellings,
// transliterations of names and acronyms: each class has one term, which
// every word of the class is indexed with and every query for one of them
// asks for. For applies the seed; a store that lets editors add entries
// builds its own Lexicon. Version and Lexicon.Fingerprint together name the
// terms a text gets, so that a store knows when to index again.
//
// The package also reads what readers type into a search box (ParseQuery:
// words, "phrases", -exclusions and the word being typed, analysed by one
// or several languages' analysers) and cuts result snippets (Snippet,
// Highlight): the words of a document that match a query are found by
// analysing the document the way it was indexed, and marked by their spans
// in the text as written, tashkeel and all. Both are independent of the
// database, so that every store parses and highlights alike.
package analysis
