package port

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
)

// mediaJob is one image to bring in.
type mediaJob struct {
	sourceID string   // the import record's id: the attachment's post id, or "file:" + its path
	path     string   // under uploads/
	urls     []string // to fetch, in order
	ref      string
	texts    newsroom.MediaTexts
}

// mediaResult is a fetched (or, in a dry run, found) image.
type mediaResult struct {
	job mediaJob
	up  *media.Upload
	err error
}

// importMedia brings in the images the posts show: every image attachment
// and every image of the old site's uploads folder a body shows. A few
// are fetched at once; each is checked as an upload is, and recorded one
// after the other. An image that cannot be had is reported, never fatal.
func (w *wpImport) importMedia(ctx context.Context) error {
	jobs := w.mediaJobs(ctx)
	results := make(chan mediaResult)
	queue := make(chan mediaJob)
	var wg sync.WaitGroup
	for range w.opts.Concurrency {
		wg.Go(func() {
			for j := range queue {
				up, err := w.fetch(ctx, j)
				select {
				case results <- mediaResult{j, up, err}:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() {
		defer close(queue)
		for _, j := range jobs {
			select {
			case queue <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	every := progressEvery{fn: w.opts.Progress}
	done := 0
	for r := range results {
		done++
		every.report(Progress{Phase: "media", Done: int64(done), Total: int64(len(jobs))})
		if r.err != nil {
			w.im.MediaMissing(r.job.ref, r.err)
			continue
		}
		m, err := w.im.Media(ctx, r.job.sourceID, r.up, r.job.texts)
		if err != nil {
			if khabar.ErrorCode(err) == khabar.EInternal {
				return err
			}
			w.im.MediaMissing(r.job.ref, err)
			continue
		}
		w.media[r.job.path] = m
	}
	return ctx.Err()
}

// mediaJobs lists the images to bring in, attachments first, in a fixed
// order. Images an earlier run brought in are not fetched again.
func (w *wpImport) mediaJobs(ctx context.Context) []mediaJob {
	var jobs []mediaJob
	ids := make([]string, 0, len(w.p.attachments))
	for id := range w.p.attachments {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return numLess(ids[i], ids[j]) })
	for _, id := range ids {
		a := w.p.attachments[id]
		if !a.image {
			w.im.Ignore("not_image")
			continue
		}
		l := a.lang
		if l == "" {
			l = w.p.lang
		}
		texts := newsroom.MediaTexts{Caption: textIn(l, a.caption), Alt: textIn(l, a.alt), Credit: textIn(l, a.credit)}
		if texts.Alt == nil {
			texts.Alt = textIn(l, a.title)
		}
		jobs = append(jobs, mediaJob{sourceID: a.id, path: a.path, urls: []string{a.url}, ref: a.ref, texts: texts})
	}
	paths := make([]string, 0, len(w.p.loose))
	for p := range w.p.loose {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		l := w.p.loose[p]
		jobs = append(jobs, mediaJob{sourceID: "file:" + p, path: p, urls: l.urls, ref: l.ref + ": " + l.urls[len(l.urls)-1]})
	}
	var todo []mediaJob
	for _, j := range jobs {
		if m, ok := w.im.RecordedMedia(ctx, j.sourceID); ok {
			w.media[j.path] = m
			w.im.Unchanged("media")
			continue
		}
		todo = append(todo, j)
	}
	return todo
}

// textIn is a one-language text, nil when empty.
func textIn(l, s string) khabar.Text {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	return khabar.Text{l: s}
}

// numLess orders post ids as numbers.
func numLess(a, b string) bool {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	if errA != nil || errB != nil {
		return a < b
	}
	return x < y
}

// fetch reads an image from the uploads folder when there is one, else
// over HTTP, and checks it as an upload. A dry run only checks that it is
// there.
func (w *wpImport) fetch(ctx context.Context, j mediaJob) (*media.Upload, error) {
	if w.opts.Uploads != "" {
		for _, p := range []string{j.path, original(j.path)} {
			up, err := w.fromUploads(p)
			if err == nil || !errors.Is(err, fs.ErrNotExist) {
				return up, err
			}
		}
		if w.opts.NoFetch {
			return nil, khabar.NotFound("err.import.media_file", "path", j.path)
		}
	}
	if w.opts.NoFetch {
		return nil, khabar.Invalid("url", "err.import.media_not_fetched", "url", j.urls[len(j.urls)-1])
	}
	var last error
	for _, u := range j.urls {
		up, err := w.fromWeb(ctx, u)
		if err == nil {
			return up, nil
		}
		last = err
		if khabar.ErrorCode(err) == khabar.EInvalid && media.RejectionOf(err) != nil {
			return nil, err // it is there, and not an image we take
		}
	}
	return nil, last
}

// fromUploads reads an image from the copy of the uploads folder; the path
// cannot leave it.
func (w *wpImport) fromUploads(p string) (*media.Upload, error) {
	if p == "" {
		return nil, fs.ErrNotExist
	}
	root, err := os.OpenRoot(w.opts.Uploads)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	f, err := root.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if w.opts.DryRun {
		st, err := f.Stat()
		if err != nil {
			return nil, err
		}
		if st.Size() > w.opts.Limits.MaxBytes {
			return nil, media.TooLarge(w.opts.Limits)
		}
		return nil, nil
	}
	return media.Inspect(f, w.opts.Limits)
}

// fromWeb fetches an image from the old site, within the limits.
func (w *wpImport) fromWeb(ctx context.Context, u string) (*media.Upload, error) {
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		return nil, khabar.Invalid("url", "err.import.media_unreachable", "url", u)
	}
	ctx, cancel := context.WithTimeout(ctx, w.opts.Timeout)
	defer cancel()
	method := http.MethodGet
	if w.opts.DryRun {
		method = http.MethodHead
	}
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := w.opts.Client.Do(req)
	if err != nil && ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, w.tooSlow(u, err)
	}
	if err != nil {
		return nil, khabar.NotFound("err.import.media_unreachable", "url", u).Because(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, khabar.NotFound("err.import.media_status", "url", u, "status", resp.StatusCode).Because(errors.New(resp.Status))
	}
	if resp.ContentLength > w.opts.Limits.MaxBytes {
		return nil, media.TooLarge(w.opts.Limits)
	}
	if w.opts.DryRun {
		return nil, nil
	}
	up, err := media.Inspect(io.LimitReader(resp.Body, w.opts.Limits.MaxBytes+1), w.opts.Limits)
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, w.tooSlow(u, err)
	}
	if err != nil && khabar.ErrorCode(err) == khabar.EInternal {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	return up, err
}

// tooSlow is the error of an image the old site did not send whole
// within the timeout: reported, and the import goes on without it.
func (w *wpImport) tooSlow(u string, err error) error {
	return khabar.NotFound("err.import.media_slow", "url", u, "seconds", int(max(1, w.opts.Timeout.Round(time.Second)/time.Second))).Because(err)
}
