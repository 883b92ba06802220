package demo

import "math"

// Painters of land, sea, sky and abstract scenes: fields, oil fields,
// deserts, ice, power plants, the globe, charts and space.

// hills fills the area under a wavy line made of a few sines, computed once
// per column step rather than per pixel.
func hills(c *canvas, r *rng, base, amp float64, col rgb) {
	f1, f2 := r.in(1.5, 3.5), r.in(4, 9)
	p1, p2 := r.in(0, 6), r.in(0, 6)
	pts := []pt{{0, float64(c.h)}}
	for x := 0.0; x <= float64(c.w)+10; x += 10 {
		t := x / float64(c.w) * math.Pi
		pts = append(pts, pt{x, base - amp*(0.6*math.Sin(t*f1+p1)+0.4*math.Sin(t*f2+p2))})
	}
	pts = append(pts, pt{float64(c.w) + 10, float64(c.h)})
	c.polygon(pts, col, 256)
}

func sceneGrain(c *canvas, p palette, r *rng) {
	W, H := float64(c.w), float64(c.h)
	horizon := H * 0.6
	sunX := W * r.in(0.2, 0.8)
	sky(c, p, r, horizon, sunX, H*0.45)
	hills(c, r, horizon-10, 12, mix(p.horizon, p.far, 0.5))
	gold, deep := mix(p.accent, p.horizon, 0.45), mix(p.accent, p.ground, 0.5)
	c.vgradient(int(horizon), c.h, mix(gold, p.horizon, 0.4), gold, deep)
	// Grain elevator on the horizon.
	ex := W * r.in(0.12, 0.3)
	silo := mix(p.far, p.mid, 0.5)
	for i := 0; i < 4; i++ {
		x := ex + float64(i)*26
		c.rect(x, horizon-90, x+24, horizon, silo, 256)
		c.ellipse(x+12, horizon-90, 12, 5, silo, 256)
	}
	c.rect(ex+104, horizon-130, ex+140, horizon, silo, 256)
	// Furrows converging on a point beyond the field.
	vx := W * 0.5
	for k := -14; k <= 14; k++ {
		c.line(vx+float64(k)*6, horizon, vx+float64(k)*110, H, 2+math.Abs(float64(k))*0.15, deep, 70)
	}
	// Ears of wheat in the foreground.
	for i := 0; i < 420; i++ {
		x := r.in(-10, W+10)
		y := H*0.82 + r.in(0, H*0.2)
		h := r.in(50, 110) * (0.6 + (y-H*0.82)/(H*0.2))
		lean := r.in(-12, 12)
		col := mix(gold, deep, r.f()*0.8)
		c.line(x, y, x+lean, y-h, 1.6, col, 230)
		c.ellipse(x+lean, y-h-6, 3.5, 11, mix(col, p.light, 0.25), 240)
	}
}

// pumpjack draws a nodding-donkey oil pump.
func pumpjack(c *canvas, x, base, s float64, tilt float64, col rgb) {
	c.rect(x-s*0.9, base-s*0.08, x+s*0.9, base, col, 256)
	c.polygon([]pt{{x - s*0.3, base}, {x, base - s*0.75}, {x + s*0.3, base}, {x + s*0.2, base}, {x, base - s*0.55}, {x - s*0.2, base}}, col, 256)
	dx, dy := math.Cos(tilt)*s*0.85, math.Sin(tilt)*s*0.85
	c.line(x-dx, base-s*0.78-dy, x+dx, base-s*0.78+dy, s*0.09, col, 256)
	hx, hy := x+dx, base-s*0.78+dy
	c.polygon([]pt{{hx, hy - s*0.12}, {hx + s*0.16, hy - s*0.02}, {hx + s*0.14, hy + s*0.22}, {hx, hy + s*0.08}}, col, 256)
	c.line(hx+s*0.12, hy+s*0.2, hx+s*0.12, base-s*0.1, 2, col, 256)
	c.circle(x-dx*0.8, base-s*0.45, s*0.14, col, 256)
}

