// Command importbench measures "khabar import" on the benchmark corpus
// (package corpus, the stories of bench/corpusdb: by default 100,000
// stories, each in Arabic, Russian and English): it writes the corpus once
// as a Khabar archive (bodies in their stored form, as khabar export writes
// them) or as a WordPress export (a Polylang group of three posts per
// story), keeps it for later runs, then runs the khabar binary it is given
// on a new, empty data directory and reports the times the command prints
// (the import, then the search index) and its peak memory.
//
//	go build -o /tmp/khabar ./cmd/khabar
//	go run ./bench/cmd/importbench -khabar /tmp/khabar -format khabar
//
// KHABAR_BENCH_DIR and KHABAR_BENCH_STORIES choose where the inputs are
// kept and how many stories they hold, as for the other benchmarks.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/khabarnews/khabar/bench/corpusdb"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "importbench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("importbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	bin := fs.String("khabar", "./khabar", "the khabar binary to measure")
	format := fs.String("format", "khabar", "the input: khabar (an archive) or wordpress (a WXR file)")
	keep := fs.Bool("keep", false, "keep the imported site (its path is printed)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	n := corpusdb.Stories()
	dir := filepath.Dir(corpusdb.Base())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var input string
	var err error
	start := time.Now()
	switch *format {
	case "khabar":
		input, err = ensureArchive(ctx, filepath.Join(dir, fmt.Sprintf("import-archive-%d-v1", n)), n, stderr)
	case "wordpress":
		input, err = ensureWXR(ctx, filepath.Join(dir, fmt.Sprintf("import-%d-v1.xml", n)), n, stderr)
	default:
		return fmt.Errorf("-format must be khabar or wordpress, not %q", *format)
	}
	if err != nil {
		return err
	}
	if d := time.Since(start); d > time.Second {
		fmt.Fprintf(stderr, "input ready in %v\n", d.Round(time.Second))
	}
	site, err := os.MkdirTemp(dir, "import-site-")
	if err != nil {
		return err
	}
	if !*keep {
		defer os.RemoveAll(site)
	}
	load := loadAverage()
	cmd := exec.CommandContext(ctx, *bin, "import", *format, input, "--data", site)
	if *format == "wordpress" {
		cmd.Args = append(cmd.Args, "--no-fetch")
	}
	var out strings.Builder
	cmd.Stdout = io.MultiWriter(&out, stderr)
	cmd.Stderr = stderr
	t0 := time.Now()
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w", strings.Join(cmd.Args, " "), err)
	}
	wall := time.Since(t0)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	rss := ru.Maxrss // KiB on Linux
	fmt.Fprintf(stdout, "\n%d stories × 3 languages, %s format, on SQLite (%s)\n", n, *format, strings.Join(cmd.Args, " "))
	fmt.Fprintf(stdout, "  import (the command's own \"Took\"): %s\n", grab(out.String(), `Took (.+)\.\n`))
	fmt.Fprintf(stdout, "  search index (\"Indexed … in\"):     %s\n", grab(out.String(), `Indexed \d+ versions for search in (.+)\.\n`))
	fmt.Fprintf(stdout, "  whole command, wall clock:          %v\n", wall.Round(time.Millisecond))
	fmt.Fprintf(stdout, "  CPU time of the command:            %v user, %v system\n", cmd.ProcessState.UserTime().Round(time.Millisecond), cmd.ProcessState.SystemTime().Round(time.Millisecond))
	fmt.Fprintf(stdout, "  peak RSS:                           %.0f MB\n", float64(rss)/1024)
	fmt.Fprintf(stdout, "  load average before, after:         %s; %s\n", load, loadAverage())
	if *keep {
		fmt.Fprintf(stdout, "  site kept in %s\n", site)
	}
	return nil
}

func grab(s, pattern string) string {
	if m := regexp.MustCompile(pattern).FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return "?"
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
