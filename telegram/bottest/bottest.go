// Package bottest is a stand-in for Telegram's Bot API in tests: a real
// HTTP server on 127.0.0.1 that implements the methods Khabar uses
// (sendMessage, sendPhoto, editMessageText, editMessageCaption,
// deleteMessage) with the requests and answers of the Bot API's
// documentation (https://core.telegram.org/bots/api): parameters as JSON,
// URL-encoded or multipart forms; answers {"ok":true,"result":…} or
// {"ok":false,"error_code":…,"description":…,"parameters":{…}} with the
// same HTTP status. It keeps the channels' messages, so that a test reads
// what a channel shows, and can refuse with 429 and retry_after, or hold a
// request, to test what a sender does then. It is not Telegram: there are
// no users, no updates and no limits but the ones a test sets.
package bottest

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
)

// Server is the stand-in.
type Server struct {
	*httptest.Server
	// Token is the one token it accepts.
	Token string

	mu       sync.Mutex
	chats    map[string]*chat // by @username and by numeric id
	calls    []Call
	limited  map[string]int // method → retry_after to answer once
	hold     chan struct{}  // requests wait on it while it is set
	held     chan string    // tells a test that a request is held
	nextID   int64
	nextChat int64
}

type chat struct {
	id       int64
	username string
	messages map[int64]*Message
}

// Message is a message in a channel, as the stand-in keeps it.
type Message struct {
	ID      int64
	Text    string // text as sent, HTML and all
	Caption string
	Photo   []byte
	Edits   int
}

// Call is one request the stand-in answered.
type Call struct {
	Method string
	Params url.Values
	Status int
}

// Start runs the stand-in until the test ends; channels are created by
// Channel.
func Start(tb testing.TB) *Server {
	tb.Helper()
	s := &Server{Token: "123456:KHABAR-test-token", chats: map[string]*chat{}, limited: map[string]int{}, nextChat: -1001000000000}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.Close)
	return s
}

// Channel creates a channel with a public name (without the @) in which
// the bot may post, and returns its numeric id.
func (s *Server) Channel(username string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextChat--
	c := &chat{id: s.nextChat, username: username, messages: map[int64]*Message{}}
	s.chats["@"+strings.ToLower(username)] = c
	s.chats[strconv.FormatInt(c.id, 10)] = c
	return c.id
}

// Messages returns what a channel shows, by message id.
func (s *Server) Messages(chatID string) map[int64]Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[int64]Message{}
	if c := s.chats[strings.ToLower(chatID)]; c != nil {
		for id, m := range c.messages {
			out[id] = *m
		}
	}
	return out
}

// Calls returns the requests answered so far.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// Count counts the answered calls of a method that succeeded.
func (s *Server) Count(method string) int {
	n := 0
	for _, c := range s.Calls() {
		if c.Method == method && c.Status == http.StatusOK {
			n++
		}
	}
	return n
}

// Limit makes the next call of method answer 429 with retry_after.
func (s *Server) Limit(method string, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limited[strings.ToLower(method)] = retryAfter
}

// Hold makes requests wait until Release; each held request's method is
// sent on the channel Hold returns.
func (s *Server) Hold() <-chan string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hold, s.held = make(chan struct{}), make(chan string, 16)
	return s.held
}

