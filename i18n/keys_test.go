package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// errorConstructors are the functions that make an error from a message
// key: the key's position among their arguments, and where the name/value
// pairs of its placeholders start.
var errorConstructors = map[string]struct{ key, args int }{
	"Invalid": {1, 2}, "NotFound": {0, 1}, "Forbidden": {0, 1}, "Conflict": {1, 2},
	"Unauthorized": {0, 1}, "NewError": {2, 3},
	// web's refusals, whose message is api.error.<code>: the field is an
	// argument of its own.
	"newAPIError": {1, 3}, "badRequest": {0, 2},
}

var errorKey = regexp.MustCompile(`^(err|api\.error)\.[a-z0-9_.]+$`)

// TestEveryErrorKeyIsTranslated reads the module's Go code: every message
// key an error is made with exists in every catalogue, and every
// placeholder of its message is given by the code that makes it.
func TestEveryErrorKeyIsTranslated(t *testing.T) {
	cat, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	calls := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, rel, src, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if key, ok := literal(n); ok && errorKey.MatchString(key) {
					checkKey(t, cat, fset.Position(n.Pos()).String(), key, nil)
				}
			case *ast.CallExpr:
				c, ok := errorConstructors[callee(n)]
				if !ok || len(n.Args) <= c.key {
					return true
				}
				key, ok := literal(n.Args[c.key])
				if !ok {
					return true // a key made elsewhere (a table of keys): its literals are checked there
				}
				pos := fset.Position(n.Pos()).String()
				if callee(n) == "newAPIError" || callee(n) == "badRequest" {
					key = "api.error." + key
				}
				calls++
				if !errorKey.MatchString(key) {
					t.Errorf("%s: %q is not a message key (err.… or api.error.…)", pos, key)
					return true
				}
				names := []string{"field"}
				for i := c.args; i < len(n.Args); i += 2 {
					if name, ok := literal(n.Args[i]); ok {
						names = append(names, name)
					}
				}
				checkKey(t, cat, pos, key, names)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls < 100 {
		t.Fatalf("found only %d errors made from keys: is the code where this test looks?", calls)
	}
}

// checkKey reports a key missing in a catalogue, or, when names is not
// nil, a placeholder of its message that names does not give.
func checkKey(t *testing.T, cat *Catalog, pos, key string, names []string) {
	t.Helper()
	for _, l := range cat.Languages() {
		e, ok := cat.langs[l][key]
		if !ok {
			t.Errorf("%s: %q has no %s message", pos, key, l)
			continue
		}
		if names == nil {
			continue
		}
		for _, m := range placeholder.FindAllStringSubmatch(e.text, -1) {
			if !slices.Contains(names, m[1]) {
				t.Errorf("%s: the %s message of %q has {%s}, which the code does not give", pos, l, key, m[1])
			}
		}
	}
}

var placeholder = regexp.MustCompile(`\{([a-z_]+)\}`)

func callee(c *ast.CallExpr) string {
	switch f := c.Fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

func literal(e ast.Expr) (string, bool) {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(b.Value)
	return s, err == nil
}
