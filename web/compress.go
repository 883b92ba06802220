package web

import (
	"bytes"
	"compress/gzip"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
)

// compressor makes the compressed copies a cached page is kept with. A page
// is compressed once per change of the content, so the levels favour size.
type compressor struct {
	zstd *zstd.Encoder // EncodeAll is safe for concurrent use
}

func newCompressor() *compressor {
	// A page is tens of kilobytes: a 1 MB window loses nothing on it and
	// keeps the encoder's tables small (RSS, not speed).
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBetterCompression), zstd.WithEncoderConcurrency(1),
		zstd.WithWindowSize(1<<20), zstd.WithLowerEncoderMem(true))
	if err != nil { // only for invalid options
		panic(err)
	}
	return &compressor{zstd: enc}
}

// encoding is one compressed copy of a page, with its header values made
// once so that serving it allocates none.
type encoding struct {
	name       string // Content-Encoding
	body       []byte
	encV, lenV []string
}

// copies returns the page compressed with brotli, zstd and gzip, smallest
// first: a reader gets the smallest one their browser takes.
func (c *compressor) copies(body []byte) []encoding {
	var gz, br bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	// A 64 KB window: on a 10 KB article quality 7 then allocates 0.7 MB
	// instead of 8.5 MB with the default window, for the same size
	// (3,249 bytes against 3,247); the garbage of larger windows showed
	// as 15 MB more RSS at each first render.
	bw := brotli.NewWriterOptions(&br, brotli.WriterOptions{Quality: 7, LGWin: 16})
	bw.Write(body)
	bw.Close()
	zs := c.zstd.EncodeAll(body, make([]byte, 0, len(body)/3))
	out := []encoding{{name: "br", body: br.Bytes()}, {name: "zstd", body: zs}, {name: "gzip", body: gz.Bytes()}}
	for i := range out {
		out[i].encV, out[i].lenV = []string{out[i].name}, []string{strconv.Itoa(len(out[i].body))}
	}
	// Three items: an insertion sort by size.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j].body) < len(out[j-1].body); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// acceptsEncoding reports whether an Accept-Encoding header takes the
// coding name: named with a q above zero, or covered by "*" (RFC 9110
// §12.5.3). It allocates nothing: it runs on every cached hit.
func acceptsEncoding(header, name string) bool {
	star := false
	for header != "" {
		var part string
		part, header, _ = strings.Cut(header, ",")
		token, params, _ := strings.Cut(part, ";")
		token = strings.TrimSpace(token)
		switch {
		case strings.EqualFold(token, name):
			return qValue(params) > 0
		case token == "*":
			star = qValue(params) > 0
		}
	}
	return star
}

// qValue reads the weight in "; q=0.5" (1 when absent, 0 when malformed).
func qValue(params string) float64 {
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
			q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || q < 0 || q > 1 {
				return 0
			}
			return q
		}
	}
	return 1
}
