package markup

import (
	"strings"
	"testing"
)

// wordHTML is what MS Word (Windows, Arabic document) puts on the clipboard:
// a whole document with Office namespaces, conditional comments, a style
// sheet, Mso classes, mso-* styles, lang on every run, <o:p>, a spacer
// paragraph, a bulleted and a numbered list drawn with typed bullets, and a
// run of spaces written as mso-spacerun.
const wordHTML = `<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<link rel=File-List
href="file:///C:/Users/editor/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml">
<!--[if gte mso 9]><xml>
 <o:OfficeDocumentSettings>
  <o:AllowPNG/>
 </o:OfficeDocumentSettings>
</xml><![endif]--><!--[if gte mso 9]><xml>
 <w:WordDocument>
  <w:View>Normal</w:View>
  <w:Zoom>0</w:Zoom>
  <w:BrowserLevel>MicrosoftInternetExplorer4</w:BrowserLevel>
 </w:WordDocument>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{font-family:"Cambria Math";
	panose-1:2 4 5 3 5 4 6 3 2 4;}
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no;
	margin:0cm;
	font-size:12.0pt;
	font-family:"Times New Roman",serif;}
-->
</style>
<!--[if gte mso 10]>
<style>
 /* Style Definitions */
 table.MsoNormalTable
	{mso-style-name:"Table Normal";}
</style>
<![endif]-->
</head>

<body lang=EN-US style='tab-interval:36.0pt;word-wrap:break-word'>
<!--StartFragment-->

<p class=MsoNormal dir=RTL style='text-align:justify;direction:rtl;unicode-bidi:
embed'><b><span lang=AR-SA style='font-size:14.0pt;font-family:"Arial",sans-serif;
mso-ascii-font-family:Calibri'>اجتماعٌ في موسكو</span></b><span dir=LTR
style='font-size:14.0pt'><o:p></o:p></span></p>

<p class=MsoNormal dir=RTL style='text-align:justify;direction:rtl;unicode-bidi:
embed'><span lang=AR-SA style='font-family:"Arial",sans-serif'>&nbsp;التقى
وزير الخارجية الروسي </span><span dir=LTR>Sergey Lavrov</span><span
lang=AR-SA style='font-family:"Arial",sans-serif'> يوم 14 مارس<span
style='mso-spacerun:yes'>&nbsp; </span>نظراءه، وقال إنّ <i>«الحوار مستمرّ»</i>.<o:p></o:p></span></p>

<p class=MsoNormal dir=RTL style='text-align:justify;direction:rtl;unicode-bidi:
embed'><span lang=AR-SA style='font-family:"Arial",sans-serif'><o:p>&nbsp;</o:p></span></p>

<p class=MsoListParagraphCxSpFirst dir=RTL style='margin-top:0cm;margin-right:
36.0pt;margin-bottom:0cm;margin-left:0cm;mso-add-space:auto;text-align:justify;
text-indent:-18.0pt;mso-list:l0 level1 lfo1;direction:rtl;unicode-bidi:embed'><![if !supportLists]><span
style='font-family:Symbol;mso-fareast-font-family:Symbol;mso-bidi-font-family:
Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span dir=RTL></span><span lang=AR-SA
style='font-family:"Arial",sans-serif'>الطاقة<o:p></o:p></span></p>

<p class=MsoListParagraphCxSpLast dir=RTL style='margin-top:0cm;margin-right:
36.0pt;margin-bottom:0cm;margin-left:0cm;mso-add-space:auto;text-align:justify;
text-indent:-18.0pt;mso-list:l0 level1 lfo1;direction:rtl;unicode-bidi:embed'><![if !supportLists]><span
style='font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span dir=RTL></span><span lang=AR-SA
style='font-family:"Arial",sans-serif'>التجارة والاستثمار<o:p></o:p></span></p>

<p class=MsoListParagraphCxSpFirst dir=RTL style='text-indent:-18.0pt;mso-list:l1 level1 lfo2;
direction:rtl;unicode-bidi:embed'><![if !supportLists]><span lang=AR-SA
style='font-family:"Arial",sans-serif'><span style='mso-list:Ignore'>1.<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span lang=AR-SA style='font-family:"Arial",sans-serif'>الجلسة
الأولى<o:p></o:p></span></p>

<p class=MsoListParagraphCxSpLast dir=RTL style='text-indent:-18.0pt;mso-list:l1 level1 lfo2;
direction:rtl;unicode-bidi:embed'><![if !supportLists]><span lang=AR-SA
style='font-family:"Arial",sans-serif'><span style='mso-list:Ignore'>2.<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><b style='mso-bidi-font-weight:normal'><span lang=AR-SA
style='font-family:"Arial",sans-serif'>الجلسة الختامية</span></b><span lang=AR-SA
style='font-family:"Arial",sans-serif'><o:p></o:p></span></p>

<p class=MsoNormal dir=RTL style='text-align:justify;direction:rtl;unicode-bidi:
embed'><span lang=AR-SA style='font-family:"Arial",sans-serif'><o:p>&nbsp;</o:p></span></p>

<p class=MsoNormal dir=RTL style='text-align:justify;direction:rtl;unicode-bidi:
embed'><span lang=AR-SA style='font-family:"Arial",sans-serif'>المصدر: <a
href="https://tass.example/">تاس</a><a name="_GoBack"></a><o:p></o:p></span></p>

<!--EndFragment-->
</body>

</html>`

