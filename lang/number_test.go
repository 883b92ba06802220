package lang_test

import (
	"math"
	"strconv"
	"testing"

	"github.com/khabarnews/khabar/lang"
)

func TestLocalizeDigits(t *testing.T) {
	tests := []struct {
		name, s, tag string
		d            lang.Digits
		want         string
	}{
		{"ar default", "2023", "ar", "", "٢٠٢٣"},
		{"ar arab", "0123456789", "ar", lang.ArabDigits, "٠١٢٣٤٥٦٧٨٩"},
		{"ar latn", "2023", "ar", lang.LatnDigits, "2023"},
		{"ar region", "14:30", "ar-EG", "", "١٤:٣٠"},
		{"ar mixed text", "قمة 2023 في موسكو", "ar", "", "قمة ٢٠٢٣ في موسكو"},
		{"ar no digits", "بلا أرقام", "ar", "", "بلا أرقام"},
		{"ar empty", "", "ar", "", ""},
		{"ar already arabic", "٢٠٢٣", "ar", "", "٢٠٢٣"},
		{"ru untouched", "2023", "ru", "", "2023"},
		{"ru ignores arab", "2023", "ru", lang.ArabDigits, "2023"},
		{"en untouched", "Page 2 of 10", "en", lang.ArabDigits, "Page 2 of 10"},
		{"fa untouched", "2023", "fa", "", "2023"},
		{"unknown digits value means arab", "7", "ar", "deva", "٧"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lang.LocalizeDigits(tt.s, tt.tag, tt.d); got != tt.want {
				t.Errorf("LocalizeDigits(%q, %q, %q) = %q, want %q", tt.s, tt.tag, tt.d, got, tt.want)
			}
		})
	}
}

func TestFormatInt(t *testing.T) {
	tests := []struct {
		n    int
		tag  string
		d    lang.Digits
		want string
	}{
		{12345, "ar", "", "١٢٬٣٤٥"},
		{12345, "ar", lang.ArabDigits, "١٢٬٣٤٥"},
		{12345, "ar", lang.LatnDigits, "12,345"},
		{0, "ar", "", "٠"},
		{7, "ar", "", "٧"},
		{999, "ar", "", "٩٩٩"},
		{1000, "ar", "", "١٬٠٠٠"},
		{1234567, "ar", "", "١٬٢٣٤٬٥٦٧"},
		{-5, "ar", "", "\u061c-٥"},
		{-1234, "ar", lang.LatnDigits, "-1,234"},
		{12345, "ru", "", "12\u00a0345"},
		{1000, "ru", "", "1\u00a0000"},
		{999, "ru", "", "999"},
		{1234567, "ru", lang.ArabDigits, "1\u00a0234\u00a0567"},
		{-1234567, "ru", "", "-1\u00a0234\u00a0567"},
		{12345, "en", "", "12,345"},
		{100, "en", "", "100"},
		{1000000, "en", "", "1,000,000"},
		{-100000, "en", "", "-100,000"},
		{12345, "de", "", "12.345"},
		{1234, "es", "", "1234"},
		{12345, "es", "", "12.345"},
		{12345, "fr", "", "12\u202f345"},
		{12345, "xx", "", "12,345"},
	}
	for _, tt := range tests {
		t.Run(tt.tag+"/"+string(tt.d)+"/"+tt.want, func(t *testing.T) {
			if got := lang.FormatInt(tt.n, tt.tag, tt.d); got != tt.want {
				t.Errorf("FormatInt(%d, %q, %q) = %q, want %q", tt.n, tt.tag, tt.d, got, tt.want)
			}
		})
	}
}

// TestFormatIntExtremes proves that the minimum int, whose negation
// overflows, is formatted rather than mangled.
func TestFormatIntExtremes(t *testing.T) {
	if strconv.IntSize != 64 {
		t.Skip("expectations are written for 64-bit int")
	}
	tests := []struct {
		n    int
		tag  string
		want string
	}{
		{math.MaxInt, "en", "9,223,372,036,854,775,807"},
		{math.MinInt, "en", "-9,223,372,036,854,775,808"},
		{math.MinInt, "ar", "\u061c-٩٬٢٢٣٬٣٧٢٬٠٣٦٬٨٥٤٬٧٧٥٬٨٠٨"},
	}
	for _, tt := range tests {
		t.Run(tt.tag+"/"+strconv.Itoa(tt.n), func(t *testing.T) {
			if got := lang.FormatInt(tt.n, tt.tag, ""); got != tt.want {
				t.Errorf("FormatInt(%d, %q) = %q, want %q", tt.n, tt.tag, got, tt.want)
			}
		})
	}
}
