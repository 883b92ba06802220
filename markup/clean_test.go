package markup

import (
	"errors"
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"only whitespace", " \n\t ", ""},
		{"only spacers", "<p>\u00a0</p><p>&nbsp;</p><p><br></p><p>\u200b\u200f</p><div>&#160;</div>", ""},
		{"plain paragraph", "<p>مرحبا</p>", "<p>مرحبا</p>"},
		{"bare text wrapped", "نص بلا وسم", "<p>نص بلا وسم</p>"},
		{"bare inline wrapped", "نص <b>عريض</b> و<i>مائل</i>", "<p>نص <strong>عريض</strong> و<em>مائل</em></p>"},
		{"bare text between blocks", "أ<p>ب</p>ج", "<p>أ</p>\n<p>ب</p>\n<p>ج</p>"},
		{"br br splits paragraph", "<p dir=\"rtl\">أول<br><br>ثان<br>\u00a0<br><br>ثالث<br>رابع</p>", "<p dir=\"rtl\">أول</p>\n<p dir=\"rtl\">ثان</p>\n<p dir=\"rtl\">ثالث<br>رابع</p>"},
		{"top level br br splits", "أول<br><br>ثان", "<p>أول</p>\n<p>ثان</p>"},
		{"leading and trailing br dropped", "<p><br>نص<br></p>", "<p>نص</p>"},
		{"h1 demoted", "<h1>عنوان</h1>", "<h2>عنوان</h2>"},
		{"h2 h3 h4 kept", "<h2>أ</h2><h3>ب</h3><h4>ج</h4>", "<h2>أ</h2>\n<h3>ب</h3>\n<h4>ج</h4>"},
		{"h5 h6 to h4, then h2", "<h5>أ</h5><h6>ب</h6>", "<h2>أ</h2>\n<h2>ب</h2>"},
		{"first heading is h2", "<h3>أ</h3><p>نص</p><h4>ب</h4><h3>ج</h3>", "<h2>أ</h2>\n<p>نص</p>\n<h3>ب</h3>\n<h2>ج</h2>"},
		{"skipped level closed", "<h2>أ</h2><h4>ب</h4><h4>ج</h4><h2>د</h2><h4>ه</h4>", "<h2>أ</h2>\n<h3>ب</h3>\n<h3>ج</h3>\n<h2>د</h2>\n<h3>ه</h3>"},
		{"headings in a quote in order", "<h2>أ</h2><blockquote><h4>ب</h4></blockquote><h4>ج</h4>", "<h2>أ</h2>\n<blockquote>\n<h3>ب</h3>\n</blockquote>\n<h3>ج</h3>"},
		{"empty heading dropped", "<h2>\u00a0</h2><p>نص</p>", "<p>نص</p>"},
		{"div as paragraph", "<div>أ</div><div>ب</div>", "<p>أ</p>\n<p>ب</p>"},
		{"div container unwrapped, dir inherited", "<div dir=\"rtl\"><p>أ</p><p dir=\"ltr\">b</p></div>", "<p dir=\"rtl\">أ</p>\n<p dir=\"ltr\">b</p>"},
		{"b and i renamed", "<p><b>أ</b> <i>ب</i></p>", "<p><strong>أ</strong> <em>ب</em></p>"},
		{"inline allow-list", "<p><s>أ</s><sub>2</sub><sup>3</sup><cite>ب</cite><q>ج</q><u>د</u><code>x</code></p>", "<p><s>أ</s><sub>2</sub><sup>3</sup><cite>ب</cite><q>ج</q>دx</p>"},
		{"del typed in the editor is strikethrough", "<p><del>أ</del> <strike>ب</strike></p>", "<p><s>أ</s> <s>ب</s></p>"},
		{"span without meaning unwrapped", "<p><span>أ</span><span class=\"x\">ب</span></p>", "<p>أب</p>"},
		{"span with dir or lang kept", "<p><span dir=\"LTR\">a</span> <span lang=\"ru\">б</span></p>", "<p><span dir=\"ltr\">a</span> <span lang=\"ru\">б</span></p>"},
		{"bad dir dropped", "<p dir=\"up\">أ</p>", "<p>أ</p>"},
		{"empty inline dropped", "<p>أ<strong></strong><em> </em>ب</p>", "<p>أ ب</p>"},
		{"link kept", "<p><a href=\"https://example.com/a?b=1&amp;c=2\" title=\"t\">رابط</a></p>", "<p><a href=\"https://example.com/a?b=1&amp;c=2\" title=\"t\">رابط</a></p>"},
		{"relative link kept", "<p><a href=\"/ar/news/12\">خبر</a> <a href=\"#fn1\">1</a></p>", "<p><a href=\"/ar/news/12\">خبر</a> <a href=\"#fn1\">1</a></p>"},
		{"link without href unwrapped", "<p><a name=\"x\">أ</a></p>", "<p>أ</p>"},
		{"empty link dropped", "<p>أ<a href=\"/x\"></a></p>", "<p>أ</p>"},
		{"nested link flattened", "<p><a href=\"/x\">أ<a href=\"/y\">ب</a></a></p>", "<p><a href=\"/x\">أ</a><a href=\"/y\">ب</a></p>"},
		{"image attributes", "<p><img src=\"/media/1.jpg\" alt=\" صورة\n الرئيس \" width=\"800\" height=\"600px\" loading=\"LAZY\" class=\"x\"></p>", "<p><img src=\"/media/1.jpg\" alt=\"صورة الرئيس\" width=\"800\" loading=\"lazy\"></p>"},
		{"image without src dropped", "<p><img alt=\"x\">أ</p>", "<p>أ</p>"},
		{"paragraph of an image kept", "<p>\u00a0<img src=\"/media/1.jpg\" alt=\"\">\u00a0</p>", "<p><img src=\"/media/1.jpg\" alt=\"\"></p>"},
		{"figure", "<figure><img src=\"https://example.com/a.jpg\" alt=\"أ\"><figcaption> الصورة: المكتب الإعلامي </figcaption></figure>", "<figure>\n<img src=\"https://example.com/a.jpg\" alt=\"أ\">\n<figcaption>الصورة: المكتب الإعلامي</figcaption>\n</figure>"},
		{"figure without image", "<figure><figcaption>تعليق</figcaption></figure>", "<p>تعليق</p>"},
		{"blockquote text in paragraph", "<blockquote cite=\"https://example.com/\">قال: «نعم»</blockquote>", "<blockquote cite=\"https://example.com/\">\n<p>قال: «نعم»</p>\n</blockquote>"},
		{"empty blockquote dropped", "<blockquote><p>&nbsp;</p></blockquote>", ""},
		{"list", "<ul><li>أ</li><li>\u00a0</li><li> ب </li></ul>", "<ul>\n<li>أ</li>\n<li>ب</li>\n</ul>"},
		{"ordered list with paragraphs", "<ol><li><p>أ</p></li><li><p>ب</p><p>ج</p></li></ol>", "<ol>\n<li>أ</li>\n<li><p>ب</p>\n<p>ج</p>\n</li>\n</ol>"},
		{"nested list inside parent list", "<ul><li>أ</li><ul><li>ب</li></ul></ul>", "<ul>\n<li>أ\n<ul>\n<li>ب</li>\n</ul>\n</li>\n</ul>"},
		{"loose text in list", "<ul>أ<li>ب</li></ul>", "<ul>\n<li>أ</li>\n<li>ب</li>\n</ul>"},
		{"empty list dropped", "<ul><li></li></ul>", ""},
		{"hr kept", "<p>أ</p><hr><p>ب</p>", "<p>أ</p>\n<hr>\n<p>ب</p>"},
		{"whitespace collapsed", "<p>أ   ب\n\tج</p>", "<p>أ ب ج</p>"},
		{"space folded across elements", "<p>أ <strong> ب</strong> ج</p>", "<p>أ <strong>ب</strong> ج</p>"},
		{"inner no-break space kept", "<p>\u00a0بوتين\u00a0سيجتمع\u00a0</p>", "<p>بوتين\u00a0سيجتمع</p>"},
		{"narrow and figure spaces trimmed", "<p>\u202f\u2007\ufeffنص\u200b</p>", "<p>نص</p>"},
		{"direction mark at edge kept", "<p>\u200fنص</p>", "<p>\u200fنص</p>"},
		{"tashkeel tatweel typo kept", "<p>الكرملِن اجتماعاً كـ تقليد رابة</p>", "<p>الكرملِن اجتماعاً كـ تقليد رابة</p>"},
		{"latin digits in arabic kept", "<p>في 26 ديسمبر 2023 و١٢ مارس</p>", "<p>في 26 ديسمبر 2023 و١٢ مارس</p>"},
		{"quotes not escaped", "<p>\"أ\" 'ب' «ج» „д“</p>", "<p>\"أ\" 'ب' «ج» „д“</p>"},
		{"entities", "<p>&amp; &lt; &gt; &quot; &#1575; &copy;</p>", "<p>&amp; &lt; &gt; \" ا ©</p>"},
		{"unknown entity kept as text", "<p>&foo; &amp;bar;</p>", "<p>&amp;foo; &amp;bar;</p>"},
		{"control characters dropped", "<p>أ\x01ب\x7fج\x0bد</p>", "<p>أبجد</p>"},
		{"comments dropped", "<p>أ<!-- note -->ب</p><!--[if gte mso 9]><xml>x</xml><![endif]-->", "<p>أب</p>"},
		{"unclosed tags", "<p>أ<strong>ب<p>ج", "<p>أ<strong>ب</strong></p>\n<p><strong>ج</strong></p>"},
		{"uppercase tags", "<P><B>أ</B></P><H1>ب</H1>", "<p><strong>أ</strong></p>\n<h2>ب</h2>"},
		{"cyrillic and english", "<p>Москва — столица. <em>Moscow</em> is the capital.</p>", "<p>Москва — столица. <em>Moscow</em> is the capital.</p>"},
		{"lang typed in the editor kept", "<p lang=\"ru\">Привет</p>", "<p lang=\"ru\">Привет</p>"},
		{"bdi kept", "<p>قال <bdi>Putin</bdi></p>", "<p>قال <bdi>Putin</bdi></p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Clean(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Clean(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if again, _ := Clean(got); again != got {
				t.Errorf("not idempotent: %q", again)
			}
		})
	}
}

func TestCleanErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
	}{
		{"invalid utf-8", "<p>\xff\xfe</p>", ErrInvalidUTF8},
		{"truncated arabic letter", "<p>مرحب" + "\xd8" + "</p>", ErrInvalidUTF8},
		{"surrogate half", "<p>\xed\xa0\x80</p>", ErrInvalidUTF8},
		{"nested beyond the parser", strings.Repeat("<div>", 600) + "x", ErrTooDeep},
		{"nested beyond the limit", strings.Repeat("<blockquote>", maxDepth+1) + "x", ErrTooDeep},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Clean(tt.in)
			if !errors.Is(err, tt.want) || got != "" {
				t.Errorf("Clean = %q, %v; want \"\", %v", got, err, tt.want)
			}
		})
	}
	if ErrInvalidUTF8.Error() != "body is not valid UTF-8" {
		t.Errorf("message %q", ErrInvalidUTF8)
	}
	// Deep but sane nesting is fine.
	if _, err := Clean(strings.Repeat("<blockquote>", 20) + "x"); err != nil {
		t.Errorf("20 nested quotes: %v", err)
	}
}

// TestCleanOneBlockPerLine checks the stored form's layout, which keeps
// revision diffs readable: every line is one block, or a container's tag.
func TestCleanOneBlockPerLine(t *testing.T) {
	out, err := Clean(wordHTML + googleDocsHTML + referenceShape)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "<") || !strings.HasSuffix(line, ">") {
			t.Errorf("line %q is not a whole block", line)
		}
	}
}

// TestCleanConcurrent shares the one policy between goroutines; run with
// -race it checks that nothing in the package is mutated after first use.
func TestCleanConcurrent(t *testing.T) {
	want, _ := Clean(wordHTML)
	done := make(chan string)
	for range 8 {
		go func() {
			got, _ := Clean(wordHTML)
			done <- got
		}()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Errorf("concurrent Clean differs:\n%s", got)
		}
	}
}
