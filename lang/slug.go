package lang

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// SlugStyle selects how titles become URL slugs. It is a site setting:
// native-script slugs read naturally in the address bar and in shared links,
// transliterated ones survive systems that mangle non-ASCII URLs.
type SlugStyle string

// The slug styles a site can choose.
const (
	// SlugNative keeps the title's own script: "بوتين-يعقد-قمة".
	SlugNative SlugStyle = "native"
	// SlugTranslit romanises Russian and Arabic into readable ASCII:
	// "putin-provel-vstrechu", "butin-yaqd-qma".
	SlugTranslit SlugStyle = "translit"
)

// maxSlugRunes keeps URLs short enough to share; articles are found by id,
// so the slug only has to be recognisable, not complete.
const maxSlugRunes = 80

// Slugify turns a title into a URL slug: lower-case words of letters and
// digits joined by "-", without punctuation, Arabic tashkeel or tatweel
// (so a vowelled and an unvowelled spelling give the same slug), with
// Arabic-Indic digits as ASCII, and at most 80 runes, cut at a word boundary.
//
// With SlugTranslit the result is ASCII only: Russian and Arabic go through
// readable romanisation tables, Latin letters lose their accents, and other
// scripts are dropped. Any other style means SlugNative. tag only selects
// language-specific lower-casing (Turkish dotted and dotless i).
//
// The result may be "" (a title of punctuation, or of a script that cannot
// be romanised); callers fall back to an id-only URL.
func Slugify(title, tag string, style SlugStyle) string {
	translit := style == SlugTranslit
	var b strings.Builder
	for _, w := range slugWords(title, tag) {
		s := string(w)
		if translit {
			s = translitWord(w)
		}
		if s == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(s)
	}
	return truncateSlug(b.String(), maxSlugRunes)
}

// slugWords splits title into lower-cased words of letters, digits and the
// combining marks that belong to them, after NFKC normalisation (which folds
// Arabic presentation forms, ligatures and full-width characters).
func slugWords(title, tag string) [][]rune {
	lower := unicode.ToLower
	if b := base(tag); b == "tr" || b == "az" {
		lower = unicode.TurkishCase.ToLower
	}
	var words [][]rune
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, cur)
			cur = nil
		}
	}
	for _, r := range norm.NFKC.String(title) {
		switch {
		case slugIgnored(r):
			// Dropped without breaking the word: "O'Brien" is one word, and
			// tashkeel or a bidi mark must not split an Arabic word.
		case r >= '٠' && r <= '٩':
			cur = append(cur, '0'+(r-'٠'))
		case r >= '۰' && r <= '۹': // Extended Arabic-Indic (Persian, Urdu)
			cur = append(cur, '0'+(r-'۰'))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur = append(cur, lower(r))
		case unicode.IsMark(r):
			if len(cur) > 0 { // a mark with no letter to sit on is noise
				cur = append(cur, r)
			}
		default:
			flush()
		}
	}
	flush()
	return words
}

// slugIgnored reports runes that vanish from slugs without separating words.
func slugIgnored(r rune) bool {
	switch {
	case r >= '\u064b' && r <= '\u065f', r == '\u0670': // tashkeel, dagger alif
		return true
	case r == '\u0640': // tatweel, a letter to unicode but only a stretch
		return true
	case r >= '\u06d6' && r <= '\u06ed': // Quranic annotation marks
		return true
	case r == '\'', r == '\u2019', r == '\u2018', r == '\u02bc', r == '`', r == '\u00b4':
		return true // apostrophes live inside words
	case unicode.Is(unicode.Cf, r): // ZWNJ, bidi marks, soft hyphen
		return true
	}
	return false
}

// truncateSlug cuts s to at most max runes, at the last "-" if there is one,
// so that no word is cut in half.
func truncateSlug(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	cut := max
	if r[max] != '-' {
		for i := max - 1; i > 0; i-- {
			if r[i] == '-' {
				cut = i
				break
			}
		}
	}
	return strings.TrimRight(string(r[:cut]), "-")
}

// cyrillic romanises Russian (and the few extra Ukrainian and Belarusian
// letters) the way Russian news sites build their URLs: readable digraphs,
// hard and soft signs dropped. Read-only.
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "yo",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g", 'ў': "u",
}

