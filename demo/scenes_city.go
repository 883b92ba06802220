package demo

import "math"

// Painters of built scenes: cities, rooms, ports, railways, ornament.
// Coordinates are fractions of the canvas turned into pixels by the painter,
// so each scene reads the same at 375 px and at 1280 px.

// sky paints a three-stop sky down to the horizon, a sun with its halo and
// a few flat clouds.
func sky(c *canvas, p palette, r *rng, horizon float64, sunX, sunY float64) {
	hy := int(horizon)
	c.vgradient(0, hy, p.skyTop, p.skyMid, p.horizon)
	c.glow(sunX, sunY, float64(c.h)*0.75, p.horizon, 120)
	c.glow(sunX, sunY, float64(c.h)*0.22, p.sun, 200)
	c.circle(sunX, sunY, float64(c.h)*0.055, p.sun, 250)
	for i := 0; i < 5; i++ {
		cx, cy := r.in(0, float64(c.w)), r.in(horizon*0.2, horizon*0.8)
		w := r.in(120, 320)
		c.ellipse(cx, cy, w, w*0.08, mix(p.skyMid, p.light, 0.5), 40)
		c.ellipse(cx+w*0.3, cy-w*0.05, w*0.5, w*0.06, mix(p.skyMid, p.light, 0.6), 30)
	}
}

// water paints a sea below the horizon with the sun's broken reflection.
func water(c *canvas, p palette, r *rng, horizon, sunX float64) {
	c.vgradient(int(horizon), c.h, mix(p.horizon, p.mid, 0.45), mix(p.mid, p.near, 0.5), p.near)
	for i := 0; i < 90; i++ {
		t := r.f()
		y := horizon + 4 + t*t*(float64(c.h)-horizon)
		spread := 30 + 160*t
		x := sunX + r.in(-spread, spread)
		c.rect(x, y, x+r.in(10, 60)*(0.4+t), y+1.5+2*t, p.sun, int(150*(1-t*0.7)))
	}
}

// dome draws an onion or round dome on a drum, with a spire.
func dome(c *canvas, cx, base, rad float64, col rgb, onion bool) {
	c.rect(cx-rad*0.8, base-rad*0.9, cx+rad*0.8, base, col, 256)
	top := base - rad*0.9
	c.ellipse(cx, top, rad, rad*0.95, col, 256)
	tip := rad * 0.7
	if onion {
		tip = rad * 1.3
	}
	c.polygon([]pt{{cx - rad*0.45, top - rad*0.6}, {cx, top - rad*0.95 - tip}, {cx + rad*0.45, top - rad*0.6}}, col, 256)
	c.line(cx, top-rad*0.9-tip, cx, top-rad*1.1-tip-8, 2, col, 256)
}

// minaret draws a slender tower with a balcony and a pointed cap.
func minaret(c *canvas, x, base, h, w float64, col rgb) {
	c.rect(x-w/2, base-h, x+w/2, base, col, 256)
	c.rect(x-w*0.9, base-h*0.72, x+w*0.9, base-h*0.69, col, 256)
	c.rect(x-w*0.75, base-h*1.0, x+w*0.75, base-h*0.97, col, 256)
	c.polygon([]pt{{x - w*0.6, base - h}, {x, base - h - w*2.4}, {x + w*0.6, base - h}}, col, 256)
	c.line(x, base-h-w*2.4, x, base-h-w*2.4-10, 1.5, col, 256)
}

// tentTower draws a fortress tower with a tent roof.
func tentTower(c *canvas, x, base, h, w float64, col rgb) {
	c.rect(x-w/2, base-h*0.65, x+w/2, base, col, 256)
	c.rect(x-w*0.36, base-h*0.8, x+w*0.36, base-h*0.64, col, 256)
	c.polygon([]pt{{x - w*0.42, base - h*0.8}, {x, base - h}, {x + w*0.42, base - h*0.8}}, col, 256)
	c.line(x, base-h, x, base-h-12, 2, col, 256)
}

// block draws a plain building, with lit windows when lit is set.
func block(c *canvas, r *rng, x, base, h, w float64, col, win rgb, lit bool) {
	c.rect(x, base-h, x+w, base, col, 256)
	if !lit {
		return
	}
	for wy := base - h + 8; wy < base-10; wy += 14 {
		for wx := x + 5; wx < x+w-8; wx += 11 {
			if r.f() < 0.35 {
				c.rect(wx, wy, wx+5, wy+7, win, 150)
			}
		}
	}
}

