// Package i18n holds the user-interface strings of Khabar (buttons, labels,
// headings, messages) in every language the public site and the newsroom
// speak, and looks them up with placeholder substitution and CLDR plurals.
//
// The catalogues are JSON files embedded in the binary, one per language
// (ar.json, ru.json, en.json), so that a translator can edit them without
// reading Go and a deployment never depends on files on disk. Each file is a
// flat object: key → string, or for a plural key, key → object from CLDR
// category name ("zero", "one", "two", "few", "many", "other") to string.
// Placeholders are written {name} and filled by T and N.
//
// English is the reference catalogue: a key missing in another language falls
// back to English, and the parity test in this package keeps the other
// catalogues complete.
package i18n

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/khabarnews/khabar/lang"
)

// The public site's strings are in the top-level files; each area of the
// newsroom keeps its own in a folder (newsroom/ar.json …), so that people
// working on different areas do not edit the same file.
//
//go:embed *.json */*.json
var files embed.FS

// Reference is the catalogue every other language is checked against and
// falls back to.
const Reference = "en"

// entry is one catalogue value: a plain string, or plural forms.
type entry struct {
	text   string
	forms  map[lang.Plural]string // nil for a plain string
	plural bool
}

// Catalog is a parsed, immutable set of catalogues. It is safe for
// concurrent use; build it once at start-up with Load and pass it down.
type Catalog struct {
	langs map[string]map[string]entry
}

// Load parses the embedded catalogues. It fails on malformed JSON, duplicate
// keys, values that are neither strings nor plural objects, unknown plural
// category names and plural objects without "other", so that a broken
// translation stops the server at start-up instead of showing readers a key.
func Load() (*Catalog, error) {
	return load(files)
}

// load parses every *.json file at the root of fsys; the file name without
// extension is the language tag. It is separate from Load so tests can feed
// it broken catalogues.
func load(fsys fs.FS) (*Catalog, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, fmt.Errorf("list catalogues: %w", err)
	}
	more, err := fs.Glob(fsys, "*/*.json")
	if err != nil {
		return nil, fmt.Errorf("list catalogues: %w", err)
	}
	names = append(names, more...)
	c := &Catalog{langs: make(map[string]map[string]entry, len(names))}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read catalogue %s: %w", name, err)
		}
		entries, err := parse(data)
		if err != nil {
			return nil, fmt.Errorf("parse catalogue %s: %w", name, err)
		}
		tag := strings.TrimSuffix(path.Base(name), ".json")
		if c.langs[tag] == nil {
			c.langs[tag] = entries
			continue
		}
		for k, e := range entries {
			if _, dup := c.langs[tag][k]; dup {
				return nil, fmt.Errorf("catalogue %s: key %q is also in another %s file", name, k, tag)
			}
			c.langs[tag][k] = e
		}
	}
	if _, ok := c.langs[Reference]; !ok {
		return nil, fmt.Errorf("load catalogues: no %s.json, the fallback for every other language", Reference)
	}
	return c, nil
}

// categories maps CLDR category names, as written in the files, to values.
var categories = map[string]lang.Plural{
	"zero": lang.Zero, "one": lang.One, "two": lang.Two,
	"few": lang.Few, "many": lang.Many, "other": lang.Other,
}

// parse reads one catalogue. It walks the top-level object token by token
// because encoding/json silently keeps the last of two duplicate keys, and a
// duplicate is how two translators' edits conflict unnoticed.
func parse(data []byte) (map[string]entry, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("want a JSON object at the top level")
	}
	out := make(map[string]entry)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, ok := tok.(string)
		if !ok { // the decoder already rejects this; never panic on a catalogue
			return nil, fmt.Errorf("object key %v is not a string", tok)
		}
		if _, dup := out[key]; dup {
			return nil, fmt.Errorf("duplicate key %q", key)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("key %q: %w", key, err)
		}
		e, err := parseValue(raw)
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", key, err)
		}
		out[key] = e
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("trailing data after the top-level object")
	}
	return out, nil
}

