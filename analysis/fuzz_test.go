package analysis

import "testing"

func fuzzAnalyzer(f *testing.F, lang string) {
	for _, in := range trickyInputs {
		f.Add(in)
	}
	f.Add(MustReadTestdata(f, "news-"+map[string]string{"ar": "ar", "ru": "ru", "en": "en", "fr": "en"}[lang]+".txt")[:600])
	a := For(lang)
	f.Fuzz(func(t *testing.T, text string) {
		checkInvariants(t, a, text)
	})
}

func FuzzArabic(f *testing.F)  { fuzzAnalyzer(f, "ar") }
func FuzzRussian(f *testing.F) { fuzzAnalyzer(f, "ru") }
func FuzzEnglish(f *testing.F) { fuzzAnalyzer(f, "en") }
func FuzzGeneric(f *testing.F) { fuzzAnalyzer(f, "fr") }
