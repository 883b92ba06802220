package wxr

import (
	"errors"
	"fmt"
	"strconv"
)

// Unserialize decodes a value written by PHP's serialize(), as WordPress
// keeps arrays in meta values and term descriptions: Polylang's
// translation groups (a:2:{s:2:"en";i:12;s:2:"ar";i:14;}) and attachment
// metadata. Strings are string, integers int64, floats float64, booleans
// bool, null nil, and arrays map[string]any with integer keys written in
// decimal. Objects and references are refused: nothing this package reads
// needs them, and a reader of untrusted files has no use for them.
func Unserialize(s string) (any, error) {
	d := &phpDecoder{s: s}
	v, err := d.value(0)
	if err != nil {
		return nil, err
	}
	if d.i != len(d.s) {
		return nil, d.fail("trailing data")
	}
	return v, nil
}

// maxPHPDepth bounds the nesting of arrays.
const maxPHPDepth = 32

type phpDecoder struct {
	s string
	i int
}

func (d *phpDecoder) fail(msg string) error {
	return fmt.Errorf("PHP serialised value: %s at byte %d", msg, d.i)
}

func (d *phpDecoder) value(depth int) (any, error) {
	if depth > maxPHPDepth {
		return nil, d.fail("nested too deeply")
	}
	if d.i+1 >= len(d.s) {
		return nil, d.fail("unexpected end")
	}
	kind := d.s[d.i]
	if kind == 'N' {
		if d.s[d.i+1] != ';' {
			return nil, d.fail("malformed null")
		}
		d.i += 2
		return nil, nil
	}
	if d.s[d.i+1] != ':' {
		return nil, d.fail("malformed value")
	}
	d.i += 2
	switch kind {
	case 'i':
		raw, err := d.until(';')
		if err != nil {
			return nil, err
		}
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return nil, d.fail("malformed integer")
		}
		return n, nil
	case 'd':
		raw, err := d.until(';')
		if err != nil {
			return nil, err
		}
		f, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return nil, d.fail("malformed float")
		}
		return f, nil
	case 'b':
		raw, err := d.until(';')
		if err != nil || (raw != "0" && raw != "1") {
			return nil, d.fail("malformed boolean")
		}
		return raw == "1", nil
	case 's':
		return d.str()
	case 'a':
		return d.array(depth)
	}
	return nil, d.fail(fmt.Sprintf("unsupported type %q", kind))
}

// until returns the text up to sep and moves past it.
func (d *phpDecoder) until(sep byte) (string, error) {
	for j := d.i; j < len(d.s); j++ {
		if d.s[j] == sep {
			out := d.s[d.i:j]
			d.i = j + 1
			return out, nil
		}
	}
	return "", d.fail("unexpected end")
}

// str reads N:"…"; — N counts bytes, as PHP does.
func (d *phpDecoder) str() (string, error) {
	raw, err := d.until(':')
	if err != nil {
		return "", err
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 || d.i+n+2 > len(d.s) || d.s[d.i] != '"' {
		return "", d.fail("malformed string")
	}
	out := d.s[d.i+1 : d.i+1+n]
	if d.s[d.i+1+n] != '"' || d.i+n+2 >= len(d.s) || d.s[d.i+n+2] != ';' {
		return "", d.fail("string length does not match")
	}
	d.i += n + 3
	return out, nil
}

func (d *phpDecoder) array(depth int) (map[string]any, error) {
	raw, err := d.until(':')
	if err != nil {
		return nil, err
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 || n > len(d.s) {
		return nil, d.fail("malformed array")
	}
	if d.i >= len(d.s) || d.s[d.i] != '{' {
		return nil, d.fail("malformed array")
	}
	d.i++
	out := make(map[string]any, n)
	for range n {
		k, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		var key string
		switch k := k.(type) {
		case int64:
			key = strconv.FormatInt(k, 10)
		case string:
			key = k
		default:
			return nil, d.fail("array key is neither integer nor string")
		}
		v, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		out[key] = v
	}
	if d.i >= len(d.s) || d.s[d.i] != '}' {
		return nil, d.fail("malformed array end")
	}
	d.i++
	return out, nil
}

// errNotMap is the error of a serialised value that is not an array.
var errNotMap = errors.New("PHP serialised value is not an array")

// StringMap decodes a serialised array of scalars into strings: Polylang's
// {"en": 12, "ar": 14}.
func StringMap(s string) (map[string]string, error) {
	v, err := Unserialize(s)
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errNotMap
	}
	out := make(map[string]string, len(m))
	for k, x := range m {
		switch x := x.(type) {
		case string:
			out[k] = x
		case int64:
			out[k] = strconv.FormatInt(x, 10)
		}
	}
	return out, nil
}
