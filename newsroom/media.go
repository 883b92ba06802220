package newsroom

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/media"
)

// MediaTexts are an image's credit, caption and alt text per language.
type MediaTexts struct {
	Credit, Caption, Alt khabar.Text
	// Key names the original in the media store; "" for a fresh folder.
	// Imports keep the names their files had.
	Key string
}

// UploadMedia stores a checked upload with its variants and texts: the
// pixels are decoded within the budget all uploads share, and the original
// is stored encoded again from them. Nothing is kept when anything fails:
// the files written are removed again.
func (s *Service) UploadMedia(ctx context.Context, actor *khabar.User, up *media.Upload, texts MediaTexts) (*khabar.Media, error) {
	if err := allow(actor, khabar.ActUploadMedia, khabar.Target{}); err != nil {
		return nil, err
	}
	m := &khabar.Media{Key: texts.Key, Credit: khabar.CleanTexts(texts.Credit), Caption: khabar.CleanTexts(texts.Caption), Alt: khabar.CleanTexts(texts.Alt)}
	if err := m.ValidateTexts(); err != nil {
		return nil, err
	}
	err := media.Save(ctx, s.blobs, s.pixels, up, m, s.now(), func(ctx context.Context, m *khabar.Media) error {
		return s.one(ctx, actor, func(ctx context.Context) (entry, error) {
			if err := s.store.CreateMedia(ctx, m); err != nil {
				return entry{}, err
			}
			return entry{action: "media.upload", object: object("media", m.ID), detail: m.MIME + " " + strconv.Itoa(m.Width) + "×" + strconv.Itoa(m.Height)}, nil
		})
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// SaveMediaTexts saves an image's credit, caption and alt text; a nil
// text keeps what is saved.
func (s *Service) SaveMediaTexts(ctx context.Context, actor *khabar.User, id int64, texts MediaTexts) (*khabar.Media, error) {
	if err := allow(actor, khabar.ActEditMedia, khabar.Target{}); err != nil {
		return nil, err
	}
	var m *khabar.Media
	err := s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		var err error
		if m, err = s.store.Media(ctx, id); err != nil {
			return entry{}, err
		}
		old := *m
		m.Credit = mergeTexts(m.Credit, texts.Credit)
		m.Caption = mergeTexts(m.Caption, texts.Caption)
		m.Alt = mergeTexts(m.Alt, texts.Alt)
		if err := m.ValidateTexts(); err != nil {
			return entry{}, err
		}
		var what changes
		what.texts("credit", old.Credit, m.Credit)
		what.texts("caption", old.Caption, m.Caption)
		what.texts("alt", old.Alt, m.Alt)
		return entry{action: "media.edit", object: object("media", id), changes: what}, s.store.UpdateMediaTexts(ctx, m)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// mergeTexts is next, cleaned, without empty languages; nil keeps old.
func mergeTexts(old, next khabar.Text) khabar.Text {
	if next == nil {
		return old
	}
	out := khabar.Text{}
	for l, v := range next {
		if v = khabar.CleanLine(v); v != "" {
			out[l] = v
		}
	}
	return out
}

// CompleteMedia gives every media record the variants it lacks (the media
// stored before a size existed) and returns how many it completed. It runs
// in the background at start-up, with no one acting: each record's new
// variants and their audit entry are one change. An image that cannot be
// read is reported in the error and does not stop the others.
func (s *Service) CompleteMedia(ctx context.Context) (int, error) {
	const page = 100
	var done int
	var errs []error
	for offset := 0; ; offset += page {
		list, _, err := s.store.ListMedia(ctx, page, offset)
		if err != nil {
			return done, err
		}
		for i := range list {
			m := &list[i]
			missing := m.MissingVariants()
			if len(missing) == 0 {
				continue
			}
			err := media.AddMissing(ctx, s.blobs, s.pixels, m, func(ctx context.Context, id int64, vs []khabar.MediaVariant) error {
				return s.one(ctx, nil, func(ctx context.Context) (entry, error) {
					return entry{action: "media.variants", object: object("media", id), detail: strings.Join(missing, " ")}, s.store.SetVariants(ctx, id, vs)
				})
			})
			if err != nil {
				if ctx.Err() != nil {
					return done, ctx.Err()
				}
				errs = append(errs, err)
				continue
			}
			done++
		}
		if len(list) < page {
			return done, errors.Join(errs...)
		}
	}
}

// Reindex analyses every story version again for search (after the
// analysers change), calling progress now and then. It rebuilds derived
// data and changes no content, so it leaves no audit entry: a copied site
// (migrate-db) stays equal to its source.
func (s *Service) Reindex(ctx context.Context, actor *khabar.User, progress func(done, total int)) error {
	if err := allow(actor, khabar.ActManageSettings, khabar.Target{}); err != nil {
		return err
	}
	return s.store.Reindex(ctx, progress)
}
