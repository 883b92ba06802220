package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// decodeJSON reads a JSON request body into dst, a pointer to a struct,
// refusing before anything is changed a body that is not JSON
// (application/json, in UTF-8), too big, malformed, not an object, or that
// names a field twice, names one dst does not have (field names match
// exactly: encoding/json alone would take "Title" for "title"), carries a
// lone UTF-16 surrogate (which encoding/json alone would turn into U+FFFD)
// or a value of the wrong type. Each refusal says what and where.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	if err := checkJSONType(r.Header.Get("Content-Type")); err != nil {
		return err
	}
	body, err := io.ReadAll(r.Body) // within the route's limit (bodies.go)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return requestTooLarge(tooBig.Limit)
		}
		return badRequest("malformed_json", "", "offset", 0)
	}
	if !utf8.Valid(body) {
		return badRequest("invalid_utf8", "", "offset", firstInvalidUTF8(body))
	}
	if err := checkJSON(body, reflect.TypeOf(dst).Elem()); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err, dec.InputOffset())
	}
	return nil
}

// checkJSONType accepts application/json, with no parameter but
// charset=utf-8: "application/jsonfoo" is another type.
func checkJSONType(ct string) error {
	mt, params, err := mime.ParseMediaType(ct)
	if err == nil && mt == "application/json" {
		cs, ok := params["charset"]
		if len(params) == 0 || (len(params) == 1 && ok && strings.EqualFold(cs, "utf-8")) {
			return nil
		}
	}
	return newAPIError(http.StatusUnsupportedMediaType, "content_type", "", "type", ct)
}

// maxJSONDepth is as deep as a request body may nest: the API's bodies
// need three levels, and a body of a million "[" must not recurse a
// million times.
const maxJSONDepth = 32

// jsonChecker walks a body's tokens beside the Go type it is for.
type jsonChecker struct {
	dec  *json.Decoder
	body []byte
}

// checkJSON walks the body once before it is decoded into a value of type
// t (a struct): the syntax, the top-level object, duplicate and inexact
// field names, times, nesting and lone surrogates.
func checkJSON(body []byte, t reflect.Type) error {
	c := &jsonChecker{dec: json.NewDecoder(bytes.NewReader(body)), body: body}
	c.dec.UseNumber()
	tok, err := c.token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return badRequest("not_object", "", "found", jsonKind(tok))
	}
	if err := c.object(t, "", 1); err != nil {
		return err
	}
	if _, err := c.dec.Token(); err != io.EOF {
		return badRequest("malformed_json", "", "offset", c.dec.InputOffset())
	}
	return loneSurrogate(body)
}

func (c *jsonChecker) token() (json.Token, error) {
	tok, err := c.dec.Token()
	if err == nil {
		return tok, nil
	}
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		return nil, badRequest("malformed_json", "", "offset", syntax.Offset)
	}
	return nil, badRequest("malformed_json", "", "offset", "end")
}

// value checks the value that starts with tok, meant for a field of type t
// (nil when any value will do, or when Decode will refuse its type).
func (c *jsonChecker) value(tok json.Token, t reflect.Type, field string, depth int) error {
	if depth > maxJSONDepth {
		return badRequest("too_deep", field, "max", maxJSONDepth)
	}
	t = indirect(t)
	switch d := tok.(type) {
	case json.Delim:
		if d == '{' {
			return c.object(t, field, depth)
		}
		return c.array(t, field, depth)
	case string:
		if t == timeType {
			if _, err := time.Parse(time.RFC3339, d); err != nil {
				return badRequest("invalid_time", field, "value", d)
			}
		}
	}
	return nil
}

// object checks an object's members; t is the struct or map it fills.
func (c *jsonChecker) object(t reflect.Type, path string, depth int) error {
	seen := map[string]bool{}
	for c.dec.More() {
		tok, err := c.token()
		if err != nil {
			return err
		}
		name, _ := tok.(string)
		field := name
		if path != "" {
			field = path + "." + name
		}
		if seen[name] {
			return badRequest("duplicate_field", field)
		}
		seen[name] = true
		var ft reflect.Type
		switch {
		case t == nil:
		case t.Kind() == reflect.Struct:
			f, exact := structField(t, name)
			if f == nil {
				return badRequest("unknown_field", field)
			}
			if !exact {
				return badRequest("field_case", field, "want", jsonName(*f))
			}
			ft = f.Type
		case t.Kind() == reflect.Map:
			ft = t.Elem()
		}
		if tok, err = c.token(); err != nil {
			return err
		}
		if err := c.value(tok, ft, field, depth+1); err != nil {
			return err
		}
	}
	_, err := c.token() // }
	return err
}

