package newsletter

import (
	"bytes"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
)

// Message is one email, before it is written out.
type Message struct {
	From, FromName string
	To             string
	Subject        string
	Lang           string
	Date           time.Time
	MessageID      string
	// ListID and Unsubscribe are set for newsletter issues: the list's id
	// (RFC 2919) and the https address of its one-click unsubscription
	// (RFC 8058), which mail programs show as an "Unsubscribe" button.
	ListID      string
	Unsubscribe string
	Text, HTML  string
}

// Bytes writes the message as RFC 5322 text: headers encoded for UTF-8
// (RFC 2047), a multipart/alternative body with the plain text first and
// the HTML last (the part a mail program prefers), each quoted-printable
// with CRLF line ends.
func (m *Message) Bytes() ([]byte, error) {
	var b bytes.Buffer
	h := func(name, value string) { fmt.Fprintf(&b, "%s: %s\r\n", name, value) }
	from := mail.Address{Name: m.FromName, Address: m.From}
	h("From", from.String())
	h("To", (&mail.Address{Address: m.To}).String())
	h("Subject", mime.BEncoding.Encode("utf-8", m.Subject))
	h("Date", m.Date.Format(time.RFC1123Z))
	h("Message-ID", m.MessageID)
	h("MIME-Version", "1.0")
	if m.Lang != "" {
		h("Content-Language", m.Lang)
	}
	if m.ListID != "" {
		h("List-Id", mime.BEncoding.Encode("utf-8", m.ListID))
	}
	if m.Unsubscribe != "" {
		h("List-Unsubscribe", "<"+m.Unsubscribe+">")
		h("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
	}
	mw := multipart.NewWriter(&b)
	h("Content-Type", "multipart/alternative; boundary=\""+mw.Boundary()+"\"")
	b.WriteString("\r\n")
	for _, part := range []struct{ kind, body string }{{"text/plain", m.Text}, {"text/html", m.HTML}} {
		w, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {part.kind + "; charset=utf-8"},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return nil, err
		}
		qp := quotedprintable.NewWriter(w)
		if _, err := qp.Write([]byte(crlf(part.body))); err != nil {
			return nil, err
		}
		if err := qp.Close(); err != nil {
			return nil, err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// crlf gives every line of s the CRLF end mail requires.
func crlf(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r\n")
}