// derrick draws a lattice drilling tower.
func derrick(c *canvas, x, base, h float64, col rgb) {
	w := h * 0.22
	c.line(x-w, base, x-w*0.15, base-h, 4, col, 256)
	c.line(x+w, base, x+w*0.15, base-h, 4, col, 256)
	for k := 1; k < 8; k++ {
		t0, t1 := float64(k-1)/8, float64(k)/8
		l0, l1 := w-(w*0.85)*t0, w-(w*0.85)*t1
		c.line(x-l0, base-h*t0, x+l1, base-h*t1, 1.6, col, 256)
		c.line(x-l1, base-h*t1, x+l1, base-h*t1, 1.6, col, 256)
	}
	c.rect(x-w*0.3, base-h-10, x+w*0.3, base-h, col, 256)
}

func sceneOil(c *canvas, p palette, r *rng) {
	W, H := float64(c.w), float64(c.h)
	horizon := H * 0.66
	sunX := W * r.in(0.55, 0.85)
	sky(c, p, r, horizon, sunX, H*0.52)
	hills(c, r, horizon, 8, mix(p.horizon, p.far, 0.6))
	c.vgradient(int(horizon+6), c.h, mix(p.ground, p.horizon, 0.4), p.ground, mix(p.ground, p.near, 0.6))
	far := mix(p.far, p.mid, 0.6)
	for i := 0; i < 3; i++ {
		x := W*0.05 + float64(i)*70
		c.rect(x, horizon-40, x+60, horizon+6, far, 256)
		c.ellipse(x+30, horizon-40, 30, 6, mix(far, p.light, 0.2), 256)
	}
	derrick(c, W*r.in(0.35, 0.45), horizon+6, 170, far)
	c.glow(W*0.5, horizon-80, 30, p.accent, 200)
	c.line(0, H*0.82, W, H*0.78, 6, mix(p.near, p.mid, 0.3), 256)
	for i, x := range []float64{W * 0.18, W * 0.62, W * 0.86} {
		s := 150 + float64(i%2)*60
		pumpjack(c, x, H*0.95-float64(i)*8, s, r.in(-0.25, 0.25), p.near)
	}
}

func sceneDesert(c *canvas, p palette, r *rng) {
	W, H := float64(c.w), float64(c.h)
	horizon := H * 0.62
	sunX := W * r.in(0.25, 0.75)
	sky(c, p, r, horizon, sunX, H*0.4)
	// A far town: a dome and two minarets shimmering on the horizon.
	town := mix(p.horizon, p.far, 0.55)
	tx := W * r.in(0.15, 0.85)
	dome(c, tx, horizon, 20, town, false)
	minaret(c, tx-40, horizon, 90, 6, town)
	minaret(c, tx+40, horizon, 90, 6, town)
	for i := 0; i < 6; i++ {
		x := r.in(0, W)
		c.polygon([]pt{{x - 16, horizon}, {x, horizon - 14}, {x + 16, horizon}}, mix(p.light, town, 0.3), 256)
	}
	sands := []rgb{mix(p.horizon, p.ground, 0.5), p.ground, mix(p.ground, p.mid, 0.5), mix(p.mid, p.near, 0.4)}
	for i, col := range sands {
		hills(c, r, horizon+float64(i)*H*0.1+10, 14+float64(i)*8, col)
	}
	// Palms in the foreground.
	for _, px := range []float64{W * r.in(0.02, 0.12), W * r.in(0.8, 0.95)} {
		base, top := H+10, H*r.in(0.25, 0.35)
		lean := r.in(-60, 60)
		var prev pt
		for k := 0; k <= 12; k++ {
			t := float64(k) / 12
			q := pt{px + lean*t*t, base + (top-base)*t}
			if k > 0 {
				c.line(prev.x, prev.y, q.x, q.y, 18-8*t, p.near, 256)
			}
			prev = q
		}
		for f := 0; f < 9; f++ {
			a := -math.Pi + float64(f)*math.Pi/8 + r.in(-0.1, 0.1)
			l := r.in(110, 160)
			ex, ey := prev.x+l*math.Cos(a), prev.y+l*math.Sin(a)*0.6+40
			mx, my := prev.x+l*0.5*math.Cos(a), prev.y+l*0.5*math.Sin(a)*0.6-15
			c.polygon([]pt{{prev.x, prev.y - 5}, {mx, my - 8}, {ex, ey}, {mx, my + 8}, {prev.x, prev.y + 5}}, p.near, 256)
		}
	}
}

