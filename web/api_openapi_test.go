package web_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"html/template"
	"image"
	"image/jpeg"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
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

func oaEscape(s string) string { return strings.NewReplacer("~", "~0", "/", "~1").Replace(s) }

func oaMap(v any, key string) map[string]any {
	m, _ := v.(map[string]any)
	out, _ := m[key].(map[string]any)
	return out
}

// operations walks the document's operations: method (upper case), path,
// the operation and its JSON pointer.
func (o *openAPI) operations(fn func(method, path string, op map[string]any, pointer string)) {
	paths := oaMap(o.doc, "paths")
	for _, p := range oaKeys(paths) {
		item, _ := paths[p].(map[string]any)
		for _, m := range oaKeys(item) {
			if op, ok := item[m].(map[string]any); ok && slices.Contains([]string{"get", "put", "post", "delete", "patch", "head", "options"}, m) {
				fn(strings.ToUpper(m), p, op, "/paths/"+oaEscape(p)+"/"+m)
			}
		}
	}
}

func oaKeys(m map[string]any) []string {
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
	op := oaMap(oaMap(o.doc, "paths")[path], strings.ToLower(method))
	if op == nil {
		t.Fatalf("%s %s is not in the document", method, path)
	}
	resp := oaMap(oaMap(op, "responses"), status)
	if resp == nil {
		t.Errorf("%s %s: the document has no %s response", method, path, status)
		return nil
	}
	resp, pointer := o.resolve(t, resp, "/paths/"+oaEscape(path)+"/"+strings.ToLower(method)+"/responses/"+status)
	if oaMap(oaMap(resp, "content"), mediaType) == nil {
		t.Errorf("%s %s: the %s response has no %s content", method, path, status, mediaType)
		return nil
	}
	return o.schemaAt(t, pointer+"/content/"+oaEscape(mediaType)+"/schema")
}

// registeredAPIRoutes reads the routes registered in api_routes.go: every
// m.Handle("METHOD /path", …) but the catch-all and OPTIONS.
func registeredAPIRoutes(t *testing.T) []string {
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
	info := oaMap(o.doc, "info")
	for _, k := range []string{"title", "version", "description"} {
		if s, _ := info[k].(string); s == "" {
			t.Errorf("info.%s is missing", k)
		}
	}
	if oaMap(oaMap(o.doc, "components"), "securitySchemes")["bearerToken"] == nil {
		t.Error("no bearerToken security scheme")
	}
}

