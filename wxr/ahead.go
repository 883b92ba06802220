package wxr

import "io"

// aheadReader runs a cleanReader on a goroutine of its own, a few chunks
// ahead of the XML decoder: reading the file and cleaning it were a fifth
// of a first pass over a large export, and need not wait for the decoder.
// A chunk's flaws are noted when the decoder asks for its first bytes, as
// the cleanReader notes them when it cleans the chunk the decoder asks
// for: an item sees the same flaws, and the decoder the same bytes and
// errors.
type aheadReader struct {
	chunks chan aheadChunk
	stop   chan struct{}
	done   chan struct{}
	buf    []byte
	eof    bool
	err    error
	flaws  []Flaw
}

type aheadChunk struct {
	buf   []byte
	flaws []Flaw
	eof   bool
	err   error
}

func newAheadReader(cr *cleanReader) *aheadReader {
	a := &aheadReader{chunks: make(chan aheadChunk, 4), stop: make(chan struct{}), done: make(chan struct{})}
	go a.run(cr)
	return a
}

func (a *aheadReader) run(cr *cleanReader) {
	defer close(a.done)
	for {
		n := len(cr.flaws)
		err := cr.fill()
		ch := aheadChunk{buf: cr.buf, flaws: append([]Flaw(nil), cr.flaws[n:]...), eof: cr.eof, err: err}
		cr.buf = nil
		select {
		case a.chunks <- ch:
		case <-a.stop:
			return
		}
		if err != nil || cr.eof {
			return
		}
	}
}

// Read is cleanReader's Read. After an error it gives the error again;
// the decoder reads no further.
func (a *aheadReader) Read(p []byte) (int, error) {
	for len(a.buf) == 0 {
		if a.eof {
			return 0, io.EOF
		}
		if a.err != nil {
			return 0, a.err
		}
		ch := <-a.chunks
		a.flaws = append(a.flaws, ch.flaws...)
		if ch.err != nil {
			a.err = ch.err
			return 0, ch.err
		}
		a.buf, a.eof = ch.buf, ch.eof
	}
	n := copy(p, a.buf)
	a.buf = a.buf[n:]
	return n, nil
}

// close stops the reading and waits for it: the caller may use its reader
// again once Read has returned.
func (a *aheadReader) close() {
	close(a.stop)
	<-a.done
}

// flawsIn returns the flaws noted between two lines.
func (a *aheadReader) flawsIn(from, to int) []Flaw {
	var out []Flaw
	for _, f := range a.flaws {
		if f.Line >= from && f.Line <= to {
			out = append(out, f)
		}
	}
	return out
}