func sceneArctic(c *canvas, p palette, r *rng) {
	W, H := float64(c.w), float64(c.h)
	horizon := H * 0.62
	c.vgradient(0, int(horizon), p.skyTop, mix(p.skyTop, p.skyMid, 0.7), p.horizon)
	for i := 0; i < 140; i++ {
		c.circle(r.in(0, W), r.in(0, horizon*0.6), r.in(0.6, 1.6), p.light, int(r.in(80, 220)))
	}
	// Aurora: a vertical curtain per column, its height a sum of sines.
	f1, f2, ph := r.in(2, 4), r.in(6, 10), r.in(0, 6)
	for x := 0; x < c.w; x++ {
		t := float64(x) / W * math.Pi
		yb := H*0.32 + 40*math.Sin(t*f1+ph) + 15*math.Sin(t*f2)
		bright := 0.5 + 0.5*math.Sin(t*f2*1.7+ph)
		hgt := 90 + 60*bright
		for y := int(yb - hgt); y < int(yb); y++ {
			if y < 0 {
				continue
			}
			u := (yb - float64(y)) / hgt
			col := mix(p.accent, p.accent2, u)
			c.blend(x, y, col, int(130*(1-u)*min(1, u*6)*(0.4+0.6*bright)))
		}
	}
	c.vgradient(int(horizon), c.h, mix(p.horizon, p.mid, 0.6), p.ground, p.near)
	// Ice floes and bergs.
	for i := 0; i < 7; i++ {
		x := r.in(-50, W)
		w, h := r.in(60, 220), r.in(20, 110)
		y := horizon + r.in(2, 14)
		peak := x + r.in(0.3, 0.7)*w
		c.polygon([]pt{{x, y}, {x + w*0.15, y - h*0.5}, {peak, y - h}, {x + w*0.85, y - h*0.4}, {x + w, y}}, mix(p.light, p.far, 0.2), 256)
		c.polygon([]pt{{peak, y - h}, {x + w*0.85, y - h*0.4}, {x + w, y}, {peak, y}}, mix(p.far, p.mid, 0.4), 200)
		c.rect(x, y, x+w, y+4, mix(p.light, p.far, 0.5), 90)
	}
	// An icebreaker with its lights on.
	sx, sy := W*r.in(0.45, 0.65), H*0.78
	hull := p.near
	c.polygon([]pt{{sx - 200, sy}, {sx + 230, sy}, {sx + 170, sy + 40}, {sx - 185, sy + 40}}, hull, 256)
	c.rect(sx-200, sy+8, sx+200, sy+14, p.accent2, 180)
	c.rect(sx-130, sy-60, sx+10, sy, mix(hull, p.mid, 0.25), 256)
	c.rect(sx-110, sy-95, sx-20, sy-60, mix(hull, p.mid, 0.25), 256)
	c.rect(sx-70, sy-130, sx-55, sy-95, hull, 256)
	for x := sx - 122; x < sx; x += 16 {
		c.rect(x, sy-45, x+8, sy-38, p.sun, 220)
	}
	c.glow(sx+220, sy-5, 40, p.sun, 120)
	c.polygon([]pt{{sx + 230, sy + 38}, {sx + 420, sy + 60}, {sx + 170, sy + 48}}, p.light, 90)
}

