// Command wordnet writes the seed of the English lexicon's irregular forms
// (lexicon/en/irregular.txt) from WordNet's exception lists, as Debian's
// wordnet-base package installs them:
//
//	go run ./analysis/lexicon/wordnet -dict /usr/share/wordnet > analysis/lexicon/en/irregular.txt
//
// It keeps a form only where the Snowball English stemmer does not already
// join it to its base (bought and buy; not abetted and abet), where the
// form is not itself a word of WordNet (left is a past of leave and a
// direction; saw, found, media and felt are words of their own), where it
// has one base (axes is of axe and of axis), and where the base is common
// (its senses are tagged at least -min times in WordNet's sense counts),
// so that the file stays small and joins no two words. Stop words go (be,
// was), and a few forms that are words of their own in the news (lives,
// media, woke) or archaic (addrest).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"

	"github.com/khabarnews/khabar/analysis"
)

// skip are forms left out although WordNet's lists qualify them.
var skip = map[string]bool{
	"lives": true, "media": true, "woke": true, "reis": true, "noes": true, "addrest": true, "gript": true,
	"hove": true, "pled": true, "programmes": true, "arcked": true, "arcking": true,
}

func main() {
	dict := flag.String("dict", "/usr/share/wordnet", "WordNet's dict directory")
	min := flag.Int("min", 8, "fewest tagged senses of a base")
	flag.Parse()
	if err := run(*dict, *min, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "wordnet:", err)
		os.Exit(1)
	}
}

func run(dict string, min int, w io.Writer) error {
	lemmas := map[string]bool{}
	for _, pos := range []string{"noun", "verb", "adj", "adv"} {
		if err := eachLine(filepath.Join(dict, "index."+pos), func(f []string) {
			lemmas[f[0]] = true
		}); err != nil {
			return err
		}
	}
	counts := map[string]int{}
	if err := eachLine(filepath.Join(dict, "cntlist.rev"), func(f []string) {
		if len(f) == 3 {
			n, _ := strconv.Atoi(f[2])
			counts[f[0][:strings.IndexByte(f[0], '%')]] += n
		}
	}); err != nil {
		return err
	}
	// The analyser without a lexicon tells stop words.
	bare, err := analysis.NewLexicon(nil)
	if err != nil {
		return err
	}
	indexed := func(w string) bool { return bare.For("en").QueryTerms(w) != nil }
	forms := map[string][]string{} // base → its irregular forms
	for _, pos := range []string{"verb", "noun", "adj"} {
		if err := eachLine(filepath.Join(dict, pos+".exc"), func(f []string) {
			form, bases := f[0], f[1:]
			if len(bases) != 1 || lemmas[form] || counts[bases[0]] < min || !plain(form) || !plain(bases[0]) {
				return
			}
			if skip[form] || !indexed(form) || !indexed(bases[0]) {
				return
			}
			if stem(form) == stem(bases[0]) || slices.Contains(forms[bases[0]], form) {
				return
			}
			forms[bases[0]] = append(forms[bases[0]], form)
		}); err != nil {
			return err
		}
	}
	bases := make([]string, 0, len(forms))
	for b := range forms {
		bases = append(bases, b)
	}
	slices.Sort(bases)
	fmt.Fprintln(w, "# English irregular forms: the base, then the forms the stemmer does not join to it.")
	fmt.Fprintln(w, "# Made by analysis/lexicon/wordnet from WordNet 3.0's exception lists.")
	fmt.Fprintln(w, "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.")
	fmt.Fprintln(w, "# Used under the WordNet 3.0 license: https://wordnet.princeton.edu/license-and-commercial-use")
	for _, b := range bases {
		fmt.Fprintf(w, "%s, %s\n", b, strings.Join(forms[b], ", "))
	}
	return nil
}

// plain reports whether w is one word of lower-case letters.
func plain(w string) bool {
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return w != ""
}

func stem(w string) string {
	env := snowballstem.NewEnv(w)
	english.Stem(env)
	return env.Current()
}

// eachLine calls fn with the fields of each line of a WordNet file, past
// its license header (lines that begin with spaces).
func eachLine(path string, fn func([]string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 1<<20), 1<<20)
	for s.Scan() {
		line := s.Text()
		if strings.HasPrefix(line, " ") || line == "" {
			continue
		}
		fn(strings.Fields(line))
	}
	return s.Err()
}