// Release lets held requests go on.
func (s *Server) Release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hold != nil {
		close(s.hold)
		s.hold = nil
	}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	// /bot<token>/<method>: the method name is case-insensitive.
	path := strings.TrimPrefix(r.URL.Path, "/bot")
	token, method, ok := strings.Cut(path, "/")
	if !ok || r.URL.Path == path {
		fail(w, http.StatusNotFound, "Not Found", 0)
		return
	}
	params, err := readParams(r)
	if err != nil {
		fail(w, http.StatusBadRequest, "Bad Request: "+err.Error(), 0)
		return
	}
	s.mu.Lock()
	hold, held := s.hold, s.held
	s.mu.Unlock()
	if hold != nil {
		held <- method
		select {
		case <-hold:
		case <-r.Context().Done():
		case <-time.After(30 * time.Second):
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := &recorder{ResponseWriter: w}
	switch {
	case token != s.Token:
		fail(rec, http.StatusUnauthorized, "Unauthorized", 0)
	case s.limited[strings.ToLower(method)] > 0:
		retry := s.limited[strings.ToLower(method)]
		delete(s.limited, strings.ToLower(method))
		fail(rec, http.StatusTooManyRequests, fmt.Sprintf("Too Many Requests: retry after %d", retry), retry)
	default:
		s.method(rec, strings.ToLower(method), params)
	}
	if rec.status == 0 {
		rec.status = http.StatusOK // written without WriteHeader
	}
	s.calls = append(s.calls, Call{Method: method, Params: params.values, Status: rec.status})
}

type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// params are a request's parameters and its uploaded files.
type params struct {
	values url.Values
	files  map[string][]byte
}

// readParams reads parameters the three ways the Bot API takes them.
func readParams(r *http.Request) (params, error) {
	p := params{values: url.Values{}, files: map[string][]byte{}}
	for k, v := range r.URL.Query() {
		p.values[k] = v
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "application/json":
		var m map[string]any
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
			return p, fmt.Errorf("can't parse JSON: %v", err)
		}
		for k, v := range m {
			switch x := v.(type) {
			case string:
				p.values.Set(k, x)
			case float64:
				p.values.Set(k, strconv.FormatFloat(x, 'f', -1, 64))
			case bool:
				p.values.Set(k, strconv.FormatBool(x))
			default:
				b, _ := json.Marshal(x)
				p.values.Set(k, string(b))
			}
		}
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return p, err
		}
		for k, v := range r.PostForm {
			p.values[k] = v
		}
	case "multipart/form-data":
		if err := r.ParseMultipartForm(20 << 20); err != nil {
			return p, err
		}
		for k, v := range r.MultipartForm.Value {
			p.values[k] = v
		}
		for k, fhs := range r.MultipartForm.File {
			f, err := fhs[0].Open()
			if err != nil {
				return p, err
			}
			b, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				return p, err
			}
			p.files[k] = b
		}
	}
	return p, nil
}

// method answers one Bot API method.
func (s *Server) method(w http.ResponseWriter, method string, p params) {
	switch method {
	case "sendmessage", "sendphoto", "editmessagetext", "editmessagecaption", "deletemessage":
	default:
		fail(w, http.StatusNotFound, "Not Found: method not found", 0)
		return
	}
	c := s.chats[strings.ToLower(p.values.Get("chat_id"))]
	if c == nil {
		fail(w, http.StatusBadRequest, "Bad Request: chat not found", 0)
		return
	}
	if pm := p.values.Get("parse_mode"); pm != "" && pm != "HTML" && pm != "MarkdownV2" && pm != "Markdown" {
		fail(w, http.StatusBadRequest, "Bad Request: unsupported parse_mode", 0)
		return
	}
	switch method {
	case "sendmessage":
		text := p.values.Get("text")
		if text == "" {
			fail(w, http.StatusBadRequest, "Bad Request: message text is empty", 0)
			return
		}
		if visibleLen(text) > 4096 {
			fail(w, http.StatusBadRequest, "Bad Request: message is too long", 0)
			return
		}
		s.send(w, c, &Message{Text: text})
	case "sendphoto":
		photo := p.files["photo"]
		ref := p.values.Get("photo")
		if photo == nil && strings.HasPrefix(ref, "attach://") {
			photo = p.files[strings.TrimPrefix(ref, "attach://")]
		}
		if photo == nil && ref != "" {
			// A file_id or an address Telegram would fetch: the stand-in
			// knows no files and fetches nothing.
			fail(w, http.StatusBadRequest, "Bad Request: wrong file identifier/HTTP URL specified", 0)
			return
		}
		if len(photo) == 0 {
			fail(w, http.StatusBadRequest, "Bad Request: there is no photo in the request", 0)
			return
		}
		if !isImage(photo) {
			fail(w, http.StatusBadRequest, "Bad Request: IMAGE_PROCESS_FAILED", 0)
			return
		}
		caption := p.values.Get("caption")
		if visibleLen(caption) > 1024 {
			fail(w, http.StatusBadRequest, "Bad Request: message caption is too long", 0)
			return
		}
		s.send(w, c, &Message{Caption: caption, Photo: photo})
	case "editmessagetext", "editmessagecaption", "deletemessage":
		s.change(w, method, c, p)
	}
}

