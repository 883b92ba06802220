package lang

// Plural is a CLDR plural category. Catalogues key their plural forms by
// these names, so a language's grammar lives in data, not in templates.
type Plural int

// The six CLDR plural categories, in CLDR's canonical order.
const (
	Zero Plural = iota
	One
	Two
	Few
	Many
	Other
)

var pluralNames = [...]string{"zero", "one", "two", "few", "many", "other"}

// String returns the CLDR name of p ("few"), the key used in catalogue
// files; out-of-range values print as "other" because that is the form every
// language has.
func (p Plural) String() string {
	if p < Zero || p > Other {
		return "other"
	}
	return pluralNames[p]
}

// PluralCategory returns the CLDR cardinal plural category of the integer n
// in language tag, following CLDR 42+ rules (newer than the data in
// golang.org/x/text, which still gives Hebrew a "many" form and French and
// Spanish none). Negative numbers take the category of their absolute value.
// Unknown languages use the English rule, the safest guess for a catalogue
// that falls back to English.
func PluralCategory(tag string, n int) Plural {
	i := absInt(n)
	switch base(tag) {
	case "ar":
		switch m := i % 100; {
		case i == 0:
			return Zero
		case i == 1:
			return One
		case i == 2:
			return Two
		case m >= 3 && m <= 10:
			return Few
		case m >= 11 && m <= 99:
			return Many
		}
		return Other
	case "ru", "uk", "be":
		// Integers never reach "other", which Russian keeps for fractions.
		m10, m100 := i%10, i%100
		switch {
		case m10 == 1 && m100 != 11:
			return One
		case m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14):
			return Few
		}
		return Many
	case "he", "iw":
		switch i {
		case 1:
			return One
		case 2:
			return Two
		}
		return Other
	case "fr":
		switch {
		case i <= 1:
			return One
		case i%1000000 == 0:
			return Many
		}
		return Other
	case "es":
		switch {
		case i == 1:
			return One
		case i != 0 && i%1000000 == 0:
			return Many
		}
		return Other
	case "fa":
		if i <= 1 {
			return One
		}
		return Other
	}
	if i == 1 {
		return One
	}
	return Other
}

// PluralForms returns the categories a catalogue must provide for tag, in
// canonical order. Russian lists Other although integers never select it,
// because CLDR (and translators' tools) expect it for fractional counts.
// The result is a fresh slice the caller may keep or modify.
func PluralForms(tag string) []Plural {
	switch base(tag) {
	case "ar":
		return []Plural{Zero, One, Two, Few, Many, Other}
	case "ru", "uk", "be":
		return []Plural{One, Few, Many, Other}
	case "he", "iw":
		return []Plural{One, Two, Other}
	case "fr", "es":
		return []Plural{One, Many, Other}
	}
	return []Plural{One, Other}
}
