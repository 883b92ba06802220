package web

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"strings"
	"sync"
)

// openAPIDoc is the OpenAPI 3.1 description of the API, served as is and
// rendered as the reference page; api_openapi_test.go keeps it true to
// the routes and to the answers.
//
//go:embed openapi.json
var openAPIDoc []byte

// apiOpenAPI is GET /api/v1/openapi.json.
func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPIDoc)
	return nil
}

// apiDocs is GET /api/v1/docs: the reference, readable by people, made
// from the same document.
func (s *Server) apiDocs(w http.ResponseWriter, r *http.Request) error {
	ref, err := apiReference()
	if err != nil {
		return err
	}
	css, err := s.assets.url("api-docs.css")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	return ref.tmpl.Execute(w, struct {
		*refDoc
		Stylesheet string
	}{ref.doc, css})
}

// The reference page's model: the document, with its references resolved
// and its examples printed.
type refDoc struct {
	Title, Version, Description string
	Groups                      []refGroup
	Schemas                     []refSchema
	Problems                    []struct {
		Code        string `json:"code"`
		Status      int    `json:"status"`
		Description string `json:"description"`
	}
}

type refGroup struct {
	Name, Description string
	Ops               []refOp
}

type refOp struct {
	ID, Method, Path, Summary, Description string
	Auth                                   bool
	Params                                 []refField
	Body                                   *refContent
	Responses                              []refResponse
}

type refField struct {
	Name, In, Type, Description string
	Required                    bool
}

type refContent struct {
	MediaType, Type string
	Fields          []refField
	Examples        []refExample
}

type refExample struct{ Name, JSON string }

type refResponse struct {
	Status, Description string
	Content             *refContent
}

type refSchema struct {
	Name, Description string
	Fields            []refField
	Type              string
}

type jsonObj = map[string]any

var apiReference = sync.OnceValues(func() (*struct {
	doc  *refDoc
	tmpl *template.Template
}, error) {
	doc, err := buildReference(openAPIDoc)
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{"paragraphs": func(s string) []string { return strings.Split(s, "\n\n") }}
	t, err := template.New("api_docs.html").Funcs(funcs).ParseFS(embedded, "templates/api_docs.html")
	if err != nil {
		return nil, err
	}
	return &struct {
		doc  *refDoc
		tmpl *template.Template
	}{doc, t}, nil
})

func buildReference(raw []byte) (*refDoc, error) {
	var d jsonObj
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	str := func(o jsonObj, k string) string { v, _ := o[k].(string); return v }
	obj := func(o jsonObj, k string) jsonObj { v, _ := o[k].(jsonObj); return v }
	// resolve follows a "#/components/…" reference.
	resolve := func(o jsonObj) jsonObj {
		for o != nil && str(o, "$ref") != "" {
			cur := d
			for _, part := range strings.Split(strings.TrimPrefix(str(o, "$ref"), "#/"), "/") {
				cur = obj(cur, strings.ReplaceAll(part, "~1", "/"))
			}
			o = cur
		}
		return o
	}
	info := obj(d, "info")
	out := &refDoc{Title: str(info, "title"), Version: str(info, "version"), Description: str(info, "description")}
	if b, err := json.Marshal(d["x-problem-codes"]); err == nil {
		json.Unmarshal(b, &out.Problems)
	}
	content := func(c jsonObj) *refContent {
		for _, mt := range refKeys(c) {
			m := obj(c, mt)
			sch := obj(m, "schema")
			rc := &refContent{MediaType: mt, Type: schemaType(sch)}
			rc.Fields = schemaFields(resolve(sch), resolve)
			ex := obj(m, "examples")
			for _, name := range refKeys(ex) {
				b, _ := json.MarshalIndent(obj(ex, name)["value"], "", "  ")
				rc.Examples = append(rc.Examples, refExample{Name: name, JSON: string(b)})
			}
			return rc // one media type per body or answer
		}
		return nil
	}
	groups := map[string]*refGroup{}
	for _, t := range d["tags"].([]any) {
		t := t.(jsonObj)
		g := &refGroup{Name: str(t, "name"), Description: str(t, "description")}
		groups[g.Name] = g
		out.Groups = append(out.Groups, refGroup{}) // filled below, in the document's order
	}
	paths := obj(d, "paths")
	for _, p := range refKeys(paths) {
		for _, m := range []string{"get", "post", "put", "patch", "delete"} {
			o := obj(obj(paths, p), m)
			if o == nil {
				continue
			}
			op := refOp{ID: str(o, "operationId"), Method: strings.ToUpper(m), Path: p, Summary: str(o, "summary"), Description: str(o, "description")}
			sec, ok := o["security"].([]any)
			op.Auth = !ok || len(sec) > 0
			params, _ := o["parameters"].([]any)
			for _, pr := range params {
				pr := resolve(pr.(jsonObj))
				req, _ := pr["required"].(bool)
				op.Params = append(op.Params, refField{Name: str(pr, "name"), In: str(pr, "in"), Type: schemaType(obj(pr, "schema")),
					Description: str(pr, "description"), Required: req})
			}
			if b := resolve(obj(o, "requestBody")); b != nil {
				op.Body = content(obj(b, "content"))
			}
			rs := obj(o, "responses")
			for _, code := range refKeys(rs) {
				r := resolve(obj(rs, code))
				op.Responses = append(op.Responses, refResponse{Status: code, Description: str(r, "description"), Content: content(obj(r, "content"))})
			}
			tags, _ := o["tags"].([]any)
			if len(tags) > 0 && groups[tags[0].(string)] != nil {
				g := groups[tags[0].(string)]
				g.Ops = append(g.Ops, op)
			}
		}
	}
	for i, t := range d["tags"].([]any) {
		g := groups[str(t.(jsonObj), "name")]
		sort.SliceStable(g.Ops, func(a, b int) bool { return g.Ops[a].Path < g.Ops[b].Path })
		out.Groups[i] = *g
	}
	schemas := obj(obj(d, "components"), "schemas")
	for _, name := range refKeys(schemas) {
		sch := obj(schemas, name)
		out.Schemas = append(out.Schemas, refSchema{Name: name, Description: str(sch, "description"), Type: schemaType(sch), Fields: schemaFields(sch, resolve)})
	}
	return out, nil
}