func scenePlant(c *canvas, p palette, r *rng) {
	W, H := float64(c.w), float64(c.h)
	horizon := H * 0.72
	sunX := W * r.in(0.1, 0.3)
	sky(c, p, r, horizon, sunX, H*0.35)
	hills(c, r, horizon, 10, mix(p.horizon, p.far, 0.5))
	c.vgradient(int(horizon), c.h, mix(p.far, p.ground, 0.5), p.ground, p.near)
	tower := mix(p.far, p.light, 0.35)
	shade := mix(p.far, p.mid, 0.4)
	for i, tx := range []float64{W * 0.52, W * 0.76} {
		top, base := H*(0.22+float64(i)*0.06), horizon+6
		// A hyperboloid: narrowest at 70% of its height.
		var left, right, mid []pt
		for k := 0; k <= 20; k++ {
			t := float64(k) / 20
			y := top + (base-top)*t
			u := t - 0.7
			hw := 70 + 160*u*u
			left = append(left, pt{tx - hw, y})
			right = append([]pt{{tx + hw, y}}, right...)
			mid = append([]pt{{tx + hw*0.35, y}}, mid...)
		}
		c.polygon(append(left, right...), tower, 256)
		shadow := append([]pt{}, right...)
		for i := len(mid) - 1; i >= 0; i-- {
			shadow = append(shadow, mid[i])
		}
		c.polygon(shadow, shade, 120)
		for s := 0; s < 7; s++ {
			c.glow(tx+r.in(-60, 60)+float64(s)*12, top-20-float64(s)*28, r.in(50, 90), p.light, 200)
		}
	}
	// Reactor building: a dome on a drum.
	rx := W * 0.25
	c.rect(rx-90, horizon-110, rx+90, horizon+6, mix(p.mid, p.far, 0.3), 256)
	c.ellipse(rx, horizon-110, 90, 60, mix(p.mid, p.far, 0.3), 256)
	c.rect(rx-90, horizon-60, rx+90, horizon-52, p.accent, 200)
	c.rect(rx+90, horizon-60, rx+230, horizon+6, mix(p.mid, p.near, 0.3), 256)
	for x := 0.0; x < W; x += 40 {
		c.line(x, H*0.9, x, H*0.84, 2, p.near, 200)
	}
	c.line(0, H*0.85, W, H*0.85, 1.5, p.near, 200)
}

func sceneGlobe(c *canvas, p palette, r *rng) {
	W, H := float64(c.w), float64(c.h)
	c.vgradient(0, c.h, mix(p.skyTop, p.near, 0.5), p.skyTop, mix(p.skyTop, p.mid, 0.5))
	for i := 0; i < 160; i++ {
		c.circle(r.in(0, W), r.in(0, H), r.in(0.5, 1.5), p.light, int(r.in(40, 180)))
	}
	cx, cy, rad := W*r.in(0.42, 0.58), H*0.55, H*0.4
	c.glow(cx, cy, rad*1.35, p.accent2, 110)
	// Sphere shading: lit from the upper left, by squared distance only.
	lx, ly := cx-rad*0.45, cy-rad*0.5
	lit, dark := mix(p.skyMid, p.accent2, 0.4), mix(p.skyTop, p.near, 0.4)
	for y := int(cy - rad); y <= int(cy+rad); y++ {
		dy := float64(y) + 0.5 - cy
		half := math.Sqrt(math.Max(0, rad*rad-dy*dy))
		for x := int(cx - half); x <= int(cx+half); x++ {
			if x < 0 || x >= c.w || y < 0 || y >= c.h {
				continue
			}
			ddx, ddy := float64(x)-lx, float64(y)-ly
			c.blend(x, y, mix(lit, dark, (ddx*ddx+ddy*ddy)/(4*rad*rad)*1.6), 256)
		}
	}
	grid := mix(p.light, p.accent2, 0.3)
	for k := 0; k < 6; k++ {
		c.ring(cx, cy, rad*math.Cos(float64(k)*math.Pi/12), rad, 1.4, grid, 90)
	}
	for k := -5; k <= 5; k++ {
		y := cy + rad*math.Sin(float64(k)*math.Pi/12)
		hw := math.Sqrt(math.Max(0, rad*rad-(y-cy)*(y-cy)))
		c.line(cx-hw, y, cx+hw, y, 1.4, grid, 90)
	}
	// Links between cities: arcs over the sphere with bright ends.
	for i := 0; i < 7; i++ {
		a0, a1 := r.in(0, 2*math.Pi), r.in(0, 2*math.Pi)
		p0 := pt{cx + rad*0.8*r.f()*math.Cos(a0), cy + rad*0.8*r.f()*math.Sin(a0)}
		p1 := pt{cx + rad*0.8*r.f()*math.Cos(a1), cy + rad*0.8*r.f()*math.Sin(a1)}
		ctl := pt{(p0.x+p1.x)/2 + r.in(-40, 40), math.Min(p0.y, p1.y) - r.in(60, 140)}
		var arc []pt
		for k := 0; k <= 24; k++ {
			t := float64(k) / 24
			arc = append(arc, pt{(1-t)*(1-t)*p0.x + 2*(1-t)*t*ctl.x + t*t*p1.x, (1-t)*(1-t)*p0.y + 2*(1-t)*t*ctl.y + t*t*p1.y})
		}
		c.polyline(arc, 2.2, p.accent, 200)
		for _, q := range []pt{p0, p1} {
			c.glow(q.x, q.y, 16, p.sun, 200)
			c.circle(q.x, q.y, 4, p.light, 256)
		}
	}
}

