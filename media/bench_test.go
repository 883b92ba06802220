package media

import (
	"bytes"
	"image/jpeg"
	"testing"
)

// BenchmarkMakeVariants measures the work of one upload of the demo's
// size (1200×675) and of a 24-megapixel camera photo.
func BenchmarkMakeVariants(b *testing.B) {
	for _, size := range []struct {
		name string
		w, h int
	}{{"1200x675", 1200, 675}, {"6000x4000", 6000, 4000}} {
		img, err := jpeg.Decode(bytes.NewReader(mustJPEG(b, size.w, size.h)))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(size.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := MakeVariants(img); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
