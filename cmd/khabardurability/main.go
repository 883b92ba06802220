// Command khabardurability kills khabar with SIGKILL again and again while
// editors save, and reports every acknowledged save that a restart does
// not find (RELIABILITY.md):
//
//	go run ./cmd/khabardurability -cycles 100
//
// It builds khabar from this source tree unless -khabar names a binary,
// and works in a fresh data directory unless -dir names one. It exits 1
// when a save was lost or a database check failed.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/khabarnews/khabar/internal/killtest"
)

func main() {
	cycles := flag.Int("cycles", 100, "how many times to start khabar, save and kill it")
	writers := flag.Int("writers", 4, "editors saving at the same time, each a story of their own")
	minRun := flag.Duration("min-run", 300*time.Millisecond, "shortest run before the kill")
	maxRun := flag.Duration("max-run", 1500*time.Millisecond, "longest run before the kill")
	bin := flag.String("khabar", "", "khabar binary to run (default: built from this source tree)")
	dir := flag.String("dir", "", "data directory (default: a fresh temporary one)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *cycles, *writers, *minRun, *maxRun, *bin, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "khabardurability:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, cycles, writers int, minRun, maxRun time.Duration, bin, dir string) error {
	tmp, err := os.MkdirTemp("", "khabardurability-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if bin == "" {
		bin = filepath.Join(tmp, "khabar")
		build := exec.Command("go", "build", "-o", bin, "./cmd/khabar")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("building khabar: %w", err)
		}
	}
	if dir == "" {
		dir = filepath.Join(tmp, "data")
	}
	rep, err := killtest.Run(ctx, killtest.Config{
		Khabar: func(args ...string) *exec.Cmd { return exec.Command(bin, args...) },
		Dir:    dir,
		Cycles: cycles, Writers: writers, MinRun: minRun, MaxRun: maxRun, Log: os.Stdout,
	})
	fmt.Printf("%d kill -9 cycles: %d saves acknowledged (%d of them publish or unpublish), %d lost; database and search index intact after %d of %d kills; slowest start %v\n",
		rep.Cycles, rep.Acked, rep.Published, len(rep.Lost), rep.Checked, rep.Cycles, rep.SlowestBoot.Round(time.Millisecond))
	for _, l := range rep.Lost {
		fmt.Println("lost:", l)
	}
	if err != nil {
		return err
	}
	if len(rep.Lost) > 0 || rep.Checked != rep.Cycles {
		return fmt.Errorf("%d saves lost, %d failed checks", len(rep.Lost), rep.Cycles-rep.Checked)
	}
	return nil
}
