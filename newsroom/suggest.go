package newsroom

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/markup"
)

// SuggestTags returns the tags whose name, in any language, occurs in the
// title, summary or body (HTML) of a version, in the order of tags. A tag
// is one entity across languages, so an Arabic story may suggest the tag
// whose English name is "Putin" because its Arabic name بوتين is in the text.
//
// Matching is deliberately simple and forgiving: case does not matter; in
// Arabic tashkeel, tatweel, the forms of alef and the article with its
// clitics (ال، وال، بال، لل …) are ignored, so "الكرملِين" finds the tag
// "كرملين"; in Russian ё is е and a short ending is allowed ("Путина" finds
// "Путин"); in English a plural or possessive "s" is allowed. A suggestion
// is only a suggestion: the editor decides.
func SuggestTags(tags []khabar.Tag, title, summary, body string) []khabar.Tag {
	text := matchWords(title + "\n" + summary + "\n" + markup.PlainText(body))
	if len(text) == 0 {
		return nil
	}
	var out []khabar.Tag
	for _, t := range tags {
		for _, name := range t.Names {
			if name = strings.TrimSpace(name); name != "" && containsPhrase(text, matchWords(name)) {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

// word is one word of text in its matching form, with its Arabic clitic
// forms, for comparison.
type word struct {
	norm  string   // lower-cased, Arabic normalised
	forms []string // norm plus the word without its Arabic proclitics
	kind  script
}

type script int

const (
	latin script = iota
	cyrillic
	arabic
)

// containsPhrase reports whether the words of phrase occur one after the
// other in text.
func containsPhrase(text, phrase []word) bool {
	if len(phrase) == 0 || len(phrase) > len(text) {
		return false
	}
	for i := 0; i+len(phrase) <= len(text); i++ {
		ok := true
		for j, p := range phrase {
			if !wordMatches(text[i+j], p) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// wordMatches reports whether a word of the text is the tag's word w.
func wordMatches(t, w word) bool {
	for _, a := range t.forms {
		for _, b := range w.forms {
			if a == b {
				return true
			}
		}
	}
	// Inflection: a few letters after the tag's word, only for words long
	// enough that this does not turn "мир" into "мирный".
	if utf8.RuneCountInString(w.norm) < 4 {
		return false
	}
	switch w.kind {
	case cyrillic:
		stem := russianStem(w.norm)
		rest, ok := strings.CutPrefix(t.norm, stem)
		return ok && utf8.RuneCountInString(rest) <= 3 && isLetters(rest, unicode.Cyrillic)
	case latin:
		rest, ok := strings.CutPrefix(t.norm, w.norm)
		return ok && (rest == "s" || rest == "es" || rest == "'s" || rest == "’s")
	}
	return false
}

// russianStem drops the ending vowel or soft sign of a word long enough to
// have one, so that "Казань" finds "в Казани" and "Москва" "в Москве".
func russianStem(w string) string {
	if utf8.RuneCountInString(w) < 5 {
		return w
	}
	r, size := utf8.DecodeLastRuneInString(w)
	if strings.ContainsRune("аяоеьйыиую", r) {
		return w[:len(w)-size]
	}
	return w
}

func isLetters(s string, table *unicode.RangeTable) bool {
	for _, r := range s {
		if !unicode.Is(table, r) {
			return false
		}
	}
	return true
}

// matchWords splits text into words in their matching form.
func matchWords(text string) []word {
	var out []word
	for _, f := range strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '\'' || r == '’' || r == 'ـ')
	}) {
		n, kind := normalizeWord(f)
		n = strings.Trim(n, "'’")
		if n == "" {
			continue
		}
		w := word{norm: n, forms: []string{n}, kind: kind}
		if kind == arabic {
			w.forms = append(w.forms, arabicStems(n)...)
		}
		out = append(out, w)
	}
	return out
}

// normalizeWord lower-cases a word and folds what a reader does not count
// as a difference: Arabic tashkeel and tatweel, the shapes of alef, alef
// maqsura and teh marbuta; Russian ё.
func normalizeWord(s string) (string, script) {
	kind := latin
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 'ـ':
			continue // tashkeel, superscript alef, tatweel
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ى':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case r == 'ё' || r == 'Ё':
			r = 'е'
		}
		switch {
		case unicode.Is(unicode.Arabic, r):
			kind = arabic
		case unicode.Is(unicode.Cyrillic, r) && kind != arabic:
			kind = cyrillic
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String(), kind
}

// arabicPrefixes are the proclitics that end in the article, longest
// first; لل is ل + ال with the alef dropped.
var arabicPrefixes = []string{"وبال", "وكال", "ولل", "فبال", "فكال", "فلل", "وال", "فال", "بال", "كال", "لل", "ال"}

// arabicStems returns w without the article and its clitics, and without a
// leading conjunction و or ف, keeping at least two letters; the caller
// keeps w itself too, because a leading و may belong to the word (وزير).
func arabicStems(w string) []string {
	var out []string
	for _, p := range arabicPrefixes {
		if rest, ok := strings.CutPrefix(w, p); ok && utf8.RuneCountInString(rest) >= 2 {
			out = append(out, rest)
			break
		}
	}
	for _, p := range []string{"و", "ف"} {
		if rest, ok := strings.CutPrefix(w, p); ok && utf8.RuneCountInString(rest) >= 3 {
			out = append(out, rest)
		}
	}
	return out
}
