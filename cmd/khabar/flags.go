package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/sqlstore"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func versionString() string {
	v := "khabar " + version
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
		v += " " + info.GoVersion
	}
	return v
}

// flagSet is a flag.FlagSet whose flags also read KHABAR_* environment
// variables, named in each flag's help text.
type flagSet struct {
	*flag.FlagSet
	env map[string]string // flag name → environment variable
}

func newFlagSet(name, synopsis string, stderr io.Writer) *flagSet {
	fs := &flagSet{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), env: map[string]string{}}
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: khabar %s\n\n%s\n\nFlags (each also from its environment variable):\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func envName(flagName string) string {
	return "KHABAR_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

func (fs *flagSet) String(name, def, help string) *string {
	env := envName(name)
	fs.env[name] = env
	if v, ok := os.LookupEnv(env); ok {
		def = v
	}
	return fs.FlagSet.String(name, def, help+" ($"+env+")")
}

func (fs *flagSet) Bool(name string, def bool, help string) *bool {
	env := envName(name)
	fs.env[name] = env
	if v, ok := os.LookupEnv(env); ok {
		if b, err := strconv.ParseBool(v); err == nil {
			def = b
		}
	}
	return fs.FlagSet.Bool(name, def, help+" ($"+env+")")
}

func (fs *flagSet) Int(name string, def int, help string) *int {
	env := envName(name)
	fs.env[name] = env
	if v, ok := os.LookupEnv(env); ok {
		if n, err := strconv.Atoi(v); err == nil {
			def = n
		}
	}
	return fs.FlagSet.Int(name, def, help+" ($"+env+")")
}

// List is a flag that may be given several times; its environment
// variable holds the values separated by spaces or commas.
func (fs *flagSet) List(name, help string) *[]string {
	env := envName(name)
	fs.env[name] = env
	var out []string
	fromEnv := false
	if v, ok := os.LookupEnv(env); ok {
		out = strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' })
		fromEnv = true
	}
	fs.FlagSet.Func(name, help+" ($"+env+")", func(v string) error {
		if fromEnv { // the command line wins over the environment
			out, fromEnv = nil, false
		}
		out = append(out, v)
		return nil
	})
	return &out
}

// parse parses args and refuses stray arguments, which are usually a typo.
func (fs *flagSet) parse(args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (flags start with --)", fs.Arg(0))
	}
	return nil
}

// storeFlags are the flags that choose a maintenance command's database:
// the SQLite file in --data, or the PostgreSQL database named by
// --database, as for khabar serve.
type storeFlags struct{ data, database *string }

func (fs *flagSet) storeFlags() storeFlags {
	return storeFlags{
		data:     fs.String("data", "data", "directory of the SQLite database and media files"),
		database: fs.String("database", "", "PostgreSQL DSN (postgres://user:pass@host/db) to use instead of the SQLite file in --data"),
	}
}

// open opens the database and the media store the flags name.
func (s storeFlags) open(ctx context.Context) (*sqlstore.DB, khabar.BlobStore, error) {
	return openStoreAt(ctx, *s.data, *s.database)
}
