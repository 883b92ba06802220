package newsroom

import (
	"context"
	"sync"

	"github.com/khabarnews/khabar"
)

// Import is one run of an import from one source (a WordPress site, another
// Khabar site's archive). Every item goes through the newsroom's rules and
// its audit entry as it would one by one; what the run made of each item
// is recorded, so that running the same import again updates what the
// first made instead of making it twice, and an interrupted run picks up
// where it stopped. A dry run checks everything and writes nothing.
//
// An Import is used by one goroutine at a time, but for Report.
type Import struct {
	s       *Service
	actor   *khabar.User
	source  string
	dryRun  bool
	records map[recordKey]khabar.ImportRecord
	// pending are new stories waiting to be written with their batch.
	pending  []StoryImport
	report   *ImportReport
	mu       sync.Mutex // guards report while a Report runs beside the import
	fakeID   int64      // the ids a dry run pretends to make
	settings khabar.Settings
	// froms are the old addresses given a redirect in this run: the first
	// item that claims one keeps it.
	froms map[string]bool
	// users maps an archive's user ids onto this site's; newUsers are
	// those to bring in, and userRecs the records of them all.
	users    map[int64]int64
	newUsers []khabar.User
	userRecs []khabar.ImportRecord
	// fresh is set when no earlier run imported from this source.
	fresh bool
}

type recordKey struct{ kind, id string }

// StoryBatch is how many new stories one transaction of an import writes.
const StoryBatch = 500

// ImportReport says what an import did (or, in a dry run, would do).
type ImportReport struct {
	Source string
	DryRun bool
	// Created, Updated and Unchanged count items by kind: "story",
	// "version", "page", "section", "tag", "source", "user", "media",
	// "redirect".
	Created, Updated, Unchanged map[string]int
	// Ignored counts what the import leaves out on purpose, by what it is:
	// "comment", "revision", "nav_menu_item", "trash", "not_image",
	// "type:…" (a post type Khabar has no use for), "status:…".
	Ignored map[string]int
	// Skipped are items that could not be imported, with the reason;
	// nothing of them was written. MissingMedia are images that could not
	// be had; the stories that show them were imported without them.
	Skipped      []ImportProblem
	MissingMedia []ImportProblem
}

// ImportProblem is an item an import could not bring in, and why.
type ImportProblem struct {
	Ref string // "post 12 “Title” (line 340)"
	Err error  // a khabar.Error where it is the item's fault
}

func newReport(source string, dryRun bool) *ImportReport {
	return &ImportReport{Source: source, DryRun: dryRun, Created: map[string]int{}, Updated: map[string]int{},
		Unchanged: map[string]int{}, Ignored: map[string]int{}}
}

// StartImport begins an import from source. Only administrators import.
func (s *Service) StartImport(ctx context.Context, actor *khabar.User, source string, dryRun bool) (*Import, error) {
	if err := allow(actor, khabar.ActImport, khabar.Target{}); err != nil {
		return nil, err
	}
	if source == "" {
		return nil, khabar.Invalid("source", "err.import.source")
	}
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	recs, err := s.store.ImportRecords(ctx, source)
	if err != nil {
		return nil, err
	}
	im := &Import{s: s, actor: actor, source: source, dryRun: dryRun, settings: settings,
		records: map[recordKey]khabar.ImportRecord{}, report: newReport(source, dryRun), froms: map[string]bool{}, fresh: len(recs) == 0}
	for _, r := range recs {
		im.records[recordKey{r.Kind, r.SourceID}] = r
	}
	return im, nil
}

// Settings are the site's settings as the import began.
func (im *Import) Settings() khabar.Settings { return im.settings }

// DryRun reports whether the import writes nothing.
func (im *Import) DryRun() bool { return im.dryRun }

// Report returns a copy of the report so far.
func (im *Import) Report() ImportReport {
	im.mu.Lock()
	defer im.mu.Unlock()
	r := *im.report
	r.Created, r.Updated, r.Unchanged, r.Ignored = copyCounts(r.Created), copyCounts(r.Updated), copyCounts(r.Unchanged), copyCounts(r.Ignored)
	r.Skipped = append([]ImportProblem(nil), r.Skipped...)
	r.MissingMedia = append([]ImportProblem(nil), r.MissingMedia...)
	return r
}

func copyCounts(m map[string]int) map[string]int {
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// count adds n to one of the report's counts.
func (im *Import) count(counts func(*ImportReport) map[string]int, kind string, n int) {
	im.mu.Lock()
	counts(im.report)[kind] += n
	im.mu.Unlock()
}

func countCreated(r *ImportReport) map[string]int   { return r.Created }
func countUpdated(r *ImportReport) map[string]int   { return r.Updated }
func countUnchanged(r *ImportReport) map[string]int { return r.Unchanged }

// Ignore counts an item the import leaves out on purpose.
func (im *Import) Ignore(kind string) {
	im.count(func(r *ImportReport) map[string]int { return r.Ignored }, kind, 1)
}

// Unchanged counts an item an earlier run brought in, left as it is.
func (im *Import) Unchanged(kind string) { im.count(countUnchanged, kind, 1) }

// Skip reports an item that could not be imported.
func (im *Import) Skip(ref string, err error) {
	im.mu.Lock()
	im.report.Skipped = append(im.report.Skipped, ImportProblem{Ref: ref, Err: err})
	im.mu.Unlock()
}

// MediaMissing reports an image that could not be had.
func (im *Import) MediaMissing(ref string, err error) {
	im.mu.Lock()
	im.report.MissingMedia = append(im.report.MissingMedia, ImportProblem{Ref: ref, Err: err})
	im.mu.Unlock()
}

// Recorded returns what an earlier run made of the item kind/id.
func (im *Import) Recorded(kind, id string) (khabar.ImportRecord, bool) {
	r, ok := im.records[recordKey{kind, id}]
	return r, ok
}

// record remembers what the run made of an item, in the transaction of
// ctx when there is one.
func (im *Import) record(ctx context.Context, recs ...khabar.ImportRecord) error {
	for i := range recs {
		recs[i].Source = im.source
	}
	if !im.dryRun {
		if err := im.s.store.RecordImports(ctx, recs); err != nil {
			return err
		}
	}
	for _, r := range recs {
		im.records[recordKey{r.Kind, r.SourceID}] = r
	}
	return nil
}

// fake is an id a dry run pretends an item got: negative, so that nothing
// can mistake it for a real one.
func (im *Import) fake() int64 {
	im.fakeID--
	return im.fakeID
}

// Finish writes the stories still waiting for their batch and returns the
// report.
func (im *Import) Finish(ctx context.Context) (ImportReport, error) {
	err := im.flush(ctx)
	return im.Report(), err
}
