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
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "khabar:", err)
		}
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

// run dispatches a command line; main only wires the process to it, so that
// tests can run commands in-process.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return flag.ErrHelp
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
		fmt.Fprintln(stdout, versionString())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}
