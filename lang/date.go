package lang

import (
	"strconv"
	"time"
)

// MonthNaming selects which Arabic names the Gregorian months get. Egypt and
// the Gulf say ديسمبر, the Levant and Iraq say كانون الأول; a site whose
// readers span both may print both.
type MonthNaming string

// The Arabic month namings a site can choose.
const (
	// MonthsEgypt uses the names borrowed from French/English (يناير … ديسمبر).
	// The zero value of MonthNaming means MonthsEgypt.
	MonthsEgypt MonthNaming = "egypt"
	// MonthsLevant uses the Syriac-derived names (كانون الثاني … كانون الأول).
	MonthsLevant MonthNaming = "levant"
	// MonthsBoth prints both, Egyptian first: ديسمبر/كانون الأول.
	MonthsBoth MonthNaming = "both"
)

// DateOptions carries the site settings that change how a date is written.
// They are passed on every call, not stored, because one process may serve
// several sites and tests need to vary them freely. The zero value means
// Arabic-Indic digits, Egyptian month names, no Hijri date and UTC.
type DateOptions struct {
	// Digits applies to Arabic only.
	Digits Digits
	// Months applies to Arabic only.
	Months MonthNaming
	// Hijri tells templates to show FormatHijri beside the Gregorian date;
	// the Format functions themselves ignore it so that the two dates can be
	// marked up separately.
	Hijri bool
	// Location is the newsroom's time zone: a story filed at 23:30 UTC is
	// dated the next day in Riyadh. Nil means UTC.
	Location *time.Location
}

func (o DateOptions) location() *time.Location {
	if o.Location == nil {
		return time.UTC
	}
	return o.Location
}

// Month name tables, indexed by time.Month-1. Read-only.
var (
	arMonthsEgypt = [12]string{
		"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
		"يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
	}
	arMonthsLevant = [12]string{
		"كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
		"تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
	}
	// Russian dates need the genitive ("26 декабря"), headings the
	// capitalised nominative ("Декабрь 2023").
	ruMonthsGenitive = [12]string{
		"января", "февраля", "марта", "апреля", "мая", "июня",
		"июля", "августа", "сентября", "октября", "ноября", "декабря",
	}
	ruMonthsNominative = [12]string{
		"Январь", "Февраль", "Март", "Апрель", "Май", "Июнь",
		"Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь",
	}
)

// arMonth returns the Arabic name of m under naming n.
func arMonth(m time.Month, n MonthNaming) string {
	i := int(m) - 1
	switch n {
	case MonthsLevant:
		return arMonthsLevant[i]
	case MonthsBoth:
		return arMonthsEgypt[i] + "/" + arMonthsLevant[i]
	default:
		return arMonthsEgypt[i]
	}
}

// validMonth guards the table lookups against out-of-range values, which
// FormatMonthYear can receive from a URL.
func validMonth(m time.Month) bool { return m >= time.January && m <= time.December }

// FormatDate writes the calendar date of t, in o.Location, as a dateline:
// Arabic "٢٦ ديسمبر ٢٠٢٣" (digits and month naming per o), Russian
// "26 декабря 2023", English "26 December 2023". Languages without their own
// table get the English form, which every reader of a multilingual site can
// parse, rather than a wrong guess.
func FormatDate(t time.Time, tag string, o DateOptions) string {
	t = t.In(o.location())
	day, year := strconv.Itoa(t.Day()), strconv.Itoa(t.Year())
	switch base(tag) {
	case "ar":
		return LocalizeDigits(day+" "+arMonth(t.Month(), o.Months)+" "+year, tag, o.Digits)
	case "ru":
		return day + " " + ruMonthsGenitive[t.Month()-1] + " " + year
	default:
		return day + " " + t.Month().String() + " " + year
	}
}

// FormatTime writes the wall-clock time of t in o.Location on the 24-hour
// clock ("14:30", Arabic "١٤:٣٠"), which news sites in all three languages
// use and which needs no AM/PM words.
func FormatTime(t time.Time, tag string, o DateOptions) string {
	return LocalizeDigits(t.In(o.location()).Format("15:04"), tag, o.Digits)
}

// FormatMonthYear writes an archive heading for a month: Arabic
// "ديسمبر ٢٠٢٣", Russian "Декабрь 2023" (nominative, capitalised, as a
// heading stands alone), English "December 2023". An invalid month yields
// the year alone rather than a panic, because the values come from URLs.
func FormatMonthYear(year int, month time.Month, tag string, o DateOptions) string {
	y := FormatYear(year, tag, o)
	if !validMonth(month) {
		return y
	}
	switch base(tag) {
	case "ar":
		return arMonth(month, o.Months) + " " + y
	case "ru":
		return ruMonthsNominative[month-1] + " " + y
	default:
		return month.String() + " " + y
	}
}

// FormatYear writes a year without thousands grouping (years are never
// grouped: "٢٠٢٣", not "٢٬٠٢٣"), in the digits of tag and o.
func FormatYear(year int, tag string, o DateOptions) string {
	return LocalizeDigits(strconv.Itoa(year), tag, o.Digits)
}
