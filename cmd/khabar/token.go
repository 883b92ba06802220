package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// tokenCommand dispatches "khabar token create".
func tokenCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: khabar token create --login NAME --role ROLE [--name NAME] [--expires YYYY-MM-DD]")
	}
	fs := newFlagSet("token create --login NAME --role ROLE [flags]",
		"Makes an Admin API token that acts for a newsroom account, with its role or a lesser one, and prints it once:\n"+
			"keep it where the program that uses it reads it. The audit log records that the console made it.", stderr)
	store := fs.storeFlags()
	login := fs.String("login", "", "the account the token acts for")
	role := fs.String("role", "", "the token's role: the account's own or a lesser one (admin, editor, author, translator)")
	name := fs.String("name", "command line", "what the token is for, shown in the account's list of tokens")
	expires := fs.String("expires", "", "last day the token works (YYYY-MM-DD, in the site's time zone); empty for never")
	if err := fs.parse(args[1:]); err != nil {
		return err
	}
	if *login == "" || *role == "" {
		return errors.New("--login and --role are required")
	}
	c, err := store.console(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	u, err := c.db.UserByLogin(ctx, *login)
	if err != nil {
		return c.explain(err)
	}
	secret, t, err := c.news.CreateTokenFor(ctx, c.actor, u.ID, newsroom.TokenInput{Name: *name, Role: khabar.Role(*role), Expires: *expires})
	if err != nil {
		return c.explain(err)
	}
	fmt.Fprintln(stdout, secret)
	fmt.Fprintf(stderr, "Token %d (%s) for %s: send it as \"Authorization: Bearer …\". It is not shown again.\n", t.ID, t.Role, u.Login)
	return nil
}
