package lang_test

import (
	"testing"
	"time"

	"github.com/khabarnews/khabar/lang"
)

// ref is the dateline of the reference article: 26 December 2023.
var ref = time.Date(2023, 12, 26, 10, 0, 0, 0, time.UTC)

// mustLoc loads a time zone or fails the test; the zones used here ship
// with Go's embedded tzdata or every Linux system.
func mustLoc(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatalf("load %s: %v", name, err)
	}
	return loc
}

func TestFormatDateReference(t *testing.T) {
	tests := []struct {
		name string
		tag  string
		o    lang.DateOptions
		want string
	}{
		{"ar zero options", "ar", lang.DateOptions{}, "٢٦ ديسمبر ٢٠٢٣"},
		{"ar arab egypt", "ar", lang.DateOptions{Digits: lang.ArabDigits, Months: lang.MonthsEgypt}, "٢٦ ديسمبر ٢٠٢٣"},
		{"ar arab levant", "ar", lang.DateOptions{Digits: lang.ArabDigits, Months: lang.MonthsLevant}, "٢٦ كانون الأول ٢٠٢٣"},
		{"ar arab both", "ar", lang.DateOptions{Digits: lang.ArabDigits, Months: lang.MonthsBoth}, "٢٦ ديسمبر/كانون الأول ٢٠٢٣"},
		{"ar latn egypt", "ar", lang.DateOptions{Digits: lang.LatnDigits}, "26 ديسمبر 2023"},
		{"ar latn levant", "ar", lang.DateOptions{Digits: lang.LatnDigits, Months: lang.MonthsLevant}, "26 كانون الأول 2023"},
		{"ar latn both", "ar", lang.DateOptions{Digits: lang.LatnDigits, Months: lang.MonthsBoth}, "26 ديسمبر/كانون الأول 2023"},
		{"ar hijri flag ignored", "ar", lang.DateOptions{Hijri: true}, "٢٦ ديسمبر ٢٠٢٣"},
		{"ar unknown months value", "ar", lang.DateOptions{Months: "maghreb"}, "٢٦ ديسمبر ٢٠٢٣"},
		{"ar region tag", "ar-EG", lang.DateOptions{}, "٢٦ ديسمبر ٢٠٢٣"},
		{"ru", "ru", lang.DateOptions{}, "26 декабря 2023"},
		{"ru ignores arab options", "ru", lang.DateOptions{Digits: lang.ArabDigits, Months: lang.MonthsLevant, Hijri: true}, "26 декабря 2023"},
		{"en", "en", lang.DateOptions{}, "26 December 2023"},
		{"en ignores arab options", "en", lang.DateOptions{Digits: lang.ArabDigits, Months: lang.MonthsBoth}, "26 December 2023"},
		{"fr fallback", "fr", lang.DateOptions{}, "26 December 2023"},
		{"fa fallback latin", "fa", lang.DateOptions{}, "26 December 2023"},
		{"unknown fallback", "xx", lang.DateOptions{}, "26 December 2023"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lang.FormatDate(ref, tt.tag, tt.o); got != tt.want {
				t.Errorf("FormatDate(%q, %+v) = %q, want %q", tt.tag, tt.o, got, tt.want)
			}
		})
	}
}

func TestFormatDateEveryMonth(t *testing.T) {
	tests := []struct {
		month              time.Month
		arEgypt, arLevant  string
		ruGenitive, enName string
	}{
		{time.January, "يناير", "كانون الثاني", "января", "January"},
		{time.February, "فبراير", "شباط", "февраля", "February"},
		{time.March, "مارس", "آذار", "марта", "March"},
		{time.April, "أبريل", "نيسان", "апреля", "April"},
		{time.May, "مايو", "أيار", "мая", "May"},
		{time.June, "يونيو", "حزيران", "июня", "June"},
		{time.July, "يوليو", "تموز", "июля", "July"},
		{time.August, "أغسطس", "آب", "августа", "August"},
		{time.September, "سبتمبر", "أيلول", "сентября", "September"},
		{time.October, "أكتوبر", "تشرين الأول", "октября", "October"},
		{time.November, "نوفمبر", "تشرين الثاني", "ноября", "November"},
		{time.December, "ديسمبر", "كانون الأول", "декабря", "December"},
	}
	for _, tt := range tests {
		t.Run(tt.month.String(), func(t *testing.T) {
			d := time.Date(2024, tt.month, 1, 12, 0, 0, 0, time.UTC)
			checks := []struct{ got, want string }{
				{lang.FormatDate(d, "ar", lang.DateOptions{}), "١ " + tt.arEgypt + " ٢٠٢٤"},
				{lang.FormatDate(d, "ar", lang.DateOptions{Months: lang.MonthsLevant}), "١ " + tt.arLevant + " ٢٠٢٤"},
				{lang.FormatDate(d, "ar", lang.DateOptions{Months: lang.MonthsBoth, Digits: lang.LatnDigits}), "1 " + tt.arEgypt + "/" + tt.arLevant + " 2024"},
				{lang.FormatDate(d, "ru", lang.DateOptions{}), "1 " + tt.ruGenitive + " 2024"},
				{lang.FormatDate(d, "en", lang.DateOptions{}), "1 " + tt.enName + " 2024"},
			}
			for _, c := range checks {
				if c.got != c.want {
					t.Errorf("got %q, want %q", c.got, c.want)
				}
			}
		})
	}
}

