package web

import (
	"html/template"
	"strconv"
	"time"

	"github.com/khabarnews/khabar/lang"
)

// trustedHTML marks stored body HTML as safe: bodies are sanitised by
// markup.Clean before they are saved, never at render time.
func trustedHTML(s string) template.HTML { return template.HTML(s) } //nolint:gosec // sanitised on save

func itoa(n int) string { return strconv.Itoa(n) }

func monthName(year int, m time.Month, v *view) string {
	return lang.FormatMonthYear(year, m, v.Lang.Tag, v.dateOptions())
}

func yearName(year int, v *view) string { return lang.FormatYear(year, v.Lang.Tag, v.dateOptions()) }
