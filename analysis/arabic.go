package analysis

import (
	"strings"
	"unicode/utf8"
)

// arabic is the Arabic analyser: orthographic normalisation, stop words and
// a light stemmer in the spirit of Larkey's light10.
//
// The stemmer strips proclitics (the conjunctions و ف, the prepositions ب ل
// ك, the article ال and their combinations) and suffixes (pronouns, dual and
// plural endings, the feminine ending, the nisba ي) one at a time, proclitics
// first, until nothing more can be stripped without leaving fewer than three
// letters. Stripping to a fixed point is what makes والبرلمان, البرلمان and
// برلمان meet: after the article is gone, برلمان is treated exactly as the bare
// word is. It also makes the stemmer idempotent: a stem is its own stem.
//
// Without a lexicon, a leading و ف ب ل ك may be a root letter (وزير, فريق,
// بيان, لجنة, كتاب). Two word lists limit the damage: "protected" words never
// lose their first letter, and "frozen" words (mostly names) are kept whole
// once reached. Every other error is at least consistent, since all clitic
// forms of a word go through the same bare word, and the normalised word is
// indexed too.
type arabic struct {
	stop      map[string]bool // normalised stop words that contain no ى
	stopAlef  map[string]bool // stop words normalised with ى kept (على, إلى)
	protected map[string]bool // words (and their suffix stems) whose first letter is a root letter
	frozen    map[string]bool // words never stemmed further
	finalAlef map[string]bool // stems whose final alef is no tanwin's seat
}

// Arabic letters after normalisation, named for readability.
const (
	alef = 'ا'
	waw  = 'و'
	yeh  = 'ي'
	heh  = 'ه'
	faa  = 'ف'
	beh  = 'ب'
	lam  = 'ل'
	kaf  = 'ك'
)

// arMinStem is the fewest letters the stemmer may leave.
const arMinStem = 3

// articlePrefixes are the proclitic sequences that end in the article,
// longest first. لل is ل + ال with the alef dropped.
var articlePrefixes = []string{"وبال", "وكال", "ولل", "فبال", "فكال", "فلل", "وال", "فال", "بال", "كال", "لل", "ال"}

// arSuffix is one suffix rule: a word ending in end loses its last strip
// letters and gains repl. Endings like اته strip only the pronoun, so that
// the plural ات is seen (and stripped) on the next round rather than read as
// ة + ه.
type arSuffix struct {
	end   string
	strip int
	repl  string
}

// arSuffixes is ordered longest first; the first rule that applies wins.
// ته تها تهم تهما تان تين are the feminine ة spelled ت before a pronoun or a
// dual ending (رابطته, رابطتان). اه is ة or ى after alef (مباراة, مستواه),
// read as a suffix so that مباراة meets مباريات and مستواه meets مستوى. A
// four-letter word in ات is the plural of a three-letter word in ة (قوات,
// لغات), which the three-letter minimum keeps whole: ات becomes ه to meet it;
// likewise a four-letter word in اه (حياة) keeps ه, to meet حياته. The hamza
// of the plurals in اء (وزراء) is seated on ي before a pronoun (وزرائه), so it
// goes.
var arSuffixes = []arSuffix{
	{"اتهما", 3, ""}, {"اتهم", 2, ""}, {"اتها", 2, ""}, {"تهما", 4, ""},
	{"اته", 1, ""}, {"تها", 3, ""}, {"تهم", 3, ""}, {"تان", 3, ""}, {"تين", 3, ""}, {"هما", 3, ""},
	{"ته", 2, ""}, {"ها", 2, ""}, {"هم", 2, ""}, {"ان", 2, ""}, {"ات", 2, ""}, {"ون", 2, ""},
	{"ين", 2, ""}, {"يه", 2, ""}, {"اه", 2, ""}, {"ات", 2, "ه"}, {"اه", 2, "ه"}, {"اء", 1, ""},
	{"ه", 1, ""}, {"ي", 1, ""},
}

