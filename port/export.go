package port

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
)

// ExportReport counts what an export wrote, by file ("stories", "media" …).
type ExportReport struct {
	Counts map[string]int
	Files  int // media files
}

// exportBatch is how many stories (or audit entries …) one read fetches.
const exportBatch = 500

// Export writes the whole site to dest in the Khabar archive format: a
// directory (which must not exist yet, or be empty), or one file when dest
// ends in .tar.gz or .tgz. Everything is read in one consistent state of
// the store, so a running site can be exported while it is written to. The
// manifest is written last: an export that stopped half-way is no archive.
func Export(ctx context.Context, store khabar.Reader, blobs khabar.BlobStore, dest, generator string, progress ProgressFunc) (ExportReport, error) {
	if progress == nil {
		progress = func(Progress) {}
	}
	if isTarball(dest) {
		if _, err := os.Stat(dest); err == nil {
			return ExportReport{}, fmt.Errorf("%s exists: an export does not overwrite a file", dest)
		}
		tmp, err := os.MkdirTemp(filepath.Dir(dest), ".khabar-export-")
		if err != nil {
			return ExportReport{}, err
		}
		defer os.RemoveAll(tmp)
		rep, err := Export(ctx, store, blobs, tmp, generator, progress)
		if err != nil {
			return rep, err
		}
		return rep, writeTarball(tmp, dest)
	}
	if err := emptyDir(dest); err != nil {
		return ExportReport{}, err
	}
	e := &exporter{store: store, blobs: blobs, dir: dest, rep: ExportReport{Counts: map[string]int{}}, every: progressEvery{fn: progress}}
	err := store.View(ctx, func(ctx context.Context) error { return e.all(ctx, generator) })
	return e.rep, err
}

func isTarball(p string) bool { return strings.HasSuffix(p, ".tar.gz") || strings.HasSuffix(p, ".tgz") }

// emptyDir makes dir, or checks that it is an empty directory.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s is not empty: an export writes into a new or empty directory", dir)
	}
	return nil
}

type exporter struct {
	store khabar.Reader
	blobs khabar.BlobStore
	dir   string
	rep   ExportReport
	every progressEvery
}

func (e *exporter) all(ctx context.Context, generator string) error {
	siteID, err := e.store.SiteID(ctx)
	if err != nil {
		return err
	}
	settings, err := e.store.Settings(ctx)
	if err != nil {
		return err
	}
	if err := e.writeJSON(fileSettings, settingsRecord(settings)); err != nil {
		return err
	}
	for _, step := range []func(context.Context) error{e.users, e.audit, e.taxonomy, e.media, e.pages, e.stories, e.redirects,
		e.distribution, e.subscribers, e.channelPosts} {
		if err := step(ctx); err != nil {
			return err
		}
	}
	m := manifest{Format: ArchiveFormat, Version: ArchiveVersion, SiteID: siteID, CreatedAt: time.Now().UTC().Truncate(time.Millisecond),
		Generator: generator, Counts: e.rep.Counts}
	return e.writeJSON(fileManifest, m)
}

// writeJSON writes one JSON document.
func (e *exporter) writeJSON(name string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(e.dir, name), append(b, '\n'), 0o644)
}

// lines writes a JSON-lines file of the records next returns, until it
// returns none.
func (e *exporter) lines(name string, next func() ([]any, error)) error {
	f, err := os.Create(filepath.Join(e.dir, name))
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // bodies stay readable: <p>, not \u003cp\u003e
	kind := strings.TrimSuffix(name, ".jsonl")
	n := 0
	for {
		recs, err := next()
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			break
		}
		for _, r := range recs {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		n += len(recs)
		e.every.report(Progress{Phase: "exporting " + kind, Done: int64(n), Total: -1})
	}
	e.rep.Counts[kind] = n
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	return f.Close()
}

// once is a next for lines that returns recs the first time.
func once[T any](recs []T, conv func(T) any) func() ([]any, error) {
	done := false
	return func() ([]any, error) {
		if done {
			return nil, nil
		}
		done = true
		out := make([]any, len(recs))
		for i, r := range recs {
			out[i] = conv(r)
		}
		return out, nil
	}
}

func (e *exporter) users(ctx context.Context) error {
	users, err := e.store.Users(ctx)
	if err != nil {
		return err
	}
	sort.Slice(users, func(i, j int) bool { return users[i].ID < users[j].ID })
	return e.lines(fileUsers, once(users, func(u khabar.User) any { return userRecord(u) }))
}

