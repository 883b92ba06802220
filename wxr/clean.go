package wxr

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"
)

// Flaw is a place in the file that XML cannot carry: invalid UTF-8, or a
// control character. WordPress writes what its database holds, and old
// databases hold both; a strict XML reader would stop at the first. The
// reader replaces each with "?" and remembers its line, and the item that
// holds it is refused with a message naming the line, while the rest of
// the file is read.
type Flaw struct {
	Line    int
	What    string // "invalid UTF-8", "control character U+0001"
	Control rune   // the control character; 0 for invalid UTF-8
}

func (f Flaw) Error() string { return fmt.Sprintf("line %d: %s", f.Line, f.What) }

// cleanReader passes a file through, replacing the bytes XML cannot carry
// and noting where they were. It keeps up to three bytes back when a
// chunk ends inside a multi-byte character.
type cleanReader struct {
	r      io.Reader
	line   int
	buf    []byte // read, not yet handed out
	carry  []byte // the start of a character cut by the end of a chunk
	flaws  []Flaw
	eof    bool
	maxLen int64 // refuse a file longer than this (0: no limit)
	total  int64
}

func newCleanReader(r io.Reader, maxLen int64) *cleanReader {
	return &cleanReader{r: r, line: 1, maxLen: maxLen}
}

func (c *cleanReader) Read(p []byte) (int, error) {
	for len(c.buf) == 0 {
		if c.eof {
			return 0, io.EOF
		}
		if err := c.fill(); err != nil {
			return 0, err
		}
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	return n, nil
}

// fill reads the next chunk and cleans it.
func (c *cleanReader) fill() error {
	chunk := make([]byte, 64<<10)
	n, err := io.ReadFull(c.r, chunk)
	chunk = append(c.carry, chunk[:n]...)
	c.carry = nil
	c.total += int64(n)
	if c.maxLen > 0 && c.total > c.maxLen {
		return &TooLargeError{Limit: c.maxLen}
	}
	switch err {
	case nil:
		// Keep back a character that the chunk cuts in two.
		if i := cutRune(chunk); i < len(chunk) {
			c.carry = append([]byte(nil), chunk[i:]...)
			chunk = chunk[:i]
		}
	case io.EOF, io.ErrUnexpectedEOF:
		c.eof = true
	default:
		return err
	}
	c.buf = c.clean(chunk)
	return nil
}

// cutRune returns where the last, incomplete character of b starts, or
// len(b) when b ends with a whole one.
func cutRune(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return i
			}
			return len(b)
		}
	}
	return len(b)
}

// clean replaces what XML cannot carry, in place, counting lines.
func (c *cleanReader) clean(b []byte) []byte {
	if utf8.Valid(b) && !bytes.ContainsFunc(b, illegal) {
		c.line += bytes.Count(b, []byte{'\n'})
		return b
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			c.flaws = append(c.flaws, Flaw{Line: c.line, What: "invalid UTF-8"})
			b[i] = '?'
		case illegal(r):
			c.flaws = append(c.flaws, Flaw{Line: c.line, What: fmt.Sprintf("control character U+%04X", r), Control: r})
			for j := range size {
				b[i+j] = '?'
			}
		case r == '\n':
			c.line++
		}
		i += size
	}
	return b
}

// illegal reports the characters XML 1.0 does not allow.
func illegal(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20:
		return true
	case r == 0xFFFE || r == 0xFFFF:
		return true
	}
	return false
}

// flawsIn returns the flaws noted between two lines.
func (c *cleanReader) flawsIn(from, to int) []Flaw {
	var out []Flaw
	for _, f := range c.flaws {
		if f.Line >= from && f.Line <= to {
			out = append(out, f)
		}
	}
	return out
}

// TooLargeError is a file over the size an import accepts.
type TooLargeError struct{ Limit int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the file is larger than %d MB, the most an import reads (see --max-size)", e.Limit>>20)
}
