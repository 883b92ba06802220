package khabar

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an Error. Only the web layer turns codes into HTTP status.
type Code string

// Error codes.
const (
	ENotFound     Code = "not_found"
	EInvalid      Code = "invalid"
	EConflict     Code = "conflict"
	EUnauthorized Code = "unauthorized"
	EForbidden    Code = "forbidden"
	EInternal     Code = "internal"
)

// Error is Khabar's one error type. Key names its message in the UI
// catalogues (i18n/errors/*.json), so that the message reaches each user in
// their language; Args fill the message's {placeholders}. Field names the
// offending input when there is one.
type Error struct {
	Code  Code
	Field string
	Key   string
	// Args are name, value pairs: "max", 300. Numbers stay numbers, so that
	// they are written in the reader's digits.
	Args []any
	Err  error // the cause, for logs; never shown to users
}

// Error is for logs: the code, the field, the key and its arguments.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Code))
	if e.Field != "" {
		b.WriteString(" " + e.Field)
	}
	b.WriteString(": " + e.Key)
	for i := 0; i+1 < len(e.Args); i += 2 {
		fmt.Fprintf(&b, " %v=%q", e.Args[i], fmt.Sprint(e.Args[i+1]))
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Arg returns the value of the argument called name, or nil.
func (e *Error) Arg(name string) any {
	for i := 0; i+1 < len(e.Args); i += 2 {
		if e.Args[i] == name {
			return e.Args[i+1]
		}
	}
	return nil
}

// Because returns e with cause as the error behind it, for logs.
func (e *Error) Because(cause error) *Error {
	e.Err = cause
	return e
}

// NewError returns an Error; the constructors below are shorter for the
// codes that most errors have.
func NewError(code Code, field, key string, args ...any) *Error {
	return &Error{Code: code, Field: field, Key: key, Args: args}
}

// Invalid is input that cannot be used, about one field.
func Invalid(field, key string, args ...any) *Error {
	return NewError(EInvalid, field, key, args...)
}

// NotFound is something that does not exist (or that the user may not know
// exists).
func NotFound(key string, args ...any) *Error {
	return NewError(ENotFound, "", key, args...)
}

// Forbidden is an action the user's role does not allow.
func Forbidden(key string, args ...any) *Error {
	return NewError(EForbidden, "", key, args...)
}

// Conflict is a change refused because someone else changed the same thing
// first; nothing was overwritten.
func Conflict(field, key string, args ...any) *Error {
	return NewError(EConflict, field, key, args...)
}

// Unauthorized is a request by someone not signed in.
func Unauthorized(key string, args ...any) *Error {
	return NewError(EUnauthorized, "", key, args...)
}

// ErrorCode returns the code of the first Error in err's chain, EInternal for
// any other error, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// AsError returns the first Error in err's chain; any other error, which
// users must not see the details of, becomes an internal one.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: EInternal, Key: "err.internal", Err: err}
}

// IsNotFound reports whether err means that something does not exist.
func IsNotFound(err error) bool { return ErrorCode(err) == ENotFound }
