package demo

import (
	"image"
	"math"
	"slices"
)

// rgb is an opaque colour; transparency is given per drawing call.
type rgb struct{ r, g, b uint8 }

// hex makes an rgb from 0xRRGGBB.
func hex(v uint32) rgb { return rgb{uint8(v >> 16), uint8(v >> 8), uint8(v)} }

// mix returns a + (b-a)·t, t in [0, 1].
func mix(a, b rgb, t float64) rgb {
	t = clamp01(t)
	f := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t + 0.5) }
	return rgb{f(a.r, b.r), f(a.g, b.g), f(a.b, b.b)}
}

func clamp01(t float64) float64 { return math.Max(0, math.Min(1, t)) }

// pt is a point in pixel coordinates.
type pt struct{ x, y float64 }

// canvas is an RGBA image with the few blending primitives the scenes need.
// Alpha is an int in 0..256 so that blending stays in integer arithmetic.
type canvas struct {
	img  *image.RGBA
	w, h int
}

func newCanvas(w, h int) *canvas {
	return &canvas{img: image.NewRGBA(image.Rect(0, 0, w, h)), w: w, h: h}
}

// blend mixes c into pixel (x, y) with alpha a (0..256); no bounds check.
func (c *canvas) blend(x, y int, col rgb, a int) {
	i := y*c.img.Stride + x*4
	p := c.img.Pix[i : i+4 : i+4]
	if a >= 256 {
		p[0], p[1], p[2], p[3] = col.r, col.g, col.b, 255
		return
	}
	p[0] = uint8((int(p[0])*(256-a) + int(col.r)*a) >> 8)
	p[1] = uint8((int(p[1])*(256-a) + int(col.g)*a) >> 8)
	p[2] = uint8((int(p[2])*(256-a) + int(col.b)*a) >> 8)
	p[3] = 255
}

// span fills row y between the real abscissas x0 and x1, with partial
// coverage at both ends, which is all the anti-aliasing the shapes need.
func (c *canvas) span(y int, x0, x1 float64, col rgb, a int) {
	if y < 0 || y >= c.h || x1 <= x0 || a <= 0 {
		return
	}
	x0, x1 = math.Max(x0, 0), math.Min(x1, float64(c.w))
	if x1 <= x0 {
		return
	}
	i0, i1 := int(x0), int(x1)
	if i0 == i1 {
		c.blend(i0, y, col, int(float64(a)*(x1-x0)))
		return
	}
	c.blend(i0, y, col, int(float64(a)*(float64(i0+1)-x0)))
	if a >= 256 { // opaque: plain stores, the common case for silhouettes
		row := c.img.Pix[y*c.img.Stride+(i0+1)*4 : y*c.img.Stride+i1*4]
		for i := 0; i+3 < len(row); i += 4 {
			row[i], row[i+1], row[i+2], row[i+3] = col.r, col.g, col.b, 255
		}
	} else {
		for x := i0 + 1; x < i1; x++ {
			c.blend(x, y, col, a)
		}
	}
	if i1 < c.w {
		c.blend(i1, y, col, int(float64(a)*(x1-float64(i1))))
	}
}

// bayer4 is a 4×4 ordered-dither matrix, in sixteenths.
var bayer4 = [4][4]int{{0, 8, 2, 10}, {12, 4, 14, 6}, {3, 11, 1, 9}, {15, 7, 13, 5}}

// vgradient fills rows [y0, y1) with colours spread evenly over stops.
// Each row's exact colour lies between two 8-bit values; an ordered dither
// picks one or the other per pixel, so wide skies show no bands.
func (c *canvas) vgradient(y0, y1 int, stops ...rgb) {
	if y1 <= y0 {
		return
	}
	for y := max(y0, 0); y < min(y1, c.h); y++ {
		t := float64(y-y0) / float64(y1-y0) * float64(len(stops)-1)
		k := min(int(t), len(stops)-2)
		a, b, u := stops[k], stops[k+1], t-float64(k)
		var base, frac [3]int
		for i, pair := range [3][2]uint8{{a.r, b.r}, {a.g, b.g}, {a.b, b.b}} {
			v := (float64(pair[0]) + (float64(pair[1])-float64(pair[0]))*u) * 16
			base[i], frac[i] = int(v)/16, int(v)%16
		}
		// Four pixels make the whole dither pattern of a row: write them,
		// then double the filled part until the row is full.
		row := c.img.Pix[y*c.img.Stride : y*c.img.Stride+c.w*4]
		for x := 0; x < 4; x++ {
			d := bayer4[y%4][x]
			for i := range 3 {
				v := base[i]
				if frac[i] > d {
					v++
				}
				row[x*4+i] = uint8(min(v, 255))
			}
			row[x*4+3] = 255
		}
		for n := 16; n < len(row); n *= 2 {
			copy(row[n:], row[:n])
		}
	}
}

// rect fills an axis-aligned rectangle.
func (c *canvas) rect(x0, y0, x1, y1 float64, col rgb, a int) {
	for y := max(int(y0), 0); y < min(int(math.Ceil(y1)), c.h); y++ {
		ya := a
		if fy := float64(y); fy < y0 {
			ya = int(float64(a) * (fy + 1 - y0))
		} else if fy+1 > y1 {
			ya = int(float64(a) * (y1 - fy))
		}
		c.span(y, x0, x1, col, ya)
	}
}

