package lang_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khabarnews/khabar/lang"
)

func TestSlugifyNative(t *testing.T) {
	tests := []struct {
		name, title, tag, want string
	}{
		{"arabic with tanwin", "بوتين يستضيف قمةً غير رسمية", "ar", "بوتين-يستضيف-قمة-غير-رسمية"},
		{"tashkeel gives same slug", "الكرمْلِينُ يُعلِنُ", "ar", "الكرملين-يعلن"},
		{"dagger alif", "هٰذا", "ar", "هذا"},
		{"tatweel", "كـ تقليد", "ar", "ك-تقليد"},
		{"tatweel inside a word", "الرابـــطة", "ar", "الرابطة"},
		{"arabic-indic digits", "رؤية ٢٠٣٠", "ar", "رؤية-2030"},
		{"persian digits", "سال ۱۴۰۳", "fa", "سال-1403"},
		{"latin digits in arabic", "قمة 2023 في قازان", "ar", "قمة-2023-في-قازان"},
		{"arabic punctuation", "روسيا، والعالم الإسلامي؛ حوار؟", "ar", "روسيا-والعالم-الإسلامي-حوار"},
		{"quotes", `مجموعة "روسيا - العالم الإسلامي"`, "ar", "مجموعة-روسيا-العالم-الإسلامي"},
		{"guillemets", "«Россия — исламский мир»", "ru", "россия-исламский-мир"},
		{"russian lower-cased", "Путин провёл встречу", "ru", "путин-провёл-встречу"},
		{"english", "Putin Holds Informal Summit!", "en", "putin-holds-informal-summit"},
		{"apostrophe joins", "O'Brien’s view", "en", "obriens-view"},
		{"hyphens collapse", "a -- b —— c", "en", "a-b-c"},
		{"leading and trailing junk", "  ...Hello, world!!!  ", "en", "hello-world"},
		{"accents kept", "Café Müller", "de", "café-müller"},
		{"turkish dotted I", "İstanbul ILIK", "tr", "istanbul-ılık"},
		{"bidi and zwnj marks", "\u200fمی\u200cخواهم\u200e", "fa", "میخواهم"},
		{"presentation forms folded", "ﻻ ﺳﻼﻡ", "ar", "لا-سلام"},
		{"full-width folded", "ＡＢＣ１２３", "en", "abc123"},
		{"emoji dropped", "Summit 🚀 news", "en", "summit-news"},
		{"only punctuation", "!!! ??? ...", "en", ""},
		{"empty", "", "ar", ""},
		{"invalid utf-8", "ab\xffcd", "en", "ab-cd"},
		{"unknown style is native", "Путин", "ru", "путин"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lang.Slugify(tt.title, tt.tag, lang.SlugNative); got != tt.want {
				t.Errorf("Slugify(%q, %q, native) = %q, want %q", tt.title, tt.tag, got, tt.want)
			}
		})
	}
	if got := lang.Slugify("Путин", "ru", "weird"); got != "путин" {
		t.Errorf("unknown style: got %q", got)
	}
}

func TestSlugifyTranslit(t *testing.T) {
	tests := []struct {
		name, title, tag, want string
	}{
		{"russian sentence", "Путин провёл встречу с лидерами СНГ", "ru", "putin-provyol-vstrechu-s-liderami-sng"},
		{"russian digraphs", "Щука, жук, хор, царь, час, шар", "ru", "shchuka-zhuk-khor-tsar-chas-shar"},
		{"russian vowels", "юг яма ёлка йод эхо мы", "ru", "yug-yama-yolka-yod-ekho-my"},
		{"hard and soft signs dropped", "Объявление Тверь", "ru", "obyavlenie-tver"},
		{"city with hyphen", "Санкт-Петербург", "ru", "sankt-peterburg"},
		{"ukrainian letters", "Її Європа ґанок", "uk", "yiyi-yevropa-ganok"},
		{"arabic headline", "بوتين يستضيف قمةً غير رسمية", "ar", "butin-ystdif-qma-ghir-rsmya"},
		{"arabic consonants", "ثقافة ذهب خبر شمس غرب ظل ضوء", "ar", "thqafa-dhhb-khbr-shms-ghrb-zl-du"},
		{"arabic article", "الكرملين", "ar", "alkrmlin"},
		{"waw after article", "الوزراء", "ar", "alwzra"},
		{"hamza forms", "أحمد إبراهيم آمال", "ar", "ahmd-abrahim-amal"},
		{"ta marbuta and alif maqsura", "مدرسة مستشفى", "ar", "mdrsa-mstshfa"},
		{"waw and ya as vowels", "روسيا", "ar", "rusya"},
		{"waw and ya at word start", "وزير يوم", "ar", "wzir-yum"},
		{"diphthong after alif", "الأوسط", "ar", "alawst"},
		{"ain", "العالم عربي", "ar", "alalm-arbi"},
		{"tashkeel and tatweel ignored", "كـ تَقْليد", "ar", "k-tqlid"},
		{"arabic-indic digits", "رؤية ٢٠٣٠", "ar", "ruya-2030"},
		{"persian letters", "پنج چای گل", "fa", "pnj-chay-gl"},
		{"latin accents folded", "Café Müller à Zürich", "fr", "cafe-muller-a-zurich"},
		{"latin specials", "Straße Ærø Łódź", "de", "strasse-aero-lodz"},
		{"mixed scripts", "Путин and بوتين 2023", "en", "putin-and-butin-2023"},
		{"hebrew dropped", "שלום world", "he", "world"},
		{"only unromanisable", "中文 שלום", "en", ""},
		{"only punctuation", "«—»", "ru", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lang.Slugify(tt.title, tt.tag, lang.SlugTranslit)
			if got != tt.want {
				t.Errorf("Slugify(%q, %q, translit) = %q, want %q", tt.title, tt.tag, got, tt.want)
			}
			for _, r := range got {
				if r > 0x7f {
					t.Errorf("Slugify(%q, translit) = %q, not ASCII", tt.title, got)
					break
				}
			}
		})
	}
}

