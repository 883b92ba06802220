package i18n

import (
	"fmt"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
)

// Error says err to a person in language tag: the catalogue message of its
// key with the arguments filled in, numbers written in the digits d. An
// error that is not a khabar.Error, or an internal one, says only that
// something went wrong: its details are for the log. This is the one place
// that turns errors into words, for the newsroom's pages, the API's problem
// documents and the command line alike.
func (c *Catalog) Error(tag string, d lang.Digits, err error) string {
	e := khabar.AsError(err)
	if e.Code == khabar.EInternal || e.Key == "" {
		return c.T(tag, "err.internal")
	}
	args := make([]string, 0, len(e.Args))
	for i := 0; i+1 < len(e.Args); i += 2 {
		name, _ := e.Args[i].(string)
		args = append(args, name, c.formatArg(e.Args[i+1], tag, d))
	}
	return c.T(tag, e.Key, args...)
}

// formatArg writes one message argument: numbers in the reader's digits,
// statuses and languages by their names in the reader's language.
func (c *Catalog) formatArg(v any, tag string, d lang.Digits) string {
	switch x := v.(type) {
	case string:
		return x
	case khabar.Status:
		return c.T(tag, "status."+string(x))
	case khabar.LangName:
		// A language the site does not have (from a URL, say) is
		// shown as given, not as a catalogue key.
		if _, _, ok := c.lookup(tag, "language."+string(x)); !ok {
			return string(x)
		}
		return c.T(tag, "language."+string(x))
	case khabar.Bytes:
		switch {
		case x >= 1<<20 && x%(1<<20) == 0:
			return lang.FormatInt(int(x>>20), tag, d) + " " + c.T(tag, "unit.mb")
		case x >= 1<<10:
			return lang.FormatInt(int(x>>10), tag, d) + " " + c.T(tag, "unit.kb")
		}
		return lang.FormatInt(int(x), tag, d) + " " + c.T(tag, "unit.b")
	case int:
		return lang.FormatInt(x, tag, d)
	case int64:
		return lang.FormatInt(int(x), tag, d)
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}
