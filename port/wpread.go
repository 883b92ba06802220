package port

import (
	"errors"
	"io"
	"runtime"
	"sync"

	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/wxr"
)

// The second pass reads the file on a goroutine of its own and makes the
// bodies of posts and pages (wxr.HTML, the images) on others, while the
// items are brought in one by one, in file order, as before: reading and
// making bodies were most of an import's time, and neither needs anything
// the writes change. A body made ahead is only ever used for the item it
// was made of; where there is none, body makes it then.

// readAhead bounds the items read but not yet brought in: two batches of
// stories in three languages, so that the reading goes on while a batch
// is written.
const readAhead = 2 * 3 * newsroom.StoryBatch

// aheadItem is an item read, with the body being made of it.
type aheadItem struct {
	it   *wxr.Item
	body chan aheadBody // nil: the item will need no body
}

type aheadBody struct {
	html string
	ok   bool // false: making it failed; body tries again, in the open
}

var errStopped = errors.New("import stopped")

// readItems reads the items of f and calls each with them in file order.
// It returns each's first error, else Read's.
func (w *wpImport) readItems(f io.Reader, each func(*wxr.Item) error) error {
	done := make(chan struct{})
	items := make(chan aheadItem, readAhead)
	work := make(chan aheadItem, readAhead)
	var (
		wg        sync.WaitGroup
		readErr   error
		readPanic any
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for a := range work {
				a.body <- w.bodyAhead(a.it, done)
			}
		})
	}
	wg.Go(func() {
		defer close(items)
		defer close(work)
		defer func() { readPanic = recover() }()
		_, readErr = wxr.Read(f, wxr.Options{MaxBytes: w.opts.MaxBytes}, func(_ *wxr.Site, it *wxr.Item) error {
			a := aheadItem{it: it}
			if w.needsBody(it) {
				a.body = make(chan aheadBody, 1)
				select {
				case work <- a:
				case <-done:
					return errStopped
				}
			}
			select {
			case items <- a:
				return nil
			case <-done:
				return errStopped
			}
		})
	})
	defer func() {
		close(done)
		wg.Wait()
	}()
	for a := range items {
		if a.body != nil {
			if b := <-a.body; b.ok {
				w.bodies[a.it] = b.html
			}
		}
		if err := each(a.it); err != nil {
			return err
		}
	}
	if readPanic != nil {
		panic(readPanic)
	}
	return readErr
}

// bodyAhead makes an item's body. A panic is left for body to meet again
// on the import's own goroutine.
func (w *wpImport) bodyAhead(it *wxr.Item, done <-chan struct{}) (b aheadBody) {
	select {
	case <-done:
		return aheadBody{}
	default:
	}
	defer func() {
		if recover() != nil {
			b = aheadBody{}
		}
	}()
	return aheadBody{html: w.makeBody(it, w.langOf(it)), ok: true}
}

// needsBody reports whether item will bring it in: a post or page in a
// status that is imported, with no flaw.
func (w *wpImport) needsBody(it *wxr.Item) bool {
	if it.Type != "post" && it.Type != "page" || len(it.Flaws) > 0 {
		return false
	}
	return imported(it.Status) && (it.Type != "page" || it.Status == "publish")
}
