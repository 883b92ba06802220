package web

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/port"
	"github.com/khabarnews/khabar/wxr"
)

// The import page runs the code of khabar import: an administrator uploads
// a WordPress export or a Khabar archive, sees what a dry run found, runs
// the import and watches it go. The file waits on the server's disk
// between the dry run and the import; imports run one at a time, in the
// background, so that closing the page stops nothing.

// moveMaxUpload bounds an uploaded import file.
const moveMaxUpload = 2 << 30

// moveJobs are this server's imports, newest last.
type moveJobs struct {
	mu   sync.Mutex
	next int
	jobs map[int]*moveJob
}

// moveJob is one import, dry or not.
type moveJob struct {
	ID       int
	Kind     string // "wordpress" or "khabar"
	Name     string // the uploaded file's name, as its owner called it
	file     string // where it waits on disk
	DryRun   bool
	Fetch    bool
	By       string
	Started  time.Time
	mu       sync.Mutex
	progress port.Progress
	finished time.Time
	report   newsroom.ImportReport
	err      error
	RunID    int // the import a dry run led to
}

// state is a copy of what the page shows of a job.
func (j *moveJob) state() (port.Progress, time.Time, newsroom.ImportReport, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.progress, j.finished, j.report, j.err
}

func (s *Server) moveJobList() []*moveJob {
	s.imports.mu.Lock()
	defer s.imports.mu.Unlock()
	var out []*moveJob
	for _, j := range s.imports.jobs {
		out = append(out, j)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID > out[b].ID })
	return out
}

// moveRunning returns the import that is running, if one is.
func (s *Server) moveRunning() *moveJob {
	for _, j := range s.moveJobList() {
		if _, done, _, _ := j.state(); done.IsZero() {
			return j
		}
	}
	return nil
}

func (s *Server) moveImportPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "move.import", "import")
	if err != nil {
		return err
	}
	v.Data = s.moveJobList()
	return s.renderAdmin(w, http.StatusOK, "move_import", v)
}

// moveImportUpload keeps the uploaded file and starts its dry run.
func (s *Server) moveImportUpload(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "move.import", "import")
	if err != nil {
		return err
	}
	fail := func(key string) error {
		v.Data, v.Error = s.moveJobList(), v.T(key)
		return s.renderAdmin(w, http.StatusBadRequest, "move_import", v)
	}
	if s.moveRunning() != nil {
		return fail("move.import.busy")
	}
	mr, err := r.MultipartReader() // the body is cut off at moveMaxUpload (bodies.go)
	if err != nil {
		return fail("move.import.no_file")
	}
	job := &moveJob{Fetch: false, By: v.User.Login, DryRun: true}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fail("move.import.too_large")
		}
		switch part.FormName() {
		case "fetch":
			job.Fetch = true
		case "file":
			if job.file, job.Kind, err = moveKeep(part); err != nil {
				if job.file != "" {
					os.RemoveAll(filepath.Dir(job.file))
				}
				return fail(err.Error())
			}
			job.Name = filepath.Base(part.FileName())
		}
		part.Close()
	}
	if job.file == "" {
		return fail("move.import.no_file")
	}
	s.moveStart(job, v.User)
	http.Redirect(w, r, "/admin/import/"+strconv.Itoa(job.ID), http.StatusSeeOther)
	return nil
}

