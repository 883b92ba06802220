package analysis

import (
	"slices"
	"testing"
)

func TestRussianNormalization(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Россия", "россия"},
		{"РОССИЯ", "россия"},
		{"ёлка", "елка"},
		{"Ёлка", "елка"},
		{"ещё", "еще"},
		{"её", "ее"},
		{"партнёрства", "партнерства"},
		{"За́мок", "замок"},      // stress mark
		{"замо̀к", "замок"},      // grave stress mark
		{"и\u0306од", "йод"},     // decomposed й
		{"И\u0306ЕМЕН", "йемен"}, // decomposed Й
		{"е\u0308лка", "елка"},   // decomposed ё
		{"G20", "g20"},
		{"СНГ", "снг"},
		{"COVID-19", "covid"}, // the hyphen splits; this is the first word
		{"Путин\u200B", "путин"},
		{"\u00ADПу\u00ADтин", "путин"}, // soft hyphens
		{"٢٠٢٤", "2024"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a := For("ru").(*analyzer)
			start, end, ok := nextWord(tt.in, 0, false)
			if !ok {
				t.Fatalf("no word in %q", tt.in)
			}
			if got := a.normalize(tt.in[start:end], &state{}); got != tt.want {
				t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRussianStems(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Россия", "росс"}, {"России", "росс"}, {"Россию", "росс"}, {"Россией", "росс"},
		{"переговоры", "переговор"}, {"переговоров", "переговор"}, {"переговорах", "переговор"},
		{"президент", "президент"}, {"президента", "президент"}, {"президентов", "президент"},
		{"Путин", "путин"}, {"Путина", "путин"}, {"Путиным", "путин"},
		{"Москва", "москв"}, {"Москве", "москв"}, {"Москвы", "москв"},
		{"лидеры", "лидер"}, {"лидеров", "лидер"},
		{"встреча", "встреч"}, {"встречи", "встреч"},
		{"государств", "государств"}, {"государства", "государств"},
		{"партнёрства", "партнерств"}, {"партнерства", "партнерств"},
		{"саммиты", "саммит"}, {"саммит", "самм"}, // Snowball reads -ит as a verb ending
		{"G20", "g20"}, {"2024", "2024"},
	}
	a := For("ru")
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := primary(a, tt.in); got != tt.want {
				t.Errorf("QueryTerms(%q)[0] = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestRussianSummit documents what Snowball does to саммит and what the
// analyser matches: Snowball gives самм for саммит and саммите but саммит
// for the other forms, so the primary terms differ, and the noun stem
// (саммит for every form) is what joins them. Every form finds every other.
func TestRussianSummit(t *testing.T) {
	a := For("ru")
	forms := words("саммит саммита саммиту саммитом саммите саммиты саммитов саммитам саммитами саммитах Саммит САММИТЫ")
	for _, f := range forms {
		if !slices.Contains(a.QueryTerms(f), "саммит") || !slices.Contains(a.IndexTerms(f), "саммит") {
			t.Errorf("%q: QueryTerms %q, IndexTerms %q, want both to hold саммит", f, a.QueryTerms(f), a.IndexTerms(f))
		}
		for _, d := range forms {
			if !matches(a, f, d) {
				t.Errorf("query %q does not find %q: %q vs %q", f, d, a.QueryTerms(f), a.IndexTerms(d))
			}
		}
	}
	if got := a.QueryTerms("саммит"); !slices.Equal(got, []string{"самм", "саммит"}) {
		t.Errorf("QueryTerms(саммит) = %q, want [самм саммит]", got)
	}
	if got := a.QueryTerms("саммите"); !slices.Equal(got, []string{"самм", "саммит", "саммите"}) {
		t.Errorf("QueryTerms(саммите) = %q, want [самм саммит саммите]", got)
	}
	if got := a.IndexTerms("саммиты"); !slices.Equal(got, []string{"саммит", "саммиты"}) {
		t.Errorf("IndexTerms(саммиты) = %q, want [саммит саммиты]", got)
	}
}

func TestRussianEquivalence(t *testing.T) {
	classes := []string{
		"Россия России Россию Россией РОССИЯ",
		"переговоры переговоров переговорам переговорами переговорах",
		"саммит саммита саммиту саммитом саммите саммиты саммитов",
		"визит визита визите визиты визитов",
		"Казахстан Казахстана Казахстане Казахстаном Казахстану",
		"Пашинян Пашиняна Пашиняном Пашиняну",
		"Иран Ирана Иране Ираном",
		"план плана плане планы планов",
		"кредит кредита кредите кредиты",
		"режим режима режиме режимы",
		"ёлка елка ёлки елки Ёлку",
		"партнёрство партнерство партнёрства партнерству",
		"встреча встречи встречу встречей встреч",
		"лидер лидера лидеры лидеров лидерами",
		"Кремль Кремля Кремле Кремлю",
		"Петербург Петербурга Петербурге",
		"содружество содружества Содружеству",
		"государство государства государств государствами",
		"неформальный неформальная неформальной неформального",
		"заявил заявила заявили",
	}
	a := For("ru")
	for _, c := range classes {
		members := words(c)
		t.Run(members[0], func(t *testing.T) {
			for _, q := range members {
				for _, d := range members {
					if !matches(a, q, d) {
						t.Errorf("query %q does not find %q: %q vs %q", q, d, a.QueryTerms(q), a.IndexTerms(d))
					}
				}
			}
		})
	}
}

func TestRussianNonEquivalence(t *testing.T) {
	pairs := []string{
		"мир мера", "стран страх", "Путин путь", "саммит сам", "план плата",
		"Россия роса", "закон закат", "совет сова", "Иран ирония", "заявил зал",
	}
	a := For("ru")
	for _, p := range pairs {
		ws := words(p)
		t.Run(p, func(t *testing.T) {
			if matches(a, ws[0], ws[1]) || matches(a, ws[1], ws[0]) {
				t.Errorf("%q and %q find each other: %q/%q vs %q/%q", ws[0], ws[1],
					a.QueryTerms(ws[0]), a.IndexTerms(ws[0]), a.QueryTerms(ws[1]), a.IndexTerms(ws[1]))
			}
		})
	}
}

func TestRussianStopWords(t *testing.T) {
	a := For("ru")
	for _, w := range words(russianStopWords) {
		t.Run(w, func(t *testing.T) {
			if got := a.IndexTerms(w); len(got) != 0 {
				t.Errorf("stop word %q indexed as %q", w, got)
			}
		})
	}
	for _, w := range words("И В Не ЕЩЁ её Её КОТОРЫЕ") {
		if got := a.IndexTerms(w); len(got) != 0 {
			t.Errorf("stop word %q indexed as %q", w, got)
		}
	}
}

// TestRussianMixedScripts checks Latin words and numbers inside Russian
// text: folded, not stemmed, positions kept.
func TestRussianMixedScripts(t *testing.T) {
	a := For("ru")
	text := "На саммите G20 и встрече BRICS+ в 2024 году обсуждали COVID-19 и iPhone’ы"
	got := a.IndexTerms(text)
	for _, want := range []string{"g20", "brics", "2024", "covid", "19", "iphone", "ы"} {
		if !slices.Contains(got, want) {
			t.Errorf("IndexTerms(%q) = %q, want %q among them", text, got, want)
		}
	}
	toks := a.Tokens(text)
	for _, tk := range toks {
		if tk.Term == "g20" && (text[tk.Start:tk.End] != "G20" || tk.Position != 2) {
			t.Errorf("g20 token = %+v (%q), want G20 at position 2", tk, text[tk.Start:tk.End])
		}
	}
}

func TestRussianHyphens(t *testing.T) {
	a := For("ru")
	text := "Санкт-Петербург, премьер-министр, из-за, государств-участников"
	var got []string
	for _, tk := range a.Tokens(text) {
		j := ""
		if tk.Joined {
			j = "+"
		}
		got = append(got, text[tk.Start:tk.End]+"="+tk.Term+j)
	}
	// The second word of each pair also has the pair's terms written as
	// one word (премьерминистр), marked Joined.
	want := []string{
		"Санкт=санкт", "Петербург=петербург", "Петербург=санктпетербург+",
		"премьер=премьер", "министр=министр", "министр=премьерминистр+",
		// из, за: stop words
		"государств=государств", "участников=участник", "участников=участников",
		"участников=государствучастник+", "участников=государствучастников+",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Tokens(%q) = %q, want %q", text, got, want)
	}
}
