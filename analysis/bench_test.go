package analysis

import (
	"strings"
	"testing"
)

// newsText returns a news text of exactly n words, repeating the test
// article of the language as needed.
func newsText(tb testing.TB, lang string, n int) string {
	tb.Helper()
	ws := strings.Fields(MustReadTestdata(tb, "news-"+lang+".txt"))
	out := make([]string, 0, n)
	for len(out) < n {
		out = append(out, ws[:min(len(ws), n-len(out))]...)
	}
	return strings.Join(out, " ")
}

func benchmarkIndexTerms(b *testing.B, lang string) {
	text := newsText(b, lang, 1000)
	a := For(lang)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		a.IndexTerms(text)
	}
}

func BenchmarkArabic(b *testing.B)  { benchmarkIndexTerms(b, "ar") }
func BenchmarkRussian(b *testing.B) { benchmarkIndexTerms(b, "ru") }
func BenchmarkEnglish(b *testing.B) { benchmarkIndexTerms(b, "en") }
