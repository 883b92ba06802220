package lang

import (
	"strconv"
	"time"

	"github.com/hablullah/go-hijri"
)

// Hijri month names, indexed by month-1. The library gives numbers only;
// the names are ours so that they match what each readership expects.
// Russian uses the genitive where the word declines ("1 рамадана"), as
// Russian Muslim media do. Read-only.
var (
	arHijriMonths = [12]string{
		"محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
		"رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة",
	}
	ruHijriMonths = [12]string{
		"мухаррама", "сафара", "раби аль-авваля", "раби ас-сани", "джумада аль-уля", "джумада ас-сани",
		"раджаба", "шаабана", "рамадана", "шавваля", "зуль-када", "зуль-хиджа",
	}
	enHijriMonths = [12]string{
		"Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Akhir", "Jumada al-Ula", "Jumada al-Akhirah",
		"Rajab", "Sha'ban", "Ramadan", "Shawwal", "Dhu al-Qa'dah", "Dhu al-Hijjah",
	}
)

// FormatHijri writes the Umm al-Qura (Saudi official) Hijri date of the civil
// day that t falls on in o.Location: Arabic "١٣ جمادى الآخرة ١٤٤٥ هـ",
// Russian "13 джумада ас-сани 1445 г. х.", English "13 Jumada al-Akhirah
// 1445 AH"; other languages get the English form.
//
// It returns "" for days outside the Umm al-Qura tables (before 1937-03-14
// or after 2077-11-16), so a template can simply omit the Hijri date. The
// library's weekday is off by one, so nothing here uses it; take the weekday
// from t.
func FormatHijri(t time.Time, tag string, o DateOptions) string {
	t = t.In(o.location())
	// The library converts to UTC before taking the day, which would shift
	// a Riyadh date back a day before 03:00; hand it the civil day at noon.
	civil := time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, time.UTC)
	h, err := hijri.CreateUmmAlQuraDate(civil)
	if err != nil || h.Month < 1 || h.Month > 12 {
		return ""
	}
	day, year := strconv.FormatInt(h.Day, 10), strconv.FormatInt(h.Year, 10)
	switch base(tag) {
	case "ar":
		return LocalizeDigits(day+" "+arHijriMonths[h.Month-1]+" "+year+" هـ", tag, o.Digits)
	case "ru":
		return day + " " + ruHijriMonths[h.Month-1] + " " + year + " г. х."
	default:
		return day + " " + enHijriMonths[h.Month-1] + " " + year + " AH"
	}
}
