package lang_test

import (
	"testing"
	"time"

	"github.com/khabarnews/khabar/lang"
)

func TestFormatHijriReference(t *testing.T) {
	tests := []struct {
		name string
		tag  string
		o    lang.DateOptions
		want string
	}{
		{"ar", "ar", lang.DateOptions{}, "١٣ جمادى الآخرة ١٤٤٥ هـ"},
		{"ar latn", "ar", lang.DateOptions{Digits: lang.LatnDigits}, "13 جمادى الآخرة 1445 هـ"},
		{"ar levant has the same hijri months", "ar", lang.DateOptions{Months: lang.MonthsLevant}, "١٣ جمادى الآخرة ١٤٤٥ هـ"},
		{"ar both", "ar", lang.DateOptions{Months: lang.MonthsBoth, Hijri: true}, "١٣ جمادى الآخرة ١٤٤٥ هـ"},
		{"ru", "ru", lang.DateOptions{}, "13 джумада ас-сани 1445 г. х."},
		{"ru ignores digits", "ru", lang.DateOptions{Digits: lang.ArabDigits}, "13 джумада ас-сани 1445 г. х."},
		{"en", "en", lang.DateOptions{}, "13 Jumada al-Akhirah 1445 AH"},
		{"fallback", "tr", lang.DateOptions{}, "13 Jumada al-Akhirah 1445 AH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lang.FormatHijri(ref, tt.tag, tt.o); got != tt.want {
				t.Errorf("FormatHijri(2023-12-26, %q, %+v) = %q, want %q", tt.tag, tt.o, got, tt.want)
			}
		})
	}
}

// TestFormatHijriKnownDates checks month starts announced by Saudi Arabia
// (Umm al-Qura) and one month name of each of the twelve.
func TestFormatHijriKnownDates(t *testing.T) {
	tests := []struct {
		date       string
		ar, ru, en string
	}{
		{"2023-07-18", "٣٠ ذو الحجة ١٤٤٤ هـ", "30 зуль-хиджа 1444 г. х.", "30 Dhu al-Hijjah 1444 AH"},
		{"2023-07-19", "١ محرم ١٤٤٥ هـ", "1 мухаррама 1445 г. х.", "1 Muharram 1445 AH"},
		{"2023-08-17", "١ صفر ١٤٤٥ هـ", "1 сафара 1445 г. х.", "1 Safar 1445 AH"},
		{"2023-09-27", "١٢ ربيع الأول ١٤٤٥ هـ", "12 раби аль-авваля 1445 г. х.", "12 Rabi al-Awwal 1445 AH"},
		{"2023-10-16", "١ ربيع الآخر ١٤٤٥ هـ", "1 раби ас-сани 1445 г. х.", "1 Rabi al-Akhir 1445 AH"},
		{"2023-11-15", "١ جمادى الأولى ١٤٤٥ هـ", "1 джумада аль-уля 1445 г. х.", "1 Jumada al-Ula 1445 AH"},
		{"2024-01-13", "١ رجب ١٤٤٥ هـ", "1 раджаба 1445 г. х.", "1 Rajab 1445 AH"},
		{"2024-02-11", "١ شعبان ١٤٤٥ هـ", "1 шаабана 1445 г. х.", "1 Sha'ban 1445 AH"},
		{"2024-03-10", "٢٩ شعبان ١٤٤٥ هـ", "29 шаабана 1445 г. х.", "29 Sha'ban 1445 AH"},
		{"2024-03-11", "١ رمضان ١٤٤٥ هـ", "1 рамадана 1445 г. х.", "1 Ramadan 1445 AH"},
		{"2024-04-10", "١ شوال ١٤٤٥ هـ", "1 шавваля 1445 г. х.", "1 Shawwal 1445 AH"},
		{"2024-05-09", "١ ذو القعدة ١٤٤٥ هـ", "1 зуль-када 1445 г. х.", "1 Dhu al-Qa'dah 1445 AH"},
		{"2024-06-16", "١٠ ذو الحجة ١٤٤٥ هـ", "10 зуль-хиджа 1445 г. х.", "10 Dhu al-Hijjah 1445 AH"},
		{"2024-07-07", "١ محرم ١٤٤٦ هـ", "1 мухаррама 1446 г. х.", "1 Muharram 1446 AH"},
		{"2025-03-01", "١ رمضان ١٤٤٦ هـ", "1 рамадана 1446 г. х.", "1 Ramadan 1446 AH"},
		{"2025-03-30", "١ شوال ١٤٤٦ هـ", "1 шавваля 1446 г. х.", "1 Shawwal 1446 AH"},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			d, err := time.Parse(time.DateOnly, tt.date)
			if err != nil {
				t.Fatal(err)
			}
			for tag, want := range map[string]string{"ar": tt.ar, "ru": tt.ru, "en": tt.en} {
				if got := lang.FormatHijri(d, tag, lang.DateOptions{}); got != want {
					t.Errorf("FormatHijri(%s, %q) = %q, want %q", tt.date, tag, got, want)
				}
			}
		})
	}
}

