package main

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar/internal/killtest"
)

var killCycles = flag.Int("kill-cycles", 3, "kill -9 cycles of TestNoAcknowledgedSaveLost (go run ./cmd/khabardurability runs many)")

// TestNoAcknowledgedSaveLost kills khabar with SIGKILL while editors save
// and publish, a few times, and finds every save the server acknowledged
// in the SQLite file after each kill, with the database and its search
// index intact.
func TestNoAcknowledgedSaveLost(t *testing.T) {
	if testing.Short() {
		t.Skip("kills khabar processes for seconds")
	}
	dir := filepath.Join(t.TempDir(), "data")
	khabar := func(args ...string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		// The SQLite file is what is checked, whatever store the suite runs on.
		cmd.Env = append(os.Environ(), "KHABAR_DATABASE=", "KHABAR_TEST_RUN_MAIN="+strings.Join(args, "\x1f"))
		return cmd
	}
	rep, err := killtest.Run(context.Background(), killtest.Config{Khabar: khabar, Dir: dir, Cycles: *killCycles, Writers: 3,
		MinRun: 300 * time.Millisecond, MaxRun: 1200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d cycles, %d saves acknowledged (%d publications), slowest start %v", rep.Cycles, rep.Acked, rep.Published, rep.SlowestBoot)
	if len(rep.Lost) > 0 || rep.Checked != rep.Cycles || rep.Acked < rep.Cycles {
		t.Fatalf("%d lost, %d of %d checks passed, %d acknowledged: %v", len(rep.Lost), rep.Checked, rep.Cycles, rep.Acked, rep.Lost)
	}
}
