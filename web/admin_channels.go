package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/khabarnews/khabar"
)

// The Telegram channels in the newsroom: each language's channel, the
// stories posted there and how their posts stand, a story posted by hand
// or posted again. Identifiers of this file start with "chan".

func (s *Server) channelRoutes(m *http.ServeMux) {
	m.Handle("GET /admin/channels", s.adminHandle(s.chanPage))
	m.Handle("POST /admin/channels/save", s.siteHandle(khabar.ActManageChannels, s.chanSave))
	m.Handle("POST /admin/channels/post", s.siteHandle(khabar.ActPostChannel, s.chanPost))
}

// chanData is one language's channel page.
type chanData struct {
	Lang    string
	Tabs    []wireTab
	Channel khabar.Channel
	Posts   []chanPost
	Stories []khabar.Summary // published, not posted
}

// chanPost is a post with its story's title and its state in words.
type chanPost struct {
	khabar.ChannelPost
	Title string
	Again bool // uncertain or refused: an editor may post it again
}

func (s *Server) chanPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "chan.title", "channels")
	if err != nil {
		return err
	}
	if !khabar.Can(v.User, khabar.ActPostChannel, khabar.Target{}) && !khabar.Can(v.User, khabar.ActManageChannels, khabar.Target{}) {
		v.Error = v.T("mng.forbidden")
		return s.renderAdmin(w, http.StatusForbidden, "error", v)
	}
	ctx := r.Context()
	l := r.URL.Query().Get("lang")
	if !v.Settings.HasLang(l) {
		l = v.Settings.Languages[0]
	}
	d := &chanData{Lang: l, Channel: khabar.Channel{Lang: l}}
	chans, err := s.store.Channels(ctx)
	if err != nil {
		return err
	}
	for _, c := range chans {
		if c.Lang == l {
			d.Channel = c
		}
	}
	for _, tag := range v.Settings.Languages {
		d.Tabs = append(d.Tabs, wireTab{Lang: tag, Href: "/admin/channels?lang=" + tag, Current: tag == l})
	}
	posts, err := s.store.ChannelPosts(ctx, l, 50)
	if err != nil {
		return err
	}
	posted := map[int64]bool{}
	for _, p := range posts {
		cp := chanPost{ChannelPost: p, Again: p.State == khabar.PostUncertain || p.State == khabar.PostFailed}
		if vs, err := s.store.Versions(ctx, p.StoryID); err == nil {
			for _, ver := range vs {
				if ver.Lang == l {
					cp.Title = ver.Title
				}
			}
		}
		posted[p.StoryID] = p.Want == khabar.WantPost
		d.Posts = append(d.Posts, cp)
	}
	recent, _, err := s.store.ListArticles(ctx, khabar.ListFilter{Lang: l, Limit: 20, NoTotal: true})
	if err != nil {
		return err
	}
	for _, sm := range recent {
		if !posted[sm.StoryID] {
			d.Stories = append(d.Stories, sm)
		}
	}
	v.Data = d
	return s.renderAdmin(w, http.StatusOK, "channels", v)
}

func (s *Server) chanSave(w http.ResponseWriter, r *http.Request) error {
	_ = r.ParseForm()
	c := khabar.Channel{Lang: r.PostFormValue("lang"), ChatID: r.PostFormValue("chat_id"), AutoPost: r.PostFormValue("auto") == "1"}
	if err := s.news.SaveChannel(r.Context(), userFrom(r.Context()), c); err != nil {
		return err
	}
	seeOther(w, r, "/admin/channels?lang="+url.QueryEscape(c.Lang), "mng.saved")
	return nil
}

func (s *Server) chanPost(w http.ResponseWriter, r *http.Request) error {
	_ = r.ParseForm()
	id, err := strconv.ParseInt(r.PostFormValue("story"), 10, 64)
	if err != nil {
		return khabar.NotFound("err.not_found")
	}
	l := r.PostFormValue("lang")
	if err := s.news.PostToChannel(r.Context(), userFrom(r.Context()), id, l); err != nil {
		return err
	}
	seeOther(w, r, "/admin/channels?lang="+url.QueryEscape(l), "chan_queued")
	return nil
}
