package analysis

import (
	"github.com/blevesearch/snowballstem"
)

// stemmer holds a Snowball environment for the length of one analysis, so
// that stemming a paragraph allocates one environment rather than one per
// word.
type stemmer struct {
	env *snowballstem.Env
}

// stem runs a generated Snowball stemmer over w.
func (s *stemmer) stem(w string, fn func(*snowballstem.Env) bool) string {
	if s.env == nil {
		s.env = snowballstem.NewEnv(w)
	} else {
		s.env.SetCurrent(w)
	}
	fn(s.env)
	return s.env.Current()
}