// send posts a message and answers with it.
func (s *Server) send(w http.ResponseWriter, c *chat, m *Message) {
	s.nextID++
	m.ID = s.nextID
	c.messages[m.ID] = m
	ok(w, s.messageJSON(c, m))
}

// change edits or deletes a message.
func (s *Server) change(w http.ResponseWriter, method string, c *chat, p params) {
	id, err := strconv.ParseInt(p.values.Get("message_id"), 10, 64)
	if err != nil {
		fail(w, http.StatusBadRequest, "Bad Request: message identifier is not specified", 0)
		return
	}
	m := c.messages[id]
	switch {
	case m == nil && method == "deletemessage":
		fail(w, http.StatusBadRequest, "Bad Request: message to delete not found", 0)
	case m == nil:
		fail(w, http.StatusBadRequest, "Bad Request: message to edit not found", 0)
	case method == "deletemessage":
		delete(c.messages, id)
		ok(w, true)
	case method == "editmessagetext" && m.Photo != nil:
		fail(w, http.StatusBadRequest, "Bad Request: there is no text in the message to edit", 0)
	case method == "editmessagecaption" && m.Photo == nil:
		fail(w, http.StatusBadRequest, "Bad Request: there is no caption in the message to edit", 0)
	default:
		field, next := &m.Text, p.values.Get("text")
		if method == "editmessagecaption" {
			field, next = &m.Caption, p.values.Get("caption")
		}
		if *field == next {
			fail(w, http.StatusBadRequest, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message", 0)
			return
		}
		*field = next
		m.Edits++
		ok(w, s.messageJSON(c, m))
	}
}

func (s *Server) messageJSON(c *chat, m *Message) map[string]any {
	chat := map[string]any{"id": c.id, "type": "channel", "title": c.username, "username": c.username}
	out := map[string]any{"message_id": m.ID, "date": time.Now().Unix(), "chat": chat, "sender_chat": chat}
	if m.Photo != nil {
		out["caption"] = plain(m.Caption)
		out["photo"] = []map[string]any{{"file_id": fmt.Sprintf("photo-%d", m.ID), "file_unique_id": fmt.Sprintf("u%d", m.ID), "width": 320, "height": 180, "file_size": len(m.Photo)}}
	} else {
		out["text"] = plain(m.Text)
	}
	return out
}

func ok(w http.ResponseWriter, result any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
}

func fail(w http.ResponseWriter, code int, description string, retryAfter int) {
	body := map[string]any{"ok": false, "error_code": code, "description": description}
	if retryAfter > 0 {
		body["parameters"] = map[string]any{"retry_after": retryAfter}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(body)
}

// plain is the text of an HTML message as readers see it: tags dropped,
// the entities the Bot API knows decoded.
func plain(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&amp;", "&").Replace(b.String())
}

// visibleLen counts what the Bot API limits: the characters left once the
// markup is parsed, in UTF-16 code units.
func visibleLen(s string) int { return len(utf16.Encode([]rune(plain(s)))) }

// isImage recognises JPEG, PNG and WebP by their first bytes.
func isImage(b []byte) bool {
	return len(b) > 12 && (string(b[:3]) == "\xff\xd8\xff" || string(b[:8]) == "\x89PNG\r\n\x1a\n" || (string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP"))
}
