package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// userAdd creates a newsroom account. The password is read from the first
// line of standard input, so that it never appears in the process list or
// the shell history.
func userAdd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("user add --login NAME --role ROLE [flags] < password-file",
		"Creates a newsroom account. The password is read from the first line of standard input.", stderr)
	store := fs.storeFlags()
	login := fs.String("login", "", "login name (no spaces)")
	name := fs.String("name", "", "display name (default: the login)")
	role := fs.String("role", "author", "role: admin, editor, author or translator")
	email := fs.String("email", "", "e-mail address")
	langList := fs.String("languages", "", "a translator's target languages, comma-separated (e.g. ru,en)")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *login == "" {
		return errors.New("--login is required")
	}
	display := *name
	if display == "" {
		display = *login
	}
	var langs []string
	for _, l := range strings.Split(*langList, ",") {
		if l = strings.TrimSpace(l); l != "" {
			langs = append(langs, l)
		}
	}
	password, err := readPassword(stdin)
	if err != nil {
		return err
	}
	c, err := store.console(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	in := newsroom.UserInput{Login: *login, Email: *email, Names: khabar.Text{"en": display}, Role: khabar.Role(*role), Languages: langs}
	u, err := c.news.CreateUser(ctx, c.actor, in, password)
	if err != nil {
		return c.explain(err)
	}
	fmt.Fprintf(stdout, "Created %s %q (id %d).\n", u.Role, u.Login, u.ID)
	return nil
}

// userCommand dispatches "khabar user SUBCOMMAND".
func userCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New(userUsage)
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(stdout, userUsage+"\n\nRun \"khabar user <command> --help\" for the flags of a command.")
		return nil
	case "add":
		return userAdd(ctx, args[1:], stdin, stdout, stderr)
	case "passwd":
		return userPasswd(ctx, args[1:], stdin, stdout, stderr)
	case "list":
		return userList(ctx, args[1:], stdout, stderr)
	case "disable":
		return userSetDisabled(ctx, args[1:], true, stdout, stderr)
	case "enable":
		return userSetDisabled(ctx, args[1:], false, stdout, stderr)
	}
	return fmt.Errorf("unknown command \"user %s\"\n%s", args[0], userUsage)
}

const userUsage = `usage:
  khabar user add --login NAME --role ROLE [flags] < password-file
  khabar user passwd --login NAME < password-file
  khabar user list
  khabar user disable --login NAME
  khabar user enable --login NAME`

// readPassword reads the first line of stdin; the newsroom checks it.
func readPassword(stdin io.Reader) (string, error) {
	password, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("reading the password from standard input: %w", err)
	}
	return strings.TrimRight(password, "\r\n"), nil
}

// findUser opens the store and loads the user with that login; the caller
// closes the console.
func findUser(ctx context.Context, store storeFlags, login string) (*console, *khabar.User, error) {
	if login == "" {
		return nil, nil, errors.New("--login is required")
	}
	c, err := store.console(ctx)
	if err != nil {
		return nil, nil, err
	}
	u, err := c.db.UserByLogin(ctx, login)
	if khabar.IsNotFound(err) {
		c.Close()
		return nil, nil, fmt.Errorf("no user with the login %q", login)
	}
	if err != nil {
		c.Close()
		return nil, nil, err
	}
	return c, u, nil
}

// userPasswd sets a user's password from the first line of standard input
// and signs them out everywhere: whoever knew the old one is shut out.
func userPasswd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("user passwd --login NAME < password-file",
		"Sets a newsroom user's password, read from the first line of standard input, and ends their sessions.", stderr)
	store := fs.storeFlags()
	login := fs.String("login", "", "login name of the user")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *login == "" {
		return errors.New("--login is required")
	}
	password, err := readPassword(stdin)
	if err != nil {
		return err
	}
	if password == "" {
		return errors.New("no password on standard input")
	}
	c, u, err := findUser(ctx, store, *login)
	if err != nil {
		return err
	}
	defer c.Close()
	if _, err := c.news.ResetPassword(ctx, c.actor, u.ID, password); err != nil {
		return c.explain(err)
	}
	fmt.Fprintf(stdout, "Changed the password of %q and ended their sessions.\n", u.Login)
	return nil
}

// userList prints every user as a table.
func userList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("user list", "Lists the newsroom's users.", stderr)
	store := fs.storeFlags()
	if err := fs.parse(args); err != nil {
		return err
	}
	c, err := store.console(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	users, err := c.db.Users(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tLOGIN\tROLE\tLANGUAGES\tDISABLED\t2-STEP")
	for _, u := range users {
		langs := strings.Join(u.Languages, ",")
		if langs == "" {
			langs = "-"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", u.ID, u.Login, u.Role, langs, yesNo(u.Disabled), yesNo(u.TOTPSecret != ""))
	}
	return tw.Flush()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// userSetDisabled disables or enables an account. Disabling also ends the
// user's sessions, so that an open browser stops working at once.
func userSetDisabled(ctx context.Context, args []string, disabled bool, stdout, stderr io.Writer) error {
	verb := "enable"
	if disabled {
		verb = "disable"
	}
	fs := newFlagSet("user "+verb+" --login NAME", "Lets a newsroom user log in again, or stops them ("+verb+").", stderr)
	store := fs.storeFlags()
	login := fs.String("login", "", "login name of the user")
	if err := fs.parse(args); err != nil {
		return err
	}
	c, u, err := findUser(ctx, store, *login)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.news.SetDisabled(ctx, c.actor, u.ID, disabled); err != nil {
		return c.explain(err)
	}
	fmt.Fprintf(stdout, "%sd %q.\n", strings.ToUpper(verb[:1])+verb[1:], u.Login)
	return nil
}
