package analysis

import (
	"strings"

	"github.com/blevesearch/snowballstem/russian"
)

// russianLang is the Russian analyser: case folding, ё as е, stress marks
// dropped, stop words, and the Snowball Russian stemmer.
//
// Snowball reads some noun endings as verb endings: саммит loses ит (as in
// говорит) and becomes самм, and so does саммите, while саммиты and саммита
// become саммит. Iterating the stemmer would unite them, but it also shrinks
// заявил to за and merges far more unrelated words (measured on aspell's
// Russian paradigms: 2.5 times as many). So each word gets a second stem that
// strips only a noun ending, which is саммит for every form of саммит, and
// the unstemmed word; the index and the query both hold all three.
type russianLang struct {
	stop map[string]bool
}

func newRussian() *russianLang {
	l := &russianLang{stop: map[string]bool{}}
	for _, w := range strings.Fields(russianStopWords) {
		l.stop[strings.ReplaceAll(w, "ё", "е")] = true
	}
	return l
}

func (l *russianLang) normRune(buf []rune, r rune) []rune {
	switch r {
	case 'ё':
		return append(buf, 'е')
	case 0x0300, 0x0301: // stress marks, as in textbooks and dictionaries
		return buf
	case 0x0306: // и + combining breve, a decomposed й
		if n := len(buf); n > 0 && buf[n-1] == 'и' {
			buf[n-1] = 'й'
			return buf
		}
	case 0x0308: // е + combining diaeresis, a decomposed ё
		if n := len(buf); n > 0 && buf[n-1] == 'е' {
			return buf
		}
	}
	return append(buf, r)
}

func (l *russianLang) terms(dst []string, _, norm string, _ bool, st *state) []string {
	if l.stop[norm] {
		return dst
	}
	if !allCyrillic(norm) {
		return append(dst, norm)
	}
	dst = append(dst, st.stemmer.stem(norm, russian.Stem))
	dst = appendUnique(dst, russianNounStem(norm))
	return appendUnique(dst, norm)
}

func allCyrillic(s string) bool {
	for _, r := range s {
		if r < 0x0400 || r > 0x04FF {
			return false
		}
	}
	return true
}

// russianNounEndings are Snowball's noun endings, longest first.
var russianNounEndings = []string{
	"иями", "ями", "ами", "ией", "иям", "ием", "иях",
	"ев", "ов", "ие", "ье", "еи", "ии", "ей", "ой", "ий", "ям", "ем", "ам", "ом", "ах", "ях", "ию", "ью", "ия", "ья",
	"а", "е", "и", "й", "о", "у", "ы", "ь", "ю", "я",
}

// russianNounStem strips the longest noun ending that lies after the first
// vowel (Snowball's RV region), and nothing else.
func russianNounStem(w string) string {
	rv := strings.IndexAny(w, "аеиоуыэюя")
	if rv < 0 {
		return w
	}
	rv += 2 // after the vowel, two bytes long
	for _, e := range russianNounEndings {
		if strings.HasSuffix(w, e) && len(w)-len(e) >= rv {
			return w[:len(w)-len(e)]
		}
	}
	return w
}

// russianStopWords is Snowball's Russian stop list (ё written as е is also
// accepted), plus a few words of the same kind.
const russianStopWords = `
и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне
было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него
до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы
тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому
этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех
никогда можно при наконец два об другой хоть после над больше тот через эти нас про всего них
какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой
им более всегда конечно всю между это также который которая которые которых которой котором
которого которым ею её ещё ими оно эта эти этим этих тех та те то ту свой своя свои своих своей
своим своего
`
