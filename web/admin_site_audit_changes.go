package web

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
)

// auditChangeRow is one changed field of an audit entry, in words: "Section:
// Politics → Economy", "Text: 120 words → 135 words".
type auditChangeRow struct {
	Label    string
	From, To string
	// Only is set for a field that is its own statement (the reason of a
	// refusal, the login that was typed): To alone is shown.
	Only bool
	// Set is a field that had no value: its new value alone is shown.
	Set bool
}

// changes puts an entry's changes into words in the interface language.
func (n *auditNames) changes(v *adminView, cs []khabar.AuditChange) []auditChangeRow {
	var out []auditChangeRow
	for _, c := range cs {
		field, l, _ := strings.Cut(c.Field, ".")
		label := v.T("mng.audit.field." + field)
		if label == "mng.audit.field."+field {
			label = c.Field
		} else if l != "" {
			label += " (" + v.LangName(l) + ")"
		}
		row := auditChangeRow{Label: label, From: n.value(v, field, c.From), To: n.value(v, field, c.To), Set: c.From == ""}
		switch field {
		case "reason", "login":
			row.Only = true
		}
		out = append(out, row)
	}
	return out
}

// value is one value of a field in words; references are named, the
// deleted or unknown by their number.
func (n *auditNames) value(v *adminView, field, s string) string {
	if s == "" {
		return v.T("mng.audit.empty")
	}
	switch field {
	case "section":
		return named(n.sections, s)
	case "source":
		return named(n.sources, s)
	case "tags":
		return namedList(n.tags, s)
	case "authors":
		return namedList(n.users, s)
	case "lead_image":
		return "#" + uiNum(v, parseID(s))
	case "status":
		return v.StatusName(khabar.Status(s))
	case "published_at":
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return v.When(t)
		}
	case "featured":
		if s == "true" {
			return v.T("mng.audit.yes")
		}
		return v.T("mng.audit.no")
	case "body":
		if w, err := strconv.Atoi(s); err == nil {
			return v.N("mng.audit.words", w)
		}
	case "reason":
		if strings.HasPrefix(s, "err.") || strings.HasPrefix(s, "api.error.") {
			return v.T(s)
		}
	}
	return s
}

func parseID(s string) int64 {
	id, _ := strconv.ParseInt(s, 10, 64)
	return id
}

func named(names map[int64]string, s string) string {
	if name := names[parseID(s)]; name != "" {
		return name
	}
	return "#" + s
}

func namedList(names map[int64]string, s string) string {
	parts := strings.Split(s, ",")
	for i, p := range parts {
		parts[i] = named(names, p)
	}
	return strings.Join(parts, ", ")
}

// revisionDetail is the detail the newsroom gives a save: "revision 7", or
// "revision 3 restored as 8".
var revisionDetail = regexp.MustCompile(`^revision (\d+)(?: restored as (\d+))?$`)

// auditDetail is an entry's detail in the interface language where it is
// one the newsroom writes in a known form, else as it was written.
func auditDetail(v *adminView, detail string) string {
	m := revisionDetail.FindStringSubmatch(detail)
	if m == nil {
		return detail
	}
	if m[2] != "" {
		return v.T("mng.audit.restored", "from", uiNum(v, parseID(m[1])), "to", uiNum(v, parseID(m[2])))
	}
	return v.T("story.revision", "n", uiNum(v, parseID(m[1])))
}