func sceneChart(c *canvas, p palette, r *rng) {
	W, H := float64(c.w), float64(c.h)
	c.vgradient(0, c.h, mix(p.light, p.skyMid, 0.25), mix(p.light, p.far, 0.35))
	c.glow(W*0.85, H*0.1, H*0.8, p.horizon, 140)
	c.glow(W*0.1, H*0.95, H*0.6, p.skyMid, 90)
	base := H * 0.86
	for y := base; y > H*0.1; y -= H * 0.12 {
		c.line(W*0.06, y, W*0.94, y, 1.2, p.mid, 60)
	}
	n := 11
	bw := W * 0.88 / float64(n)
	v := r.in(0.25, 0.4)
	var tops []pt
	for i := 0; i < n; i++ {
		v = math.Min(0.92, math.Max(0.15, v+r.in(-0.07, 0.13)))
		x := W*0.06 + float64(i)*bw
		top := base - v*(base-H*0.12)
		col := mix(p.accent2, p.mid, float64(i%3)*0.25)
		if i == n-1 {
			col = p.accent
		}
		c.rect(x+bw*0.18+8, top+8, x+bw*0.82+8, base, p.near, 40)
		c.rect(x+bw*0.18, top, x+bw*0.82, base, col, 256)
		c.rect(x+bw*0.18, top, x+bw*0.82, top+5, mix(col, p.light, 0.5), 256)
		tops = append(tops, pt{x + bw/2, top - 40 - r.in(0, 30)})
	}
	c.polyline(tops, 4, p.near, 220)
	for _, q := range tops {
		c.circle(q.x, q.y, 9, p.near, 256)
		c.circle(q.x, q.y, 5, p.light, 256)
	}
	c.line(W*0.06, base, W*0.94, base, 3, p.near, 200)
}

func sceneSpace(c *canvas, p palette, r *rng) {
	W, H := float64(c.w), float64(c.h)
	c.vgradient(0, c.h, mix(p.skyTop, p.near, 0.6), p.skyTop, mix(p.skyTop, p.skyMid, 0.4))
	for i := 0; i < 260; i++ {
		c.circle(r.in(0, W), r.in(0, H), r.in(0.5, 1.7), p.light, int(r.in(50, 230)))
	}
	c.glow(W*0.9, H*0.1, 160, p.sun, 160)
	// The planet's limb across the bottom, with its thin atmosphere.
	pcx, pcy, prad := W*0.5, H*2.1, H*1.55
	c.glow(pcx, pcy, prad*1.06, p.accent2, 200)
	c.circle(pcx, pcy, prad, mix(p.skyMid, p.near, 0.4), 256)
	c.glow(pcx-prad*0.3, pcy-prad, prad*0.5, p.horizon, 90)
	c.ring(W*0.5, H*0.52, W*0.42, H*0.16, 1.5, p.light, 70)
	c.ring(W*0.5, H*0.5, W*0.3, H*0.24, 1.5, p.accent, 60)
	// A satellite with two solar wings.
	sx, sy := W*r.in(0.35, 0.65), H*r.in(0.3, 0.42)
	panel := mix(p.accent2, p.skyTop, 0.4)
	for _, s := range []float64{-1, 1} {
		x0 := sx + s*40
		x1 := sx + s*190
		c.rect(math.Min(x0, x1), sy-26, math.Max(x0, x1), sy+26, panel, 256)
		for k := 1; k < 5; k++ {
			x := x0 + (x1-x0)*float64(k)/5
			c.line(x, sy-26, x, sy+26, 1.5, p.light, 120)
		}
		c.line(math.Min(x0, x1), sy, math.Max(x0, x1), sy, 1.5, p.light, 120)
	}
	c.rect(sx-40, sy-34, sx+40, sy+34, mix(p.accent, p.light, 0.4), 256)
	c.rect(sx-40, sy+10, sx+40, sy+34, mix(p.accent, p.near, 0.3), 256)
	c.line(sx, sy-34, sx+18, sy-72, 3, p.light, 256)
	c.circle(sx+18, sy-74, 6, p.light, 256)
}
