package analysis_test

import (
	"fmt"

	"github.com/khabarnews/khabar/analysis"
)

func ExampleFor() {
	ar := analysis.For("ar")
	fmt.Println(ar.IndexTerms("اجتماعاً للرابطة في الكرملِين"))
	fmt.Println(ar.QueryTerms("والرابطة"))

	ru := analysis.For("ru-RU")
	fmt.Println(ru.IndexTerms("Саммит в Петербурге"))
	fmt.Println(ru.QueryTerms("саммиты"))
	// Output:
	// [اجتماع اجتماعا رابط للرابطه كرملين الكرملين]
	// [رابط]
	// [самм саммит петербург петербурге]
	// [саммит саммиты]
}

// A query is split with Tokens; each word's alternatives are ORed, and the
// words ANDed.
func ExampleAnalyzer_QueryTerms() {
	a := analysis.For("en")
	query := "Russia's summits in 2024"
	last := -1
	for _, t := range a.Tokens(query) {
		if t.Position == last {
			continue
		}
		last = t.Position
		fmt.Println(a.QueryTerms(query[t.Start:t.End]))
	}
	// Output:
	// [russia]
	// [summit summits]
	// [2024]
}