// skylineLayer draws one band of a city of domes, minarets and towers.
func skylineLayer(c *canvas, r *rng, base, scale float64, col, win rgb, lit bool) {
	x := r.in(-40, 0)
	for x < float64(c.w)+40 {
		switch k := r.n(7); {
		case k < 3:
			w := r.in(40, 90) * scale
			block(c, r, x, base, r.in(40, 140)*scale, w, col, win, lit)
			x += w + r.in(0, 10)
		case k == 3:
			rad := r.in(22, 42) * scale
			c.rect(x, base-rad*1.2, x+rad*3, base, col, 256)
			dome(c, x+rad*1.5, base-rad*1.2, rad, col, r.f() < 0.4)
			x += rad * 3
		case k == 4:
			minaret(c, x+10*scale, base, r.in(130, 210)*scale, 9*scale, col)
			x += r.in(18, 30) * scale
		case k == 5:
			w := r.in(24, 34) * scale
			tentTower(c, x+w/2, base, r.in(120, 190)*scale, w, col)
			x += w + r.in(10, 30)
		default:
			w := r.in(14, 22) * scale
			c.rect(x, base-r.in(160, 260)*scale, x+w, base, col, 256)
			x += w + r.in(20, 50)
		}
	}
}

func sceneSkyline(c *canvas, p palette, r *rng) {
	W, H := float64(c.w), float64(c.h)
	horizon := H * 0.74
	sunX := W * r.in(0.3, 0.7)
	sky(c, p, r, horizon, sunX, H*0.5)
	water(c, p, r, horizon, sunX)
	skylineLayer(c, r, horizon, 0.8, mix(p.horizon, p.far, 0.6), p.light, false)
	skylineLayer(c, r, horizon, 1.15, mix(p.far, p.mid, 0.7), p.light, false)
	skylineLayer(c, r, horizon+4, 1.5, p.near, p.accent, true)
	c.rect(0, horizon+2, W, horizon+8, p.near, 256)
}

// seated draws a person seen from the front at a table: shoulders and head.
func seated(c *canvas, x, y, s float64, body, head rgb) {
	c.ellipse(x, y+s*0.9, s*0.95, s*0.8, body, 256)
	c.rect(x-s*0.95, y+s*0.9, x+s*0.95, y+s*2, body, 256)
	c.rect(x-s*0.18, y+s*0.02, x+s*0.18, y+s*0.3, head, 256)
	c.circle(x, y-s*0.3, s*0.42, head, 256)
}

func sceneSummit(c *canvas, p palette, r *rng) {
	W, H := float64(c.w), float64(c.h)
	wall := mix(p.light, p.far, 0.55)
	c.vgradient(0, int(H*0.62), mix(wall, p.mid, 0.35), wall)
	// Tall windows with the sky behind them.
	for i := 0; i < 4; i++ {
		x := W*0.1 + float64(i)*W*0.22
		c.rect(x, H*0.08, x+W*0.14, H*0.55, mix(p.skyMid, p.horizon, 0.5), 256)
		c.glow(x+W*0.07, H*0.5, W*0.1, p.sun, 90)
		c.rect(x+W*0.068, H*0.08, x+W*0.072, H*0.55, wall, 256)
		c.rect(x, H*0.3, x+W*0.14, H*0.31, wall, 256)
	}
	c.vgradient(int(H*0.62), c.h, mix(p.mid, p.ground, 0.5), p.near)
	for _, lx := range []float64{0.3, 0.5, 0.7} {
		c.glow(W*lx, H*0.05, 90, p.sun, 120)
		c.circle(W*lx, H*0.05, 10, p.light, 240)
	}
	cx, cy, rx, ry := W*0.5, H*0.7, W*0.34, H*0.11
	suits := []rgb{p.near, mix(p.near, p.mid, 0.5), mix(p.near, p.accent2, 0.3), mix(p.near, p.ground, 0.4)}
	skin := []rgb{hex(0xc89f83), hex(0xa7785c), hex(0x8a5e45), hex(0xd8b59a)}
	n := 5 + r.n(3)
	for i := 0; i < n; i++ {
		a := math.Pi * (1.1 + 0.8*float64(i)/float64(n-1))
		x, y := cx+rx*0.92*math.Cos(a), cy+ry*0.8*math.Sin(a)-H*0.12
		seated(c, x, y, 30, suits[r.n(len(suits))], skin[r.n(len(skin))])
	}
	c.ellipse(cx, cy+8, rx+10, ry+10, mix(p.near, p.ground, 0.2), 256)
	c.ellipse(cx, cy, rx, ry, mix(p.ground, p.accent, 0.3), 256)
	c.ellipse(cx, cy, rx*0.8, ry*0.7, mix(p.mid, p.near, 0.4), 256)
	for i := 0; i < n; i++ {
		a := math.Pi * (1.1 + 0.8*float64(i)/float64(n-1))
		x, y := cx+rx*0.8*math.Cos(a), cy+ry*0.75*math.Sin(a)
		c.line(x, y, x, y-34, 2, p.light, 220)
		for k, col := range []rgb{p.light, p.accent2, p.accent} {
			c.rect(x+1, y-34+float64(k)*5, x+22, y-29+float64(k)*5, col, 256)
		}
	}
	// Two delegates in the foreground, their backs to the camera.
	for _, fx := range []float64{0.2, 0.82} {
		x := W * fx
		c.ellipse(x, H*1.02, 120, 95, p.near, 256)
		c.circle(x, H*0.8, 44, mix(p.near, p.mid, 0.3), 256)
	}
}

