package main

import (
	"context"
	"errors"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/i18n"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/sqlstore"
)

// console is what a maintenance command works with: the store, and the
// newsroom on it, through which every change goes, made by the operator
// at the console.
type console struct {
	db    *sqlstore.DB
	blobs khabar.BlobStore
	news  *newsroom.Service
	cat   *i18n.Catalog
	actor *khabar.User
}

// console opens the database and the media store the flags name.
func (s storeFlags) console(ctx context.Context) (*console, error) {
	cat, err := i18n.Load()
	if err != nil {
		return nil, err
	}
	db, blobs, err := s.open(ctx)
	if err != nil {
		return nil, err
	}
	return &console{db: db, blobs: blobs, news: newsroom.New(db, blobs, nil, nil), cat: cat, actor: newsroom.Console()}, nil
}

func (c *console) Close() error { return c.db.Close() }

// explain turns an error a person can act on (a login taken, a weak
// password) into its message; others stay as they are, for the log.
func (c *console) explain(err error) error {
	if err == nil || khabar.ErrorCode(err) == khabar.EInternal {
		return err
	}
	return errors.New(c.cat.Error("en", lang.LatnDigits, err))
}
