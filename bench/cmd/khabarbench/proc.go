package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// server is a child process listening on 127.0.0.1.
type server struct {
	name string
	cmd  *exec.Cmd
	base string // http://127.0.0.1:PORT
	log  *os.File
	done chan struct{} // closed when the process has exited
	err  error         // how it exited, once done is closed
}

// freeAddr finds a free TCP port on 127.0.0.1.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// start runs the command with its output in logPath.
func start(name, base, logPath string, cmd *exec.Cmd) (*server, error) {
	f, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = f, f
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	if err := cmd.Start(); err != nil {
		f.Close()
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	s := &server{name: name, cmd: cmd, base: base, log: f, done: make(chan struct{})}
	go func() {
		s.err = cmd.Wait()
		close(s.done)
	}()
	return s, nil
}

// waitReady polls url until it answers 200 and returns how long that took
// since since.
func (s *server) waitReady(url string, since time.Time, limit time.Duration) (time.Duration, error) {
	c := &http.Client{Timeout: time.Second}
	for time.Since(since) < limit {
		select {
		case <-s.done:
			return 0, fmt.Errorf("%s exited before it was ready (%v); see %s", s.name, s.err, s.log.Name())
		default:
		}
		resp, err := c.Get(url)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(since), nil
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	return 0, fmt.Errorf("%s not ready after %v; see %s", s.name, limit, s.log.Name())
}

// stop ends the process with SIGTERM (SIGKILL after ten seconds).
func (s *server) stop() {
	if s == nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
	s.log.Close()
}

// memory reads VmRSS and VmHWM (peak RSS) of the process, in kB.
func (s *server) memory() (rss, hwm int64, err error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch k {
		case "VmRSS":
			rss = n
		case "VmHWM":
			hwm = n
		}
	}
	if rss == 0 {
		return 0, 0, errors.New("no VmRSS in /proc status")
	}
	return rss, hwm, nil
}

// startKhabar starts "khabar serve" on a free port and measures the time
// from starting the process to the first 200 from /readyz.
func startKhabar(ctx context.Context, cfg config, name string, extra ...string) (*server, time.Duration, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, 0, err
	}
	args := append([]string{"serve", "--addr", addr, "--data", cfg.data(), "--log-level", "warn"}, extra...)
	cmd := exec.CommandContext(ctx, cfg.khabar, args...)
	t0 := time.Now()
	s, err := start(name, "http://"+addr, cfg.path(name+".log"), cmd)
	if err != nil {
		return nil, 0, err
	}
	d, err := s.waitReady(s.base+"/readyz", t0, 60*time.Second)
	if err != nil {
		s.stop()
		return nil, 0, err
	}
	return s, d, nil
}