// array checks an array's elements; t is the slice it fills.
func (c *jsonChecker) array(t reflect.Type, field string, depth int) error {
	var et reflect.Type
	if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
		et = t.Elem()
	}
	for c.dec.More() {
		tok, err := c.token()
		if err != nil {
			return err
		}
		if err := c.value(tok, et, field, depth+1); err != nil {
			return err
		}
	}
	_, err := c.token() // ]
	return err
}

var timeType = reflect.TypeOf(time.Time{})

func indirect(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// structField finds the field of t that a member name fills: exactly, or
// (exact false) only by encoding/json's case-insensitive match.
func structField(t reflect.Type, name string) (*reflect.StructField, bool) {
	var folded *reflect.StructField
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || f.Tag.Get("json") == "-" {
			continue
		}
		if f.Anonymous && f.Tag.Get("json") == "" && indirect(f.Type).Kind() == reflect.Struct {
			if g, exact := structField(indirect(f.Type), name); g != nil && (exact || folded == nil) {
				if exact {
					return g, true
				}
				folded = g
			}
			continue
		}
		switch n := jsonName(f); {
		case n == name:
			return &f, true
		case folded == nil && strings.EqualFold(n, name):
			folded = &f
		}
	}
	return folded, false
}

// jsonName is the member name of a struct field.
func jsonName(f reflect.StructField) string {
	if n, _, _ := strings.Cut(f.Tag.Get("json"), ","); n != "" {
		return n
	}
	return f.Name
}

// jsonKind names the JSON type of a token, for messages.
func jsonKind(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			return "array"
		}
		return "object"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	}
	return "null"
}

// loneSurrogate finds a \u escape of half a UTF-16 surrogate pair without
// its other half, in a body already known to be valid JSON.
func loneSurrogate(body []byte) error {
	inString := false
	for i := 0; i < len(body); i++ {
		switch b := body[i]; {
		case b == '"':
			inString = !inString
		case inString && b == '\\':
			if body[i+1] != 'u' {
				i++ // \" \\ \n …
				continue
			}
			r := hexRune(body[i+2 : i+6])
			switch {
			case r >= 0xd800 && r < 0xdc00: // a high half: a low one must follow
				if i+12 <= len(body) && body[i+6] == '\\' && body[i+7] == 'u' {
					if lo := hexRune(body[i+8 : i+12]); lo >= 0xdc00 && lo < 0xe000 {
						i += 11
						continue
					}
				}
				return surrogateError(body, i)
			case r >= 0xdc00 && r < 0xe000: // a low half with no high one before it
				return surrogateError(body, i)
			}
			i += 5
		}
	}
	return nil
}

func surrogateError(body []byte, at int) error {
	return badRequest("lone_surrogate", "", "escape", string(body[at:at+6]), "offset", at)
}

func hexRune(h []byte) rune {
	n, err := strconv.ParseUint(string(h), 16, 16)
	if err != nil {
		return -1
	}
	return rune(n)
}

// jsonError names what was wrong with a body that did not decode, though
// it passed checkJSON: a value of the wrong type.
func jsonError(err error, offset int64) error {
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typ):
		return badRequest("wrong_type", fieldName(typ.Field), "want", jsonTypeName(typ.Type.Kind().String()))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		return badRequest("unknown_field", name)
	}
	return badRequest("malformed_json", "", "offset", offset)
}

// fieldName is a field's path without array indexes ("tag_ids", not
// "tag_ids.0", which newer Go versions report): the name a request uses.
func fieldName(path string) string {
	var parts []string
	for _, p := range strings.Split(path, ".") {
		if _, err := strconv.Atoi(p); err != nil {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ".")
}
