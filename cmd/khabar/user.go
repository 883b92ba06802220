package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/auth"
	"github.com/khabarnews/khabar/lang"
)

// userAdd creates a newsroom account. The password is read from the first
// line of standard input, so that it never appears in the process list or
// the shell history.
func userAdd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("user add --login NAME --role ROLE [flags] < password-file",
		"Creates a newsroom account. The password is read from the first line of standard input.", stderr)
	data := fs.String("data", "data", "directory of the database")
	login := fs.String("login", "", "login name (no spaces)")
	name := fs.String("name", "", "display name (default: the login)")
	role := fs.String("role", "author", "role: admin, editor, author or translator")
	email := fs.String("email", "", "e-mail address")
	langs := fs.String("languages", "", "a translator's target languages, comma-separated (e.g. ru,en)")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *login == "" {
		return errors.New("--login is required")
	}
	u := &khabar.User{Login: *login, Slug: lang.Slugify(*login, "en", "translit"), Email: *email, Role: khabar.Role(*role)}
	if u.Slug == "" {
		u.Slug = *login
	}
	display := *name
	if display == "" {
		display = *login
	}
	u.Names = khabar.Text{"en": display}
	for _, l := range strings.Split(*langs, ",") {
		if l = strings.TrimSpace(l); l != "" {
			u.Languages = append(u.Languages, l)
		}
	}
	password, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("reading the password from standard input: %w", err)
	}
	password = strings.TrimRight(password, "\r\n")
	if err := auth.CheckStrength(password); err != nil {
		return err
	}
	if u.PasswordHash, err = auth.Hash(password, auth.DefaultParams); err != nil {
		return err
	}
	db, _, err := openStore(ctx, *data)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.CreateUser(ctx, u); err != nil {
		return errors.New(khabar.ErrorMessage(err))
	}
	fmt.Fprintf(stdout, "Created %s %q (id %d).\n", u.Role, u.Login, u.ID)
	return nil
}
