package newsroom_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/i18n"
	"github.com/khabarnews/khabar/newsroom"
)

// TestAuditActionsHaveNames: every action the newsroom's code writes to the
// audit log is in AuditActions, and each has a name in the catalogue, so
// that the log never shows a raw key such as media.upload.
func TestAuditActionsHaveNames(t *testing.T) {
	cat, err := i18n.Load()
	must(t, err)
	known := newsroom.AuditActions()
	keys := cat.Keys("en")
	for _, a := range known {
		if !slices.Contains(keys, "mng.audit.action."+a) {
			t.Errorf("action %s has no name (mng.audit.action.%s) in the catalogue", a, a)
		}
	}
	files, err := filepath.Glob("*.go")
	must(t, err)
	literal := regexp.MustCompile(`action: "([a-z_]+\.[a-z_]+)"|startSession\(ctx, u, "([a-z_.]+)"|created\(id, "([a-z]+)"\)`)
	var written []string
	for _, f := range files {
		if filepath.Ext(f) != ".go" || regexp.MustCompile(`_test\.go$`).MatchString(f) {
			continue
		}
		src, err := os.ReadFile(f)
		must(t, err)
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			switch {
			case m[1] != "":
				written = append(written, m[1])
			case m[2] != "":
				written = append(written, m[2])
			default:
				written = append(written, m[3]+".create", m[3]+".update")
			}
		}
	}
	for _, st := range []khabar.Status{khabar.StatusDraft, khabar.StatusReview, khabar.StatusScheduled, khabar.StatusPublished,
		khabar.StatusUnpublished, khabar.StatusArchived} {
		written = append(written, "version."+string(st)) // the workflow's moves
	}
	if len(written) < 20 {
		t.Fatalf("found only %d actions in the newsroom's code: the pattern no longer matches how entries are written", len(written))
	}
	for _, a := range written {
		if !slices.Contains(known, a) {
			t.Errorf("the newsroom writes action %s, which AuditActions does not list", a)
		}
	}
}