func TestFormatDateTimeZones(t *testing.T) {
	riyadh := mustLoc(t, "Asia/Riyadh")
	moscow := mustLoc(t, "Europe/Moscow")
	ny := mustLoc(t, "America/New_York")
	lateUTC := time.Date(2023, 12, 26, 23, 30, 0, 0, time.UTC)
	earlyUTC := time.Date(2023, 12, 27, 2, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		t        time.Time
		tag      string
		o        lang.DateOptions
		wantDate string
		wantTime string
	}{
		{"utc default", lateUTC, "ar", lang.DateOptions{}, "٢٦ ديسمبر ٢٠٢٣", "٢٣:٣٠"},
		{"riyadh next day", lateUTC, "ar", lang.DateOptions{Location: riyadh}, "٢٧ ديسمبر ٢٠٢٣", "٠٢:٣٠"},
		{"riyadh latn", lateUTC, "ar", lang.DateOptions{Location: riyadh, Digits: lang.LatnDigits}, "27 ديسمبر 2023", "02:30"},
		{"moscow next day", lateUTC, "ru", lang.DateOptions{Location: moscow}, "27 декабря 2023", "02:30"},
		{"new york same day", lateUTC, "en", lang.DateOptions{Location: ny}, "26 December 2023", "18:30"},
		{"new york previous day", earlyUTC, "en", lang.DateOptions{Location: ny}, "26 December 2023", "21:00"},
		{"input zone ignored", lateUTC.In(riyadh), "en", lang.DateOptions{}, "26 December 2023", "23:30"},
		{"year boundary", time.Date(2023, 12, 31, 22, 0, 0, 0, time.UTC), "ru", lang.DateOptions{Location: moscow}, "1 января 2024", "01:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lang.FormatDate(tt.t, tt.tag, tt.o); got != tt.wantDate {
				t.Errorf("FormatDate = %q, want %q", got, tt.wantDate)
			}
			if got := lang.FormatTime(tt.t, tt.tag, tt.o); got != tt.wantTime {
				t.Errorf("FormatTime = %q, want %q", got, tt.wantTime)
			}
		})
	}
}

func TestFormatTime(t *testing.T) {
	afternoon := time.Date(2023, 12, 26, 14, 30, 59, 0, time.UTC)
	midnight := time.Date(2023, 12, 26, 0, 0, 0, 0, time.UTC)
	morning := time.Date(2023, 12, 26, 9, 5, 0, 0, time.UTC)
	tests := []struct {
		name string
		t    time.Time
		tag  string
		d    lang.Digits
		want string
	}{
		{"ar", afternoon, "ar", "", "١٤:٣٠"},
		{"ar latn", afternoon, "ar", lang.LatnDigits, "14:30"},
		{"ru", afternoon, "ru", "", "14:30"},
		{"en 24h", afternoon, "en", "", "14:30"},
		{"midnight", midnight, "ar", "", "٠٠:٠٠"},
		{"leading zero", morning, "en", "", "09:05"},
		{"leading zero ar", morning, "ar", "", "٠٩:٠٥"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lang.FormatTime(tt.t, tt.tag, lang.DateOptions{Digits: tt.d}); got != tt.want {
				t.Errorf("FormatTime = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFormatMonthYear(t *testing.T) {
	tests := []struct {
		name  string
		year  int
		month time.Month
		tag   string
		o     lang.DateOptions
		want  string
	}{
		{"ar", 2023, time.December, "ar", lang.DateOptions{}, "ديسمبر ٢٠٢٣"},
		{"ar latn", 2023, time.December, "ar", lang.DateOptions{Digits: lang.LatnDigits}, "ديسمبر 2023"},
		{"ar levant", 2023, time.December, "ar", lang.DateOptions{Months: lang.MonthsLevant}, "كانون الأول ٢٠٢٣"},
		{"ar both", 2023, time.December, "ar", lang.DateOptions{Months: lang.MonthsBoth}, "ديسمبر/كانون الأول ٢٠٢٣"},
		{"ar january", 2024, time.January, "ar", lang.DateOptions{}, "يناير ٢٠٢٤"},
		{"ru nominative", 2023, time.December, "ru", lang.DateOptions{}, "Декабрь 2023"},
		{"ru may", 2024, time.May, "ru", lang.DateOptions{}, "Май 2024"},
		{"ru march", 2024, time.March, "ru", lang.DateOptions{}, "Март 2024"},
		{"ru august", 2024, time.August, "ru", lang.DateOptions{}, "Август 2024"},
		{"en", 2023, time.December, "en", lang.DateOptions{}, "December 2023"},
		{"fallback", 2023, time.December, "de", lang.DateOptions{}, "December 2023"},
		{"month 0 from a bad URL", 2023, 0, "ru", lang.DateOptions{}, "2023"},
		{"month 13 from a bad URL", 2023, 13, "ar", lang.DateOptions{}, "٢٠٢٣"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lang.FormatMonthYear(tt.year, tt.month, tt.tag, tt.o); got != tt.want {
				t.Errorf("FormatMonthYear(%d, %d, %q) = %q, want %q", tt.year, tt.month, tt.tag, got, tt.want)
			}
		})
	}
}

func TestFormatYear(t *testing.T) {
	tests := []struct {
		year int
		tag  string
		d    lang.Digits
		want string
	}{
		{2023, "ar", "", "٢٠٢٣"},
		{2023, "ar", lang.LatnDigits, "2023"},
		{2023, "ru", "", "2023"},
		{2023, "en", lang.ArabDigits, "2023"},
		{1999, "ar", "", "١٩٩٩"},
		{10000, "ar", "", "١٠٠٠٠"},
		{987, "en", "", "987"},
	}
	for _, tt := range tests {
		t.Run(tt.tag+"/"+tt.want, func(t *testing.T) {
			if got := lang.FormatYear(tt.year, tt.tag, lang.DateOptions{Digits: tt.d}); got != tt.want {
				t.Errorf("FormatYear(%d, %q, %q) = %q, want %q", tt.year, tt.tag, tt.d, got, tt.want)
			}
		})
	}
}