func parseValue(raw json.RawMessage) (entry, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return entry{text: s}, nil
	}
	var m map[string]string
	if err := json.Unmarshal(raw, &m); err != nil {
		return entry{}, errors.New("value must be a string or an object of plural forms")
	}
	e := entry{forms: make(map[lang.Plural]string, len(m)), plural: true}
	for name, s := range m {
		p, ok := categories[name]
		if !ok {
			return entry{}, fmt.Errorf("unknown plural category %q", name)
		}
		e.forms[p] = s
	}
	other, ok := e.forms[lang.Other]
	if !ok {
		return entry{}, errors.New(`plural forms lack "other", the form of last resort`)
	}
	e.text = other
	return e, nil
}

// Languages returns the tags of the loaded catalogues, sorted.
func (c *Catalog) Languages() []string {
	tags := make([]string, 0, len(c.langs))
	for tag := range c.langs {
		tags = append(tags, tag)
	}
	slices.Sort(tags)
	return tags
}

// Has reports whether a catalogue for tag exists, so that configuration can
// refuse a site language nobody has translated the interface into.
func (c *Catalog) Has(tag string) bool {
	_, ok := c.langs[tag]
	return ok
}

// Keys returns the keys of tag's catalogue, sorted; nil for an unknown tag.
func (c *Catalog) Keys(tag string) []string {
	m, ok := c.langs[tag]
	if !ok {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// lookup finds key in tag's catalogue, then in the reference catalogue. The
// returned tag is the catalogue the entry came from, which decides the
// plural rule: an English fallback string must use English plurals.
func (c *Catalog) lookup(tag, key string) (entry, string, bool) {
	tag = c.resolve(tag)
	if e, ok := c.langs[tag][key]; ok {
		return e, tag, true
	}
	e, ok := c.langs[Reference][key]
	return e, Reference, ok
}

// resolve maps a regional tag ("ar-EG", "ru_RU") to the catalogue of its
// base language when there is no catalogue for the exact tag.
func (c *Catalog) resolve(tag string) string {
	if _, ok := c.langs[tag]; ok {
		return tag
	}
	b, _, _ := strings.Cut(strings.ReplaceAll(tag, "_", "-"), "-")
	return strings.ToLower(b)
}

// T returns the string for key in language tag with placeholders filled from
// args, which are name/value pairs: T("ar", "article.by", "name", "ليلى")
// replaces {name}. A trailing unpaired arg is ignored. A key missing in tag
// falls back to English and then to the key itself, so that a template never
// fails over a missing translation; the parity test keeps that from reaching
// production. For a plural key T returns its "other" form.
func (c *Catalog) T(tag, key string, args ...string) string {
	e, _, ok := c.lookup(tag, key)
	if !ok {
		return key
	}
	return fill(e.text, args)
}

// N returns the plural form of key for the count n in language tag, chosen
// by lang.PluralCategory, with {n} replaced by formatted. The caller formats
// n (lang.FormatInt with the site's digits) because the catalogue cannot
// know the site settings. A form missing from the catalogue falls back to
// "other"; a missing key falls back as in T. A non-plural key is used as is.
func (c *Catalog) N(tag, key string, n int, formatted string) string {
	e, from, ok := c.lookup(tag, key)
	if !ok {
		return key
	}
	s := e.text
	if e.plural {
		if f, ok := e.forms[lang.PluralCategory(from, n)]; ok {
			s = f
		}
	}
	return strings.ReplaceAll(s, "{n}", formatted)
}

// fill replaces {name} by value for each name/value pair in one pass, so a
// value that itself contains braces (a headline, a user name) is never
// expanded again.
func fill(s string, args []string) string {
	if len(args) < 2 || !strings.Contains(s, "{") {
		return s
	}
	pairs := make([]string, 0, len(args)&^1)
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+args[i]+"}", args[i+1])
	}
	return strings.NewReplacer(pairs...).Replace(s)
}
