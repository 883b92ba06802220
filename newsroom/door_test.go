package newsroom_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestTheOneDoor fails when code in web/ or cmd/ (tests aside) calls a
// store write method — a method of khabar.Writer, or Store.Update — on any
// value: the store's interfaces or *sqlstore.DB alike. Those writes belong
// behind a newsroom use case, which checks the permission and writes the
// audit entry in the same transaction.
func TestTheOneDoor(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks web and cmd")
	}
	root := moduleRoot(t)
	var pkgs []string
	for _, dir := range []string{"web", "cmd"} {
		pkgs = append(pkgs, "./"+dir+"/...")
	}
	calls, err := storeWrites(root, pkgs...)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range calls {
		t.Errorf("%s calls the store's %s directly: make it a newsroom use case", c.at, c.method)
	}
}

// TestTheDoorCheckFindsWrites makes sure the check above can fail: a
// package that writes through the store is caught, by interface and by the
// concrete store, and one that goes through the newsroom is not.
func TestTheDoorCheckFindsWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks a test package")
	}
	root := moduleRoot(t)
	calls, err := storeWrites(root, "./newsroom/testdata/bypass")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range calls {
		got = append(got, c.method)
	}
	sort.Strings(got)
	if want := []string{"CreateSection", "SaveSettings", "Update"}; !slices.Equal(got, want) {
		t.Fatalf("found %v, want %v", got, want)
	}
}

type storeWrite struct{ at, method string }

// storeWrites type-checks the packages (from source, their imports from
// the compiler's export data) and lists the calls to store writes.
func storeWrites(root string, patterns ...string) ([]storeWrite, error) {
	pkgs, exports, err := goList(root, patterns...)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		f, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(f)
	})
	writes, err := writerMethods(imp)
	if err != nil {
		return nil, err
	}
	var out []storeWrite
	for _, p := range pkgs {
		var files []*ast.File
		for _, name := range p.GoFiles {
			f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, 0)
			if err != nil {
				return nil, err
			}
			files = append(files, f)
		}
		info := &types.Info{Selections: map[*ast.SelectorExpr]*types.Selection{}}
		conf := types.Config{Importer: imp}
		if _, err := conf.Check(p.ImportPath, fset, files, info); err != nil {
			return nil, fmt.Errorf("type-checking %s: %w", p.ImportPath, err)
		}
		for sel, s := range info.Selections {
			fn, ok := s.Obj().(*types.Func)
			if !ok || fn.Pkg() == nil || !writes[fn.Name()] {
				continue
			}
			if path := fn.Pkg().Path(); path == "github.com/khabarnews/khabar" || path == "github.com/khabarnews/khabar/sqlstore" {
				rel, _ := filepath.Rel(root, fset.Position(sel.Pos()).Filename)
				out = append(out, storeWrite{at: fmt.Sprintf("%s:%d", rel, fset.Position(sel.Pos()).Line), method: fn.Name()})
			}
		}
	}
	return out, nil
}

// writerMethods names the methods of khabar.Writer, and Store.Update.
func writerMethods(imp types.Importer) (map[string]bool, error) {
	k, err := imp.Import("github.com/khabarnews/khabar")
	if err != nil {
		return nil, err
	}
	w, ok := k.Scope().Lookup("Writer").Type().Underlying().(*types.Interface)
	if !ok {
		return nil, fmt.Errorf("khabar.Writer is not an interface")
	}
	names := map[string]bool{"Update": true}
	for m := range w.Methods() {
		names[m.Name()] = true
	}
	return names, nil
}

type listed struct {
	Dir, ImportPath, Export string
	GoFiles                 []string
	DepOnly                 bool
}

// goList lists the packages matching patterns and the export data of
// everything they import.
func goList(root string, patterns ...string) ([]listed, map[string]string, error) {
	args := append([]string{"list", "-deps", "-export", "-json=Dir,ImportPath,Export,GoFiles,DepOnly"}, patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, nil, fmt.Errorf("go list: %v: %s", err, stderr.String())
	}
	var pkgs []listed
	exports := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p listed
		if err := dec.Decode(&p); err != nil {
			return nil, nil, err
		}
		exports[p.ImportPath] = p.Export
		if !p.DepOnly {
			pkgs = append(pkgs, p)
		}
	}
	return pkgs, exports, nil
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(strings.TrimSpace(string(out)))
}