func newArabic() *arabic {
	a := &arabic{
		stop:      map[string]bool{},
		stopAlef:  map[string]bool{},
		protected: map[string]bool{},
		frozen:    map[string]bool{},
		finalAlef: map[string]bool{},
	}
	for _, w := range strings.Fields(arabicFinalAlefWords) {
		a.finalAlef[normArabicWord(w, false)] = true
	}
	for _, w := range strings.Fields(arabicStopWords) {
		if strings.ContainsRune(w, 'ى') {
			// The clitic forms of these (وعلى, فحتى) are too short for
			// the stemmer and the ى would be lost: list them here.
			for _, p := range []string{"", "و", "ف"} {
				a.stopAlef[normArabicWord(p+w, true)] = true
			}
		} else {
			a.stop[normArabicWord(w, false)] = true
		}
	}
	for _, w := range strings.Fields(arabicFrozenWords) {
		a.freeze(w)
	}
	for _, w := range strings.Fields(arabicProtectedWords) {
		a.protect(w)
	}
	return a
}

// freeze adds a word to the frozen words.
func (a *arabic) freeze(w string) {
	n := normArabicWord(w, false)
	a.frozen[n] = true
	// A country in يا has its adjective in ي (بريطانيا, بريطاني), whose
	// suffixes reduce it to the bare name: freeze that too.
	if base, ok := strings.CutSuffix(n, "يا"); ok && letters(base) >= 4 {
		a.frozen[base] = true
	}
}

// protect adds a word to the protected words: it and the stem its suffixes
// reduce it to, so that وزارات is protected through وزار just as وزارة is.
func (a *arabic) protect(w string) {
	n := normArabicWord(w, false)
	if !allArabicLetters(n) || n == "" {
		return
	}
	a.protected[n] = true
	a.protected[a.stripSuffixes(n)] = true
}

// normArabicWord normalises a word outside an analysis (for building the
// word lists and the stop-word key), as the analyser would.
func normArabicWord(w string, keepAlefMaksura bool) string {
	var buf []rune
	for _, r := range w {
		if ignorable(r) {
			continue
		}
		n := len(buf)
		buf = foldRune(buf, r)
		if len(buf) == n+1 {
			last := buf[n]
			buf = normArabicRune(buf[:n], last, keepAlefMaksura)
		}
	}
	return string(finishArabic(buf))
}

func (a *arabic) normRune(buf []rune, r rune) []rune {
	return normArabicRune(buf, r, false)
}

// finish settles a hamza seat left open at the end of the word.
func (a *arabic) finish(buf []rune) []rune { return finishArabic(buf) }

// yehHamza is the hamza on a ya seat (ئ). The normaliser keeps it until it
// sees the next letter: before a waw it is the Egyptian spelling of the
// hamza that the Levant and the Gulf seat on a waw (مسئول, مسؤول), and
// becomes a waw like theirs; anywhere else it becomes a ya.
const yehHamza = 'ئ'

func finishArabic(buf []rune) []rune {
	if n := len(buf); n > 0 && buf[n-1] == yehHamza {
		buf[n-1] = yeh
	}
	return buf
}

// normArabicRune appends the normal form of r: one spelling per letter, so
// that a word is found whatever hamza seat, final yeh or ta marbuta the
// writer chose; no vowel marks or tatweel, which are decoration for search.
// The tanwin of the accusative goes like any mark, but not the alef that
// carries it (اجتماعاً is اجتماعا, as most writers spell it): the terms of
// the word read both (see arabic.tanwin).
//
// A hamza's seat often differs between spellings of one word: on a waw or
// a ya before a long u (مسؤول, مسئول, and on the line in رءوس), on a waw or
// a ya after a long a (تفاؤل, تفائل). Each pair gets one spelling.
func normArabicRune(buf []rune, r rune, keepAlefMaksura bool) []rune {
	n := len(buf)
	x, ok := normArabicLetter(r, keepAlefMaksura)
	if !ok {
		return buf
	}
	if n > 0 {
		switch last := buf[n-1]; {
		case last == yehHamza && x == waw:
			buf[n-1] = waw
		case last == yehHamza:
			buf[n-1] = yeh
		case last == 'ء' && x == waw && n > 1:
			buf[n-1] = waw
		}
	}
	if x == wawHamza {
		x = waw
		if n > 0 && buf[n-1] == alef {
			x = yeh
		}
	}
	if x == lamAlef {
		return append(buf, lam, alef)
	}
	return append(buf, x)
}

// Runes that normArabicLetter returns for normArabicRune to settle:
// lamAlef stands for the lam-alef ligatures, which normalise to two
// letters, and wawHamza for ؤ, a waw except after an alef.
const (
	lamAlef  = 0xFEFB
	wawHamza = 'ؤ'
)