func (e *exporter) audit(ctx context.Context) error {
	var after int64
	return e.lines(fileAudit, func() ([]any, error) {
		entries, err := e.store.ArchiveAudit(ctx, after, exportBatch)
		out := make([]any, len(entries))
		for i, x := range entries {
			out[i], after = auditRecord(x), x.ID
		}
		return out, err
	})
}

func (e *exporter) taxonomy(ctx context.Context) error {
	sections, err := e.store.Sections(ctx)
	if err != nil {
		return err
	}
	sort.Slice(sections, func(i, j int) bool { return sections[i].ID < sections[j].ID })
	if err := e.lines(fileSections, once(sections, func(s khabar.Section) any {
		return arSection{ID: s.ID, Slug: s.Slug, Names: s.Names, Position: s.Position}
	})); err != nil {
		return err
	}
	tags, err := e.store.Tags(ctx)
	if err != nil {
		return err
	}
	sort.Slice(tags, func(i, j int) bool { return tags[i].ID < tags[j].ID })
	if err := e.lines(fileTags, once(tags, func(t khabar.Tag) any { return arTag{ID: t.ID, Slug: t.Slug, Names: t.Names} })); err != nil {
		return err
	}
	sources, err := e.store.Sources(ctx)
	if err != nil {
		return err
	}
	sort.Slice(sources, func(i, j int) bool { return sources[i].ID < sources[j].ID })
	return e.lines(fileSources, once(sources, func(s khabar.Source) any { return arSource{ID: s.ID, Names: s.Names, URL: s.URL} }))
}

// media writes the records and copies each file: the original and its
// variants, under media/ by key.
func (e *exporter) media(ctx context.Context) error {
	var after int64
	return e.lines(fileMedia, func() ([]any, error) {
		list, err := e.store.ArchiveMedia(ctx, after, exportBatch)
		if err != nil {
			return nil, err
		}
		out := make([]any, len(list))
		for i, m := range list {
			keys := []string{m.Key}
			for _, v := range m.Variants {
				keys = append(keys, v.Key)
			}
			for _, k := range keys {
				if err := e.copyBlob(ctx, k); err != nil {
					return nil, err
				}
			}
			out[i], after = mediaRecord(m), m.ID
		}
		return out, nil
	})
}

func (e *exporter) copyBlob(ctx context.Context, key string) error {
	rel, err := archivePath(key)
	if err != nil {
		return err
	}
	r, err := e.blobs.Open(ctx, key)
	if err != nil {
		return fmt.Errorf("media file %s: %w", key, err)
	}
	defer r.Close()
	p := filepath.Join(e.dir, dirMedia, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := io.Copy(f, r); err != nil {
		return fmt.Errorf("media file %s: %w", key, err)
	}
	e.rep.Files++
	return f.Close()
}

func (e *exporter) pages(ctx context.Context) error {
	pages, err := e.store.Pages(ctx)
	if err != nil {
		return err
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].ID < pages[j].ID })
	return e.lines(filePages, once(pages, func(p khabar.Page) any { return pageRecord(p) }))
}

func (e *exporter) stories(ctx context.Context) error {
	var after int64
	return e.lines(fileStories, func() ([]any, error) {
		list, err := e.store.ArchiveStories(ctx, after, exportBatch)
		out := make([]any, len(list))
		for i, s := range list {
			out[i], after = storyRecord(s), s.Story.ID
		}
		return out, err
	})
}

func (e *exporter) redirects(ctx context.Context) error {
	var after int64
	return e.lines(fileRedirects, func() ([]any, error) {
		list, err := e.store.ArchiveRedirects(ctx, after, exportBatch)
		out := make([]any, len(list))
		for i, r := range list {
			out[i], after = redirectRecord(r), r.ID
		}
		return out, err
	})
}

// archivePath is where a media key's file lies under media/: the key
// itself, which must stay inside.
func archivePath(key string) (string, error) {
	c := filepath.Clean(filepath.FromSlash(key))
	if key == "" || filepath.IsAbs(c) || c == ".." || strings.HasPrefix(c, ".."+string(filepath.Separator)) || strings.Contains(key, "\\") {
		return "", fmt.Errorf("media key %q cannot be a file name", key)
	}
	return c, nil
}