func sceneInterview(c *canvas, p palette, r *rng) {
	W, H := float64(c.w), float64(c.h)
	c.vgradient(0, c.h, mix(p.skyTop, p.near, 0.3), p.mid, mix(p.mid, p.near, 0.6))
	for i := 0; i < 26; i++ {
		col := []rgb{p.sun, p.accent, p.accent2, p.light}[r.n(4)]
		c.glow(r.in(0, W), r.in(0, H*0.7), r.in(25, 80), col, int(r.in(50, 130)))
	}
	c.glow(W*0.5, H*0.35, H*0.6, p.horizon, 70)
	// Two people facing each other across a low table, rim-lit.
	for _, side := range []float64{-1, 1} {
		x := W*0.5 + side*W*0.24
		y := H * 0.42
		rim := mix(p.sun, p.accent, 0.3)
		c.circle(x-side*4, y-2, 66, rim, 230)
		c.circle(x, y, 64, p.near, 256)
		torso := func(dx float64, col rgb, a int) {
			c.rect(x+dx-28, y+40, x+dx+28, y+110, col, a)
			c.circle(x+dx-105, y+170, 70, col, a)
			c.circle(x+dx+105, y+170, 70, col, a)
			c.rect(x+dx-105, y+100, x+dx+105, H, col, a)
			c.rect(x+dx-175, y+170, x+dx+175, H, col, a)
		}
		torso(-side*5, rim, 230)
		torso(0, p.near, 256)
		c.line(x-side*110, H*0.98, x-side*110, H*0.62, 4, mix(p.near, p.light, 0.3), 256)
		c.ellipse(x-side*110, H*0.6, 9, 20, mix(p.near, p.light, 0.35), 256)
	}
	c.rect(W*0.36, H*0.8, W*0.64, H*0.83, mix(p.ground, p.light, 0.3), 256)
	c.rect(W*0.38, H*0.83, W*0.62, H, mix(p.near, p.ground, 0.3), 256)
	c.rect(W*0.46, H*0.75, W*0.48, H*0.8, p.light, 230)
	c.rect(W*0.53, H*0.76, W*0.55, H*0.8, p.light, 230)
}

func scenePort(c *canvas, p palette, r *rng) {
	W, H := float64(c.w), float64(c.h)
	horizon := H * 0.6
	sunX := W * r.in(0.55, 0.8)
	sky(c, p, r, horizon, sunX, H*0.42)
	water(c, p, r, horizon, sunX)
	skylineLayer(c, r, horizon, 0.45, mix(p.horizon, p.far, 0.6), p.light, false)
	// Container ship.
	hull := mix(p.near, p.mid, 0.2)
	x0, x1, deck := W*0.3, W*0.92, H*0.7
	c.polygon([]pt{{x0, deck}, {x1, deck}, {x1 - 40, H * 0.8}, {x0 + 30, H * 0.8}}, hull, 256)
	c.rect(x0, deck-2, x1, deck+5, p.accent, 200)
	boxes := []rgb{hex(0xa4553f), hex(0x2f6f78), hex(0x3d4f6e), hex(0x8c8f8a), hex(0xc0903f)}
	for i := range boxes {
		boxes[i] = mix(boxes[i], p.mid, 0.25)
	}
	for x := x0 + 90; x < x1-30; x += 34 {
		for k := 0; k < 1+r.n(4); k++ {
			y := deck - float64(k+1)*20
			c.rect(x, y, x+32, y+18, boxes[r.n(len(boxes))], 256)
		}
	}
	c.rect(x0+20, deck-110, x0+75, deck, hull, 256)
	c.rect(x0+28, deck-100, x0+68, deck-92, p.light, 180)
	c.rect(x0+40, deck-140, x0+50, deck-110, hull, 256)
	// Cranes on the quay.
	crane := mix(p.near, p.skyTop, 0.3)
	c.rect(0, H*0.78, W*0.34, H, p.near, 256)
	for _, cx := range []float64{W * 0.06, W * 0.2} {
		c.line(cx, H*0.78, cx, H*0.28, 7, crane, 256)
		c.line(cx+40, H*0.78, cx+40, H*0.28, 7, crane, 256)
		c.line(cx-30, H*0.3, cx+250, H*0.3, 8, crane, 256)
		c.line(cx, H*0.5, cx+40, H*0.4, 4, crane, 256)
		c.line(cx+200, H*0.3, cx+200, H*0.5, 2, crane, 256)
		c.rect(cx+190, H*0.5, cx+210, H*0.53, p.accent, 256)
	}
}

