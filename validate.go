package khabar

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The rules every piece of text obeys before Khabar keeps it, written once
// here: the newsroom checks them before it writes, and the stores check them
// again for anything that reaches them another way (bulk imports).

// Limits that keep one story within what a page and a feed can show.
const (
	MaxTitleRunes   = 300
	MaxSummaryRunes = 1000
	MaxBodyBytes    = 2 << 20
)

// CleanText removes from s what no reader can see and no page should carry:
// control characters other than tab and line breaks, and Unicode
// noncharacters (U+FFFE, U+FFFF …); a text with nothing visible left (only
// spaces, zero-width spaces, direction marks) is empty. Invalid UTF-8 is
// left for the check to refuse, so that a wrongly encoded text is reported,
// not silently mangled.
func CleanText(s string) string {
	if !utf8.ValidString(s) {
		return s
	}
	if strings.ContainsFunc(s, unwanted) {
		s = strings.Map(func(r rune) rune {
			if unwanted(r) {
				return -1
			}
			return r
		}, s)
	}
	if !Visible(s) {
		return ""
	}
	return s
}

// CleanLine is CleanText for one-line texts (titles, names, logins): line
// breaks and tabs become spaces and the ends are trimmed.
func CleanLine(s string) string {
	if !utf8.ValidString(s) {
		return s
	}
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, CleanText(s))
	return strings.TrimSpace(s)
}

// CleanTexts applies CleanLine to every language of t, dropping the
// languages whose text is left empty.
func CleanTexts(t Text) Text {
	for l, s := range t {
		if t[l] = CleanLine(s); t[l] == "" {
			delete(t, l)
		}
	}
	return t
}

// unwanted reports the runes CleanText drops. The replacement character
// U+FFFD is left alone: it is how a decoder marks what it could not read.
func unwanted(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20 || (r >= 0x7f && r <= 0x9f):
		return true
	case r >= 0xfdd0 && r <= 0xfdef:
		return true
	case r&0xfffe == 0xfffe && r != utf8.RuneError:
		return true
	}
	return false
}

// Visible reports whether s has a character a reader can see: a letter, a
// digit, a punctuation mark or a symbol that a font draws. A title of
// spaces, zero-width spaces, direction marks, fillers (U+3164, U+2800),
// variation selectors or lone combining marks is empty.
func Visible(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return unicode.In(r, unicode.L, unicode.N, unicode.P, unicode.S) && !ignorable(r) && !unwanted(r) && r != '\u2800'
	})
}

// ignorable reports Unicode's default-ignorable code points: those a font
// draws nothing for unless it knows them (format characters, fillers,
// variation selectors).
func ignorable(r rune) bool {
	return unicode.In(r, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector)
}

// checkText refuses invalid UTF-8 and the characters CleanText drops.
func checkText(field, s string) error {
	if !utf8.ValidString(s) {
		return Invalid(field, "err.text.utf8")
	}
	if strings.ContainsFunc(s, unwanted) {
		return Invalid(field, "err.text.control")
	}
	return nil
}

// checkTexts checks every language of t; required asks for at least one.
func checkTexts(field string, t Text, required bool) error {
	seen := false
	for l, s := range t {
		if err := checkText(field+"."+l, s); err != nil {
			return err
		}
		seen = seen || Visible(s)
	}
	if required && !seen {
		return Invalid(field, "err.names.required")
	}
	return nil
}

// CheckSlug accepts the address words Khabar makes: letters of any script,
// digits and dashes, nothing a URL would have to escape or split at.
func CheckSlug(field, slug string) error {
	if err := checkText(field, slug); err != nil {
		return err
	}
	if slug == "" {
		return Invalid(field, "err.slug.required")
	}
	for _, r := range slug {
		if r == '/' || r == '?' || r == '#' || r == '%' || r == '\\' || unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
			return Invalid(field, "err.slug.chars")
		}
	}
	return nil
}

// Validate checks a language version before it is saved.
func (v *Version) Validate() error {
	if v.Lang == "" || len(v.Lang) > 12 {
		return Invalid("lang", "err.lang.required")
	}
	if err := checkText("title", v.Title); err != nil {
		return err
	}
	if !Visible(v.Title) {
		return Invalid("title", "err.title.required")
	}
	if utf8.RuneCountInString(v.Title) > MaxTitleRunes {
		return Invalid("title", "err.title.too_long", "max", MaxTitleRunes)
	}
	if err := CheckSlug("slug", v.Slug); err != nil {
		return err
	}
	if err := checkText("summary", v.Summary); err != nil {
		return err
	}
	if utf8.RuneCountInString(v.Summary) > MaxSummaryRunes {
		return Invalid("summary", "err.summary.too_long", "max", MaxSummaryRunes)
	}
	if err := checkText("body", v.Body); err != nil {
		return err
	}
	if len(v.Body) > MaxBodyBytes {
		return Invalid("body", "err.body.too_large", "size", Bytes(MaxBodyBytes))
	}
	if v.Status == "" {
		v.Status = StatusDraft
	}
	if !v.Status.Valid() {
		return Invalid("status", "err.status.unknown", "status", string(v.Status))
	}
	if v.Status == StatusScheduled && v.PublishedAt.IsZero() {
		return Invalid("published_at", "err.published_at.required")
	}
	return nil
}

// Validate checks a section before it is saved.
func (s *Section) Validate() error {
	if err := CheckSlug("slug", s.Slug); err != nil {
		return err
	}
	return checkTexts("names", s.Names, true)
}

