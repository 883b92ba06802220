package main

import (
	"bufio"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// load is how wrk is run: the same for Khabar and for nginx.
type load struct {
	wrk         string
	threads     int
	connections int
	duration    time.Duration
	warmup      time.Duration
}

// wrkResult is what one wrk run measured.
type wrkResult struct {
	Requests   int64
	RPS        float64
	P50, P99   time.Duration
	Errors     int64 // socket errors of every kind
	Non2xx     int64 // answers that were neither 2xx nor 3xx
	TransferPS string
}

// run runs wrk against url for d (the warm-up runs use the same call).
func (l load) run(ctx context.Context, url string, d time.Duration) (wrkResult, error) {
	args := []string{"--latency", "--timeout", "30s",
		"-t", strconv.Itoa(l.threads), "-c", strconv.Itoa(l.connections), "-d", fmt.Sprintf("%ds", int(d.Seconds())),
		"-H", "Accept-Encoding: gzip", url}
	out, err := exec.CommandContext(ctx, l.wrk, args...).CombinedOutput()
	if err != nil {
		return wrkResult{}, fmt.Errorf("wrk %s: %v: %s", url, err, out)
	}
	return parseWrk(string(out))
}

// parseWrk reads the summary wrk prints with --latency.
func parseWrk(out string) (wrkResult, error) {
	var r wrkResult
	var haveRPS, haveP50, haveP99 bool
	inDist := false
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		switch {
		case f[0] == "Latency" && len(f) >= 2 && f[1] == "Distribution":
			inDist = true
			continue
		case inDist && len(f) == 2 && strings.HasSuffix(f[0], "%"):
			d, err := parseWrkDuration(f[1])
			if err != nil {
				return r, err
			}
			switch f[0] {
			case "50%", "50.000%":
				r.P50, haveP50 = d, true
			case "99%", "99.000%":
				r.P99, haveP99 = d, true
			}
			continue
		}
		inDist = false
		switch {
		case f[0] == "Requests/sec:" && len(f) == 2:
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				return r, fmt.Errorf("wrk: requests/sec %q: %v", f[1], err)
			}
			r.RPS, haveRPS = v, true
		case f[0] == "Transfer/sec:" && len(f) == 2:
			r.TransferPS = f[1]
		case len(f) >= 3 && f[1] == "requests" && f[2] == "in":
			r.Requests, _ = strconv.ParseInt(f[0], 10, 64)
		case f[0] == "Socket" && len(f) > 2 && f[1] == "errors:":
			// Socket errors: connect 0, read 0, write 0, timeout 12
			for i := 2; i+1 < len(f); i += 2 {
				n, _ := strconv.ParseInt(strings.TrimSuffix(f[i+1], ","), 10, 64)
				r.Errors += n
			}
		case f[0] == "Non-2xx" && len(f) >= 5:
			r.Non2xx, _ = strconv.ParseInt(f[len(f)-1], 10, 64)
		}
	}
	if !haveRPS || !haveP50 || !haveP99 {
		return r, fmt.Errorf("wrk: no requests/sec or latency distribution in its output:\n%s", out)
	}
	return r, nil
}

// parseWrkDuration reads wrk's durations: 812.00us, 1.23ms, 2.00s, 1.50m.
func parseWrkDuration(s string) (time.Duration, error) {
	units := []struct {
		suffix string
		unit   time.Duration
	}{{"us", time.Microsecond}, {"ms", time.Millisecond}, {"s", time.Second}, {"m", time.Minute}, {"h", time.Hour}}
	for _, u := range units {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			v, err := strconv.ParseFloat(num, 64)
			if err != nil {
				break
			}
			return time.Duration(v * float64(u.unit)), nil
		}
	}
	return 0, fmt.Errorf("wrk: unknown duration %q", s)
}