const wordWant = `<p dir="rtl"><strong>اجتماعٌ في موسكو</strong></p>
<p dir="rtl">التقى وزير الخارجية الروسي Sergey Lavrov يوم 14 مارس نظراءه، وقال إنّ <em>«الحوار مستمرّ»</em>.</p>
<ul dir="rtl">
<li>الطاقة</li>
<li>التجارة والاستثمار</li>
</ul>
<ol dir="rtl">
<li>الجلسة الأولى</li>
<li><strong>الجلسة الختامية</strong></li>
</ol>
<p dir="rtl">المصدر: <a href="https://tass.example/">تاس</a></p>`

// googleDocsHTML is a Google Docs paste: everything inside a
// <b style="font-weight:normal" id="docs-internal-guid-…">, formatting as
// styled spans, <br> between blocks, list items wrapping paragraphs.
const googleDocsHTML = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5f1c2a3b-7fff-d3a4-9e21-0c4b8f7a6d21"><h1 dir="rtl" style="line-height:1.38;margin-top:20pt;margin-bottom:6pt;text-align:right;"><span style="font-size:20pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">قمة مجموعة العشرين</span></h1><p dir="rtl" style="line-height:1.38;text-align:justify;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">انطلقت أعمال قمة </span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:700;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">G20</span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">، وناقش القادة </span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:italic;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">الأمن الغذائيّ</span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">.</span></p><br><p dir="rtl" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:400;">&nbsp;</span></p><ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="rtl" style="list-style-type:disc;font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:none;vertical-align:baseline;white-space:pre;" aria-level="1"><p dir="rtl" style="line-height:1.38;text-align:right;margin-top:0pt;margin-bottom:0pt;" role="presentation"><span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:400;">المناخ</span></p></li><li dir="rtl" style="list-style-type:disc;font-size:11pt;" aria-level="1"><p dir="rtl" style="line-height:1.38;text-align:right;margin-top:0pt;margin-bottom:0pt;" role="presentation"><span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:400;">الديون</span></p></li></ul><br><p dir="rtl" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><a href="https://www.g20.org/" style="text-decoration:none;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#1155cc;background-color:transparent;font-weight:400;font-style:normal;font-variant:normal;text-decoration:underline;-webkit-text-decoration-skip:none;text-decoration-skip-ink:none;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">الموقع الرسمي</span></a><span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:400;vertical-align:super;">1</span></p></b><br class="Apple-interchange-newline">`

const googleDocsWant = `<h2 dir="rtl">قمة مجموعة العشرين</h2>
<p dir="rtl">انطلقت أعمال قمة <strong>G20</strong>، وناقش القادة <em>الأمن الغذائيّ</em>.</p>
<ul>
<li dir="rtl">المناخ</li>
<li dir="rtl">الديون</li>
</ul>
<p dir="rtl"><a href="https://www.g20.org/">الموقع الرسمي</a><sup>1</sup></p>`

