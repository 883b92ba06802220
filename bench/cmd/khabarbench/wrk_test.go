package main

import (
	"testing"
	"time"
)

// wrkOutput is what Debian's wrk 4.1 prints with --latency.
const wrkOutput = `Running 10s test @ http://127.0.0.1:40123/en/news/50000-story-49999
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.31ms    1.02ms  31.00ms   87.12%
    Req/Sec    14.10k     1.21k   17.20k    71.00%
  Latency Distribution
     50%    2.10ms
     75%  812.00us
     90%    3.40ms
     99%    1.20s
  280512 requests in 10.00s, 1.20GB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:  28045.17
Transfer/sec:    123.45MB
`

func TestParseWrk(t *testing.T) {
	r, err := parseWrk(wrkOutput)
	if err != nil {
		t.Fatal(err)
	}
	want := wrkResult{Requests: 280512, RPS: 28045.17, P50: 2100 * time.Microsecond, P99: 1200 * time.Millisecond,
		Errors: 5, Non2xx: 7, TransferPS: "123.45MB"}
	if r != want {
		t.Errorf("parseWrk:\n got %+v\nwant %+v", r, want)
	}
	if _, err := parseWrk("unable to connect to 127.0.0.1:1 Connection refused\n"); err == nil {
		t.Error("parseWrk accepted output without results")
	}
}

func TestParseWrkDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"812.00us": 812 * time.Microsecond, "1.50ms": 1500 * time.Microsecond, "2.00s": 2 * time.Second, "1.50m": 90 * time.Second,
	} {
		if got, err := parseWrkDuration(in); err != nil || got != want {
			t.Errorf("parseWrkDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := parseWrkDuration("12parsecs"); err == nil {
		t.Error("parseWrkDuration accepted an unknown unit")
	}
}
