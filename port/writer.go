package port

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"time"

	"github.com/khabarnews/khabar"
)

// ArchiveWriter writes a Khabar archive record by record, for programs that
// make one from elsewhere (a converter from another system, a benchmark's
// corpus). Bodies must be in Khabar's stored form already, as an export
// writes them, or the import cleans them. Close writes the manifest.
type ArchiveWriter struct {
	dir    string
	siteID string
	files  map[string]*os.File
	bufs   map[string]*bufio.Writer
	counts map[string]int
}

// NewArchiveWriter starts an archive in dir, a new or empty directory,
// for the site siteID.
func NewArchiveWriter(dir, siteID string, settings khabar.Settings) (*ArchiveWriter, error) {
	if err := emptyDir(dir); err != nil {
		return nil, err
	}
	w := &ArchiveWriter{dir: dir, siteID: siteID, files: map[string]*os.File{}, bufs: map[string]*bufio.Writer{}, counts: map[string]int{}}
	for _, name := range []string{fileUsers, fileAudit, fileSections, fileTags, fileSources, fileMedia, filePages, fileStories, fileRedirects} {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			w.closeFiles()
			return nil, err
		}
		w.files[name], w.bufs[name] = f, bufio.NewWriterSize(f, 1<<20)
	}
	e := &exporter{dir: dir}
	if err := e.writeJSON(fileSettings, settingsRecord(settings)); err != nil {
		w.closeFiles()
		return nil, err
	}
	return w, nil
}

func (w *ArchiveWriter) line(name string, rec any) error {
	enc := json.NewEncoder(w.bufs[name])
	enc.SetEscapeHTML(false)
	w.counts[name[:len(name)-len(".jsonl")]]++
	return enc.Encode(rec)
}

// Section, Tag, User and Story add one record each.
func (w *ArchiveWriter) Section(s khabar.Section) error {
	return w.line(fileSections, arSection{ID: s.ID, Slug: s.Slug, Names: s.Names, Position: s.Position})
}

func (w *ArchiveWriter) Tag(t khabar.Tag) error {
	return w.line(fileTags, arTag{ID: t.ID, Slug: t.Slug, Names: t.Names})
}

func (w *ArchiveWriter) User(u khabar.User) error { return w.line(fileUsers, userRecord(u)) }

func (w *ArchiveWriter) Story(s khabar.ImportedStory) error {
	return w.line(fileStories, storyRecord(s))
}

// Close finishes the files and writes the manifest, which makes the
// directory an archive.
func (w *ArchiveWriter) Close() error {
	for name, b := range w.bufs {
		if err := b.Flush(); err != nil {
			return err
		}
		if err := w.files[name].Close(); err != nil {
			return err
		}
	}
	e := &exporter{dir: w.dir}
	return e.writeJSON(fileManifest, manifest{Format: ArchiveFormat, Version: ArchiveVersion, SiteID: w.siteID,
		CreatedAt: time.Now().UTC().Truncate(time.Millisecond), Generator: "khabar archive writer", Counts: w.counts})
}

func (w *ArchiveWriter) closeFiles() {
	for _, f := range w.files {
		f.Close()
	}
}
