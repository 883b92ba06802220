package markup

import (
	"strings"
	"testing"
)

var isolateTests = []struct{ name, in, want string }{
	{"latin name", "<p>قال Vladimir Putin إن…</p>", "<p>قال <bdi>Vladimir Putin</bdi> إن…</p>"},
	{"cyrillic", "<p>وكالة ТАСС الروسية</p>", "<p>وكالة <bdi>ТАСС</bdi> الروسية</p>"},
	{"letters with digits", "<p>قمة G20 في الهند</p>", "<p>قمة <bdi>G20</bdi> في الهند</p>"},
	{"cop", "<p>مؤتمر COP29 في باكو</p>", "<p>مؤتمر <bdi>COP29</bdi> في باكو</p>"},
	{"pure digits stay", "<p>في عام 2024 حضر 150 شخصاً</p>", "<p>في عام 2024 حضر 150 شخصاً</p>"},
	{"arabic-indic digits stay", "<p>٢٦ ديسمبر ٢٠٢٣</p>", "<p>٢٦ ديسمبر ٢٠٢٣</p>"},
	{"leading number not taken", "<p>دورة 2024 Olympics انتهت</p>", "<p>دورة 2024 <bdi>Olympics</bdi> انتهت</p>"},
	{"trailing number taken", "<p>هاتف iPhone 15 الجديد</p>", "<p>هاتف <bdi>iPhone 15</bdi> الجديد</p>"},
	{"hyphen dot apostrophe", "<p>فيروس COVID-19 ومدينة St. Petersburg وصحيفة People's Daily.</p>", "<p>فيروس <bdi>COVID-19</bdi> ومدينة <bdi>St. Petersburg</bdi> وصحيفة <bdi>People's Daily</bdi>.</p>"},
	{"sentence dot stays outside", "<p>قالت Reuters.</p>", "<p>قالت <bdi>Reuters</bdi>.</p>"},
	{"abbreviation dot taken", "<p>الولايات المتحدة U.S. وكذلك John F. Kennedy</p>", "<p>الولايات المتحدة <bdi>U.S.</bdi> وكذلك <bdi>John F. Kennedy</bdi></p>"},
	{"two runs", "<p>بين Moscow و Beijing</p>", "<p>بين <bdi>Moscow</bdi> و <bdi>Beijing</bdi></p>"},
	{"mixed cyrillic and latin", "<p>صحيفة Коммерсантъ و RT</p>", "<p>صحيفة <bdi>Коммерсантъ</bdi> و <bdi>RT</bdi></p>"},
	{"no-break space joins", "<p>الرئيس Vladimir\u00a0Putin</p>", "<p>الرئيس <bdi>Vladimir\u00a0Putin</bdi></p>"},
	{"entity inside a run", "<p>شركة AT&amp;T الأمريكية</p>", "<p>شركة <bdi>AT&amp;T</bdi> الأمريكية</p>"},
	{"entity alone stays", "<p>هذا &amp; ذاك</p>", "<p>هذا &amp; ذاك</p>"},
	{"lt entity untouched", "<p>1 &lt; 2 و Paris</p>", "<p>1 &lt; 2 و <bdi>Paris</bdi></p>"},
	{"letter entity", "<p>مدينة Montr&eacute;al الكندية</p>", "<p>مدينة <bdi>Montr&eacute;al</bdi> الكندية</p>"},
	{"nbsp entity joins", "<p>الرئيس Vladimir&nbsp;Putin</p>", "<p>الرئيس <bdi>Vladimir&nbsp;Putin</bdi></p>"},
	{"attributes untouched", `<p title="Vladimir Putin"><img src="/media/a.jpg" alt="G20 summit">قمة</p>`, `<p title="Vladimir Putin"><img src="/media/a.jpg" alt="G20 summit">قمة</p>`},
	{"inside link left alone", `<p>موقع <a href="https://tass.com/">TASS</a> و BBC</p>`, `<p>موقع <a href="https://tass.com/">TASS</a> و <bdi>BBC</bdi></p>`},
	{"inside bdi left alone", "<p>قال <bdi>Vladimir Putin</bdi> إن</p>", "<p>قال <bdi>Vladimir Putin</bdi> إن</p>"},
	{"inside code left alone", "<p>الأمر <code>go test</code></p>", "<p>الأمر <code>go test</code></p>"},
	{"own dir left alone", `<p>قال <span dir="ltr">Vladimir Putin</span> و Xi</p>`, `<p>قال <span dir="ltr">Vladimir Putin</span> و <bdi>Xi</bdi></p>`},
	{"block with own dir", `<blockquote dir="ltr"><p>Hello <strong>world</strong></p></blockquote><p>مرحباً World</p>`, `<blockquote dir="ltr"><p>Hello <strong>world</strong></p></blockquote><p>مرحباً <bdi>World</bdi></p>`},
	{"inside formatting", "<p>قال <strong>Sergey Lavrov</strong></p>", "<p>قال <strong><bdi>Sergey Lavrov</bdi></strong></p>"},
	{"nested elements after skip", `<p><a href="/x">Lavrov <em>Moscow</em></a> <em>Kazan</em></p>`, `<p><a href="/x">Lavrov <em>Moscow</em></a> <em><bdi>Kazan</bdi></em></p>`},
	{"no runs", "<p>نص عربي فقط</p>\n<h2>عنوان</h2>", "<p>نص عربي فقط</p>\n<h2>عنوان</h2>"},
	{"empty", "", ""},
	{"script text untouched", "<script>var Putin = 1</script>", "<script>var Putin = 1</script>"},
	{"legacy entity not split", "<p>نص &ampx</p>", "<p>نص &ampx</p>"},
}

func TestIsolate(t *testing.T) {
	for _, tt := range isolateTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Isolate(tt.in); got != tt.want {
				t.Errorf("Isolate(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if got := Isolate(tt.want); got != tt.want {
				t.Errorf("Isolate is not idempotent: %q", got)
			}
		})
	}
}

func TestIsolateCleanOutput(t *testing.T) {
	// Isolate runs on stored bodies, and what it adds survives Clean.
	clean, err := Clean(googleDocsHTML)
	if err != nil {
		t.Fatal(err)
	}
	iso := Isolate(clean)
	if !strings.Contains(iso, "<strong><bdi>G20</bdi></strong>") {
		t.Errorf("Isolate(Clean(google docs)) = %s", iso)
	}
	if again, _ := Clean(iso); again != iso {
		t.Errorf("Clean(Isolate(x)) != Isolate(x):\n%s\n%s", again, iso)
	}
}

// stripBDI removes bdi tags, the only thing Isolate may add.
func stripBDI(s, _ string) string {
	return strings.NewReplacer("<bdi>", "", "</bdi>", "").Replace(s)
}

func TestIsolateRTLParagraph(t *testing.T) {
	in := `<p dir="rtl">قال Vladimir Putin</p><p dir="auto">Hello world</p><p dir="LTR">Hello</p>`
	want := `<p dir="rtl">قال <bdi>Vladimir Putin</bdi></p><p dir="auto">Hello world</p><p dir="LTR">Hello</p>`
	if got := Isolate(in); got != want {
		t.Errorf("Isolate:\n got %q\nwant %q", got, want)
	}
}