// arabic romanises Arabic consonants plainly (no diacritics, no ʿ/ʾ), for
// readers rather than scholars. و and ي are vowels or consonants depending
// on context and are handled in translitArabic; ء, ئ and ع are left out
// of, or reduced to a vowel in, the spelling a reader would expect.
// Persian letters are included because Persian titles reach Arabic sites.
// Read-only.
var arabic = map[rune]string{
	'ا': "a", 'أ': "a", 'إ': "a", 'آ': "a", 'ٱ': "a", 'ى': "a", 'ة': "a",
	'ب': "b", 'ت': "t", 'ث': "th", 'ج': "j", 'ح': "h", 'خ': "kh", 'د': "d",
	'ذ': "dh", 'ر': "r", 'ز': "z", 'س': "s", 'ش': "sh", 'ص': "s", 'ض': "d",
	'ط': "t", 'ظ': "z", 'ع': "a", 'غ': "gh", 'ف': "f", 'ق': "q", 'ك': "k",
	'ل': "l", 'م': "m", 'ن': "n", 'ه': "h", 'ء': "", 'ئ': "", 'ؤ': "u",
	'پ': "p", 'چ': "ch", 'ژ': "zh", 'ک': "k", 'گ': "g", 'ڤ': "v", 'ہ': "h",
	'ۀ': "h", 'ە': "e", 'ے': "e",
}

// latinSpecial covers Latin letters that Unicode decomposition does not
// reduce to ASCII. Read-only.
var latinSpecial = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d",
	'þ': "th", 'ı': "i", 'ħ': "h", 'ŋ': "ng",
}

// translitWord romanises one lower-cased word into ASCII letters and digits.
func translitWord(w []rune) string {
	var b strings.Builder
	for i, r := range w {
		switch {
		case r < 0x80:
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		case isArabicLetter(r):
			writeArabicVowelAware(&b, translitArabic(w, i))
		default:
			if s, ok := cyrillic[r]; ok {
				b.WriteString(s)
			} else if s, ok := latinSpecial[r]; ok {
				b.WriteString(s)
			} else {
				writeASCIIFold(&b, r)
			}
		}
	}
	return b.String()
}

func isArabicLetter(r rune) bool {
	_, ok := arabic[r]
	return ok || isWaw(r) || isYa(r)
}

func isWaw(r rune) bool { return r == 'و' }
func isYa(r rune) bool  { return r == 'ي' || r == 'ی' }

// isLongVowel reports the letters that carry a vowel after و or ي, which
// then sound as consonants (w, y).
func isLongVowel(r rune) bool {
	switch r {
	case 'ا', 'أ', 'إ', 'آ', 'ى', 'ة', 'و', 'ي', 'ی':
		return true
	}
	return false
}

// isAlif reports alif forms; و or ي after one is a diphthong (aw, ay).
func isAlif(r rune) bool {
	switch r {
	case 'ا', 'أ', 'إ', 'آ', 'ٱ':
		return true
	}
	return false
}

// translitArabic romanises w[i]. و and ي are consonants (w, y) at the start
// of a word or right after the article ال, before a long vowel or after an
// alif, and vowels (u, i) elsewhere, which turns بوتين into "butin" rather
// than "bwtyn" and الوزراء into "alwzra".
func translitArabic(w []rune, i int) string {
	r := w[i]
	if !isWaw(r) && !isYa(r) {
		return arabic[r]
	}
	afterArticle := i == 2 && isAlif(w[0]) && w[1] == 'ل'
	consonant := i == 0 || afterArticle || (i+1 < len(w) && isLongVowel(w[i+1])) || isAlif(w[i-1])
	switch {
	case isWaw(r) && consonant:
		return "w"
	case isWaw(r):
		return "u"
	case consonant:
		return "y"
	}
	return "i"
}

// writeArabicVowelAware appends s but does not double a vowel (العالم gives
// "alalm", not "alaalm"): unwritten short vowels make doubled letters
// misleading rather than informative.
func writeArabicVowelAware(b *strings.Builder, s string) {
	if len(s) == 1 && strings.ContainsRune("aiu", rune(s[0])) {
		if cur := b.String(); cur != "" && cur[len(cur)-1] == s[0] {
			return
		}
	}
	b.WriteString(s)
}

// writeASCIIFold appends the ASCII letters and digits of r's compatibility
// decomposition (é → e), and nothing for scripts without one.
func writeASCIIFold(b *strings.Builder, r rune) {
	for _, d := range norm.NFKD.String(string(r)) {
		if d >= 'a' && d <= 'z' || d >= '0' && d <= '9' {
			b.WriteRune(d)
		} else if d >= 'A' && d <= 'Z' {
			b.WriteRune(unicode.ToLower(d))
		}
	}
}
