package lang

import (
	"strconv"
	"strings"
)

// Digits selects the digit shapes used for Arabic text. It is a site setting
// because Arabic-language publishers differ: Gulf and Egyptian sites mostly
// print Arabic-Indic digits, Maghreb sites Latin ones.
type Digits string

// The digit shapes a site can choose.
const (
	// ArabDigits are the Arabic-Indic digits ٠١٢٣٤٥٦٧٨٩ (U+0660–U+0669).
	// The zero value of Digits means ArabDigits.
	ArabDigits Digits = "arab"
	// LatnDigits are the ASCII digits 0123456789.
	LatnDigits Digits = "latn"
)

// arabicIndicZero is U+0660; the ten Arabic-Indic digits are contiguous.
const arabicIndicZero = '٠'

// useArabicDigits reports whether numbers for tag are printed with
// Arabic-Indic digits. Only Arabic is affected: Persian and Urdu use a
// different (Extended Arabic-Indic) set that no site has asked for yet.
func useArabicDigits(tag string, d Digits) bool {
	return base(tag) == "ar" && d != LatnDigits
}

// LocalizeDigits replaces the ASCII digits in s by Arabic-Indic ones when tag
// is Arabic and d is not LatnDigits; otherwise it returns s unchanged. It
// exists so that numbers produced by the standard library (years, times,
// page numbers) can be shown the way the site's readers write them.
func LocalizeDigits(s string, tag string, d Digits) string {
	if !useArabicDigits(tag, d) {
		return s
	}
	return toArabicDigits(s)
}

func toArabicDigits(s string) string {
	if strings.IndexAny(s, "0123456789") < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) * 2)
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r = arabicIndicZero + (r - '0')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// grouping describes how a language separates thousands.
type grouping struct {
	sep string
	// minDigits is the smallest number of digits that gets grouped: CLDR's
	// minimumGroupingDigits+3, so Spanish prints 1234 but 12.345.
	minDigits int
}

// groupings follow CLDR's latn-number symbols; languages missing here use
// the English comma.
var groupings = map[string]grouping{
	"ru": {sep: "\u00a0", minDigits: 4}, // no-break space keeps "12 345" on one line
	"de": {sep: ".", minDigits: 4},
	"tr": {sep: ".", minDigits: 4},
	"es": {sep: ".", minDigits: 5},
	"fr": {sep: "\u202f", minDigits: 4}, // narrow no-break space
}

// FormatInt formats n with the thousands grouping of tag: Arabic "١٢٬٣٤٥"
// (U+066C ARABIC THOUSANDS SEPARATOR) with Arabic-Indic digits or "12,345"
// with Latin ones, Russian "12 345" with a no-break space, English "12,345".
// d only matters for Arabic. Negative Arabic-Indic numbers get CLDR's
// ARABIC LETTER MARK before the minus so that bidi reordering keeps the
// sign in front of the number inside right-to-left text.
func FormatInt(n int, tag string, d Digits) string {
	neg := n < 0
	digits := strconv.FormatUint(absInt(n), 10)
	arab := useArabicDigits(tag, d)
	g, ok := groupings[base(tag)]
	switch {
	case arab:
		g = grouping{sep: "\u066c", minDigits: 4}
	case !ok:
		g = grouping{sep: ",", minDigits: 4}
	}
	var b strings.Builder
	if neg {
		if arab {
			b.WriteString("\u061c")
		}
		b.WriteByte('-')
	}
	if len(digits) < g.minDigits {
		b.WriteString(digits)
	} else {
		lead := len(digits) % 3
		if lead == 0 {
			lead = 3
		}
		b.WriteString(digits[:lead])
		for i := lead; i < len(digits); i += 3 {
			b.WriteString(g.sep)
			b.WriteString(digits[i : i+3])
		}
	}
	if arab {
		return toArabicDigits(b.String())
	}
	return b.String()
}

// absInt returns |n| as an unsigned value, which (unlike -n) is also right
// for math.MinInt.
func absInt(n int) uint64 {
	if n < 0 {
		return uint64(-(n + 1)) + 1
	}
	return uint64(n)
}
