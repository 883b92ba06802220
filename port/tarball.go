package port

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// writeTarball packs the files under dir into a gzipped tar at dest, the
// manifest first so that a reader knows at once what it holds, the other
// files in name order. It writes beside dest and renames, so dest is never
// half written.
func writeTarball(dir, dest string) error {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		names = append(names, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return err
	}
	sort.Slice(names, func(i, j int) bool {
		if names[i] == fileManifest || names[j] == fileManifest {
			return names[i] == fileManifest
		}
		return names[i] < names[j]
	})
	tmp, err := os.CreateTemp(filepath.Dir(dest), ".khabar-export-*.tar.gz")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	gz := gzip.NewWriter(tmp)
	tw := tar.NewWriter(gz)
	for _, name := range names {
		if err := addFile(tw, filepath.Join(dir, filepath.FromSlash(name)), name); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := gz.Close(); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dest)
}

func addFile(tw *tar.Writer, p, name string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	hdr := &tar.Header{Name: name, Mode: 0o644, Size: st.Size(), ModTime: st.ModTime(), Typeflag: tar.TypeReg, Format: tar.FormatPAX}
	if err := tw.WriteHeader(hdr); err != nil {
		return err
	}
	_, err = io.Copy(tw, f)
	return err
}

// extractTarball unpacks a gzipped tar into dir, refusing anything but
// plain files and folders, names that would leave dir, and more than
// maxBytes in all (a small file can unpack to a huge one).
func extractTarball(src, dir string, maxBytes int64) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s is not a gzipped archive: %w", src, err)
	}
	defer gz.Close()
	tr := tar.NewReader(gz)
	var total int64
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading %s: %w", src, err)
		}
		switch hdr.Typeflag {
		case tar.TypeDir:
			continue
		case tar.TypeReg:
		default:
			return fmt.Errorf("%s holds %q, which is not a plain file", src, hdr.Name)
		}
		name := path.Clean(strings.TrimPrefix(hdr.Name, "./"))
		if name == "." || path.IsAbs(name) || name == ".." || strings.HasPrefix(name, "../") || strings.Contains(hdr.Name, "\\") {
			return fmt.Errorf("%s holds %q, a name outside the archive", src, hdr.Name)
		}
		total += hdr.Size
		if total > maxBytes {
			return fmt.Errorf("%s unpacks to more than %d MB, the most an import reads (see --max-size-mb)", src, maxBytes>>20)
		}
		if err := extractFile(tr, filepath.Join(dir, filepath.FromSlash(name)), hdr.Size); err != nil {
			return err
		}
	}
}

func extractFile(r io.Reader, p string, size int64) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	defer out.Close()
	if _, err := io.CopyN(out, r, size); err != nil {
		return err
	}
	return out.Close()
}
