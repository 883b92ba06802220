package web_test

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The OpenAPI document (openapi.json) is kept true by these tests: every
// route is in it and nothing else, every example fits its schema, and real
// answers fit too.

const openAPIBase = "https://khabar.test/openapi.json"

// openAPI is the parsed document and a compiler that resolves its
// "#/components/…" references.
type openAPI struct {
	doc      map[string]any
	compiler *jsonschema.Compiler
	compiled map[string]*jsonschema.Schema
}

func loadOpenAPI(t *testing.T) *openAPI {
	t.Helper()
	raw, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource(openAPIBase, inst); err != nil {
		t.Fatal(err)
	}
	return &openAPI{doc: doc, compiler: c, compiled: map[string]*jsonschema.Schema{}}
}

// schemaAt compiles the schema at a JSON pointer of the document.
func (o *openAPI) schemaAt(t *testing.T, pointer string) *jsonschema.Schema {
	t.Helper()
	if s := o.compiled[pointer]; s != nil {
		return s
	}
	s, err := o.compiler.Compile(openAPIBase + "#" + pointer)
	if err != nil {
		t.Fatalf("schema at %s: %v", pointer, err)
	}
	o.compiled[pointer] = s
	return s
}

// resolve follows a local $ref ("#/components/…") to what it names, and
// returns it with its JSON pointer.
func (o *openAPI) resolve(t *testing.T, v map[string]any, pointer string) (map[string]any, string) {
	t.Helper()
	for {
		ref, ok := v["$ref"].(string)
		if !ok {
			return v, pointer
		}
		pointer = strings.TrimPrefix(ref, "#")
		var cur any = o.doc
		for _, part := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
			part = strings.NewReplacer("~1", "/", "~0", "~").Replace(part)
			m, _ := cur.(map[string]any)
			cur = m[part]
		}
		next, ok := cur.(map[string]any)
		if !ok {
			t.Fatalf("$ref %s names nothing", ref)
		}
		v = next
	}
}

func ptrEscape(s string) string { return strings.NewReplacer("~", "~0", "/", "~1").Replace(s) }

func mapAt(v any, key string) map[string]any {
	m, _ := v.(map[string]any)
	out, _ := m[key].(map[string]any)
	return out
}