// moveKeep writes an uploaded file to a folder of its own and tells what
// it is by its first bytes: an XML file is a WordPress export, a gzipped
// one a Khabar archive. The error is a catalogue key.
func moveKeep(part io.Reader) (path, kind string, err error) {
	dir, err := os.MkdirTemp("", "khabar-import-upload-")
	if err != nil {
		return "", "", err
	}
	br := bufio.NewReader(part)
	head, _ := br.Peek(512)
	switch {
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		kind, path = "khabar", filepath.Join(dir, "archive.tar.gz")
	case bytes.Contains(bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n"), []byte("<")):
		kind, path = "wordpress", filepath.Join(dir, "export.xml")
	default:
		os.RemoveAll(dir)
		return "", "", errors.New("move.import.unknown")
	}
	f, err := os.Create(path)
	if err != nil {
		return path, "", err
	}
	defer f.Close()
	if _, err := io.Copy(f, br); err != nil {
		return path, "", errors.New("move.import.too_large")
	}
	return path, kind, f.Close()
}

// moveStart runs a job in the background.
func (s *Server) moveStart(job *moveJob, actor *khabar.User) {
	s.imports.mu.Lock()
	if s.imports.jobs == nil {
		s.imports.jobs = map[int]*moveJob{}
	}
	s.imports.next++
	job.ID, job.Started = s.imports.next, time.Now()
	s.imports.jobs[job.ID] = job
	s.imports.mu.Unlock()
	go s.moveRun(context.Background(), job, actor)
}

func (s *Server) moveRun(ctx context.Context, job *moveJob, actor *khabar.User) {
	opts := port.Options{DryRun: job.DryRun, NoFetch: !job.Fetch, Progress: func(p port.Progress) {
		job.mu.Lock()
		job.progress = p
		job.mu.Unlock()
	}}
	var rep newsroom.ImportReport
	var err error
	if job.Kind == "khabar" {
		rep, err = port.Archive(ctx, s.news, actor, job.file, opts)
	} else {
		rep, err = port.WordPress(ctx, s.news, actor, job.file, opts)
	}
	if err == nil && !job.DryRun {
		err = s.news.IndexSearch(ctx, actor, func(done, total int) {
			opts.Progress(port.Progress{Phase: "indexing", Done: int64(done), Total: int64(total)})
		})
	}
	if err != nil {
		s.log.Warn("import", "file", job.Name, "err", err)
	}
	if !job.DryRun || err != nil {
		os.RemoveAll(filepath.Dir(job.file)) // done with it
	}
	job.mu.Lock()
	job.report, job.err, job.finished = rep, err, time.Now()
	job.mu.Unlock()
}

func (s *Server) moveJob(r *http.Request) (*moveJob, error) {
	id, err := strconv.Atoi(r.PathValue("job"))
	s.imports.mu.Lock()
	defer s.imports.mu.Unlock()
	job := s.imports.jobs[id]
	if err != nil || job == nil {
		return nil, khabar.NotFound("err.not_found")
	}
	return job, nil
}

// moveJobView is what the page of an import shows.
type moveJobView struct {
	Job      *moveJob
	Progress port.Progress
	Done     bool
	Report   newsroom.ImportReport
	Err      error
	Percent  int
	Counts   []moveCount
	Ignored  []moveCount
}

type moveCount struct {
	Kind                        string
	Created, Updated, Unchanged int
}

func (s *Server) moveImportJob(w http.ResponseWriter, r *http.Request) error {
	job, err := s.moveJob(r)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, "move.import", "import")
	if err != nil {
		return err
	}
	p, finished, rep, jobErr := job.state()
	d := moveJobView{Job: job, Progress: p, Done: !finished.IsZero(), Report: rep, Err: jobErr}
	if p.Total > 0 {
		d.Percent = int(p.Done * 100 / p.Total)
	}
	for _, k := range []string{"story", "version", "page", "section", "tag", "source", "user", "media", "redirect", "audit", "settings"} {
		c := moveCount{Kind: k, Created: rep.Created[k], Updated: rep.Updated[k], Unchanged: rep.Unchanged[k]}
		if c.Created+c.Updated+c.Unchanged > 0 {
			d.Counts = append(d.Counts, c)
		}
	}
	for k, n := range rep.Ignored {
		d.Ignored = append(d.Ignored, moveCount{Kind: k, Created: n})
	}
	sort.Slice(d.Ignored, func(a, b int) bool { return d.Ignored[a].Kind < d.Ignored[b].Kind })
	if d.Err != nil {
		v.Error = moveErrorText(v, d.Err)
	}
	v.Data = d
	return s.renderAdmin(w, http.StatusOK, "move_import_job", v)
}

// moveImportRun runs the import a dry run checked, from the same file.
func (s *Server) moveImportRun(w http.ResponseWriter, r *http.Request) error {
	dry, err := s.moveJob(r)
	if err != nil {
		return err
	}
	_, finished, _, jobErr := dry.state()
	if !dry.DryRun || finished.IsZero() || jobErr != nil || dry.RunID != 0 {
		return khabar.Invalid("job", "err.form")
	}
	if s.moveRunning() != nil {
		v, err := s.newAdminView(r, "move.import", "import")
		if err != nil {
			return err
		}
		v.Data, v.Error = s.moveJobList(), v.T("move.import.busy")
		return s.renderAdmin(w, http.StatusConflict, "move_import", v)
	}
	job := &moveJob{Kind: dry.Kind, Name: dry.Name, file: dry.file, Fetch: dry.Fetch, By: userFrom(r.Context()).Login}
	s.moveStart(job, userFrom(r.Context()))
	dry.mu.Lock()
	dry.RunID = job.ID
	dry.mu.Unlock()
	http.Redirect(w, r, "/admin/import/"+strconv.Itoa(job.ID), http.StatusSeeOther)
	return nil
}

// moveErrorText says an import's error in the interface's language: the
// newsroom's errors by their keys, the reader's (a line of the file) as
// they are.
func moveErrorText(v *adminView, err error) string {
	if khabar.ErrorCode(err) != khabar.EInternal {
		return v.ErrorText(err)
	}
	var syntax *wxr.SyntaxError
	var tooLarge *wxr.TooLargeError
	var archive *port.ArchiveError
	if errors.As(err, &syntax) || errors.As(err, &tooLarge) || errors.As(err, &archive) {
		return v.T("move.import.unreadable", "reason", fmt.Sprint(err))
	}
	return v.ErrorText(err)
}

// ProblemText is a skipped item's reason in the interface's language.
func (v *adminView) ProblemText(err error) string { return moveErrorText(v, err) }

// IgnoredName names what an import left out on purpose.
func (v *adminView) IgnoredName(kind string) string {
	if t, ok := strings.CutPrefix(kind, "type:"); ok {
		return v.T("move.ignored.type", "type", t)
	}
	if st, ok := strings.CutPrefix(kind, "status:"); ok {
		return v.T("move.ignored.status", "status", st)
	}
	key := "move.ignored." + kind
	if t := v.T(key); t != key {
		return t
	}
	return kind
}
