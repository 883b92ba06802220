package markup

import (
	"strings"
	"testing"
)

// benchParagraphs are demo sentences in the reference article's shape:
// Arabic with Latin and Cyrillic names, Latin digits, tashkeel, a tatweel,
// quotes, and leading no-break spaces.
var benchParagraphs = []string{
	"\u00a0أعلن المكتب الإعلامي للمنتدى أن رئيس المجلس سيلتقي\u00a0قادة الدول الأعضاء اجتماعاً غير رسمي يوم 26 ديسمبر/كانون الأول 2023 في مدينة سانت بطرسبورغ، بحضور ممثلين عن وكالة ТАСС وشبكة RT.",
	"\u00a0وقال المتحدث باسم الكرملِن Dmitry Peskov إن اللقاء سيبحث \"ملفات التعاون الإقليمي\" و«أمن الطاقة»، إضافة إلى التحضير لقمة G20 المقبلة ومؤتمر COP29 في باكو.",
	"\u00a0ويرى مراقبون أن هذه اللقاءات تعزز عمل رابة الدول الأعضاء التي تضم 11 دولة، وأن حجم التبادل التجاري بينها تجاوز 150 مليار دولار خلال عام 2024 وفق بيانات <strong>World Bank</strong>.",
	"\u00a0وأشار الخبير في مركز <a href=\"https://example.com/center\">Carnegie</a> إلى أن الاجتماعات الدورية كـ تقليد سنوي أصبحت منصة لتبادل الآراء حول القضايا الملحّة، ومنها أمن الغذاء وتغيّر المناخ.",
	"\u00a0وأكدت صحيفة «Известия» الروسية أن الوفود ناقشت مشروعات مشتركة في مجالات النقل والطاقة والتعليم، بينها ممر North–South الذي يربط موانئ بحر قزوين بالخليج العربي.",
}

// benchBody returns a realistic body of about 2,000 words as the editor
// would submit it: paragraphs, spacer paragraphs, subheadings, a list.
func benchBody(tb testing.TB) string {
	var b strings.Builder
	for i := 0; WordCount(b.String()) < 2000; i++ {
		p := benchParagraphs[i%len(benchParagraphs)]
		b.WriteString("<p>" + p + "</p>\n<p>\u00a0</p>\n")
		if i%6 == 5 {
			b.WriteString("<h2>القمم غير الرسمية كـ تقليد</h2>\n<p>&nbsp;</p>\n<ul><li>الطاقة</li><li>التجارة والاستثمار</li></ul>\n")
		}
	}
	return b.String()
}

func BenchmarkClean(b *testing.B) {
	body := benchBody(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Clean(body); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkIsolate(b *testing.B) {
	body, err := Clean(benchBody(b))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		Isolate(body)
	}
}

func TestBenchBody(t *testing.T) {
	body := benchBody(t)
	clean, err := Clean(body)
	if err != nil {
		t.Fatal(err)
	}
	if n := WordCount(clean); n < 2000 || n > 2200 {
		t.Errorf("bench body has %d words", n)
	}
	if strings.Contains(clean, "<p>\u00a0") || strings.Contains(clean, "&nbsp;") {
		t.Error("spacers or leading no-break spaces left in the bench body")
	}
	if iso := Isolate(clean); !strings.Contains(iso, "<bdi>Dmitry Peskov</bdi>") || !strings.Contains(iso, "«<bdi>Известия</bdi>»") {
		t.Error("Isolate missed a name in the bench body")
	}
}
