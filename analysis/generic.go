package analysis

// generic is the analyser for languages without one of their own: words are
// split, case-folded and digit-folded, and indexed as they are. Without
// knowing the language, stemming or a stop list would do more harm than good.
type generic struct{}

func (generic) normRune(buf []rune, r rune) []rune { return append(buf, r) }

func (generic) terms(dst []string, _, norm string, _ bool, _ *state) []string {
	return append(dst, norm)
}
