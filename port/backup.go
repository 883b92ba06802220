package port

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// A backup is one file holding a SQLite site as it was at one moment: the
// database, copied with SQLite's VACUUM INTO while the site runs, and then
// the media files (which are never changed once written, and are written
// before the records that name them, so every file the copy names is
// there). It is a tar file, gzipped when its name ends in .gz or .tgz:
//
//	backup.json   {"format": "khabar-backup", "version": 1, …}
//	khabar.db     the database
//	media/…       the media files, by key
//
// Unlike an archive it holds everything, passwords and sessions included:
// keep it as safe as the server. On PostgreSQL, back up with pg_dump.

// BackupFormat and BackupVersion name the format in backup.json.
const (
	BackupFormat  = "khabar-backup"
	BackupVersion = 1
)

// BackupManifest is backup.json.
type BackupManifest struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	CreatedAt  time.Time `json:"created_at"`
	Generator  string    `json:"generator"`
	MediaFiles int       `json:"media_files"`
	// Media says where the media files are: "included", or "elsewhere"
	// when they live in an S3 bucket that the backup does not copy.
	Media string `json:"media"`
}

// Snapshotter copies a database consistently while it is in use.
type Snapshotter interface {
	BackupTo(ctx context.Context, path string) error
}

// Backup writes a backup of the database db and of the media folder
// mediaDir ("" when the media live elsewhere) to dest, which must not
// exist. The site may keep running and writing meanwhile.
func Backup(ctx context.Context, db Snapshotter, mediaDir, dest, generator string) (BackupManifest, error) {
	m := BackupManifest{Format: BackupFormat, Version: BackupVersion, Generator: generator, Media: "included"}
	if _, err := os.Stat(dest); err == nil {
		return m, fmt.Errorf("%s exists: a backup does not overwrite a file", dest)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dest), ".khabar-backup-")
	if err != nil {
		return m, err
	}
	defer os.RemoveAll(tmp)
	m.CreatedAt = time.Now().UTC().Truncate(time.Millisecond)
	dbCopy := filepath.Join(tmp, "khabar.db")
	if err := db.BackupTo(ctx, dbCopy); err != nil {
		return m, err
	}
	var media []string
	if mediaDir == "" {
		m.Media = "elsewhere"
	} else if media, err = mediaFiles(mediaDir); err != nil {
		return m, err
	}
	m.MediaFiles = len(media)
	out, err := os.CreateTemp(filepath.Dir(dest), ".khabar-backup-*.part")
	if err != nil {
		return m, err
	}
	defer os.Remove(out.Name())
	defer out.Close()
	if err := writeBackup(out, compressed(dest), m, dbCopy, mediaDir, media); err != nil {
		return m, err
	}
	if err := out.Sync(); err != nil {
		return m, err
	}
	if err := out.Close(); err != nil {
		return m, err
	}
	return m, os.Rename(out.Name(), dest)
}

func compressed(name string) bool {
	return strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".tgz")
}

// mediaFiles lists the files of the media folder, by key; an upload being
// written (a hidden temporary file) is left out.
func mediaFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // removed meanwhile (a failed upload cleaned up)
		}
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return out, err
}

func writeBackup(w io.Writer, gz bool, m BackupManifest, dbCopy, mediaDir string, media []string) error {
	var zw *gzip.Writer
	if gz {
		zw = gzip.NewWriter(w)
		w = zw
	}
	tw := tar.NewWriter(w)
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if err := tw.WriteHeader(&tar.Header{Name: "backup.json", Mode: 0o644, Size: int64(len(b)), ModTime: m.CreatedAt, Typeflag: tar.TypeReg}); err != nil {
		return err
	}
	if _, err := tw.Write(b); err != nil {
		return err
	}
	if err := addFile(tw, dbCopy, "khabar.db"); err != nil {
		return err
	}
	for _, key := range media {
		err := addFile(tw, filepath.Join(mediaDir, filepath.FromSlash(key)), "media/"+key)
		if errors.Is(err, fs.ErrNotExist) {
			continue // deleted since it was listed: no record names it
		}
		if err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if zw != nil {
		return zw.Close()
	}
	return nil
}

// RestoreBackup unpacks a backup into dataDir, which must be empty or not
// exist yet, and returns its manifest. The caller opens the database then
// (which applies the migrations of a newer Khabar) and checks it.
func RestoreBackup(src, dataDir string) (BackupManifest, error) {
	var m BackupManifest
	if err := emptyDataDir(dataDir); err != nil {
		return m, err
	}
	f, err := os.Open(src)
	if err != nil {
		return m, err
	}
	defer f.Close()
	var r io.Reader = f
	if compressed(src) {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return m, fmt.Errorf("%s is not a gzipped backup: %w", src, err)
		}
		defer gz.Close()
		r = gz
	}
	tr := tar.NewReader(r)
	seen := map[string]bool{}
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return m, fmt.Errorf("reading %s: %w", src, err)
		}
		name := path.Clean(hdr.Name)
		switch {
		case hdr.Typeflag == tar.TypeDir:
			continue
		case hdr.Typeflag != tar.TypeReg:
			return m, fmt.Errorf("%s holds %q, which is not a plain file", src, hdr.Name)
		case name == "backup.json":
			if err := json.NewDecoder(io.LimitReader(tr, 1<<20)).Decode(&m); err != nil {
				return m, fmt.Errorf("%s: backup.json: %w", src, err)
			}
			if m.Format != BackupFormat || m.Version < 1 || m.Version > BackupVersion {
				return m, fmt.Errorf("%s is not a Khabar backup this version reads (format %q, version %d)", src, m.Format, m.Version)
			}
		case name == "khabar.db" || strings.HasPrefix(name, "media/") && !strings.Contains(name, ".."):
			if !seen["backup.json"] {
				return m, fmt.Errorf("%s does not start with backup.json: not a Khabar backup", src)
			}
			if err := extractFile(tr, filepath.Join(dataDir, filepath.FromSlash(name)), hdr.Size); err != nil {
				return m, err
			}
		default:
			return m, fmt.Errorf("%s holds %q, which a backup does not", src, hdr.Name)
		}
		seen[name] = true
	}
	if !seen["khabar.db"] {
		return m, fmt.Errorf("%s holds no database: not a Khabar backup", src)
	}
	return m, nil
}

// emptyDataDir makes dataDir, or checks that it holds no site: a restore
// never overwrites one.
func emptyDataDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() == "media" && e.IsDir() {
			if inner, err := os.ReadDir(filepath.Join(dir, "media")); err == nil && len(inner) == 0 {
				continue
			}
		}
		return fmt.Errorf("%s is not empty (it holds %s): restore into a new data directory", dir, e.Name())
	}
	return nil
}

// FileKind tells a backup ("backup") from an archive ("archive") by the
// first file it holds; a directory is an archive.
func FileKind(src string) (string, error) {
	st, err := os.Stat(src)
	if err != nil {
		return "", err
	}
	if st.IsDir() {
		return "archive", nil
	}
	f, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var r io.Reader = f
	if compressed(src) {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return "", fmt.Errorf("%s is not gzipped: %w", src, err)
		}
		defer gz.Close()
		r = gz
	}
	hdr, err := tar.NewReader(r).Next()
	if err != nil {
		return "", fmt.Errorf("%s is not a Khabar backup or archive: %w", src, err)
	}
	switch path.Clean(hdr.Name) {
	case "backup.json":
		return "backup", nil
	case fileManifest:
		return "archive", nil
	}
	return "", fmt.Errorf("%s is not a Khabar backup or archive (it starts with %q)", src, hdr.Name)
}
