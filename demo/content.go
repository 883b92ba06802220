package demo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/khabarnews/khabar"
)

// The demo content is data, not code: JSON files under content/, read
// strictly (an unknown field is an error, so a typo never silently drops
// text) and checked for dangling references before anything is stored.

// content is everything under content/.
type content struct {
	Site     siteFile
	Sections []sectionFile
	Tags     []tagFile
	Sources  []sourceFile
	Authors  []authorFile
	Pages    []pageFile
	Stories  []storyFile
}

type siteFile struct {
	Name         khabar.Text `json:"name"`
	Tagline      khabar.Text `json:"tagline"`
	Languages    []string    `json:"languages"`
	DefaultLang  string      `json:"default_lang"`
	ArabicDigits string      `json:"arabic_digits"`
	ArabicMonths string      `json:"arabic_months"`
	HijriLangs   []string    `json:"hijri_langs"`
	TimeZone     string      `json:"time_zone"`
	SlugStyle    string      `json:"slug_style"`
}

type sectionFile struct {
	Slug  string      `json:"slug"`
	Names khabar.Text `json:"names"`
}

type tagFile struct {
	Slug  string      `json:"slug"`
	Names khabar.Text `json:"names"`
}

type sourceFile struct {
	Key   string      `json:"key"` // how stories name it; not stored
	Names khabar.Text `json:"names"`
	URL   string      `json:"url"`
}

type authorFile struct {
	Slug  string      `json:"slug"` // also the login
	Role  khabar.Role `json:"role"`
	Names khabar.Text `json:"names"`
	Bio   khabar.Text `json:"bio"`
}

type pageFile struct {
	Key      string                 `json:"key"`
	Versions map[string]pageVersion `json:"versions"`
}

type pageVersion struct {
	Title string `json:"title"`
	Slug  string `json:"slug"` // optional: from the title when empty
	Body  body   `json:"body"`
}

// storyFile is one file of content/stories/.
type storyFile struct {
	Key      string                  `json:"key"`
	Section  string                  `json:"section"`
	Tags     []string                `json:"tags"`
	Authors  []string                `json:"authors"`
	Source   string                  `json:"source"`   // "" for the group's own reporting
	Original string                  `json:"original"` // language written first
	Featured bool                    `json:"featured"`
	AgeHours float64                 `json:"age_hours"` // before "now"; negative: scheduled for the future
	Image    imageFile               `json:"image"`
	Versions map[string]storyVersion `json:"versions"`
}

type imageFile struct {
	Scene   string      `json:"scene"`
	Palette int         `json:"palette"`
	Credit  khabar.Text `json:"credit"` // the holder only: the page adds "Photo:"
	Caption khabar.Text `json:"caption"`
	Alt     khabar.Text `json:"alt"`
}

type storyVersion struct {
	Title   string `json:"title"`
	Summary string `json:"summary"`
	Body    body   `json:"body"`
}

// body is article HTML. In the files it is either one string or, far easier
// to write and review, an array of blocks that are joined with newlines.
type body string

func (b *body) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		*b = body(s)
		return nil
	}
	var blocks []string
	if err := json.Unmarshal(data, &blocks); err != nil {
		return fmt.Errorf("a body is a string or an array of strings: %w", err)
	}
	*b = body(strings.Join(blocks, "\n"))
	return nil
}

// decodeStrict decodes one JSON value, refusing unknown fields and trailing data.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("unexpected data after the JSON value")
	}
	return nil
}

func readJSON(fsys fs.FS, name string, v any) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("reading demo content: %w", err)
	}
	if err := decodeStrict(data, v); err != nil {
		return fmt.Errorf("reading demo content %s: %w", name, err)
	}
	return nil
}

// readContent reads and checks every file; fsys is rooted at content/.
func readContent(fsys fs.FS) (*content, error) {
	c := &content{}
	for name, v := range map[string]any{
		"site.json": &c.Site, "sections.json": &c.Sections, "tags.json": &c.Tags,
		"sources.json": &c.Sources, "authors.json": &c.Authors, "pages.json": &c.Pages,
	} {
		if err := readJSON(fsys, name, v); err != nil {
			return nil, err
		}
	}
	names, err := fs.Glob(fsys, "stories/*.json")
	if err != nil {
		return nil, fmt.Errorf("listing demo stories: %w", err)
	}
	slices.Sort(names)
	for _, name := range names {
		var s storyFile
		if err := readJSON(fsys, name, &s); err != nil {
			return nil, err
		}
		// Files are named NNN-key.json, so that the key is seen in a listing.
		if base := strings.TrimSuffix(path.Base(name), ".json"); !strings.HasSuffix(base, "-"+s.Key) {
			return nil, fmt.Errorf("demo story %s: key %q does not match the file name", name, s.Key)
		}
		c.Stories = append(c.Stories, s)
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	return c, nil
}