// Validate checks a tag before it is saved.
func (t *Tag) Validate() error {
	if err := CheckSlug("slug", t.Slug); err != nil {
		return err
	}
	return checkTexts("names", t.Names, true)
}

// Validate checks a source before it is saved.
func (s *Source) Validate() error {
	if err := checkTexts("names", s.Names, true); err != nil {
		return err
	}
	return CheckWebAddress("url", s.URL)
}

// CheckWebAddress accepts an empty address or an absolute http(s) one.
func CheckWebAddress(field, raw string) error {
	if err := checkText(field, raw); err != nil {
		return err
	}
	if raw == "" {
		return nil
	}
	scheme, rest, ok := strings.Cut(raw, "://")
	scheme = strings.ToLower(scheme)
	if !ok || (scheme != "http" && scheme != "https") || rest == "" || rest[0] == '/' ||
		strings.ContainsFunc(raw, func(r rune) bool { return unicode.IsSpace(r) || r < 0x20 }) {
		return Invalid(field, "err.url.invalid", "url", raw)
	}
	return nil
}

// Validate checks a user before it is saved.
func (u *User) Validate() error {
	if err := checkText("login", u.Login); err != nil {
		return err
	}
	if !Visible(u.Login) {
		return Invalid("login", "err.login.required")
	}
	if strings.ContainsAny(u.Login, " \t\n/\\") {
		return Invalid("login", "err.login.chars")
	}
	if err := CheckSlug("slug", u.Slug); err != nil {
		return err
	}
	if !u.Role.Valid() {
		return Invalid("role", "err.role.unknown")
	}
	if err := checkTexts("names", u.Names, true); err != nil {
		return err
	}
	return checkTexts("bio", u.Bio, false)
}

// Validate checks a static page with its language versions.
func (p *Page) Validate() error {
	if err := CheckSlug("key", p.Key); err != nil {
		return err
	}
	if len(p.Versions) == 0 {
		return Invalid("versions", "err.page.versions_required")
	}
	for l, v := range p.Versions {
		v.Lang = l
		if err := checkText("title", v.Title); err != nil {
			return err
		}
		if !Visible(v.Title) {
			return Invalid("title", "err.page.title_required", "language", LangName(l))
		}
		if err := CheckSlug("slug", v.Slug); err != nil {
			return err
		}
		if err := checkText("body", v.Body); err != nil {
			return err
		}
		if len(v.Body) > MaxBodyBytes {
			return Invalid("body", "err.body.too_large", "size", Bytes(MaxBodyBytes))
		}
	}
	return nil
}

// ValidateTexts checks an image's credit, caption and alt text; none is
// required, because an editor may add them after the upload.
func (m *Media) ValidateTexts() error {
	for _, f := range []struct {
		name string
		t    Text
	}{{"credit", m.Credit}, {"caption", m.Caption}, {"alt", m.Alt}} {
		if err := checkTexts(f.name, f.t, false); err != nil {
			return err
		}
	}
	return nil
}

// Validate checks a media record before it is stored: the readers must be
// able to load back its original and every variant.
func (m *Media) Validate() error {
	if m.Key == "" {
		return Invalid("key", "err.media.key")
	}
	if err := checkText("key", m.Key); err != nil {
		return err
	}
	if m.Width <= 0 || m.Height <= 0 {
		return Invalid("size", "err.media.size")
	}
	if err := m.ValidateTexts(); err != nil {
		return err
	}
	return ValidateVariants(m.Variants)
}

// ValidateVariants refuses variants the readers could not load back:
// unknown names, a name twice, no key or no size.
func ValidateVariants(vs []MediaVariant) error {
	seen := map[string]bool{}
	for _, v := range vs {
		if !slices.Contains(VariantNames(), v.Name) || seen[v.Name] || v.Key == "" || v.Width <= 0 || v.Height <= 0 {
			return Invalid("variants", "err.media.variant", "name", v.Name)
		}
		seen[v.Name] = true
		if err := checkText("variants", v.Key); err != nil {
			return err
		}
	}
	return nil
}

// MaxTokenNameRunes is the longest name of an API token.
const MaxTokenNameRunes = 100

// Validate checks an API token before it is stored.
func (t *APIToken) Validate() error {
	if err := checkText("token_name", t.Name); err != nil {
		return err
	}
	if !Visible(t.Name) || utf8.RuneCountInString(t.Name) > MaxTokenNameRunes {
		return Invalid("token_name", "err.token.name", "max", MaxTokenNameRunes)
	}
	if !t.Role.Valid() {
		return Invalid("token_role", "err.token.role")
	}
	if t.TokenHash == "" {
		return Invalid("token", "err.token.hash")
	}
	return nil
}

// Validate checks an audit entry before it is written.
func (e *AuditEntry) Validate() error {
	if e.Action == "" {
		return Invalid("action", "err.audit.action")
	}
	for _, c := range e.Changes {
		for _, t := range []string{c.Field, c.From, c.To} {
			if err := checkText("changes", t); err != nil {
				return err
			}
		}
	}
	return checkText("detail", e.Detail)
}

// Bytes is a size among an error's arguments, written with its unit ("15
// MB") in the reader's language and digits.
type Bytes int64

// LangName is a language tag among an error's arguments: the message names
// the language in the reader's own language ("Arabic", «арабский»).
type LangName string