// normArabicLetter returns the normal form of one rune (ئ and ؤ as they are,
// settled by normArabicRune), or false for a rune that search ignores.
func normArabicLetter(r rune, keepAlefMaksura bool) (rune, bool) {
	if r >= 0xFE70 && r <= 0xFEFC {
		switch {
		case r < 0xFE80: // tashkeel forms and the tail fragment
			return 0, false
		case r <= 0xFEF4:
			r = presentationForms[r-0xFE80]
		default: // lam-alef ligatures, with any hamza seat
			return lamAlef, true
		}
	}
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640: // tashkeel, superscript alef, tatweel
		return 0, false
	case r >= 0x0610 && r <= 0x061A, r >= 0x06D6 && r <= 0x06DC, r >= 0x06DF && r <= 0x06E8, r >= 0x06EA && r <= 0x06ED: // Quranic annotation marks
		return 0, false
	}
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ':
		r = alef
	case 'ؤ', 'ئ': // settled by normArabicRune
	case 'ی', 'ې':
		r = yeh
	case 'ى':
		if !keepAlefMaksura {
			r = yeh
		}
	case 'ة', 'ۀ', 'ہ', 'ھ', 'ە':
		r = heh
	case 'ک', 'ڪ':
		r = kaf
	}
	return r, true
}

// presentationForms maps U+FE80..U+FEF4 (contextual forms of the basic
// letters, found in text copied from PDFs) to their letters: each letter in
// alphabetical order with its number of forms.
var presentationForms = func() []rune {
	letters := []struct {
		r rune
		n int
	}{
		{'ء', 1}, {'آ', 2}, {'أ', 2}, {'ؤ', 2}, {'إ', 2}, {'ئ', 4}, {'ا', 2}, {'ب', 4}, {'ة', 2},
		{'ت', 4}, {'ث', 4}, {'ج', 4}, {'ح', 4}, {'خ', 4}, {'د', 2}, {'ذ', 2}, {'ر', 2}, {'ز', 2},
		{'س', 4}, {'ش', 4}, {'ص', 4}, {'ض', 4}, {'ط', 4}, {'ظ', 4}, {'ع', 4}, {'غ', 4}, {'ف', 4},
		{'ق', 4}, {'ك', 4}, {'ل', 4}, {'م', 4}, {'ن', 4}, {'ه', 4}, {'و', 2}, {'ى', 2}, {'ي', 4},
	}
	var out []rune
	for _, l := range letters {
		for range l.n {
			out = append(out, l.r)
		}
	}
	return out
}()

// isArabicLetter reports whether r is one of the letters the stemmer knows
// (the basic Arabic alphabet, after normalisation).
func isArabicLetter(r rune) bool {
	return r >= 0x0621 && r <= 0x063A || r >= 0x0641 && r <= 0x064A
}

func allArabicLetters(s string) bool {
	for _, r := range s {
		if !isArabicLetter(r) {
			return false
		}
	}
	return true
}

// letters counts the letters of a normalised Arabic word (two bytes each).
func letters(s string) int { return len(s) / 2 }

func (a *arabic) terms(dst []string, raw, norm string, query bool, _ *state) []string {
	first, size := utf8.DecodeRuneInString(norm)
	if size == len(norm) && isArabicLetter(first) {
		return dst // a lone letter: a detached clitic such as the كـ of "كـ تقليد"
	}
	if a.isStop(raw, norm) {
		return dst
	}
	if !allArabicLetters(norm) {
		return a.mixedTerms(dst, norm, query)
	}
	stem, alt, bareStop := a.stem(norm)
	if bareStop {
		return dst // a stop word with a clitic: وكذلك, فإنه
	}
	if base, ok := a.tanwin(raw, norm, stem); ok {
		if bstem, balt, stop := a.stem(base); !stop {
			// The word without its alef first: that is the word.
			dst = append(dst, bstem)
			dst = a.appendAlt(dst, balt)
			dst = appendUnique(dst, stem)
			dst = a.appendAlt(dst, alt)
			if !query {
				dst = appendUnique(dst, base)
				dst = appendUnique(dst, norm)
			}
			return dst
		}
	}
	dst = append(dst, stem)
	dst = a.appendAlt(dst, alt)
	if !query {
		dst = appendUnique(dst, norm)
	}
	return dst
}