// libreOfficeHTML is a LibreOffice Writer paste: a whole document with a
// generator meta, nested <font>s, class="western", lang on paragraphs and
// spans, and a spacer paragraph made of a <br/>.
const libreOfficeHTML = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">
<html>
<head>
	<meta http-equiv="content-type" content="text/html; charset=utf-8"/>
	<title></title>
	<meta name="generator" content="LibreOffice 7.3.7.2 (Linux)"/>
	<style type="text/css">
		@page { size: 21cm 29.7cm; margin: 2cm }
		p { line-height: 115%; margin-bottom: 0.25cm; background: transparent }
		h1 { margin-bottom: 0.21cm; background: transparent; page-break-after: avoid }
		a:link { color: #000080; so-language: zxx; text-decoration: underline }
	</style>
</head>
<body lang="ru-RU" link="#000080" vlink="#800000" dir="ltr"><h1 lang="ar-SA" class="western" dir="rtl" align="right">
<font face="Amiri"><font size="5" style="font-size: 20pt">لقاءٌ في قازان</font></font></h1>
<p lang="ar-SA" class="western" dir="rtl" align="justify" style="margin-bottom: 0cm; line-height: 100%">
<font face="Amiri"><font size="3" style="font-size: 12pt">عُقد الاجتماع الثاني للجنة في مدينة قازان، وحضره ممثلو </font></font><font face="Amiri"><font size="3" style="font-size: 12pt"><b>15</b></font></font><font face="Amiri"><font size="3" style="font-size: 12pt"> دولة.</font></font></p>
<p lang="ar-SA" class="western" dir="rtl" align="justify" style="margin-bottom: 0cm; line-height: 100%">
<br/>

</p>
<p lang="ru-RU" class="western" align="justify" style="margin-bottom: 0cm; line-height: 100%">
<font face="Liberation Serif, serif"><span lang="ru-RU">Встреча прошла в </span></font><font face="Liberation Serif, serif"><span lang="ru-RU"><i>Казани</i></span></font><font face="Liberation Serif, serif"><span lang="ru-RU">.</span></font></p>
<h5 class="western" dir="rtl"><font face="Amiri">ملاحظة</font></h5>
</body>
</html>`

const libreOfficeWant = `<h2 dir="rtl">لقاءٌ في قازان</h2>
<p dir="rtl">عُقد الاجتماع الثاني للجنة في مدينة قازان، وحضره ممثلو <strong>15</strong> دولة.</p>
<p>Встреча прошла в <em>Казани</em>.</p>
<h3 dir="rtl">ملاحظة</h3>`

var pasteTests = []struct{ name, in, want string }{
	{"ms word", wordHTML, wordWant},
	{"google docs", googleDocsHTML, googleDocsWant},
	{"libreoffice", libreOfficeHTML, libreOfficeWant},
	{
		"word bold span is not normal weight",
		`<p class=MsoNormal><b style='mso-bidi-font-weight:normal'>عنوان</b></p>`,
		`<p><strong>عنوان</strong></p>`,
	},
	{
		"google docs bold italic span",
		`<b id="docs-internal-guid-1" style="font-weight:normal"><span style="font-weight:700;font-style:italic">مهم</span> جداً</b>`,
		`<p><strong><em>مهم</em></strong> جداً</p>`,
	},
	{
		"typed span keeps lang and its meaning",
		`<p>قال <span lang="en" style="font-weight:bold">Vladimir Putin</span></p>`,
		`<p>قال <span lang="en"><strong>Vladimir Putin</strong></span></p>`,
	},
	{
		"word tracked changes accepted",
		`<p class=MsoNormal>قال <del cite="mailto:editor" datetime="2024-03-14T10:00">الوزير</del><ins cite="mailto:editor" datetime="2024-03-14T10:00">المتحدث</ins> إن <s>كذا</s></p>`,
		`<p>قال المتحدث إن <s>كذا</s></p>`,
	},
	{
		"word table becomes paragraphs",
		`<table class=MsoTableGrid><tr><td><p class=MsoNormal>الأولى</p></td><td>الثانية</td></tr></table>`,
		"<p>الأولى</p>\n<p>الثانية</p>",
	},
}

func TestCleanPaste(t *testing.T) {
	for _, tt := range pasteTests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Clean(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Clean:\n got %s\nwant %s", got, tt.want)
			}
			if again, _ := Clean(got); again != got {
				t.Errorf("not idempotent:\n%s", again)
			}
			for _, debris := range []string{"Mso", "mso-", "o:p", "style=", "class=", "font", "docs-internal", "<span>", "lang=\"AR", "&nbsp;", "\u00a0<"} {
				if strings.Contains(got, debris) {
					t.Errorf("output still holds %q", debris)
				}
			}
		})
	}
}

// referenceShape has the shape of the reference article's body (own text):
// paragraphs beginning with a no-break space, spacer paragraphs of a lone
// no-break space or &nbsp;, two spacers in a row before the subheading,
// tashkeel, a tatweel, a typo ("رابة"), Latin digits and quotes in Arabic.
const referenceShape = "<p>\u00a0أعلن المكتب الإعلامي للمنتدى أن رئيس المجلس سيلتقي\u00a0قادة الدول الأعضاء اجتماعاً غير رسمي يوم 26 ديسمبر/كانون الأول 2023.</p>\n" +
	"<p>\u00a0</p>\n" +
	"<p>\u00a0وقال المتحدث باسم الكرملِن إن اللقاء سيبحث \"ملفات التعاون الإقليمي\" و«أمن الطاقة».</p>\n" +
	"<p>&nbsp;</p>\n<p>&nbsp;</p>\n" +
	"<h2>اللقاءات غير الرسمية كـ تقليد</h2>\n" +
	"<p>\u00a0</p>\n" +
	"<p>\u00a0ويرى مراقبون أن هذه اللقاءات تعزز عمل رابة الدول الأعضاء التي تضم 11 دولة.</p>\n" +
	"<p>&nbsp;</p>"

const referenceWant = "<p>أعلن المكتب الإعلامي للمنتدى أن رئيس المجلس سيلتقي\u00a0قادة الدول الأعضاء اجتماعاً غير رسمي يوم 26 ديسمبر/كانون الأول 2023.</p>\n" +
	"<p>وقال المتحدث باسم الكرملِن إن اللقاء سيبحث \"ملفات التعاون الإقليمي\" و«أمن الطاقة».</p>\n" +
	"<h2>اللقاءات غير الرسمية كـ تقليد</h2>\n" +
	"<p>ويرى مراقبون أن هذه اللقاءات تعزز عمل رابة الدول الأعضاء التي تضم 11 دولة.</p>"

func TestCleanReferenceShape(t *testing.T) {
	got, err := Clean(referenceShape)
	if err != nil {
		t.Fatal(err)
	}
	if got != referenceWant {
		t.Errorf("Clean:\n got %q\nwant %q", got, referenceWant)
	}
	for _, quirk := range []string{"اجتماعاً", "الكرملِن", "كـ تقليد", "رابة", "26 ديسمبر", "\"ملفات", "«أمن الطاقة»", "سيلتقي\u00a0قادة"} {
		if !strings.Contains(got, quirk) {
			t.Errorf("lost %q", quirk)
		}
	}
	// The same body typed as plain text, as an importer would give it.
	text := "\u00a0أعلن المكتب الإعلامي للمنتدى أن رئيس المجلس سيلتقي\u00a0قادة الدول الأعضاء اجتماعاً غير رسمي يوم 26 ديسمبر/كانون الأول 2023.\n\n\u00a0\n\n" +
		"\u00a0وقال المتحدث باسم الكرملِن إن اللقاء سيبحث \"ملفات التعاون الإقليمي\" و«أمن الطاقة».\n\n\u00a0\n\n\u00a0\n\n" +
		"## اللقاءات غير الرسمية كـ تقليد\n\n\u00a0\n\n" +
		"\u00a0ويرى مراقبون أن هذه اللقاءات تعزز عمل رابة الدول الأعضاء التي تضم 11 دولة.\n\n\u00a0\n"
	if got, _ := Clean(FromText(text)); got != referenceWant {
		t.Errorf("Clean(FromText):\n got %q\nwant %q", got, referenceWant)
	}
}
