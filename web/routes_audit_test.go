package web_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/khabarnews/khabar"
)

// routePatterns reads every pattern the package registers — each call of
// Handle or HandleFunc with a literal pattern in its source — so that a
// test over routes covers a route the day it is added.
func routePatterns(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 2 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "Handle" && sel.Sel.Name != "HandleFunc") {
				return true
			}
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				p, _ := strconv.Unquote(lit.Value)
				out = append(out, p)
			}
			return true
		})
	}
	return out
}

var wildcard = regexp.MustCompile(`\{([a-z]+)(\.\.\.)?\}`)

// concrete fills a pattern's wildcards with values that match it.
func concrete(pattern string, ids map[string]string) string {
	return wildcard.ReplaceAllStringFunc(pattern, func(w string) string {
		name := wildcard.FindStringSubmatch(w)[1]
		if v, ok := ids[name]; ok {
			return v
		}
		return "1"
	})
}

// TestCSRFEveryWriteRoute: every route that changes something refuses a
// request from another site, even one that carries the editor's session
// cookie, in every form a browser sends it; nothing changes. The routes are
// read from the source, so a new one is covered by itself. The Admin API
// takes no cookies at all: a cross-site request to it is not signed in. The
// newsletter's form refuses other sites too; its links' buttons need the
// reader's token instead.
func TestCSRFEveryWriteRoute(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	_, b := s.signedIn("root", khabar.RoleAdmin)
	ids := map[string]string{"id": strconv.FormatInt(s.ids["summit"], 10), "lang": "ar", "token": "1", "path": "x", "key": "x"}
	_, auditBefore, err := s.store.AuditLog(ctx, khabar.AuditFilter{Limit: 1})
	s.must(err)

	host := strings.TrimPrefix(s.srv.URL, "http://")
	otherPort := "http://" + strings.Split(host, ":")[0] + ":1"
	variants := [][]string{
		{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"},
		{"Sec-Fetch-Site", "same-site", "Origin", "https://news.example.org"},
		{"Origin", "https://evil.example"},
		{"Origin", "null"},
		{"Origin", otherPort},
		{"Sec-Fetch-Site", "cross-site"},
	}
	var admins, apis int
	for _, p := range routePatterns(t) {
		method, path, ok := strings.Cut(p, " ")
		if !ok || method == "GET" || method == "HEAD" || method == "OPTIONS" {
			continue
		}
		u := concrete(path, ids)
		switch {
		case strings.HasPrefix(path, "/admin/"):
			admins++
			for _, v := range variants {
				r := b.do(method, u, url.Values{"title": {"forged"}, "login": {"root"}, "password": {"correct horse battery"}}, v...)
				if r.status != http.StatusForbidden {
					t.Errorf("%s %s with %v = %d, want 403", method, u, v, r.status)
				}
			}
		case strings.HasPrefix(path, "/api/"):
			apis++
			r := b.do(method, u, url.Values{"title": {"forged"}}, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
			if r.status != http.StatusUnauthorized {
				t.Errorf("%s %s with the session cookie and no token = %d, want 401", method, u, r.status)
			}
		case path == "/{lang}/newsletter":
			// A reader's subscription: refused from other sites' pages.
			for _, v := range variants {
				if r := b.do(method, u, url.Values{"email": {"forged@example.org"}, "agree": {"1"}}, v...); r.status != http.StatusForbidden {
					t.Errorf("%s %s with %v = %d, want 403", method, u, v, r.status)
				}
			}
		case strings.HasPrefix(path, "/{lang}/newsletter/"):
			// The buttons of a reader's links take a post from anywhere (a
			// mail program's one-click unsubscription): the link's token,
			// not the origin, allows them, and without it nothing changes.
			r := b.do(method, u+"?t=forged", url.Values{"List-Unsubscribe": {"One-Click"}}, variants[0]...)
			if r.status != http.StatusNotFound {
				t.Errorf("%s %s without the reader's token = %d, want 404", method, u, r.status)
			}
		default:
			t.Errorf("a write route outside /admin/, /api/ and the newsletter's: %s", p)
		}
	}
	if admins < 30 || apis < 10 {
		t.Fatalf("found %d newsroom and %d API write routes in the source: the scan misses some", admins, apis)
	}
	_, auditAfter, err := s.store.AuditLog(ctx, khabar.AuditFilter{Limit: 1})
	s.must(err)
	if auditAfter != auditBefore {
		t.Fatalf("forged requests changed something: %d audit entries, were %d", auditAfter, auditBefore)
	}
	// The same request from the newsroom's own page goes through.
	if r := b.do("POST", "/admin/ui-language", url.Values{"lang": {"en"}, "next": {"/admin/"}}, "Sec-Fetch-Site", "same-origin", "Origin", s.srv.URL); r.status != http.StatusSeeOther {
		t.Fatalf("a same-origin POST = %d", r.status)
	}
}