func TestOpenAPIRoutes(t *testing.T) {
	o := loadOpenAPI(t)
	routes := registeredAPIRoutes(t)
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
		for _, mt := range oaKeys(content) {
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
			sch := o.schemaAt(t, pointer+"/content/"+oaEscape(mt)+"/schema")
			for _, name := range oaKeys(examples) {
				value := oaMap(examples, name)["value"]
				if err := sch.Validate(value); err != nil {
					t.Errorf("%s %s example %q does not fit its schema:\n%v", where, mt, name, err)
				}
				checked++
			}
		}
	}
	o.operations(func(method, path string, op map[string]any, pointer string) {
		if body := oaMap(op, "requestBody"); body != nil {
			body, p := o.resolve(t, body, pointer+"/requestBody")
			checkContent(method+" "+path+" request", oaMap(body, "content"), p)
		}
		responses := oaMap(op, "responses")
		for _, status := range oaKeys(responses) {
			resp, p := o.resolve(t, oaMap(responses, status), pointer+"/responses/"+status)
			checkContent(method+" "+path+" "+status, oaMap(resp, "content"), p)
		}
	})
	// Examples inside the schemas themselves.
	schemas := oaMap(oaMap(o.doc, "components"), "schemas")
	for _, name := range oaKeys(schemas) {
		if ex, ok := oaMap(schemas, name)["example"]; ok {
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

// oaRequest makes an API request: body is nil, a JSON value, or a
// *multipart.Writer's finished buffer (with its content type in ctype).
func oaRequest(t *testing.T, s *site, token, method, path string, body io.Reader, ctype string) response {
	t.Helper()
	req, err := http.NewRequest(method, s.srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: string(b)}
}

func oaJSON(t *testing.T, s *site, token, method, path string, v any) response {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return oaRequest(t, s, token, method, path, bytes.NewReader(b), "application/json")
}

// check validates a real answer against the document's schema for the
// operation (docPath is the path as the document writes it), its status
// and its media type; it returns the decoded body.
func (o *openAPI) check(t *testing.T, method, docPath string, r response, wantStatus int) map[string]any {
	t.Helper()
	if r.status != wantStatus {
		t.Errorf("%s %s: status %d, want %d: %.400s", method, docPath, r.status, wantStatus, r.body)
		return nil
	}
	if r.status == http.StatusNoContent {
		op := oaMap(oaMap(o.doc, "paths"), docPath)[strings.ToLower(method)]
		if oaMap(oaMap(op.(map[string]any), "responses"), "204") == nil || r.body != "" {
			t.Errorf("%s %s: 204 with %q, or not in the document", method, docPath, r.body)
		}
		return nil
	}
	mt, _, _ := strings.Cut(r.header.Get("Content-Type"), ";")
	sch := o.responseSchema(t, method, docPath, strconv.Itoa(r.status), strings.TrimSpace(mt))
	if sch == nil {
		return nil
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(r.body))
	if err != nil {
		t.Errorf("%s %s: not JSON: %v", method, docPath, err)
		return nil
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s %s %d: the answer does not fit the document:\n%v\n%.600s", method, docPath, r.status, err, r.body)
	}
	var out map[string]any
	json.Unmarshal([]byte(r.body), &out)
	return out
}

func oaID(t *testing.T, v map[string]any, key string) string {
	t.Helper()
	n, ok := v[key].(float64)
	if !ok {
		t.Fatalf("no %s in %v", key, v)
	}
	return strconv.FormatInt(int64(n), 10)
}

// TestOpenAPIContentAnswers checks real Content API answers, and problems,
// against the document.
func TestOpenAPIContentAnswers(t *testing.T) {
	o := loadOpenAPI(t)
	s := newSite(t)
	summit := strconv.FormatInt(s.ids["summit"], 10)
	for _, c := range []struct {
		docPath, path string
		status        int
	}{
		{"/api/v1/site", "/api/v1/site", 200},
		{"/api/v1/sections", "/api/v1/sections", 200},
		{"/api/v1/tags", "/api/v1/tags", 200},
		{"/api/v1/pages", "/api/v1/pages", 200},
		{"/api/v1/pages", "/api/v1/pages?lang=ar", 200},
		{"/api/v1/stories", "/api/v1/stories", 200},
		{"/api/v1/stories", "/api/v1/stories?limit=2&lang=ru&section=economy", 200},
		{"/api/v1/stories", "/api/v1/stories?updated_since=2000-01-01&limit=100", 200},
		{"/api/v1/stories", "/api/v1/stories?tag=putin&from=2023-01-01&to=2024-01-01T00:00:00Z", 200},
		{"/api/v1/stories/{id}", "/api/v1/stories/" + summit, 200},
		{"/api/v1/stories/{id}", "/api/v1/stories/" + summit + "?lang=ru", 200},
		{"/api/v1/search", "/api/v1/search?q=" + url.QueryEscape("الكرملين") + "&lang=ar", 200},
		{"/api/v1/search", "/api/v1/search?q=digest&lang=all&page=2", 200},
		{"/api/v1/openapi.json", "/api/v1/openapi.json", 200},
		// Problems.
		{"/api/v1/stories", "/api/v1/stories?limit=0&updated_since=yesterday&lang=fr", 400},
		{"/api/v1/pages", "/api/v1/pages?lang=xx", 400},
		{"/api/v1/search", "/api/v1/search", 400},
		{"/api/v1/stories/{id}", "/api/v1/stories/999999", 404},
		{"/api/v1/stories/{id}", "/api/v1/stories/" + strconv.FormatInt(s.ids["draft"], 10), 404},
	} {
		o.check(t, "GET", c.docPath, s.get(c.path, "Accept-Language", "ar"), c.status)
	}
	// An address without an API answers as the document says of any 404.
	o.check(t, "GET", "/api/v1/stories/{id}", s.get("/api/v1/nowhere", "Accept-Language", "ru"), 404)

	// A page of the list continues with its cursor until the end.
	next := "/api/v1/stories?limit=15"
	for pages := 0; next != ""; pages++ {
		if pages > 10 {
			t.Fatal("the cursor does not end")
		}
		body := o.check(t, "GET", "/api/v1/stories", s.get(next), 200)
		n, _ := body["next"].(string)
		next = strings.TrimPrefix(n, s.srv.URL)
	}
}

// TestOpenAPIAdminAnswers checks real Admin API answers, from creating a
// story to publishing its translation, against the document.
func TestOpenAPIAdminAnswers(t *testing.T) {
	o := loadOpenAPI(t)
	s := newSite(t)
	ctx := context.Background()
	u := &khabar.User{Login: "nadia", Slug: "nadia", Names: khabar.Text{"ar": "نادية", "ru": "Надя"}, Role: khabar.RoleAdmin}
	s.must(s.store.CreateUser(ctx, u))
	secret := "khb_openapi-test-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	sum := sha256.Sum256([]byte(secret))
	s.must(s.store.CreateAPIToken(ctx, &khabar.APIToken{UserID: u.ID, Name: "openapi test", Role: khabar.RoleAdmin,
		Prefix: secret[:8], TokenHash: hex.EncodeToString(sum[:])}))

	o.check(t, "GET", "/api/v1/admin/me", oaRequest(t, s, "", "GET", "/api/v1/admin/me", nil, ""), 401)
	o.check(t, "GET", "/api/v1/admin/me", oaRequest(t, s, "khb_nothing", "GET", "/api/v1/admin/me", nil, ""), 401)
	o.check(t, "GET", "/api/v1/admin/me", oaRequest(t, s, secret, "GET", "/api/v1/admin/me", nil, ""), 200)
	o.check(t, "GET", "/api/v1/admin/stories", oaRequest(t, s, secret, "GET", "/api/v1/admin/stories?lang=ru&page=1", nil, ""), 200)
	o.check(t, "GET", "/api/v1/admin/stories", oaRequest(t, s, secret, "GET", "/api/v1/admin/stories?status=gone", nil, ""), 400)

	created := o.check(t, "POST", "/api/v1/admin/stories", oaJSON(t, s, secret, "POST", "/api/v1/admin/stories", map[string]any{
		"lang": "ar", "title": "افتتاح مكتبة جديدة في الحي القديم", "summary": "مكتبة عامة بثلاثة طوابق.",
		"body_html": "<p>افتتحت البلدية مكتبة عامة جديدة.</p>"}), 201)
	if created == nil {
		t.FailNow()
	}
	id := oaID(t, created, "id")
	story := "/api/v1/admin/stories/" + id
	o.check(t, "POST", "/api/v1/admin/stories", oaJSON(t, s, secret, "POST", "/api/v1/admin/stories", map[string]any{"lang": "ar", "headline": "x"}), 400)
	o.check(t, "POST", "/api/v1/admin/stories", oaRequest(t, s, secret, "POST", "/api/v1/admin/stories", strings.NewReader("lang=ar"), "text/plain"), 415)
	o.check(t, "GET", "/api/v1/admin/stories/{id}", oaRequest(t, s, secret, "GET", story, nil, ""), 200)
	o.check(t, "GET", "/api/v1/admin/stories/{id}", oaRequest(t, s, secret, "GET", "/api/v1/admin/stories/999999", nil, ""), 404)

	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	mw.WriteField("credit.ar", "تصوير: سامر")
	mw.WriteField("alt.ru", "Фасад библиотеки")
	fw, _ := mw.CreateFormFile("file", "library.jpg")
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	jpeg.Encode(fw, img, nil)
	mw.Close()
	m := o.check(t, "POST", "/api/v1/admin/media", oaRequest(t, s, secret, "POST", "/api/v1/admin/media", &form, mw.FormDataContentType()), 201)
	if m == nil {
		t.FailNow()
	}
	mediaID := oaID(t, m, "id")
	o.check(t, "GET", "/api/v1/admin/media/{id}", oaRequest(t, s, secret, "GET", "/api/v1/admin/media/"+mediaID, nil, ""), 200)

	rev := oaID(t, created, "revision")
	patched := o.check(t, "PATCH", "/api/v1/admin/stories/{id}", oaRequest(t, s, secret, "PATCH", story,
		strings.NewReader(`{"revision":`+rev+`,"lead_media_id":`+mediaID+`}`), "application/json"), 200)
	o.check(t, "PATCH", "/api/v1/admin/stories/{id}", oaRequest(t, s, secret, "PATCH", story,
		strings.NewReader(`{"revision":`+rev+`,"featured":true}`), "application/json"), 409)
	o.check(t, "PATCH", "/api/v1/admin/stories/{id}", oaRequest(t, s, secret, "PATCH", story,
		strings.NewReader(`{"featured":true}`), "application/json"), 400)
	if patched == nil {
		t.FailNow()
	}

	versions, _ := patched["versions"].([]any)
	if len(versions) != 1 {
		t.Fatalf("versions %v", versions)
	}
	arRev := oaID(t, versions[0].(map[string]any), "revision")
	o.check(t, "POST", "/api/v1/admin/stories/{id}/versions/{lang}/status", oaJSON(t, s, secret, "POST", story+"/versions/ar/status",
		map[string]any{"status": "published", "revision": json.Number(arRev)}), 200)
	o.check(t, "POST", "/api/v1/admin/stories/{id}/versions/{lang}/status", oaJSON(t, s, secret, "POST", story+"/versions/ar/status",
		map[string]any{"status": "archived", "revision": json.Number(arRev)}), 409)
	o.check(t, "POST", "/api/v1/admin/stories/{id}/versions/{lang}/status", oaJSON(t, s, secret, "POST", story+"/versions/ar/status",
		map[string]any{"status": "gone", "revision": 1}), 400)

	ru := o.check(t, "PUT", "/api/v1/admin/stories/{id}/versions/{lang}", oaJSON(t, s, secret, "PUT", story+"/versions/ru",
		map[string]any{"revision": 0, "title": "В старом квартале открылась библиотека", "body_html": "<p>Мэрия открыла новую публичную библиотеку.</p>"}), 201)
	if ru == nil {
		t.FailNow()
	}
	ruRev := oaID(t, ru, "revision")
	ru = o.check(t, "PUT", "/api/v1/admin/stories/{id}/versions/{lang}", oaJSON(t, s, secret, "PUT", story+"/versions/ru",
		map[string]any{"revision": json.Number(ruRev), "title": "В старом квартале открылась новая библиотека", "body_html": "<p>Мэрия открыла новую публичную библиотеку.</p>"}), 200)
	o.check(t, "PUT", "/api/v1/admin/stories/{id}/versions/{lang}", oaJSON(t, s, secret, "PUT", story+"/versions/ru",
		map[string]any{"revision": json.Number(ruRev), "title": "Устаревшая правка"}), 409)
	if ru != nil {
		o.check(t, "POST", "/api/v1/admin/stories/{id}/versions/{lang}/confirm", oaJSON(t, s, secret, "POST", story+"/versions/ru/confirm",
			map[string]any{"revision": json.Number(oaID(t, ru, "revision"))}), 200)
	}

	sec := o.check(t, "POST", "/api/v1/admin/sections", oaJSON(t, s, secret, "POST", "/api/v1/admin/sections",
		map[string]any{"slug": "culture", "name": map[string]string{"ar": "ثقافة", "ru": "Культура"}}), 201)
	o.check(t, "POST", "/api/v1/admin/sections", oaJSON(t, s, secret, "POST", "/api/v1/admin/sections",
		map[string]any{"slug": "culture", "name": map[string]string{"ar": "ثقافة"}}), 400)
	if sec != nil {
		o.check(t, "PATCH", "/api/v1/admin/sections/{id}", oaJSON(t, s, secret, "PATCH", "/api/v1/admin/sections/"+oaID(t, sec, "id"),
			map[string]any{"position": 1}), 200)
	}
	tag := o.check(t, "POST", "/api/v1/admin/tags", oaJSON(t, s, secret, "POST", "/api/v1/admin/tags",
		map[string]any{"name": map[string]string{"ar": "مكتبات", "ru": "Библиотеки"}}), 201)
	o.check(t, "POST", "/api/v1/admin/tags", oaJSON(t, s, secret, "POST", "/api/v1/admin/tags", map[string]any{"position": 2}), 400)
	if tag != nil {
		o.check(t, "PATCH", "/api/v1/admin/tags/{id}", oaJSON(t, s, secret, "PATCH", "/api/v1/admin/tags/"+oaID(t, tag, "id"),
			map[string]any{"name": map[string]string{"ru": "Библиотеки города"}}), 200)
	}
	src := o.check(t, "POST", "/api/v1/admin/sources", oaJSON(t, s, secret, "POST", "/api/v1/admin/sources",
		map[string]any{"name": map[string]string{"ar": "تاس", "ru": "ТАСС"}, "url": "https://tass.com"}), 201)
	o.check(t, "POST", "/api/v1/admin/sources", oaJSON(t, s, secret, "POST", "/api/v1/admin/sources", map[string]any{"url": "ftp://x"}), 400)
	o.check(t, "GET", "/api/v1/admin/sources", oaRequest(t, s, secret, "GET", "/api/v1/admin/sources", nil, ""), 200)
	if src != nil {
		o.check(t, "PATCH", "/api/v1/admin/sources/{id}", oaJSON(t, s, secret, "PATCH", "/api/v1/admin/sources/"+oaID(t, src, "id"),
			map[string]any{"url": "https://tass.ru"}), 200)
	}
	o.check(t, "PATCH", "/api/v1/admin/sources/{id}", oaJSON(t, s, secret, "PATCH", "/api/v1/admin/sources/99999", map[string]any{"url": "https://x.org"}), 404)
	red := o.check(t, "POST", "/api/v1/admin/redirects", oaJSON(t, s, secret, "POST", "/api/v1/admin/redirects",
		map[string]any{"from": "https://old.example.org/2023/12/library/", "story_id": json.Number(id), "lang": "ar"}), 201)
	o.check(t, "POST", "/api/v1/admin/redirects", oaJSON(t, s, secret, "POST", "/api/v1/admin/redirects",
		map[string]any{"from": "/2023/12/library", "to": "/ar/"}), 409)
	o.check(t, "POST", "/api/v1/admin/redirects", oaJSON(t, s, secret, "POST", "/api/v1/admin/redirects",
		map[string]any{"from": "/x", "to": "javascript:alert(1)"}), 400)
	o.check(t, "GET", "/api/v1/admin/redirects", oaRequest(t, s, secret, "GET", "/api/v1/admin/redirects?q=library", nil, ""), 200)
	if red != nil {
		o.check(t, "PATCH", "/api/v1/admin/redirects/{id}", oaJSON(t, s, secret, "PATCH", "/api/v1/admin/redirects/"+oaID(t, red, "id"),
			map[string]any{"to": "https://example.org/library"}), 200)
		o.check(t, "DELETE", "/api/v1/admin/redirects/{id}", oaRequest(t, s, secret, "DELETE", "/api/v1/admin/redirects/"+oaID(t, red, "id"), nil, ""), 204)
		o.check(t, "DELETE", "/api/v1/admin/redirects/{id}", oaRequest(t, s, secret, "DELETE", "/api/v1/admin/redirects/"+oaID(t, red, "id"), nil, ""), 404)
	}
	// The published story, read back through the Content API.
	o.check(t, "GET", "/api/v1/stories/{id}", s.get("/api/v1/stories/"+id), 200)
}

// TestOpenAPIReferencePage: /api/v1/docs shows every operation, problem
// code and schema of the document, without scripts or other origins.
func TestOpenAPIReferencePage(t *testing.T) {
	o := loadOpenAPI(t)
	s := newSite(t)
	r := s.get("/api/v1/docs")
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
		t.Fatalf("status %d, type %q: %.300s", r.status, r.header.Get("Content-Type"), r.body)
	}
	if cc := r.header.Get("Cache-Control"); !strings.HasPrefix(cc, "public") {
		t.Errorf("Cache-Control = %q", cc)
	}
	o.operations(func(method, path string, op map[string]any, _ string) {
		if !strings.Contains(r.body, `id="`+op["operationId"].(string)+`"`) || !strings.Contains(r.body, template.HTMLEscapeString(op["summary"].(string))) {
			t.Errorf("%s %s is not on the page", method, path)
		}
	})
	codes, _ := o.doc["x-problem-codes"].([]any)
	if len(codes) < 10 {
		t.Errorf("only %d problem codes", len(codes))
	}
	for _, c := range codes {
		if code := c.(map[string]any)["code"].(string); !strings.Contains(r.body, `id="problem-`+code+`"`) {
			t.Errorf("problem code %s has no anchor", code)
		}
	}
	for _, name := range oaKeys(oaMap(oaMap(o.doc, "components"), "schemas")) {
		if !strings.Contains(r.body, `id="schema-`+name+`"`) {
			t.Errorf("schema %s is not on the page", name)
		}
	}
	for _, want := range []string{`<html lang="en" dir="ltr">`, `<pre dir="auto">`, "موسم صيد وفير", "Богатый улов", "current_revision"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	for _, bad := range []string{"<script", "style=", "<style", "https://cdn", "//fonts."} {
		if strings.Contains(r.body, bad) {
			t.Errorf("the page has %q", bad)
		}
	}
	// The problem type of an answer leads to its entry on this page.
	p := s.get("/api/v1/nowhere")
	var prob struct{ Type string }
	json.Unmarshal([]byte(p.body), &prob)
	if u, err := url.Parse(prob.Type); err != nil || u.Path != "/api/v1/docs" || !strings.Contains(r.body, `id="`+u.Fragment+`"`) {
		t.Errorf("problem type %q does not lead to the reference", prob.Type)
	}
}
