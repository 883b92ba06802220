package newsroom

import (
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/analysis"
	"github.com/khabarnews/khabar/markup"
)

// SuggestTags returns the tags whose name, in any language, occurs in the
// title, summary or body (HTML) of a version, in the order of tags. A tag
// is one entity across languages, so an Arabic story may suggest the tag
// whose English name is "Putin" because its Arabic name بوتين is in the text.
//
// A name occurs when its words follow one another in the text as search
// finds them: each name in its language's analyser (package analysis), so
// that what search folds — tashkeel, tatweel, hamza forms, the article and
// its clitics (الكرملِين, وبوتين), ё, case, Russian and English endings
// (в Казани, Kremlins) — the suggestions fold too, and only that. A
// suggestion is only a suggestion: the editor decides.
func SuggestTags(tags []khabar.Tag, title, summary, body string) []khabar.Tag {
	text := title + "\n" + summary + "\n" + markup.PlainText(body)
	if strings.TrimSpace(text) == "" {
		return nil
	}
	analysed := map[string][]termSet{} // the text's words by language
	var out []khabar.Tag
	for _, t := range tags {
		for l, name := range t.Names {
			if strings.TrimSpace(name) == "" {
				continue
			}
			words, ok := analysed[l]
			if !ok {
				words = positions(analysis.For(l), text)
				analysed[l] = words
			}
			if containsName(words, analysis.For(l), name) {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

// termSet is the terms one word of the text is indexed under.
type termSet map[string]bool

// positions analyses text into the terms of each word position.
func positions(a analysis.Analyzer, text string) []termSet {
	var out []termSet
	for _, tok := range a.Tokens(text) {
		for len(out) <= tok.Position {
			out = append(out, termSet{})
		}
		out[tok.Position][tok.Term] = true
	}
	return out
}

// containsName reports whether the words of name follow one another in the
// text's words, each matched as a search query word would match it.
func containsName(text []termSet, a analysis.Analyzer, name string) bool {
	var want [][]string
	first := -1
	for _, tok := range a.Tokens(name) {
		if tok.Position == first {
			continue // an alternative form of the word already taken
		}
		first = tok.Position
		want = append(want, a.QueryTerms(name[tok.Start:tok.End]))
	}
	if len(want) == 0 || len(want) > len(text) {
		return false
	}
	for i := 0; i+len(want) <= len(text); i++ {
		if phraseAt(text[i:], want) {
			return true
		}
	}
	return false
}

func phraseAt(text []termSet, want [][]string) bool {
	for j, alternatives := range want {
		found := false
		for _, term := range alternatives {
			if text[j][term] {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
