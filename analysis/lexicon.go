package analysis

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// The equivalence lexicon joins words that no rule can: an Arabic broken
// plural and its singular (مصارف, مصرف), the forms of a hollow verb (قال,
// يقول), a Russian verb's aspects and its verbal noun (подписать,
// подписывать, подписание), an English irregular form (bought, buy), the
// British and American spellings of a word, the spellings of a name in
// transliteration (Zelensky, Zelenskyy), an acronym and what it stands for
// (UAE, United Arab Emirates). Each class of equivalent words gets one
// term, its first word's: every word of the class is indexed with it and a
// query for any of them asks for it, so that each finds all the others,
// whatever the database.
//
// A class never joins words that are not the same word: a form that is
// also another word (WordNet's "left", past of leave, is also a direction)
// stays out of the seed.
//
// Names (class "name") are also kept from the stemmer: a listed name is
// indexed and queried as its name term and as written, never as a stem
// that other words share (Hamas is not Hama, Алиев not ал). In Arabic they
// are frozen words (see arabic.frozen), and every single word of the
// lexicon is protected (its first letter is no clitic).

// Entry is one class of the lexicon: words that search treats as one.
type Entry struct {
	// Lang is the language's primary subtag: "ar", "ru" or "en".
	Lang string
	// Class is the kind of equivalence (one of Classes): for reports and
	// the newsroom's page, and "name" changes how the words are analysed.
	Class string
	// Words are the members as written, each one or several words (an
	// acronym's expansion, a name in full). The first names the class.
	Words []string
}

// Classes are the kinds of lexicon entry.
var Classes = []string{"broken-plural", "hollow-verb", "aspect", "verbal-noun", "irregular", "spelling", "name", "acronym"}

// Limits on an entry, so that one line cannot swallow the vocabulary.
const (
	MaxEntryWords  = 24 // members of one entry
	MaxMemberWords = 8  // words of one member
)

//go:embed lexicon/*/*.txt
var seedFiles embed.FS

// SeedEntries returns the lexicon Khabar ships: the files under lexicon/,
// one directory per language and one file per class.
func SeedEntries() []Entry { return slices.Clone(seedEntries()) }

var seedEntries = sync.OnceValue(func() []Entry {
	var out []Entry
	err := fs.WalkDir(seedFiles, "lexicon", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := seedFiles.ReadFile(p)
		if err != nil {
			return err
		}
		lang, class := path.Base(path.Dir(p)), strings.TrimSuffix(path.Base(p), ".txt")
		es, err := ParseEntries(lang, class, string(b))
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		out = append(out, es...)
		return nil
	})
	if err != nil {
		panic("analysis: the embedded lexicon: " + err.Error()) // checked by the package's tests
	}
	return out
})

// ParseEntries reads entries of one language and class, one a line: the
// members separated by commas (Arabic commas too). Empty lines and lines
// that begin with # are skipped.
func ParseEntries(lang, class, text string) ([]Entry, error) {
	var out []Entry
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var words []string
		for _, w := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == '،' }) {
			if w = strings.Join(strings.Fields(w), " "); w != "" {
				words = append(words, w)
			}
		}
		e := Entry{Lang: lang, Class: class, Words: words}
		if err := e.check(); err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		out = append(out, e)
	}
	return out, nil
}

// check reports what makes an entry unusable, before any analysis.
func (e Entry) check() error {
	switch {
	case !slices.Contains([]string{"ar", "ru", "en"}, e.Lang):
		return fmt.Errorf("no lexicon for the language %q", e.Lang)
	case !slices.Contains(Classes, e.Class):
		return fmt.Errorf("unknown class %q", e.Class)
	case len(e.Words) < 2 && e.Class != "name":
		return fmt.Errorf("an entry needs two words or more (a name may stand alone)")
	case len(e.Words) == 0:
		return fmt.Errorf("an empty entry")
	case len(e.Words) > MaxEntryWords:
		return fmt.Errorf("an entry has at most %d members", MaxEntryWords)
	}
	for _, w := range e.Words {
		if !utf8.ValidString(w) {
			return fmt.Errorf("%q is not UTF-8", w)
		}
		if n := len(strings.Fields(w)); n > MaxMemberWords {
			return fmt.Errorf("%q has %d words, at most %d", w, n, MaxMemberWords)
		}
	}
	return nil
}

// Lexicon is a set of entries made ready for analysis: an analyser per
// language that applies them. It is immutable and safe for concurrent use.
type Lexicon struct {
	entries     []Entry
	fingerprint string
	analyzers   map[string]*analyzer
}

// NewLexicon builds a lexicon of entries. It refuses an entry with a member
// that has no searchable word (only stop words or punctuation), naming it.
func NewLexicon(entries []Entry) (*Lexicon, error) {
	h := sha256.New()
	for _, e := range entries {
		if err := e.check(); err != nil {
			return nil, fmt.Errorf("%s: %w", strings.Join(e.Words, ", "), err)
		}
		fmt.Fprintf(h, "%s\x00%s\x00%s\x01", e.Lang, e.Class, strings.Join(e.Words, "\x00"))
	}
	l := &Lexicon{entries: entries, fingerprint: hex.EncodeToString(h.Sum(nil))[:16], analyzers: map[string]*analyzer{}}
	for _, lang := range []string{"ar", "ru", "en"} {
		var mine []Entry
		for _, e := range entries {
			if e.Lang == lang {
				mine = append(mine, e)
			}
		}
		a, err := buildLexicon(lang, mine)
		if err != nil {
			return nil, err
		}
		l.analyzers[lang] = a
	}
	return l, nil
}

// Entries returns the lexicon's entries.
func (l *Lexicon) Entries() []Entry { return slices.Clone(l.entries) }

// Fingerprint names the lexicon's content: two lexicons with the same
// entries in the same order have the same one.
func (l *Lexicon) Fingerprint() string { return l.fingerprint }

// For returns the analyser for a language tag (see the package's For) with
// the lexicon applied; languages without a lexicon get the generic one.
func (l *Lexicon) For(lang string) Analyzer {
	if a, ok := l.analyzers[primarySubtag(lang)]; ok {
		return a
	}
	return For(lang)
}

// seedLexicon is the lexicon of SeedEntries, which For applies.
var seedLexicon = sync.OnceValue(func() *Lexicon {
	l, err := NewLexicon(SeedEntries())
	if err != nil {
		panic("analysis: the embedded lexicon: " + err.Error()) // checked by the package's tests
	}
	return l
})

// SeedLexicon returns the lexicon of SeedEntries.
func SeedLexicon() *Lexicon { return seedLexicon() }