func TestFormatHijriTimeZones(t *testing.T) {
	riyadh := mustLoc(t, "Asia/Riyadh")
	ny := mustLoc(t, "America/New_York")
	tests := []struct {
		name string
		t    time.Time
		o    lang.DateOptions
		want string
	}{
		{"23:30 UTC is 26 Dec in UTC", time.Date(2023, 12, 26, 23, 30, 0, 0, time.UTC), lang.DateOptions{}, "13 Jumada al-Akhirah 1445 AH"},
		{"23:30 UTC is 27 Dec in Riyadh", time.Date(2023, 12, 26, 23, 30, 0, 0, time.UTC), lang.DateOptions{Location: riyadh}, "14 Jumada al-Akhirah 1445 AH"},
		{"01:00 Riyadh is still 26 Dec there", time.Date(2023, 12, 26, 1, 0, 0, 0, riyadh), lang.DateOptions{Location: riyadh}, "13 Jumada al-Akhirah 1445 AH"},
		{"02:00 UTC is 25 Dec in New York", time.Date(2023, 12, 26, 2, 0, 0, 0, time.UTC), lang.DateOptions{Location: ny}, "12 Jumada al-Akhirah 1445 AH"},
		{"eve of Ramadan in Riyadh", time.Date(2024, 3, 10, 21, 30, 0, 0, time.UTC), lang.DateOptions{Location: riyadh}, "1 Ramadan 1445 AH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lang.FormatHijri(tt.t, "en", tt.o); got != tt.want {
				t.Errorf("FormatHijri = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFormatHijriOutOfRange(t *testing.T) {
	tests := []struct {
		name string
		t    time.Time
	}{
		{"before Umm al-Qura tables", time.Date(1937, 3, 13, 12, 0, 0, 0, time.UTC)},
		{"after Umm al-Qura tables", time.Date(2077, 11, 17, 12, 0, 0, 0, time.UTC)},
		{"zero time", time.Time{}},
		{"far future", time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lang.FormatHijri(tt.t, "ar", lang.DateOptions{}); got != "" {
				t.Errorf("FormatHijri = %q, want empty", got)
			}
		})
	}
}

// TestFormatHijriWholeRange walks every day the tables cover, proving that
// no day panics or comes out empty and that the day of the month only ever
// advances by one or restarts at 1 after day 29 or 30 (or 28: the published
// table, which the library copies, gives Sha'ban 1364 AH 28 days).
func TestFormatHijriWholeRange(t *testing.T) {
	first := time.Date(1937, 3, 14, 12, 0, 0, 0, time.UTC)
	last := time.Date(2077, 11, 16, 12, 0, 0, 0, time.UTC)
	prev := 0
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		s := lang.FormatHijri(d, "en", lang.DateOptions{})
		if s == "" {
			t.Fatalf("FormatHijri(%s) is empty", d.Format(time.DateOnly))
		}
		var day int
		for _, c := range s {
			if c < '0' || c > '9' {
				break
			}
			day = day*10 + int(c-'0')
		}
		ok := day == prev+1 || (day == 1 && prev >= 28) || prev == 0
		if !ok {
			t.Fatalf("FormatHijri(%s) = %q after day %d", d.Format(time.DateOnly), s, prev)
		}
		prev = day
	}
}
