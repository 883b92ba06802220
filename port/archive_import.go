package port

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// maxLine bounds one record of an archive: a story with every revision of
// every version.
const maxLine = 256 << 20

// ArchiveError is an archive that cannot be read as one.
type ArchiveError struct{ Msg string }

func (e *ArchiveError) Error() string { return e.Msg }

// Archive imports a Khabar archive (a directory or a .tar.gz written by
// Export) through news, as actor, with the ids it had. It goes into a site
// that holds nothing but its own accounts and what earlier runs of the same
// import brought in: run again, it brings in what is missing and leaves the
// rest. Users come in without passwords: an administrator sets them.
func Archive(ctx context.Context, news *newsroom.Service, actor *khabar.User, src string, opts Options) (newsroom.ImportReport, error) {
	opts.defaults()
	dir, cleanup, err := archiveDir(src, opts.MaxBytes)
	if err != nil {
		return newsroom.ImportReport{}, err
	}
	defer cleanup()
	m, err := readManifest(dir)
	if err != nil {
		return newsroom.ImportReport{}, err
	}
	im, err := news.StartImport(ctx, actor, "khabar "+m.SiteID, opts.DryRun)
	if err != nil {
		return newsroom.ImportReport{}, err
	}
	if err := im.CheckArchiveTarget(ctx); err != nil {
		return im.Report(), err
	}
	a := &archiveImport{dir: dir, im: im, every: progressEvery{fn: opts.Progress}, total: total(m.Counts)}
	if err := a.run(ctx, m); err != nil {
		return im.Report(), err
	}
	return im.Finish(ctx)
}

func total(counts map[string]int) int64 {
	var n int64
	for _, c := range counts {
		n += int64(c)
	}
	return n
}

// archiveDir is the directory of an archive, unpacked first when it is a
// .tar.gz file.
func archiveDir(src string, maxBytes int64) (string, func(), error) {
	st, err := os.Stat(src)
	if err != nil {
		return "", nil, err
	}
	if st.IsDir() {
		return src, func() {}, nil
	}
	tmp, err := os.MkdirTemp("", "khabar-import-")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { os.RemoveAll(tmp) }
	if err := extractTarball(src, tmp, maxBytes); err != nil {
		cleanup()
		return "", nil, err
	}
	return tmp, cleanup, nil
}

func readManifest(dir string) (manifest, error) {
	var m manifest
	b, err := os.ReadFile(filepath.Join(dir, fileManifest))
	if errors.Is(err, os.ErrNotExist) {
		return m, &ArchiveError{"no " + fileManifest + ": not a Khabar archive, or an export that did not finish"}
	}
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, &ArchiveError{fileManifest + ": " + err.Error()}
	}
	switch {
	case m.Format != ArchiveFormat:
		return m, &ArchiveError{fmt.Sprintf("%s: format %q, not %q", fileManifest, m.Format, ArchiveFormat)}
	case m.Version > ArchiveVersion || m.Version < 1:
		return m, &ArchiveError{fmt.Sprintf("%s: version %d; this Khabar reads versions up to %d", fileManifest, m.Version, ArchiveVersion)}
	case m.SiteID == "":
		return m, &ArchiveError{fileManifest + ": no site_id"}
	}
	return m, nil
}

type archiveImport struct {
	dir   string
	im    *newsroom.Import
	every progressEvery
	done  int64
	total int64
}

func (a *archiveImport) progress() {
	a.done++
	a.every.report(Progress{Phase: "archive", Done: a.done, Total: a.total})
}

