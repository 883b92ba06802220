// Command khabar runs the Khabar news site and its maintenance commands.
//
//	khabar serve [flags]      run the site (and, with --demo, fill it with demo content)
//	khabar user add [flags]   create a newsroom account
//	khabar user passwd|list|disable|enable   look after newsroom accounts
//	khabar varnish-config     print a VCL for Varnish in front of the site
//	khabar version            print the version
//
// Every flag can also be set by an environment variable (KHABAR_ADDR, …);
// a flag given on the command line wins over the environment.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // time zones work on machines without /usr/share/zoneinfo
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		// --help asked for the usage, and got it.
	case errors.Is(err, errUsage):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "khabar:", err)
		os.Exit(2)
	}
}

const usage = `Khabar — a multilingual news site in one binary.

Usage:
  khabar serve [flags]       run the site; --demo fills an empty site with demo content
  khabar user add [flags]    create a newsroom account
  khabar user passwd --login NAME   set a password (from stdin); ends the user's sessions
  khabar user list           list the newsroom's accounts
  khabar user disable|enable --login NAME   stop or allow a user's logins
  khabar migrate-db --to postgres://…   copy the SQLite site into PostgreSQL and check the copy
  khabar reindex [flags]     rebuild the search index from the stories
  khabar varnish-config [flags]   print a VCL for Varnish in front of the site
  khabar version             print the version

Run "khabar <command> --help" for the flags of a command.
`

// errUsage is returned when no command is given: the usage is printed, and
// the process exits with status 2 without another message.
var errUsage = errors.New("no command given")

func isHelp(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help" || arg == "help"
}

// run dispatches a command line; main only wires the process to it, so that
// tests can run commands in-process.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], stdout, stderr)
	case "user":
		return userCommand(ctx, args[1:], stdin, stdout, stderr)
	case "migrate-db":
		return migrateDB(ctx, args[1:], stdout, stderr)
	case "reindex":
		return reindex(ctx, args[1:], stdout, stderr)
	case "varnish-config":
		return varnishConfig(ctx, args[1:], stdout, stderr)
	case "version", "--version", "-v":
		if len(args) > 1 && isHelp(args[1]) {
			fmt.Fprint(stdout, "Usage: khabar version\n\nPrints the version of this binary, its commit and its Go version.\n")
			return nil
		}
		fmt.Fprintln(stdout, versionString())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}