func sceneRail(c *canvas, p palette, r *rng) {
	W, H := float64(c.w), float64(c.h)
	horizon := H * 0.55
	vx := W * r.in(0.4, 0.6)
	sky(c, p, r, horizon, vx+r.in(-200, 200), horizon-H*0.12)
	c.vgradient(int(horizon), c.h, mix(p.horizon, p.ground, 0.6), p.ground, mix(p.ground, p.near, 0.6))
	skylineLayer(c, r, horizon, 0.35, mix(p.horizon, p.far, 0.7), p.light, false)
	// Ballast bed, sleepers in perspective, then the rails.
	c.polygon([]pt{{vx - 3, horizon}, {vx + 3, horizon}, {W * 0.95, H}, {W * 0.05, H}}, mix(p.ground, p.near, 0.35), 256)
	for k := 1; k < 40; k++ {
		t := 1 / (1 + float64(k)*0.18)
		y := horizon + (H-horizon)*t
		half := (W * 0.34) * t
		c.rect(vx-half, y-(2+14*t), vx+half, y, mix(p.near, p.mid, 0.3), 256)
	}
	steel := mix(p.light, p.far, 0.3)
	for _, s := range []float64{-1, 1} {
		c.polygon([]pt{{vx + s*1, horizon}, {vx + s*2, horizon}, {vx + s*W*0.26 + s*10, H}, {vx + s*W*0.26 - s*4, H}}, steel, 256)
	}
	// Catenary masts shrinking towards the horizon.
	for k := 0; k < 12; k++ {
		t := 1 / (1 + float64(k)*0.45)
		x := vx + W*0.42*t
		top, base := horizon-H*0.55*t, horizon+(H-horizon)*t
		c.line(x, base, x, top, 1+7*t, p.near, 256)
		c.line(x, top+10*t, vx+W*0.05*t, top+16*t, 1+3*t, p.near, 256)
	}
	c.line(vx, horizon-2, W*0.6+vx*0.4, 0, 1.2, p.near, 200)
}

// star8 is an eight-pointed star: two overlapping squares.
func star8(c *canvas, cx, cy, s float64, col rgb, a int) {
	sq := func(rot float64) []pt {
		var q []pt
		for i := 0; i < 4; i++ {
			t := rot + float64(i)*math.Pi/2
			q = append(q, pt{cx + s*math.Cos(t), cy + s*math.Sin(t)})
		}
		return q
	}
	c.polygon(sq(0), col, a)
	c.polygon(sq(math.Pi/4), col, a)
}

func scenePattern(c *canvas, p palette, r *rng) {
	W, H := float64(c.w), float64(c.h)
	c.vgradient(0, c.h, p.skyTop, mix(p.skyTop, p.mid, 0.6), p.near)
	c.glow(W*r.in(0.2, 0.8), H*0.4, H*0.9, p.skyMid, 110)
	const step = 96.0
	for y := -step / 2; y < H+step; y += step {
		for x := -step / 2; x < W+step; x += step {
			star8(c, x, y, step*0.42, p.light, 22)
			star8(c, x, y, step*0.2, p.accent, 40)
			c.circle(x+step/2, y+step/2, 5, p.light, 50)
		}
	}
	// A pointed arch in the middle, as over a doorway or a page of a manuscript.
	cx, base, hw := W*0.5, H*0.95, W*0.17
	var arch []pt
	arch = append(arch, pt{cx - hw, base}, pt{cx - hw, H * 0.45})
	for i := 0; i <= 20; i++ {
		t := float64(i) / 20 * math.Pi / 2
		arch = append(arch, pt{cx - hw + hw*(1-math.Cos(t)), H*0.45 - H*0.3*math.Sin(t)})
	}
	for i := 20; i >= 0; i-- {
		t := float64(i) / 20 * math.Pi / 2
		arch = append(arch, pt{cx + hw - hw*(1-math.Cos(t)), H*0.45 - H*0.3*math.Sin(t)})
	}
	arch = append(arch, pt{cx + hw, H * 0.45}, pt{cx + hw, base})
	c.polygon(arch, p.accent, 200)
	for i := range arch {
		arch[i].x = cx + (arch[i].x-cx)*0.88
		arch[i].y = base - (base-arch[i].y)*0.93
	}
	c.polygon(arch, mix(p.skyTop, p.near, 0.3), 256)
	c.glow(cx, H*0.55, hw*1.2, p.sun, 70)
	star8(c, cx, H*0.5, 46, p.accent, 220)
	star8(c, cx, H*0.5, 24, p.light, 220)
}