func (a *archiveImport) run(ctx context.Context, m manifest) error {
	var settings arSettings
	b, err := os.ReadFile(filepath.Join(a.dir, fileSettings))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &settings); err != nil {
		return &ArchiveError{fileSettings + ": " + err.Error()}
	}
	var users []khabar.User
	if err := eachLine(a, fileUsers, func(u arUser) error { users = append(users, u.domain()); return nil }); err != nil {
		return err
	}
	// The audit log first, so that it reads on in the same order, and then
	// what the import itself records.
	if err := a.im.PlanUsers(ctx, users); err != nil {
		return err
	}
	if err := a.audit(ctx); err != nil {
		return err
	}
	if err := a.im.RestoreSettings(ctx, settings.domain(), m.SiteID); err != nil {
		return err
	}
	if err := a.im.RestoreUsers(ctx); err != nil {
		return err
	}
	if err := a.taxonomy(ctx); err != nil {
		return err
	}
	if err := eachLine(a, fileMedia, func(r arMedia) error { return a.media(ctx, r) }); err != nil {
		return err
	}
	var pages []khabar.Page
	if err := eachLine(a, filePages, func(p arPage) error { pages = append(pages, p.domain()); return nil }); err != nil {
		return err
	}
	if err := a.im.Restore(ctx, &khabar.Archive{Pages: pages}); err != nil {
		return err
	}
	if err := a.stories(ctx); err != nil {
		return err
	}
	if err := a.redirects(ctx); err != nil {
		return err
	}
	return a.distribution(ctx)
}

