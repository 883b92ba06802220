package markup

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

func TestPlainText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"blocks", "<h2>عنوان</h2>\n<p>أول</p>\n<p>ثان</p>", "عنوان\n\nأول\n\nثان"},
		{"entities decoded", "<p>&amp; &lt;b&gt; &quot;x&quot; &#1575;</p>", "& <b> \"x\" ا"},
		{"whitespace collapsed", "<p>  أ \n\t ب\u00a0\u00a0ج  </p>", "أ ب ج"},
		{"br is a space", "<p>سطر<br>سطر</p>", "سطر سطر"},
		{"inline joins", "<p>قال <strong>Vladimir</strong> <bdi>Putin</bdi>.</p>", "قال Vladimir Putin."},
		{"nested blocks", "<blockquote><p>أ</p><p>ب</p></blockquote><ul><li>ج</li><li>د<ul><li>ه</li></ul></li></ul>", "أ\n\nب\n\nج\n\nد\n\nه"},
		{"images add nothing", "<figure><img src=\"/media/a.jpg\" alt=\"وصف\"><figcaption>تعليق</figcaption></figure>", "تعليق"},
		{"script and style skipped", "<p>أ</p><script>alert(1)</script><style>p{}</style>", "أ"},
		{"empty blocks left out", "<p> </p><p>أ</p><p>\u00a0</p>", "أ"},
		{"tashkeel kept", "<p>الكرملِن اجتماعاً كـ</p>", "الكرملِن اجتماعاً كـ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PlainText(tt.in); got != tt.want {
				t.Errorf("PlainText(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestExcerpt(t *testing.T) {
	body := "<p>قال الرئيس إن الاجتماع ناجح.</p><p>وأضاف أن التعاون مستمر.</p>"
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"fits", body, 100, "قال الرئيس إن الاجتماع ناجح. وأضاف أن التعاون مستمر."},
		{"exact length", "<p>abc def</p>", 7, "abc def"},
		{"cut at word", body, 20, "قال الرئيس إن…"},
		{"cut before a space", "<p>one two three</p>", 8, "one two…"},
		{"punctuation before the cut dropped", body, 31, "قال الرئيس إن الاجتماع ناجح…"},
		{"arabic comma dropped", "<p>أولاً، ثانياً، ثالثاً</p>", 14, "أولاً، ثانياً…"},
		{"one long word cut inside", "<p>Donaudampfschifffahrtsgesellschaft</p>", 10, "Donaudamp…"},
		{"zero", body, 0, ""},
		{"negative", body, -5, ""},
		{"one", body, 1, "…"},
		{"empty body", "", 10, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Excerpt(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("Excerpt(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if n := utf8.RuneCountInString(got); tt.max > 0 && n > tt.max {
				t.Errorf("%d runes, more than %d", n, tt.max)
			}
		})
	}
}

func TestWordCount(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"empty", "", 0},
		{"arabic", "<p>قال الرئيس إن الاجتماع ناجح</p>", 5},
		{"tashkeel and tatweel do not split", "<p>الكرملِن اجتماعاً كـ تقليد</p>", 4},
		{"russian", "<p>Встреча прошла в Казани</p>", 4},
		{"english with apostrophe and hyphen", "<p>The summit's well-known host</p>", 4},
		{"digits are words", "<p>في 26 ديسمبر ٢٠٢٣</p>", 4},
		{"punctuation is not", "<p>أ — ب « ج » .</p>", 3},
		{"across blocks and inline", "<h2>عنوان</h2><p>قال <strong>Vladimir</strong> Putin.</p>", 4},
		{"no-break space separates", "<p>بوتين\u00a0سيجتمع</p>", 2},
		{"han counts per character", "<p>北京 Beijing</p>", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WordCount(tt.in); got != tt.want {
				t.Errorf("WordCount(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestHeadings(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Heading
	}{
		{"none", "<p>نص</p>", nil},
		{
			"h2 and h3 in order",
			"<h2>القمم غير الرسمية كـ تقليد</h2><p>نص</p><h3>  تفاصيل <em>أخرى</em> </h3><h4>صغير</h4><h2>&amp; خاتمة</h2><h2> </h2>",
			[]Heading{{2, "القمم غير الرسمية كـ تقليد"}, {3, "تفاصيل أخرى"}, {2, "& خاتمة"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Headings(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Headings(%q) = %#v, want %#v", tt.in, got, tt.want)
			}
		})
	}
}

func TestFromText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"paragraphs", "أول\n\nثان", "<p>أول</p>\n<p>ثان</p>"},
		{"lines joined", "سطر أول\nسطر ثان\n\nفقرة", "<p>سطر أول سطر ثان</p>\n<p>فقرة</p>"},
		{"crlf", "أ\r\n\r\nب\rج", "<p>أ</p>\n<p>ب ج</p>"},
		{"headings", "## عنوان\nنص\n### فرعي", "<h2>عنوان</h2>\n<p>نص</p>\n<h3>فرعي</h3>"},
		{"hash without space is text", "#وسم و##x", "<p>#وسم و##x</p>"},
		{"quote", "> قال: «نعم»\n> ثم مضى\n>\n> فقرة ثانية\nبعد", "<blockquote>\n<p>قال: «نعم» ثم مضى</p>\n<p>فقرة ثانية</p>\n</blockquote>\n<p>بعد</p>"},
		{"escaped", "a < b & c > d \"q\"", "<p>a &lt; b &amp; c &gt; d \"q\"</p>"},
		{"nbsp lines are blank", "أ\n\u00a0\nب", "<p>أ</p>\n<p>ب</p>"},
		{"text kept", "\u00a0الكرملِن اجتماعاً كـ 2023", "<p>الكرملِن اجتماعاً كـ 2023</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FromText(tt.in)
			if got != tt.want {
				t.Errorf("FromText(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if clean, err := Clean(got); err != nil || clean != got {
				t.Errorf("Clean(FromText) = %q, %v; want it unchanged", clean, err)
			}
		})
	}
}
