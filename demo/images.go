package demo

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"image/jpeg"
	"sort"
)

// Lead images are drawn, not downloaded: the demo ships no photographs it
// has no right to, and the same story key always gives the same bytes.
const (
	imageWidth   = 1200
	imageHeight  = 675
	imageQuality = 82
)

// palette is a set of colours that go together: a sky from top to horizon,
// silhouettes from far (hazy) to near (dark), and a few accents.
type palette struct {
	skyTop, skyMid, horizon, sun rgb
	far, mid, near, ground       rgb
	accent, accent2, light       rgb
}

var palettes = [...]palette{
	{ // 0: blue dawn
		hex(0x1f2f57), hex(0x4c6a9a), hex(0xf2c28b), hex(0xfff1c9),
		hex(0x7d8db0), hex(0x3c4c74), hex(0x1b2440), hex(0x27324f),
		hex(0xe2a25b), hex(0x7fb7be), hex(0xf7e7c6)},
	{ // 1: desert noon
		hex(0x2e6f8e), hex(0x8cc3cf), hex(0xf4dcae), hex(0xfff6dc),
		hex(0xc9a77c), hex(0x9b7250), hex(0x5a3f2d), hex(0xd9b27a),
		hex(0xc8553d), hex(0x2f8f83), hex(0xfbf1de)},
	{ // 2: rose dusk
		hex(0x2b1e3f), hex(0x7b3f61), hex(0xf0a07a), hex(0xffe0b0),
		hex(0x9a6680), hex(0x53314f), hex(0x24142b), hex(0x3a2238),
		hex(0xf2c14e), hex(0x5fa8a0), hex(0xffe9cf)},
	{ // 3: arctic
		hex(0x0e2239), hex(0x2f5d7c), hex(0xa9d6e5), hex(0xeaf6ff),
		hex(0x7fa6bd), hex(0x3e6a88), hex(0x13293d), hex(0x1c3a52),
		hex(0x6fe3b5), hex(0xb28dff), hex(0xf0fbff)},
	{ // 4: emerald and gold
		hex(0x0f3b3a), hex(0x2d7f6e), hex(0xe8d8a8), hex(0xfff4d1),
		hex(0x7aab96), hex(0x2f6b5c), hex(0x123b34), hex(0x1f4d43),
		hex(0xd9a441), hex(0xc46a4a), hex(0xf6efd9)},
	{ // 5: sandstone and ink
		hex(0x3b3a5a), hex(0x9a8aa8), hex(0xf3d3b0), hex(0xfff0db),
		hex(0xb49a8e), hex(0x7a5e5a), hex(0x3a2c2e), hex(0x6c4f45),
		hex(0xd66f4c), hex(0x4f8fb0), hex(0xfbeee0)},
}

// scenes maps a scene name (the "scene" of a story's image) to its painter.
var scenes = map[string]func(c *canvas, p palette, r *rng){
	"skyline":   sceneSkyline,
	"summit":    sceneSummit,
	"port":      scenePort,
	"grain":     sceneGrain,
	"oil":       sceneOil,
	"globe":     sceneGlobe,
	"chart":     sceneChart,
	"arctic":    sceneArctic,
	"desert":    sceneDesert,
	"interview": sceneInterview,
	"space":     sceneSpace,
	"rail":      sceneRail,
	"plant":     scenePlant,
	"pattern":   scenePattern,
}

// sceneNames lists the known scenes, sorted, for error messages.
func sceneNames() []string {
	var names []string
	for n := range scenes {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// generateImage draws the lead image of the story key as a JPEG.
func generateImage(key, scene string, pal int) ([]byte, error) {
	paint, ok := scenes[scene]
	if !ok {
		return nil, fmt.Errorf("unknown image scene %q (known: %v)", scene, sceneNames())
	}
	if pal < 0 || pal >= len(palettes) {
		return nil, fmt.Errorf("unknown palette %d (0–%d)", pal, len(palettes)-1)
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%s|%s|%d", key, scene, pal)
	r := newRNG(h.Sum64())
	c := newCanvas(imageWidth, imageHeight)
	paint(c, palettes[pal], r)
	c.finish(0.28)
	var buf bytes.Buffer
	buf.Grow(160 << 10)
	if err := jpeg.Encode(&buf, c.img, &jpeg.Options{Quality: imageQuality}); err != nil {
		return nil, fmt.Errorf("encoding image of %s: %w", key, err)
	}
	return buf.Bytes(), nil
}