// ellipse fills an axis-aligned ellipse.
func (c *canvas) ellipse(cx, cy, rx, ry float64, col rgb, a int) {
	if rx <= 0 || ry <= 0 {
		return
	}
	for y := max(int(cy-ry), 0); y <= min(int(cy+ry), c.h-1); y++ {
		dy := (float64(y) + 0.5 - cy) / ry
		if dy*dy >= 1 {
			continue
		}
		half := rx * math.Sqrt(1-dy*dy)
		c.span(y, cx-half, cx+half, col, a)
	}
}

func (c *canvas) circle(cx, cy, r float64, col rgb, a int) { c.ellipse(cx, cy, r, r, col, a) }

// polygon fills a polygon with the non-zero-free even-odd rule, sampling
// each row at its centre.
func (c *canvas) polygon(p []pt, col rgb, a int) {
	if len(p) < 3 {
		return
	}
	minY, maxY := p[0].y, p[0].y
	for _, q := range p {
		minY, maxY = math.Min(minY, q.y), math.Max(maxY, q.y)
	}
	xs := make([]float64, 0, 8)
	for y := max(int(minY), 0); y <= min(int(maxY), c.h-1); y++ {
		sy := float64(y) + 0.5
		xs = xs[:0]
		for i := range p {
			a0, a1 := p[i], p[(i+1)%len(p)]
			if (a0.y <= sy) != (a1.y <= sy) {
				xs = append(xs, a0.x+(sy-a0.y)*(a1.x-a0.x)/(a1.y-a0.y))
			}
		}
		slices.Sort(xs)
		for i := 0; i+1 < len(xs); i += 2 {
			c.span(y, xs[i], xs[i+1], col, a)
		}
	}
}

// line draws a segment of the given width as a filled quadrilateral.
func (c *canvas) line(x0, y0, x1, y1, width float64, col rgb, a int) {
	dx, dy := x1-x0, y1-y0
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*width/2, dx/l*width/2
	c.polygon([]pt{{x0 + nx, y0 + ny}, {x1 + nx, y1 + ny}, {x1 - nx, y1 - ny}, {x0 - nx, y0 - ny}}, col, a)
}

// polyline draws connected segments.
func (c *canvas) polyline(p []pt, width float64, col rgb, a int) {
	for i := 0; i+1 < len(p); i++ {
		c.line(p[i].x, p[i].y, p[i+1].x, p[i+1].y, width, col, a)
	}
}

// ring draws the outline of an ellipse.
func (c *canvas) ring(cx, cy, rx, ry, width float64, col rgb, a int) {
	const n = 72
	p := make([]pt, 0, n+1)
	for i := 0; i <= n; i++ {
		t := float64(i) / n * 2 * math.Pi
		p = append(p, pt{cx + rx*math.Cos(t), cy + ry*math.Sin(t)})
	}
	c.polyline(p, width, col, a)
}

// glow adds a soft radial light: alpha falls off as (1-d²/r²)², read from
// a table indexed by d²/r², so a pixel costs no square root and no division.
func (c *canvas) glow(cx, cy, r float64, col rgb, a int) {
	const steps = 1024
	var alpha [steps + 1]int
	for i := range alpha {
		t := 1 - float64(i)/steps
		alpha[i] = int(float64(a) * t * t)
	}
	r2 := r * r
	scale := steps / r2
	for y := max(int(cy-r), 0); y <= min(int(cy+r), c.h-1); y++ {
		dy := float64(y) + 0.5 - cy
		rest := r2 - dy*dy
		if rest <= 0 {
			continue
		}
		half := math.Sqrt(rest)
		dy2 := dy * dy
		for x := max(int(cx-half), 0); x <= min(int(cx+half), c.w-1); x++ {
			dx := float64(x) + 0.5 - cx
			if i := int((dx*dx + dy2) * scale); i < steps && alpha[i] > 0 {
				c.blend(x, y, col, alpha[i])
			}
		}
	}
}

// finish darkens the corners a little, as a lens does. The vignette is
// separable (two small tables instead of a distance per pixel) and never
// brightens, so no value needs clamping.
func (c *canvas) finish(vignette float64) {
	fx := make([]int, c.w)
	for x := range fx {
		d := (float64(x)/float64(c.w) - 0.5) * 2
		fx[x] = int(256 * (1 - vignette*d*d*d*d))
	}
	for y := 0; y < c.h; y++ {
		d := (float64(y)/float64(c.h) - 0.5) * 2
		fy := int(256 * (1 - vignette*0.8*d*d*d*d))
		row := c.img.Pix[y*c.img.Stride : y*c.img.Stride+c.w*4]
		for x, f := range fx {
			f = f * fy >> 8
			p := row[x*4 : x*4+3 : x*4+3]
			p[0] = uint8(int(p[0]) * f >> 8)
			p[1] = uint8(int(p[1]) * f >> 8)
			p[2] = uint8(int(p[2]) * f >> 8)
		}
	}
}

// rng is a small deterministic generator (xorshift64*): the same story key
// always draws the same picture.
type rng struct{ s uint64 }

func newRNG(seed uint64) *rng {
	if seed == 0 {
		seed = 0x9e3779b97f4a7c15
	}
	return &rng{s: seed}
}

func (r *rng) next() uint64 {
	r.s ^= r.s >> 12
	r.s ^= r.s << 25
	r.s ^= r.s >> 27
	return r.s * 2685821657736338717
}

// f returns a float in [0, 1).
func (r *rng) f() float64 { return float64(r.next()>>11) / (1 << 53) }

// in returns a float in [a, b).
func (r *rng) in(a, b float64) float64 { return a + (b-a)*r.f() }

// n returns an int in [0, n).
func (r *rng) n(n int) int { return int(r.next() % uint64(n)) }
