package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
)

//go:embed static templates
var embedded embed.FS

// assets are the embedded static files with a content hash each, so that
// URLs change when a file does and browsers may cache them for a year.
type assets struct {
	files fs.FS
	hash  map[string]string      // name → short content hash
	sizes map[string]image.Point // of the PNG files, for structured data and share cards
}

func loadAssets() (*assets, error) {
	files, err := fs.Sub(embedded, "static")
	if err != nil {
		return nil, err
	}
	a := &assets{files: files, hash: map[string]string{}, sizes: map[string]image.Point{}}
	err = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		a.hash[p] = hex.EncodeToString(sum[:])[:10]
		if strings.HasSuffix(p, ".png") {
			cfg, err := png.DecodeConfig(bytes.NewReader(b))
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			a.sizes[p] = image.Pt(cfg.Width, cfg.Height)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading static files: %w", err)
	}
	return a, nil
}

// url returns the versioned URL of a static file; templates call it.
func (a *assets) url(name string) (string, error) {
	h, ok := a.hash[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return "/static/" + name + "?v=" + h, nil
}

// static serves an embedded file; versioned URLs are immutable.
func (s *Server) static(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("path")
	h, ok := s.assets.hash[name]
	if !ok {
		return khabar.NotFound("err.not_found")
	}
	b, err := fs.ReadFile(s.assets.files, name)
	if err != nil {
		return err
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if strings.HasSuffix(name, ".woff2") {
		ctype = "font/woff2"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("ETag", `"`+h+`"`)
	if r.URL.Query().Get("v") == h {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=300")
	}
	http.ServeContent(w, r, "", time.Time{}, strings.NewReader(string(b)))
	return nil
}

// media serves an image from the blob store. Keys never change content, so
// the files may be cached for a year.
func (s *Server) media(w http.ResponseWriter, r *http.Request) error {
	key := r.PathValue("key")
	// The library holds JPEG, PNG and WebP images only; any other name
	// (an SVG, which may run script) is no media file.
	ctype := mime.TypeByExtension(path.Ext(key))
	if ctype != "image/jpeg" && ctype != "image/png" && ctype != "image/webp" {
		return khabar.NotFound("err.not_found")
	}
	f, err := s.blobs.Open(r.Context(), key)
	if err != nil {
		if khabar.ErrorCode(err) == khabar.EInvalid {
			return khabar.NotFound("err.not_found")
		}
		return err
	}
	defer f.Close()
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeContent(w, r, "", time.Time{}, f)
	return nil
}
