package media

import (
	"bytes"
	"image/gif"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestAPIDocsNameTheAcceptedFormats: the API guide's sentence on uploads
// names exactly the formats Inspect accepts.
func TestAPIDocsNameTheAcceptedFormats(t *testing.T) {
	doc, err := os.ReadFile("../docs/api.md")
	if err != nil {
		t.Fatal(err)
	}
	sentence := regexp.MustCompile(`([A-Za-z, ]+) files up to \d+ MB are accepted`).FindSubmatch(doc)
	if sentence == nil {
		t.Fatal("docs/api.md no longer says which files an upload accepts")
	}
	var gifData bytes.Buffer
	if err := gif.Encode(&gifData, gradient(20, 10), nil); err != nil {
		t.Fatal(err)
	}
	samples := map[string][]byte{
		"JPEG": mustJPEG(t, 20, 10), "PNG": mustPNG(t, gradient(20, 10)),
		"WebP": mustRead(t, "testdata/gopher.lossless.webp"), "GIF": gifData.Bytes(),
	}
	named := string(sentence[1])
	for name, data := range samples {
		_, err := Inspect(bytes.NewReader(data), DefaultLimits())
		if says := strings.Contains(named, name); says != (err == nil) {
			t.Errorf("docs/api.md names %s among the accepted formats: %v; Inspect accepts it: %v", name, says, err == nil)
		}
	}
}