func TestSlugifyLength(t *testing.T) {
	words := strings.Repeat("قمة ", 40) // 40 words of 3 runes
	long := strings.Repeat("a", 100)
	tests := []struct {
		name, title string
		style       lang.SlugStyle
		want        string
	}{
		{"cut at word boundary", words, lang.SlugNative, strings.TrimSuffix(strings.Repeat("قمة-", 20), "-")},
		{"exactly 80 kept", strings.Repeat("abcd ", 15) + "abcd", lang.SlugNative, strings.Repeat("abcd-", 15) + "abcd"},
		{"boundary right after 80", strings.Repeat("abcdefghi ", 8) + "tail", lang.SlugNative, strings.TrimSuffix(strings.Repeat("abcdefghi-", 8), "-")},
		{"one huge word is hard cut", long, lang.SlugNative, strings.Repeat("a", 80)},
		{"translit cut", strings.Repeat("щука ", 30), lang.SlugTranslit, strings.TrimSuffix(strings.Repeat("shchuka-", 10), "-")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lang.Slugify(tt.title, "", tt.style)
			if got != tt.want {
				t.Errorf("Slugify = %q (%d runes), want %q", got, utf8.RuneCountInString(got), tt.want)
			}
			if n := utf8.RuneCountInString(got); n > 80 {
				t.Errorf("slug has %d runes, want <= 80", n)
			}
		})
	}
}

func checkSlug(t *testing.T, title, slug string, style lang.SlugStyle) {
	t.Helper()
	switch {
	case !utf8.ValidString(slug):
		t.Errorf("Slugify(%q, %s) = %q: invalid UTF-8", title, style, slug)
	case strings.HasPrefix(slug, "-") || strings.HasSuffix(slug, "-"):
		t.Errorf("Slugify(%q, %s) = %q: leading or trailing dash", title, style, slug)
	case strings.Contains(slug, "--"):
		t.Errorf("Slugify(%q, %s) = %q: double dash", title, style, slug)
	case utf8.RuneCountInString(slug) > 80:
		t.Errorf("Slugify(%q, %s) = %q: longer than 80 runes", title, style, slug)
	case strings.ContainsAny(slug, " /?#%&\"'<>"):
		t.Errorf("Slugify(%q, %s) = %q: URL-hostile character", title, style, slug)
	}
	if style == lang.SlugTranslit {
		for i := 0; i < len(slug); i++ {
			if c := slug[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				t.Errorf("Slugify(%q, translit) = %q: byte %q outside [a-z0-9-]", title, slug, c)
				break
			}
		}
	}
}

func FuzzSlugify(f *testing.F) {
	for _, s := range []string{
		"بوتين يستضيف قمةً غير رسمية", "Путин провёл встречу", "Hello, World!", "",
		"---", "كـ", "\xff\xfe", "a\u0301", "\u0301a", "ـــ", strings.Repeat("щ", 200),
		"İı", "ﷺ", "١٢٣", "a'b", "\u200c\u200f",
	} {
		f.Add(s, "ar")
		f.Add(s, "tr")
	}
	f.Fuzz(func(t *testing.T, title, tag string) {
		for _, style := range []lang.SlugStyle{lang.SlugNative, lang.SlugTranslit} {
			slug := lang.Slugify(title, tag, style)
			checkSlug(t, title, slug, style)
			// Slugs are stable: slugifying a slug changes nothing.
			if again := lang.Slugify(slug, tag, style); style == lang.SlugTranslit && again != slug {
				t.Errorf("Slugify not idempotent: %q -> %q -> %q", title, slug, again)
			}
		}
	})
}