// appendAlt appends the second term of a word whose article the stemmer
// kept (see stem), unless it is a stop word.
func (a *arabic) appendAlt(dst []string, alt string) []string {
	if alt == "" || a.stop[alt] {
		return dst
	}
	return appendUnique(dst, alt)
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// isStop compares the word with the stop list after normalisation, except
// that ى is told apart from ي when the word was written with ى: على is a stop
// word, علي (the name Ali) is not.
func (a *arabic) isStop(raw, norm string) bool {
	if a.stop[norm] {
		return true
	}
	if !strings.ContainsRune(raw, 'ى') && !strings.ContainsRune(raw, 0xFEEF) && !strings.ContainsRune(raw, 0xFEF0) {
		return false
	}
	return a.stopAlef[normArabicWord(raw, true)]
}

// stem reduces a normalised word made only of Arabic letters. It also
// returns alt, a second term for words whose article the three-letter
// minimum kept (الفن keeps its article, but فن is what a reader searches for),
// and reports whether the word is a stop word once its proclitics are gone.
func (a *arabic) stem(s string) (stem, alt string, bareStop bool) {
	prefixes := true
	for {
		if prefixes {
			// A frozen word with suffixes (اللبنانيين) goes straight to
			// the word. Once suffixes are being stripped, the loop walks
			// that same chain and checking s is enough.
			if f := a.stripSuffixes(s); a.frozen[f] {
				return f, alt, false
			}
		} else if a.frozen[s] {
			return s, alt, false
		}
		t := s
		if prefixes {
			var a2 string
			t, a2 = a.stripPrefix(s)
			if a2 != "" {
				alt = a2
			}
		}
		if t == s {
			if prefixes && a.stop[s] {
				return s, alt, true
			}
			prefixes = false // the first suffix ends the proclitics
			t = a.stripSuffix(s)
		}
		if t == s {
			return s, alt, false
		}
		s = t
	}
}

// stripPrefix strips one proclitic sequence from s, or returns s.
func (a *arabic) stripPrefix(s string) (string, string) {
	n := letters(s)
	if n <= arMinStem {
		return s, ""
	}
	first, _ := utf8.DecodeRuneInString(s)
	isClitic := first == waw || first == faa || first == beh || first == lam || first == kaf
	// A clitic letter before a known word: للجنة is ل + لجنة, not لل + جنة.
	if isClitic && (a.frozen[s[2:]] || a.protected[s[2:]]) && !a.protected[s] && !a.frozen[s] {
		return s[2:], ""
	}
	alt := ""
	for _, p := range articlePrefixes {
		if !strings.HasPrefix(s, p) {
			continue
		}
		switch rest := n - letters(p); {
		case rest >= arMinStem:
			return s[len(p):], ""
		case rest == 2 && alt == "":
			alt = s[len(p):]
		}
	}
	if isClitic && alt == "" && n-1 >= arMinStem && !a.isProtected(s) {
		return s[2:], alt
	}
	return s, alt
}

// isProtected reports whether the first letter of s is a root letter, by
// looking s (or the stem its suffixes reduce it to) up in the word lists.
func (a *arabic) isProtected(s string) bool {
	if a.protected[s] || a.frozen[s] {
		return true
	}
	t := a.stripSuffixes(s)
	return a.protected[t] || a.frozen[t]
}

// stripSuffix strips one suffix from s, or returns s.
func (a *arabic) stripSuffix(s string) string {
	n := letters(s)
	if n <= arMinStem {
		return s
	}
	// Every rule ends in one of these letters; most words end in another.
	switch last, _ := utf8.DecodeLastRuneInString(s); last {
	case alef, heh, yeh, 'ن', 'ت', 'م', 'ء':
	default:
		return s
	}
	for _, x := range arSuffixes {
		if n-x.strip+letters(x.repl) >= arMinStem && strings.HasSuffix(s, x.end) {
			return s[:len(s)-2*x.strip] + x.repl
		}
	}
	return s
}

// stripSuffixes strips suffixes until none applies or a frozen word is
// reached.
func (a *arabic) stripSuffixes(s string) string {
	for !a.frozen[s] {
		t := a.stripSuffix(s)
		if t == s {
			break
		}
		s = t
	}
	return s
}