// audit brings in the audit log in batches, after what earlier runs did.
func (a *archiveImport) audit(ctx context.Context) error {
	skip := a.im.AuditRestored()
	var batch []khabar.AuditEntry
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := a.im.RestoreAudit(ctx, batch)
		batch = nil
		return err
	}
	n := int64(0)
	err := eachLine(a, fileAudit, func(e arAudit) error {
		n++
		if n <= skip {
			return nil
		}
		batch = append(batch, e.domain())
		if len(batch) == 1000 {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

func (a *archiveImport) taxonomy(ctx context.Context) error {
	part := &khabar.Archive{}
	if err := eachLine(a, fileSections, func(s arSection) error {
		part.Sections = append(part.Sections, khabar.Section{ID: s.ID, Slug: s.Slug, Names: s.Names, Position: s.Position})
		return nil
	}); err != nil {
		return err
	}
	if err := eachLine(a, fileTags, func(t arTag) error {
		part.Tags = append(part.Tags, khabar.Tag{ID: t.ID, Slug: t.Slug, Names: t.Names})
		return nil
	}); err != nil {
		return err
	}
	if err := eachLine(a, fileSources, func(s arSource) error {
		part.Sources = append(part.Sources, khabar.Source{ID: s.ID, Names: s.Names, URL: s.URL})
		return nil
	}); err != nil {
		return err
	}
	return a.im.Restore(ctx, part)
}

// media brings in one image with its files from media/.
func (a *archiveImport) media(ctx context.Context, r arMedia) error {
	open := func(key string) (io.ReadCloser, error) {
		rel, err := archivePath(key)
		if err != nil {
			return nil, err
		}
		return os.Open(filepath.Join(a.dir, dirMedia, rel))
	}
	err := a.im.RestoreMedia(ctx, r.domain(), open)
	if err != nil && khabar.ErrorCode(err) != khabar.EInternal || errors.Is(err, os.ErrNotExist) {
		a.im.MediaMissing(fmt.Sprintf("media %d (%s)", r.ID, r.Key), err)
		return nil
	}
	return err
}

// storyBatch is how many stories of an archive one transaction writes.
const storyBatch = 1000

// stories brings in the stories in three stages that run at once: lines
// are read, decoded and cleaned on every core for the next batch while the
// one before is written.
func (a *archiveImport) stories(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	lines := make(chan []rawLine, 1)
	ready := make(chan decodedBatch, 1)
	readErr := make(chan error, 1)
	go func() {
		defer close(lines)
		readErr <- a.readLines(ctx, fileStories, storyBatch, lines)
	}()
	go func() {
		defer close(ready)
		for batch := range lines {
			d := decodeStories(batch)
			d.errs = a.im.CleanArchived(d.stories)
			select {
			case ready <- d:
			case <-ctx.Done():
				return
			}
		}
	}()
	for d := range ready {
		for _, bad := range d.bad {
			a.im.Skip(bad.ref, bad.err)
		}
		if err := a.im.RestoreStories(ctx, d.stories, d.errs); err != nil {
			return err
		}
		a.done += int64(len(d.stories) + len(d.bad))
		a.every.report(Progress{Phase: "archive", Done: a.done, Total: a.total})
	}
	return <-readErr
}

// rawLine is one line of a JSON-lines file, not decoded yet.
type rawLine struct {
	n int // its number in the file
	b []byte
}

// decodedBatch is a batch of stories ready to write, and the lines that
// were no story.
type decodedBatch struct {
	stories []khabar.ImportedStory
	errs    []error
	bad     []badLine
}

type badLine struct {
	ref string
	err error
}

// readLines sends the lines of a file in batches of size.
func (a *archiveImport) readLines(ctx context.Context, name string, size int, out chan<- []rawLine) error {
	f, err := os.Open(filepath.Join(a.dir, name))
	if errors.Is(err, os.ErrNotExist) {
		return &ArchiveError{"no " + name + " in the archive"}
	}
	if err != nil {
		return err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	var batch []rawLine
	send := func() bool {
		select {
		case out <- batch:
			batch = nil
			return true
		case <-ctx.Done():
			return false
		}
	}
	for n := 1; ; n++ {
		b, err := readLine(r)
		if errors.Is(err, io.EOF) && len(b) == 0 {
			break
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return &ArchiveError{fmt.Sprintf("%s line %d: %v", name, n, err)}
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		batch = append(batch, rawLine{n, b})
		if len(batch) == size && !send() {
			return ctx.Err()
		}
	}
	if len(batch) > 0 && !send() {
		return ctx.Err()
	}
	return nil
}

// decodeStories decodes a batch of story lines on every core, in order.
func decodeStories(lines []rawLine) decodedBatch {
	recs := make([]arStory, len(lines))
	errs := make([]error, len(lines))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(lines); i += workers {
				errs[i] = json.Unmarshal(lines[i].b, &recs[i])
			}
		})
	}
	wg.Wait()
	var d decodedBatch
	for i, r := range recs {
		if errs[i] != nil {
			d.bad = append(d.bad, badLine{fmt.Sprintf("%s line %d", fileStories, lines[i].n), &ArchiveError{"not a record: " + errs[i].Error()}})
			continue
		}
		d.stories = append(d.stories, r.domain())
	}
	return d
}

func (a *archiveImport) redirects(ctx context.Context) error {
	var batch []khabar.Redirect
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := a.im.Restore(ctx, &khabar.Archive{Redirects: batch})
		batch = nil
		return err
	}
	err := eachLine(a, fileRedirects, func(r arRedirect) error {
		batch = append(batch, r.domain())
		if len(batch) == 1000 {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// eachLine calls fn with each record of a JSON-lines file. A line that is
// not a record of its kind is skipped and reported with its line number;
// the others are read on.
func eachLine[T any](a *archiveImport, name string, fn func(T) error) error {
	f, err := os.Open(filepath.Join(a.dir, name))
	if errors.Is(err, os.ErrNotExist) {
		return &ArchiveError{"no " + name + " in the archive"}
	}
	if err != nil {
		return err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	for line := 1; ; line++ {
		b, err := readLine(r)
		if errors.Is(err, io.EOF) && len(b) == 0 {
			return nil
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return &ArchiveError{fmt.Sprintf("%s line %d: %v", name, line, err)}
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		var rec T
		if err := json.Unmarshal(b, &rec); err != nil {
			a.im.Skip(fmt.Sprintf("%s line %d", name, line), &ArchiveError{"not a record: " + err.Error()})
			continue
		}
		a.progress()
		if err := fn(rec); err != nil {
			return err
		}
	}
}

// readLine reads one line of any length up to maxLine.
func readLine(r *bufio.Reader) ([]byte, error) {
	var out []byte
	for {
		chunk, err := r.ReadSlice('\n')
		out = append(out, chunk...)
		if len(out) > maxLine {
			return nil, fmt.Errorf("a record longer than %d MB", maxLine>>20)
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return out, err
		}
	}
}
