package newsletter

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"time"
)

// SMTP hands messages to a mail server (a relay, or a provider's
// submission server), one connection per message.
type SMTP struct {
	// Addr is the server's host:port.
	Addr string
	// Security is "starttls" (upgrade a plain connection, refuse a server
	// that cannot), "tls" (TLS from the start, port 465) or "none" (a
	// relay on the same machine or network).
	Security string
	// Username and Password, when set, log in (PLAIN, over TLS only).
	Username, Password string
	// Hello is the name given in EHLO ("localhost" when empty).
	Hello string
	// Timeout bounds one message: connecting, talking, sending.
	Timeout time.Duration
	// TLSConfig is for tests and private CAs; nil verifies the server's
	// name against the system's roots.
	TLSConfig *tls.Config
}

// Outcome says what a failed send means for the message.
type Outcome int

// Outcomes of a failed send.
const (
	// NotSent: the server did not take the message (no connection, or it
	// refused before the message's end): safe to try again later.
	NotSent Outcome = iota
	// Refused: the server refused the message for good (5xx).
	Refused
	// Unknown: the connection broke after the whole message was sent and
	// before the server answered: it may have been accepted.
	Unknown
)

// SendError is why a message was not (surely) sent.
type SendError struct {
	Outcome Outcome
	Err     error
}

func (e *SendError) Error() string { return e.Err.Error() }
func (e *SendError) Unwrap() error { return e.Err }

// Send hands one message to the server. A nil error means the server
// accepted it (250 after the message's end).
func (c *SMTP) Send(ctx context.Context, from, to string, msg []byte) error {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	host, _, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return &SendError{NotSent, fmt.Errorf("the SMTP address %q: %w", c.Addr, err)}
	}
	conn, err := c.dial(ctx, host)
	if err != nil {
		return &SendError{NotSent, err}
	}
	defer conn.Close()
	if deadline, ok := ctx.Deadline(); ok {
		conn.SetDeadline(deadline)
	}
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()
	client, err := smtp.NewClient(conn, host)
	if err != nil {
		return before(err)
	}
	defer client.Close()
	if err := c.prepare(client, host); err != nil {
		return err
	}
	if err := client.Mail(from); err != nil {
		return before(err)
	}
	if err := client.Rcpt(to); err != nil {
		return before(err)
	}
	w, err := client.Data()
	if err != nil {
		return before(err)
	}
	if _, err := w.Write(msg); err != nil {
		return before(err)
	}
	// Close sends the message's end and reads the server's answer: only
	// now may the server have taken it.
	if err := w.Close(); err != nil {
		var tp *textproto.Error
		if errors.As(err, &tp) {
			return before(err)
		}
		return &SendError{Unknown, err}
	}
	client.Quit() // the message is accepted; a failed goodbye changes nothing
	return nil
}

func (c *SMTP) dial(ctx context.Context, host string) (net.Conn, error) {
	d := &net.Dialer{}
	if c.Security == "tls" {
		td := &tls.Dialer{NetDialer: d, Config: c.tlsConfig(host)}
		return td.DialContext(ctx, "tcp", c.Addr)
	}
	return d.DialContext(ctx, "tcp", c.Addr)
}

func (c *SMTP) tlsConfig(host string) *tls.Config {
	if c.TLSConfig != nil {
		return c.TLSConfig
	}
	return &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
}

// prepare greets the server, upgrades to TLS and logs in as configured.
func (c *SMTP) prepare(client *smtp.Client, host string) error {
	hello := c.Hello
	if hello == "" {
		hello = "localhost"
	}
	if err := client.Hello(hello); err != nil {
		return before(err)
	}
	if c.Security == "starttls" {
		if ok, _ := client.Extension("STARTTLS"); !ok {
			return &SendError{NotSent, errors.New("the SMTP server does not offer STARTTLS (set the security to none for a local relay)")}
		}
		if err := client.StartTLS(c.tlsConfig(host)); err != nil {
			return before(err)
		}
	}
	if c.Username != "" {
		if err := client.Auth(smtp.PlainAuth("", c.Username, c.Password, host)); err != nil {
			return before(err)
		}
	}
	return nil
}

// before classifies an error that came before the message's end: the
// server did not take the message. A 5xx answer refuses it for good;
// anything else may pass later.
func before(err error) error {
	var tp *textproto.Error
	if errors.As(err, &tp) && tp.Code >= 500 {
		return &SendError{Refused, err}
	}
	return &SendError{NotSent, err}
}
