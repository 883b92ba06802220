// Package telegram posts stories to a language's Telegram channel through
// the Bot API, and keeps each post in line with its story: an edit of the
// title or summary edits the post, a withdrawal deletes it. Posts leave
// from a queue in the database (Poster) that survives restarts; a post is
// made at most once.
package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptrace"
	"strings"
	"time"
)

// Client calls the Bot API methods Khabar uses.
type Client struct {
	// API is the Bot API's address (https://api.telegram.org; a local
	// Bot API server, or a stand-in in tests).
	API string
	// Token is the bot's token (from @BotFather). It is part of every
	// address, so it is never logged.
	Token string
	HTTP  *http.Client
}

// NewClient returns a client of the Bot API at api for the bot's token.
func NewClient(api, token string) *Client {
	if api == "" {
		api = "https://api.telegram.org"
	}
	return &Client{API: strings.TrimSuffix(api, "/"), Token: token, HTTP: &http.Client{Timeout: time.Minute}}
}

// Message is the part of the Bot API's Message object Khabar reads.
type Message struct {
	MessageID int64  `json:"message_id"`
	Date      int64  `json:"date"`
	Text      string `json:"text,omitempty"`
	Caption   string `json:"caption,omitempty"`
	Chat      struct {
		ID       int64  `json:"id"`
		Type     string `json:"type"`
		Title    string `json:"title,omitempty"`
		Username string `json:"username,omitempty"`
	} `json:"chat"`
	Photo []struct {
		FileID string `json:"file_id"`
		Width  int    `json:"width"`
		Height int    `json:"height"`
	} `json:"photo,omitempty"`
}

// APIError is a request the Bot API answered with "ok": false.
type APIError struct {
	Code        int
	Description string
	// RetryAfter is how long to wait before trying again (a 429's
	// parameters.retry_after).
	RetryAfter time.Duration
}

func (e *APIError) Error() string {
	return fmt.Sprintf("telegram: %d %s", e.Code, e.Description)
}

// Is tells the answers that mean the message is already as asked.
func (e *APIError) has(s string) bool { return strings.Contains(strings.ToLower(e.Description), s) }

// NotModified is an edit that changes nothing: the post already reads so.
func (e *APIError) NotModified() bool { return e.Code == 400 && e.has("message is not modified") }

// Gone is a message that is no longer in the chat.
func (e *APIError) Gone() bool {
	return e.Code == 400 && (e.has("message to delete not found") || e.has("message to edit not found"))
}

// TransportError is a request that got no answer from the Bot API.
// Written tells whether the whole request left: if it did, Telegram may
// have acted on it.
type TransportError struct {
	Err     error
	Written bool
}

func (e *TransportError) Error() string { return "telegram: " + e.Err.Error() }
func (e *TransportError) Unwrap() error { return e.Err }

// answer is the Bot API's envelope.
type answer struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// call sends a request to a method and decodes its result into out.
func (c *Client) call(ctx context.Context, method, contentType string, body []byte, out any) error {
	wrote := false
	trace := &httptrace.ClientTrace{WroteRequest: func(info httptrace.WroteRequestInfo) { wrote = info.Err == nil }}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), http.MethodPost, c.API+"/bot"+c.Token+"/"+method, bytes.NewReader(body))
	if err != nil {
		return &TransportError{Err: errors.New("bad Bot API address")}
	}
	req.Header.Set("Content-Type", contentType)
	res, err := c.HTTP.Do(req)
	if err != nil {
		// The token is in the address: say the method, not the URL.
		var ue interface{ Unwrap() error }
		if errors.As(err, &ue) && ue.Unwrap() != nil {
			err = ue.Unwrap()
		}
		return &TransportError{Err: fmt.Errorf("%s: %w", method, err), Written: wrote}
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return &TransportError{Err: fmt.Errorf("%s: reading the answer: %w", method, err), Written: true}
	}
	var a answer
	if err := json.Unmarshal(raw, &a); err != nil {
		return &TransportError{Err: fmt.Errorf("%s: %s answered something that is not the Bot API's JSON", method, res.Status), Written: true}
	}
	if !a.OK {
		return &APIError{Code: a.ErrorCode, Description: a.Description, RetryAfter: time.Duration(a.Parameters.RetryAfter) * time.Second}
	}
	if out != nil {
		if err := json.Unmarshal(a.Result, out); err != nil {
			return &TransportError{Err: fmt.Errorf("%s: reading the result: %w", method, err), Written: true}
		}
	}
	return nil
}

func (c *Client) callJSON(ctx context.Context, method string, params map[string]any, out any) error {
	body, err := json.Marshal(params)
	if err != nil {
		return err
	}
	return c.call(ctx, method, "application/json", body, out)
}

// SendMessage posts text (HTML) to a chat.
func (c *Client) SendMessage(ctx context.Context, chatID, text string) (*Message, error) {
	var m Message
	err := c.callJSON(ctx, "sendMessage", map[string]any{"chat_id": chatID, "text": text, "parse_mode": "HTML"}, &m)
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// SendPhoto posts a photo, uploaded from its bytes, with a caption (HTML).
func (c *Client) SendPhoto(ctx context.Context, chatID string, photo []byte, filename, caption string) (*Message, error) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, f := range [][2]string{{"chat_id", chatID}, {"caption", caption}, {"parse_mode", "HTML"}} {
		if err := w.WriteField(f[0], f[1]); err != nil {
			return nil, err
		}
	}
	part, err := w.CreateFormFile("photo", filename)
	if err != nil {
		return nil, err
	}
	part.Write(photo)
	if err := w.Close(); err != nil {
		return nil, err
	}
	var m Message
	if err := c.call(ctx, "sendPhoto", w.FormDataContentType(), b.Bytes(), &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// EditText changes the text of a text message.
func (c *Client) EditText(ctx context.Context, chatID string, messageID int64, text string) error {
	return c.callJSON(ctx, "editMessageText", map[string]any{"chat_id": chatID, "message_id": messageID, "text": text, "parse_mode": "HTML"}, nil)
}

// EditCaption changes the caption of a photo.
func (c *Client) EditCaption(ctx context.Context, chatID string, messageID int64, caption string) error {
	return c.callJSON(ctx, "editMessageCaption", map[string]any{"chat_id": chatID, "message_id": messageID, "caption": caption, "parse_mode": "HTML"}, nil)
}

// Delete deletes a message.
func (c *Client) Delete(ctx context.Context, chatID string, messageID int64) error {
	return c.callJSON(ctx, "deleteMessage", map[string]any{"chat_id": chatID, "message_id": messageID}, nil)
}
