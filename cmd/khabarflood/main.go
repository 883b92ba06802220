// Command khabarflood measures the memory of a running "khabar serve" under
// the floods that once exhausted it (RELIABILITY.md): many large login
// posts at once from someone not signed in, and large images uploaded at
// once by an editor.
//
//	go run ./cmd/khabarflood -logins 100 -body-mb 9.9 -uploads 4 -side 7000
//
// It builds khabar (unless -khabar names a binary), starts it on a fresh
// data directory, reads VmRSS from /proc every 20 ms, and prints the
// resident memory before, at its peak during each flood, and after.
package main

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"hash/crc32"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	logins := flag.Int("logins", 100, "login posts sent at once")
	bodyMB := flag.Float64("body-mb", 9.9, "size of each login post's body, in MB")
	uploads := flag.Int("uploads", 4, "images uploaded at once")
	side := flag.Int("side", 7000, "width and height of each uploaded PNG, in pixels")
	bin := flag.String("khabar", "", "khabar binary (default: built from this source tree)")
	flag.Parse()
	if err := run(*logins, int64(*bodyMB*1e6), *uploads, *side, *bin); err != nil {
		fmt.Fprintln(os.Stderr, "khabarflood:", err)
		os.Exit(1)
	}
}

func run(logins int, body int64, uploads, side int, bin string) error {
	tmp, err := os.MkdirTemp("", "khabarflood-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if bin == "" {
		bin = filepath.Join(tmp, "khabar")
		if out, err := exec.Command("go", "build", "-o", bin, "./cmd/khabar").CombinedOutput(); err != nil {
			return fmt.Errorf("building khabar: %v: %s", err, out)
		}
	}
	data := filepath.Join(tmp, "data")
	add := exec.Command(bin, "user", "add", "--login", "desk", "--name", "Desk", "--role", "editor", "--data", data)
	add.Stdin = strings.NewReader("flood test password\n")
	if out, err := add.CombinedOutput(); err != nil {
		return fmt.Errorf("adding an editor: %v: %s", err, out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	ln.Close()
	srv := exec.Command(bin, "serve", "--addr", addr, "--data", data, "--log-level", "error")
	if err := srv.Start(); err != nil {
		return err
	}
	defer func() { srv.Process.Kill(); srv.Wait() }()
	base := "http://" + addr
	if err := waitReady(base); err != nil {
		return err
	}
	m := &meter{pid: srv.Process.Pid}
	time.Sleep(time.Second)
	fmt.Printf("khabar serve, idle: %s\n", mb(m.rss()))

	if logins > 0 {
		peak, codes := m.during(func() map[int]int { return loginFlood(base, logins, body) })
		fmt.Printf("%d login posts of %.1f MB at once, not signed in: peak %s, answers %v; after: %s\n",
			logins, float64(body)/1e6, mb(peak), codes, mb(m.settled()))
	}
	if uploads > 0 {
		png := bigPNG(side)
		c, err := signIn(base)
		if err != nil {
			return err
		}
		peak, codes := m.during(func() map[int]int { return uploadFlood(c, base, uploads, png) })
		fmt.Printf("%d uploads at once of a %d KB PNG declaring %d × %d pixels: peak %s, answers %v; after: %s\n",
			uploads, len(png)>>10, side, side, mb(peak), codes, mb(m.settled()))
	}
	return nil
}

func waitReady(base string) error {
	for range 600 {
		if res, err := http.Get(base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return errors.New("khabar did not start")
}

// meter reads a process's resident memory.
type meter struct{ pid int }

func (m *meter) rss() int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", m.pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// during runs fn while sampling, and returns the highest sample.
func (m *meter) during(fn func() map[int]int) (int64, map[int]int) {
	var peak atomic.Int64
	done := make(chan struct{})
	go func() {
		for {
			peak.Store(max(peak.Load(), m.rss()))
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	codes := fn()
	close(done)
	return max(peak.Load(), m.rss()), codes
}

// settled is the resident memory a few seconds after a flood.
func (m *meter) settled() int64 {
	time.Sleep(5 * time.Second)
	return m.rss()
}

func mb(n int64) string { return fmt.Sprintf("%d MB", n>>20) }

// loginFlood sends n login posts of size bytes at once, each on its own
// connection, and counts the answers by status.
func loginFlood(base string, n int, size int64) map[int]int {
	var mu sync.Mutex
	codes := map[int]int{}
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			body := io.MultiReader(strings.NewReader("login=admin&password="), io.LimitReader(zeros{}, size-21))
			req, _ := http.NewRequest("POST", base+"/admin/login", body)
			req.ContentLength = size
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("X-Forwarded-For", fmt.Sprintf("203.0.113.%d", i%250))
			c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 60 * time.Second}
			code := 0
			if res, err := c.Do(req); err == nil {
				code = res.StatusCode
				res.Body.Close()
			}
			mu.Lock()
			codes[code]++
			mu.Unlock()
		})
	}
	wg.Wait()
	return codes
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

func signIn(base string) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.PostForm(base+"/admin/login", url.Values{"login": {"desk"}, "password": {"flood test password"}})
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("signing in: %s", res.Status)
	}
	return c, nil
}

func uploadFlood(c *http.Client, base string, n int, png []byte) map[int]int {
	var mu sync.Mutex
	codes := map[int]int{}
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			fw, _ := mw.CreateFormFile("file", "big.png")
			fw.Write(png)
			mw.Close()
			req, _ := http.NewRequestWithContext(context.Background(), "POST", base+"/admin/media", &body)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			req.Header.Set("Accept", "application/json")
			code := 0
			if res, err := c.Do(req); err == nil {
				code = res.StatusCode
				res.Body.Close()
			}
			mu.Lock()
			codes[code]++
			mu.Unlock()
		})
	}
	wg.Wait()
	return codes
}

// bigPNG is a small file declaring side × side truecolour pixels, all of
// them real: rows of zeros compress a thousandfold.
func bigPNG(side int) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(side))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(side))
	ihdr[8], ihdr[9] = 8, 2
	chunk("IHDR", ihdr)
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	row := make([]byte, 1+3*side)
	for range side {
		zw.Write(row)
	}
	zw.Close()
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return b.Bytes()
}
