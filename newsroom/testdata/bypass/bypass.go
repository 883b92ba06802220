// Package bypass writes to the store without the newsroom: the door test
// must find each of these calls, and not the newsroom's own.
package bypass

import (
	"context"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/sqlstore"
)

func ByInterface(ctx context.Context, store khabar.Store) error {
	return store.Update(ctx, func(ctx context.Context) error {
		return store.CreateSection(ctx, &khabar.Section{})
	})
}

func ByConcreteStore(ctx context.Context, db *sqlstore.DB) error {
	return db.SaveSettings(ctx, khabar.DefaultSettings())
}

func ThroughTheDoor(ctx context.Context, news *newsroom.Service, actor *khabar.User) error {
	_, err := news.SaveSection(ctx, actor, 0, newsroom.SectionInput{})
	if err != nil {
		return err
	}
	return news.SaveSettings(ctx, actor, khabar.DefaultSettings())
}