// operations walks the document's operations: method (upper case), path,
// the operation and its JSON pointer.
func (o *openAPI) operations(fn func(method, path string, op map[string]any, pointer string)) {
	paths := mapAt(o.doc, "paths")
	for _, p := range sortedKeys(paths) {
		item, _ := paths[p].(map[string]any)
		for _, m := range sortedKeys(item) {
			if op, ok := item[m].(map[string]any); ok && slices.Contains([]string{"get", "put", "post", "delete", "patch", "head", "options"}, m) {
				fn(strings.ToUpper(m), p, op, "/paths/"+ptrEscape(p)+"/"+m)
			}
		}
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// responseSchema compiles the schema of an operation's response with the
// status and media type; nil when the document has none.
func (o *openAPI) responseSchema(t *testing.T, method, path, status, mediaType string) *jsonschema.Schema {
	t.Helper()
	op := mapAt(mapAt(o.doc, "paths")[path], strings.ToLower(method))
	if op == nil {
		t.Fatalf("%s %s is not in the document", method, path)
	}
	resp := mapAt(mapAt(op, "responses"), status)
	if resp == nil {
		t.Errorf("%s %s: the document has no %s response", method, path, status)
		return nil
	}
	resp, pointer := o.resolve(t, resp, "/paths/"+ptrEscape(path)+"/"+strings.ToLower(method)+"/responses/"+status)
	if mapAt(mapAt(resp, "content"), mediaType) == nil {
		t.Errorf("%s %s: the %s response has no %s content", method, path, status, mediaType)
		return nil
	}
	return o.schemaAt(t, pointer+"/content/"+ptrEscape(mediaType)+"/schema")
}

// apiRoutes reads the routes registered in api_routes.go: every
// m.Handle("METHOD /path", …) but the catch-all and OPTIONS.
func apiRoutes(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "api_routes.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var routes []string
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || (sel.Sel.Name != "Handle" && sel.Sel.Name != "HandleFunc") {
			return true
		}
		lit, ok := call.Args[0].(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		pattern, err := strconv.Unquote(lit.Value)
		if err != nil {
			t.Fatal(err)
		}
		method, path, ok := strings.Cut(pattern, " ")
		if !ok || method == "OPTIONS" {
			return true // the catch-all and the CORS preflight
		}
		routes = append(routes, method+" "+path)
		return true
	})
	if len(routes) < 10 {
		t.Fatalf("only %d routes found in api_routes.go: %v", len(routes), routes)
	}
	return routes
}

func TestOpenAPIDocument(t *testing.T) {
	o := loadOpenAPI(t)
	if v, _ := o.doc["openapi"].(string); !strings.HasPrefix(v, "3.1.") {
		t.Errorf("openapi = %q, want 3.1.x", v)
	}
	info := mapAt(o.doc, "info")
	for _, k := range []string{"title", "version", "description"} {
		if s, _ := info[k].(string); s == "" {
			t.Errorf("info.%s is missing", k)
		}
	}
	if mapAt(mapAt(o.doc, "components"), "securitySchemes")["bearerToken"] == nil {
		t.Error("no bearerToken security scheme")
	}
}

func TestOpenAPIRoutes(t *testing.T) {
	o := loadOpenAPI(t)
	routes := apiRoutes(t)
	var documented []string
	ids := map[string]string{}
	o.operations(func(method, path string, op map[string]any, _ string) {
		documented = append(documented, method+" "+path)
		id, _ := op["operationId"].(string)
		if id == "" || ids[id] != "" {
			t.Errorf("%s %s: operationId %q missing or not unique", method, path, id)
		}
		ids[id] = path
		if s, _ := op["summary"].(string); s == "" {
			t.Errorf("%s %s: no summary", method, path)
		}
		if tags, _ := op["tags"].([]any); len(tags) != 1 || (tags[0] != "Content API" && tags[0] != "Admin API") {
			t.Errorf("%s %s: tags %v, want Content API or Admin API", method, path, tags)
		}
		// Every path parameter is declared.
		declared := map[string]bool{}
		params, _ := op["parameters"].([]any)
		for i, p := range params {
			pm, _ := p.(map[string]any)
			pm, _ = o.resolve(t, pm, "")
			if pm["in"] == "path" {
				declared[pm["name"].(string)] = true
			}
			if pm["schema"] == nil {
				t.Errorf("%s %s: parameter %d has no schema", method, path, i)
			}
		}
		for _, seg := range strings.Split(path, "/") {
			if name, ok := strings.CutPrefix(seg, "{"); ok && !declared[strings.TrimSuffix(name, "}")] {
				t.Errorf("%s %s: path parameter %s is not declared", method, path, seg)
			}
		}
	})
	for _, r := range routes {
		if !slices.Contains(documented, r) {
			t.Errorf("%s is served but not in openapi.json", r)
		}
	}
	for _, d := range documented {
		if !slices.Contains(routes, d) {
			t.Errorf("%s is in openapi.json but not served", d)
		}
	}
}

// TestOpenAPIExamples checks every example of a request or a response
// against its schema, and that every successful JSON answer has one.
func TestOpenAPIExamples(t *testing.T) {
	o := loadOpenAPI(t)
	checked := 0
	checkContent := func(where string, content map[string]any, pointer string) {
		for _, mt := range sortedKeys(content) {
			media, _ := content[mt].(map[string]any)
			if media["schema"] == nil {
				t.Errorf("%s %s: no schema", where, mt)
				continue
			}
			examples, _ := media["examples"].(map[string]any)
			if media["example"] != nil {
				examples = map[string]any{"example": map[string]any{"value": media["example"]}}
			}
			if len(examples) == 0 && strings.HasSuffix(mt, "json") && !strings.HasSuffix(where, "/api/v1/openapi.json 200") {
				t.Errorf("%s %s: no example", where, mt)
			}
			if len(examples) == 0 {
				continue
			}
			sch := o.schemaAt(t, pointer+"/content/"+ptrEscape(mt)+"/schema")
			for _, name := range sortedKeys(examples) {
				value := mapAt(examples, name)["value"]
				if err := sch.Validate(value); err != nil {
					t.Errorf("%s %s example %q does not fit its schema:\n%v", where, mt, name, err)
				}
				checked++
			}
		}
	}
	o.operations(func(method, path string, op map[string]any, pointer string) {
		if body := mapAt(op, "requestBody"); body != nil {
			body, p := o.resolve(t, body, pointer+"/requestBody")
			checkContent(method+" "+path+" request", mapAt(body, "content"), p)
		}
		responses := mapAt(op, "responses")
		for _, status := range sortedKeys(responses) {
			resp, p := o.resolve(t, mapAt(responses, status), pointer+"/responses/"+status)
			checkContent(method+" "+path+" "+status, mapAt(resp, "content"), p)
		}
	})
	// Examples inside the schemas themselves.
	schemas := mapAt(mapAt(o.doc, "components"), "schemas")
	for _, name := range sortedKeys(schemas) {
		if ex, ok := mapAt(schemas, name)["example"]; ok {
			if err := o.schemaAt(t, "/components/schemas/"+name).Validate(ex); err != nil {
				t.Errorf("schema %s: its example does not fit:\n%v", name, err)
			}
			checked++
		}
	}
	if checked < 30 {
		t.Errorf("only %d examples checked", checked)
	}
}
