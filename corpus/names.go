package corpus

import (
	"math/rand/v2"
	"strings"
)

// syllables spell generated names; column i is the same sound in each
// script, so that a name reads alike in every language of a story.
var syllables = [][3]string{ // Latin, Cyrillic, Arabic
	{"ka", "ка", "كا"}, {"ra", "ра", "را"}, {"mi", "ми", "مي"}, {"lo", "ло", "لو"}, {"ta", "та", "تا"},
	{"ser", "сер", "سير"}, {"din", "дин", "دين"}, {"bu", "бу", "بو"}, {"ha", "ха", "ها"}, {"zar", "зар", "زار"},
	{"no", "но", "نو"}, {"vel", "вел", "فيل"}, {"gor", "гор", "غور"}, {"sha", "ша", "شا"}, {"yen", "ен", "ين"},
	{"ol", "ол", "أول"}, {"am", "ам", "أم"}, {"is", "ис", "إس"}, {"ku", "ку", "كو"}, {"ri", "ри", "ري"},
	{"ben", "бен", "بن"}, {"dar", "дар", "دار"}, {"tu", "ту", "تو"}, {"mar", "мар", "مار"}, {"sal", "саль", "سال"},
	{"fi", "фи", "في"}, {"zo", "зо", "زو"}, {"ne", "не", "ني"}, {"qa", "ка", "قا"}, {"lin", "лин", "لين"},
	{"tam", "там", "تام"}, {"rus", "рус", "روس"}, {"kan", "кан", "كان"}, {"sur", "сур", "سور"}, {"jal", "джал", "جال"},
}

// nameSyllables returns n distinct words of two to four syllables, as
// syllable indexes, none of them among avoid; stream tells one list from
// another.
func nameSyllables(seed, stream uint64, n int, avoid [][]int) [][]int {
	r := rand.New(rand.NewPCG(seed, stream))
	seen := map[string]bool{}
	for _, a := range avoid {
		var key strings.Builder
		for _, s := range a {
			key.WriteString(syllables[s][0])
		}
		seen[key.String()] = true
	}
	var out [][]int
	for len(out) < n {
		k := 2 + r.IntN(3)
		syl := make([]int, k)
		var key strings.Builder
		for i := range syl {
			syl[i] = r.IntN(len(syllables))
			key.WriteString(syllables[syl[i]][0])
		}
		if seen[key.String()] {
			continue
		}
		seen[key.String()] = true
		out = append(out, syl)
	}
	return out
}

// spellName writes a generated word in the script of lang, capitalised if
// it is a name.
func spellName(lang string, syl []int, name bool) string {
	col := 0
	switch lang {
	case "ru":
		col = 1
	case "ar":
		col = 2
	}
	var b strings.Builder
	for i, s := range syl {
		part := syllables[s][col]
		if col == 2 && i > 0 {
			// Inside a word, alef with hamza below or above begins
			// only a word: spell the vowel plainly.
			part = strings.NewReplacer("أ", "ا", "إ", "ا").Replace(part)
		}
		b.WriteString(part)
	}
	if col == 2 || !name {
		return b.String()
	}
	return capitalise(b.String())
}
