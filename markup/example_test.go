package markup_test

import (
	"fmt"

	"github.com/khabarnews/khabar/markup"
)

func ExampleClean() {
	pasted := "<p>\u00a0قال <b>Vladimir Putin</b> إن…</p><p>&nbsp;</p><h1>كـ تقليد</h1>"
	body, err := markup.Clean(pasted)
	if err != nil {
		panic(err)
	}
	fmt.Println(body)
	// Output:
	// <p>قال <strong>Vladimir Putin</strong> إن…</p>
	// <h2>كـ تقليد</h2>
}

func ExampleIsolate() {
	fmt.Println(markup.Isolate("<p>وكالة ТАСС: قمة G20 عام 2024</p>"))
	// Output:
	// <p>وكالة <bdi>ТАСС</bdi>: قمة <bdi>G20</bdi> عام 2024</p>
}

func ExampleExcerpt() {
	fmt.Println(markup.Excerpt("<p>قال الرئيس إن الاجتماع ناجح.</p>", 20))
	// Output:
	// قال الرئيس إن…
}