// schemaFields lists an object schema's properties.
func schemaFields(sch jsonObj, resolve func(jsonObj) jsonObj) []refField {
	props, _ := sch["properties"].(jsonObj)
	required := map[string]bool{}
	req, _ := sch["required"].([]any)
	for _, r := range req {
		required[r.(string)] = true
	}
	var out []refField
	for _, name := range refKeys(props) {
		p, _ := props[name].(jsonObj)
		desc, _ := p["description"].(string)
		if desc == "" {
			desc, _ = resolve(p)["description"].(string)
		}
		out = append(out, refField{Name: name, Type: schemaType(p), Description: desc, Required: required[name]})
	}
	if pp, ok := sch["patternProperties"].(jsonObj); ok {
		for _, pat := range refKeys(pp) {
			out = append(out, refField{Name: pat, Type: schemaType(pp[pat].(jsonObj)), Description: "Any field whose name matches this pattern."})
		}
	}
	return out
}

// schemaType says a schema's type in a few words: "integer (int64)",
// "Section or null", "array of Tag", "string: draft | review".
func schemaType(s jsonObj) string {
	if s == nil {
		return ""
	}
	if ref, ok := s["$ref"].(string); ok {
		return ref[strings.LastIndex(ref, "/")+1:]
	}
	if alts, ok := s["anyOf"].([]any); ok {
		var names []string
		for _, a := range alts {
			names = append(names, schemaType(a.(jsonObj)))
		}
		return strings.Join(names, " or ")
	}
	var t string
	switch v := s["type"].(type) {
	case string:
		t = v
	case []any:
		var names []string
		for _, n := range v {
			names = append(names, n.(string))
		}
		t = strings.Join(names, " or ")
	}
	switch {
	case t == "array":
		items, _ := s["items"].(jsonObj)
		t = "array of " + schemaType(items)
	case t == "object" && s["additionalProperties"] != nil && s["properties"] == nil:
		if ap, ok := s["additionalProperties"].(jsonObj); ok {
			t = "map of " + schemaType(ap)
		}
	}
	if f, ok := s["format"].(string); ok {
		t += " (" + f + ")"
	}
	if enum, ok := s["enum"].([]any); ok {
		var vals []string
		for _, e := range enum {
			vals = append(vals, fmt.Sprint(e))
		}
		t += ": " + strings.Join(vals, " | ")
	}
	var limits []string
	for _, k := range []string{"minimum", "maximum", "maxLength", "minItems", "default"} {
		if v, ok := s[k]; ok {
			limits = append(limits, k+" "+fmt.Sprint(v))
		}
	}
	if len(limits) > 0 {
		t += ", " + strings.Join(limits, ", ")
	}
	return t
}

func refKeys(m jsonObj) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
