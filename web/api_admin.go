package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/auth"
	"github.com/khabarnews/khabar/newsroom"
)

// The Admin API: what the newsroom does, for programs. A request carries
// "Authorization: Bearer <token>", a token its user made in the newsroom;
// it acts as that user with the token's role, under the same rules, the
// same validation and the same conflict checks as the newsroom's pages
// (all of which live in package newsroom).

type tokenKeyType struct{}

// tokenFrom returns the token a request was authenticated with.
func tokenFrom(ctx context.Context) *khabar.APIToken {
	t, _ := ctx.Value(tokenKeyType{}).(*khabar.APIToken)
	return t
}

// requireToken lets a request through only with a usable token of an
// enabled user, within the token's rate; it puts the acting user (with the
// token's role) in the context, where the newsroom's handlers find it.
func (s *Server) requireToken(next http.Handler) http.Handler {
	return s.handleAPI(func(w http.ResponseWriter, r *http.Request) error {
		ctx := r.Context()
		// The scheme is case-insensitive (RFC 9110 §11.1).
		scheme, secret, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
		secret = strings.TrimSpace(secret)
		if !strings.EqualFold(scheme, "Bearer") || !strings.HasPrefix(secret, newsroom.TokenPrefix) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="khabar"`)
			return newAPIError(http.StatusUnauthorized, "token_missing", "")
		}
		// The rate is counted before the token is looked up, so that a
		// flood of requests costs no database reads.
		if ok, retry := s.tokenLimiter.allow("token:"+auth.HashToken(secret), time.Now()); !ok {
			return tooManyRequests(retry)
		}
		acting, tok, err := s.news.TokenUser(ctx, secret)
		if khabar.ErrorCode(err) == khabar.EUnauthorized {
			w.Header().Set("WWW-Authenticate", `Bearer realm="khabar", error="invalid_token"`)
		}
		if err != nil {
			return err
		}
		ctx = context.WithValue(ctx, userKey, acting)
		ctx = context.WithValue(ctx, tokenKeyType{}, tok)
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r.WithContext(ctx))
		return nil
	})
}

// apiMe is GET /api/v1/admin/me: who the token acts as.
type apiMe struct {
	UserID    int64              `json:"user_id"`
	Login     string             `json:"login"`
	Name      map[string]apiText `json:"name"`
	Role      khabar.Role        `json:"role"` // the token's
	Languages []string           `json:"languages"`
	Token     apiTokenInfo       `json:"token"`
}

type apiTokenInfo struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Prefix    string     `json:"prefix"`
	ExpiresAt *time.Time `json:"expires_at"`
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) error {
	u, tok := userFrom(r.Context()), tokenFrom(r.Context())
	out := apiMe{UserID: u.ID, Login: u.Login, Name: apiTexts(u.Names), Role: u.Role, Languages: u.Languages,
		Token: apiTokenInfo{ID: tok.ID, Name: tok.Name, Prefix: tok.Prefix, ExpiresAt: optTime(tok.ExpiresAt)}}
	if out.Languages == nil {
		out.Languages = []string{}
	}
	writeAPIJSON(w, http.StatusOK, "application/json", out)
	return nil
}

func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}
