package web

import (
	"log/slog"
	"time"
)

func levelFor(status int) slog.Level {
	switch {
	case status >= 500:
		return slog.LevelError
	case status >= 400:
		return slog.LevelInfo
	}
	return slog.LevelDebug
}

func slogAttrs(method, uri string, status, bytes int, d time.Duration) []slog.Attr {
	return []slog.Attr{
		slog.String("method", method),
		slog.String("uri", uri),
		slog.Int("status", status),
		slog.Int("bytes", bytes),
		slog.Duration("duration", d),
	}
}
