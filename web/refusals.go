package web

import (
	"context"
	"net/http"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// recordRefusal writes a request refused to a signed-in user for want of
// permission (a forged address, a button the page did not offer) to the
// audit log, through the newsroom, whichever door it came in by.
func (s *Server) recordRefusal(r *http.Request, err error) {
	u := userFrom(r.Context())
	if u == nil || khabar.ErrorCode(err) != khabar.EForbidden {
		return
	}
	// The refusal is recorded even when the client has gone away.
	ctx := context.WithoutCancel(r.Context())
	ref := newsroom.Refusal{What: r.Method + " " + r.URL.Path, Reason: khabar.AsError(err).Key, From: s.clientIP(r)}
	if err := s.news.RecordRefusal(ctx, u, ref); err != nil {
		s.log.Warn("recording a refused request", "path", r.URL.Path, "user", u.ID, "err", err)
	}
}
