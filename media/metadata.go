package media

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
)

// pngMetadataSize adds up the text and metadata a PNG carries (tEXt, zTXt,
// iTXt, eXIf, iCCP), compressed chunks counted as they inflate, and stops
// counting past limit. A zTXt chunk of a few hundred bytes may inflate to
// hundreds of megabytes in whatever program reads it later; the decoder
// skips these chunks, and the stored original is encoded again without
// them, but such a file is refused all the same. Inflating stops at limit,
// so the check costs at most limit bytes of work per upload.
func pngMetadataSize(data []byte, limit int64) int64 {
	if len(data) < 8 {
		return 0
	}
	var total int64
	for p := data[8:]; len(p) >= 12 && total <= limit; {
		n := int64(binary.BigEndian.Uint32(p))
		if n > int64(len(p)-12) {
			break // a truncated chunk: the decoder reports the damage
		}
		typ, body := string(p[4:8]), p[8:8+n]
		switch typ {
		case "tEXt", "eXIf":
			total += n
		case "zTXt", "iCCP": // keyword, NUL, method, zlib data
			if i := bytes.IndexByte(body, 0); i >= 0 && i+2 <= len(body) {
				total += inflated(body[i+2:], limit-total)
			}
		case "iTXt": // keyword, NUL, compressed?, method, language, NUL, keyword, NUL, text
			total += iTXtSize(body, limit-total)
		case "IEND":
			return total
		}
		p = p[12+n:]
	}
	return total
}

// iTXtSize is the size of an iTXt chunk's text, inflated when compressed.
func iTXtSize(body []byte, limit int64) int64 {
	i := bytes.IndexByte(body, 0)
	if i < 0 || i+3 > len(body) {
		return int64(len(body))
	}
	compressed, rest := body[i+1] == 1, body[i+3:]
	for range 2 { // the language tag and the translated keyword
		j := bytes.IndexByte(rest, 0)
		if j < 0 {
			return int64(len(body))
		}
		rest = rest[j+1:]
	}
	if !compressed {
		return int64(len(body))
	}
	return int64(i+3) + inflated(rest, limit)
}

// inflated is the size of zlib data once inflated, counted up to limit+1;
// data that does not inflate counts as its own size.
func inflated(z []byte, limit int64) int64 {
	r, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		return int64(len(z))
	}
	defer r.Close()
	n, _ := io.Copy(io.Discard, io.LimitReader(r, max(limit, 0)+1))
	return max(n, int64(len(z)))
}
