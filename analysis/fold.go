package analysis

import "strings"

// Fold is text as a type-ahead list compares it with what is being typed:
// case, digits, apostrophes and invisible characters folded, and the
// spellings that search does not tell apart made one (Arabic tashkeel,
// tatweel, hamza seats, ة/ه, ى/ي; Russian ё/е), in every script at once and
// without stemming, so that a prefix of a word is a prefix of its fold.
// Words are kept in order, one space apart.
func Fold(s string) string {
	words := strings.Fields(s)
	out := words[:0]
	for _, w := range words {
		if f := strings.ReplaceAll(normArabicWord(w, false), "ё", "е"); f != "" {
			out = append(out, f)
		}
	}
	return strings.Join(out, " ")
}
