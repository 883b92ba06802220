package web

import (
	"net/http"
	"time"

	"github.com/khabarnews/khabar"
)

// The Telegram channels through the Admin API: each language's channel,
// its posts and how they stand, and a story posted (or posted again).

type apiChannel struct {
	Lang     string `json:"lang"`
	ChatID   string `json:"chat_id"`
	AutoPost bool   `json:"auto_post"`
}

func (s *Server) apiChannels(w http.ResponseWriter, r *http.Request) error {
	u := userFrom(r.Context())
	if !khabar.Can(u, khabar.ActPostChannel, khabar.Target{}) && !khabar.Can(u, khabar.ActManageChannels, khabar.Target{}) {
		return khabar.Forbidden("err.forbidden.channel")
	}
	list, err := s.store.Channels(r.Context())
	if err != nil {
		return err
	}
	out := make([]apiChannel, len(list))
	for i, c := range list {
		out[i] = apiChannel{Lang: c.Lang, ChatID: c.ChatID, AutoPost: c.AutoPost}
	}
	writeAPIJSON(w, http.StatusOK, "application/json", map[string]any{"items": out})
	return nil
}

// apiChannelInput sets a language's channel; an empty chat_id removes it.
type apiChannelInput struct {
	ChatID   *string `json:"chat_id"`
	AutoPost bool    `json:"auto_post"`
}

func (s *Server) apiPutChannel(w http.ResponseWriter, r *http.Request) error {
	l := r.PathValue("lang")
	if err := s.apiCheckLang(r, "lang", l); err != nil {
		return err
	}
	var in apiChannelInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.ChatID == nil {
		return badRequest("missing_field", "chat_id")
	}
	c := khabar.Channel{Lang: l, ChatID: *in.ChatID, AutoPost: in.AutoPost}
	if err := s.news.SaveChannel(r.Context(), userFrom(r.Context()), c); err != nil {
		return err
	}
	writeAPIJSON(w, http.StatusOK, "application/json", apiChannel{Lang: l, ChatID: khabar.CleanLine(c.ChatID), AutoPost: c.AutoPost})
	return nil
}

// apiPost is a story's post in its language's channel.
type apiPost struct {
	Story     int64      `json:"story"`
	Lang      string     `json:"lang"`
	ChatID    string     `json:"chat_id"`
	MessageID *int64     `json:"message_id"`
	State     string     `json:"state"`
	Want      string     `json:"want"`
	Error     string     `json:"error"`
	PostedAt  *time.Time `json:"posted_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

func apiPostOf(p khabar.ChannelPost) apiPost {
	out := apiPost{Story: p.StoryID, Lang: p.Lang, ChatID: p.ChatID, State: p.State, Want: p.Want, Error: p.Error,
		PostedAt: optTime(p.PostedAt), UpdatedAt: p.UpdatedAt.UTC()}
	if p.MessageID != 0 {
		out.MessageID = &p.MessageID
	}
	return out
}

func (s *Server) apiChannelPosts(w http.ResponseWriter, r *http.Request) error {
	u := userFrom(r.Context())
	if !khabar.Can(u, khabar.ActPostChannel, khabar.Target{}) && !khabar.Can(u, khabar.ActManageChannels, khabar.Target{}) {
		return khabar.Forbidden("err.forbidden.channel")
	}
	l := r.PathValue("lang")
	if err := s.apiCheckLang(r, "lang", l); err != nil {
		return err
	}
	list, err := s.store.ChannelPosts(r.Context(), l, 100)
	if err != nil {
		return err
	}
	out := make([]apiPost, len(list))
	for i, p := range list {
		out[i] = apiPostOf(p)
	}
	writeAPIJSON(w, http.StatusOK, "application/json", map[string]any{"items": out})
	return nil
}

type apiPostInput struct {
	Story int64 `json:"story"`
}

// apiPostStory posts a published story to its language's channel (or
// again, when its post is uncertain or was refused).
func (s *Server) apiPostStory(w http.ResponseWriter, r *http.Request) error {
	l := r.PathValue("lang")
	if err := s.apiCheckLang(r, "lang", l); err != nil {
		return err
	}
	var in apiPostInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Story <= 0 {
		return badRequest("missing_field", "story")
	}
	if err := s.news.PostToChannel(r.Context(), userFrom(r.Context()), in.Story, l); err != nil {
		return err
	}
	p, err := s.store.ChannelPost(r.Context(), in.Story, l)
	if err != nil {
		return err
	}
	writeAPIJSON(w, http.StatusAccepted, "application/json", apiPostOf(*p))
	return nil
}
