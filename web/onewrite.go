package web

import (
	"context"
	"io"
	"net"
	"net/http"
)

// net/http writes a response through a 4 KB buffer per connection, so a
// cached page whose headers and body pass 4 KB leaves in two writes (two
// TCP segments for the reader to take in); nginx sends such a page in one.
// A connection from Listener can hold what net/http writes while servePage
// answers a page, and send it in one write.

// Listener returns ln with connections that can hold writes; serve them with
// an http.Server whose ConnContext is ConnContext.
func Listener(ln net.Listener) net.Listener { return holdListener{ln} }

// ConnContext puts the connection in the context of its requests, for
// servePage to find.
func ConnContext(ctx context.Context, c net.Conn) context.Context {
	if hc, ok := c.(*holdConn); ok {
		return context.WithValue(ctx, holdConnKey{}, hc)
	}
	return ctx
}

type holdListener struct{ net.Listener }

func (l holdListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &holdConn{Conn: c}, nil
}

type holdConnKey struct{}

// holdConn is a connection whose writes can be held and sent in one.
type holdConn struct {
	net.Conn
	holding bool
	held    []byte
}

func (c *holdConn) Write(p []byte) (int, error) {
	if c.holding {
		c.held = append(c.held, p...)
		return len(p), nil
	}
	return c.Conn.Write(p)
}

// ReadFrom keeps sendfile for static files: net/http uses it when the
// connection has it.
func (c *holdConn) ReadFrom(r io.Reader) (int64, error) {
	if rf, ok := c.Conn.(io.ReaderFrom); ok && !c.holding {
		return rf.ReadFrom(r)
	}
	return io.Copy(writerOnly{c}, r)
}

// CloseWrite lets net/http end a connection gracefully, as with a bare one.
func (c *holdConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

type writerOnly struct{ io.Writer }

// inOneWrite runs write, which answers the request through w, and sends
// all it wrote in one write when the connection can hold writes.
func inOneWrite(w http.ResponseWriter, r *http.Request, write func()) {
	hc, _ := r.Context().Value(holdConnKey{}).(*holdConn)
	if hc == nil {
		write()
		return
	}
	hc.holding = true
	write()
	// What net/http still buffers joins the rest (if the writer cannot
	// flush, it follows in a second write, as without holding).
	http.NewResponseController(w).Flush()
	hc.holding = false
	if len(hc.held) > 0 {
		hc.Conn.Write(hc.held) // an error shows at the connection's next read
	}
	hc.held = hc.held[:0]
	if cap(hc.held) > maxHeld {
		hc.held = nil
	}
}

// maxHeld bounds what a connection keeps to hold writes in between pages.
const maxHeld = 64 << 10
