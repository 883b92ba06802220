package newsroom

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/analysis"
)

// The site's own search lexicon: entries that editors add to the one Khabar
// ships, so that search treats their words as one. An entry applies to
// queries at once; the stories that hold its words are indexed again in
// the background (KeepSearchCurrent).

// LexiconInput creates or changes a lexicon entry.
type LexiconInput struct {
	Lang  string
	Class string
	// Words are the members, one or several words each, as typed: the
	// newsroom's form gives them separated by commas or new lines.
	Words string
}

// maxLexiconWordRunes bounds one member of an entry.
const maxLexiconWordRunes = 100

// LexiconLanguages are the languages that have a lexicon.
var LexiconLanguages = []string{"ar", "ru", "en"}

// SaveLexiconEntry creates the entry (id 0) or changes entry id.
func (s *Service) SaveLexiconEntry(ctx context.Context, actor *khabar.User, id int64, in LexiconInput) (*khabar.LexiconEntry, error) {
	if err := allow(actor, khabar.ActEditLexicon, khabar.Target{}); err != nil {
		return nil, err
	}
	e, err := lexiconEntry(id, in)
	if err != nil {
		return nil, err
	}
	err = s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		err := s.store.SaveLexiconEntry(ctx, e)
		return entry{action: created(id, "lexicon"), object: object("lexicon", e.ID), detail: e.Lang + ": " + strings.Join(e.Words, ", ")}, err
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// DeleteLexiconEntry removes entry id.
func (s *Service) DeleteLexiconEntry(ctx context.Context, actor *khabar.User, id int64) error {
	if err := allow(actor, khabar.ActEditLexicon, khabar.Target{}); err != nil {
		return err
	}
	return s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		return entry{action: "lexicon.delete", object: object("lexicon", id)}, s.store.DeleteLexiconEntry(ctx, id)
	})
}

// lexiconEntry checks an input and returns the entry it makes.
func lexiconEntry(id int64, in LexiconInput) (*khabar.LexiconEntry, error) {
	e := &khabar.LexiconEntry{ID: id, Lang: strings.TrimSpace(in.Lang), Class: strings.TrimSpace(in.Class)}
	if !slices.Contains(LexiconLanguages, e.Lang) {
		return nil, khabar.Invalid("lang", "err.lexicon.lang")
	}
	if !slices.Contains(analysis.Classes, e.Class) {
		return nil, khabar.Invalid("class", "err.lexicon.class")
	}
	if !utf8.ValidString(in.Words) {
		return nil, khabar.Invalid("words", "err.text.utf8")
	}
	for _, w := range strings.FieldsFunc(in.Words, func(r rune) bool { return r == ',' || r == '،' || r == '\n' }) {
		w = khabar.CleanLine(w)
		switch {
		case w == "" || slices.Contains(e.Words, w):
			continue
		case utf8.RuneCountInString(w) > maxLexiconWordRunes:
			return nil, khabar.Invalid("words", "err.lexicon.word_long", "max", maxLexiconWordRunes)
		}
		e.Words = append(e.Words, w)
	}
	switch {
	case len(e.Words) < 2 && e.Class != "name":
		return nil, khabar.Invalid("words", "err.lexicon.few")
	case len(e.Words) == 0:
		return nil, khabar.Invalid("words", "err.lexicon.few")
	case len(e.Words) > analysis.MaxEntryWords:
		return nil, khabar.Invalid("words", "err.lexicon.many", "max", analysis.MaxEntryWords)
	}
	for _, w := range e.Words {
		if n := len(strings.Fields(w)); n > analysis.MaxMemberWords {
			return nil, khabar.Invalid("words", "err.lexicon.member_long", "word", w, "max", analysis.MaxMemberWords)
		}
		// A member that search cannot index (only stop words) would join
		// nothing.
		single := analysis.Entry{Lang: e.Lang, Class: "name", Words: []string{w}}
		if _, err := analysis.NewLexicon([]analysis.Entry{single}); err != nil {
			return nil, khabar.Invalid("words", "err.lexicon.unsearchable", "word", w)
		}
	}
	return e, nil
}

// KeepSearchCurrent indexes again, every interval until ctx ends, the
// versions whose search terms are stale: the whole archive after an
// upgrade that changed the analysis, the stories that hold the words of a
// lexicon entry saved on any node. It logs its progress; the site searches
// over the old terms meanwhile.
func (s *Service) KeepSearchCurrent(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		s.indexStale(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// indexStale indexes again the stale versions, if any.
func (s *Service) indexStale(ctx context.Context) {
	n, err := s.store.StaleSearch(ctx)
	if err != nil {
		if ctx.Err() == nil {
			s.log.Error("search index: cannot check it", "err", err)
		}
		return
	}
	if n == 0 {
		return
	}
	s.log.Info("search index: reindexing in the background what another analyser or lexicon wrote", "versions", n)
	start, last, done := time.Now(), time.Now(), 0
	err = s.store.IndexStale(ctx, func(d, total int) {
		done = d
		if time.Since(last) >= 5*time.Second {
			last = time.Now()
			s.log.Info("search index: reindexing", "done", d, "total", total)
		}
	})
	if err != nil {
		if !errors.Is(err, context.Canceled) && ctx.Err() == nil {
			s.log.Error("search index: reindexing failed", "err", err, "done", done)
		}
		return
	}
	s.log.Info("search index: up to date", "versions", done, "took", time.Since(start).Round(time.Millisecond).String())
}
